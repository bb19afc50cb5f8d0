"""One page read with pypdfium2: its characters with boxes, its ruled tables' cells, its images.

pypdfium2 reads a page's text, character boxes and drawn lines in a few milliseconds, about twenty
times faster than pdfplumber parses it.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

from checker.extractors.pdf.layout import Char, fold_char
from checker.extractors.pdf.rulings import page_rulings, table_cells
from checker.model import BBox


@dataclass
class PageScan:
    """What the fast pass found on one page."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    images: int = 0
    tables: list[list[BBox]] = field(default_factory=list)  # cell boxes of each ruled table


def _chars(textpage: Any, raw: Any, height: float) -> list[Char]:
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    rect = raw.FS_RECTF()
    out: list[Char] = []
    for i in range(count):
        if raw.FPDFText_IsGenerated(handle, i) == 1:
            continue
        code = raw.FPDFText_GetUnicode(handle, i)
        if code in (0, 0xFFFE) or code == 0xD or code == 0xA:
            continue
        if 0xD800 <= code <= 0xDFFF:  # a surrogate half: the text layer is broken here
            code = 0xFFFD
        if not raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(rect)):
            continue
        text = fold_char(chr(code))
        out.append(Char(text, rect.left, height - rect.top, rect.right, height - rect.bottom))
    return out


def scan_page(pdf: Any, index: int) -> PageScan:
    """Read page ``index`` (0-based): its characters, images and whether it may hold a grid."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        scan = PageScan(index + 1, width, height)
        rulings, scan.images = page_rulings(page, raw, height)
        scan.tables = table_cells(rulings)
        textpage = page.get_textpage()
        try:
            scan.chars = _chars(textpage, raw, height)
        finally:
            textpage.close()
    finally:
        page.close()
    return scan
