"""One page read with pypdfium2: its characters with boxes, its ruled tables' cells, its images.

pypdfium2 reads a page's text, character boxes and drawn lines in a few milliseconds, about twenty
times faster than pdfplumber parses it.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import Any

from msgspec import Struct, field

from checker.extractors.limits import LimitExceeded
from checker.extractors.pdf.layout import Char, fold_char
from checker.extractors.pdf.rulings import Ruling, page_rulings, table_cells
from checker.model import BBox


class PageScan(Struct):
    """What the fast pass found on one page."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    images: int = 0
    tables: Sequence[list[BBox]] = field(default_factory=list)  # cell boxes of each ruled table (rulings.CellBoxes)
    rotation: int = 0  # the page's /Rotate; coordinates above are already turned with it


def _chars(textpage: Any, raw: Any, height: float, number: int = 0, max_chars: int | None = None) -> list[Char]:
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    if max_chars is not None and count > max_chars:  # the layout's work grows faster than the count
        raise LimitExceeded("pdf_page_chars", count, max_chars, (f"第{number}页", f"page {number}"))
    rect = raw.FS_RECTF()
    box = ctypes.byref(rect)
    unicode, generated, loose_box = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
    out: list[Char] = []
    indices: list[int] = []
    for i in range(count):
        code = unicode(handle, i)
        if code in _SKIP or (code <= 0x20 and generated(handle, i) == 1):
            continue  # line ends, and the spaces pdfium inserts itself
        if 0xD800 <= code <= 0xDFFF:  # a surrogate half: the text layer is broken here
            code = 0xFFFD
        if not loose_box(handle, i, box):
            continue
        text = fold_char(chr(code)) if 0x2F00 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF else chr(code)
        out.append(Char(text, rect.left, height - rect.top, rect.right, height - rect.bottom))
        indices.append(i)
    return _reach_baseline(out, indices, handle, raw, height)


def _reach_baseline(chars: list[Char], indices: list[int], handle: Any, raw: Any, height: float) -> list[Char]:
    """Characters whose box stops far above the line's baseline, taken down to it.

    pdfium's loose box spans a font's ascent and descent; for a font that lacks them (LibreOffice's
    export of a web page, a fallback font for "一" or quotation marks) it is the glyph's own box: a
    flat "一" or a "“" then sits above its neighbours' bottoms, and the line is cut in two ("一" /
    "、总体情况"). Such a box (under 60 % of the page's usual character height) gets its bottom at
    the character's baseline plus a tenth of that height: where its neighbours' boxes end.
    """
    heights = sorted(c.bottom - c.top for c in chars if not c.text.isspace())
    if not heights:
        return chars
    usual = heights[len(heights) // 2]
    x, y = ctypes.c_double(), ctypes.c_double()
    for k, ch in enumerate(chars):
        short = ch.bottom - ch.top < 0.6 * usual and not ch.text.isspace()
        if short and raw.FPDFText_GetCharOrigin(handle, indices[k], ctypes.byref(x), ctypes.byref(y)):
            bottom = height - y.value + 0.1 * usual
            if bottom > ch.bottom:
                chars[k] = ch._replace(bottom=bottom)
    return chars


_SKIP = frozenset((0, 0xA, 0xD, 0xFFFE))


def _check_text_objects(handle: Any, raw: Any, number: int, max_chars: int) -> None:
    """Text objects on the page (each holds at least one character), counted before pdfium builds
    its text page: that takes quadratic time in separately placed characters (40,000 took 14 s)."""
    count = 0
    text = raw.FPDF_PAGEOBJ_TEXT
    for i in range(raw.FPDFPage_CountObjects(handle)):
        if raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(handle, i)) == text:
            count += 1
            if count > max_chars:
                raise LimitExceeded("pdf_page_chars", count, max_chars, (f"第{number}页", f"page {number}"),
                                    at_least=True)


def scan_page(pdf: Any, index: int, max_chars: int | None = None) -> PageScan:
    """Read page ``index`` (0-based): its characters, images and ruled tables.

    Coordinates are those of the page as displayed: on a page with ``/Rotate`` (a landscape table
    page) characters and rulings are turned with it, so lines read left to right and boxes are
    where a reviewer sees them.
    """
    from pypdfium2 import raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        rotation = page.get_rotation() % 360
        if max_chars is not None:  # before the rulings' walk over every object, too
            _check_text_objects(page.raw, raw, index + 1, max_chars)
        rulings, images = page_rulings(page, raw, height)
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, raw, height, index + 1, max_chars)
        finally:
            textpage.close()
    finally:
        page.close()
    if rotation:
        chars = [Char(c.text, *turn((c.x0, c.top, c.x1, c.bottom), rotation, width, height)) for c in chars]
        rulings = [turn_ruling(r, rotation, width, height) for r in rulings]
        width, height = (height, width) if rotation in (90, 270) else (width, height)
    return PageScan(index + 1, width, height, chars, images, table_cells(rulings), rotation)


def turn(box: BBox, rotation: int, width: float, height: float) -> BBox:
    """A box in the unrotated page's top-left coordinates, as shown on the page turned clockwise
    by ``rotation`` degrees (the page's ``/Rotate``)."""
    x0, top, x1, bottom = box
    if rotation == 90:
        return (height - bottom, x0, height - top, x1)
    if rotation == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if rotation == 270:
        return (top, width - x1, bottom, width - x0)
    return box


def turn_ruling(ruling: Ruling, rotation: int, width: float, height: float) -> Ruling:
    box = (ruling.start, ruling.pos, ruling.end, ruling.pos) if ruling.horizontal else \
        (ruling.pos, ruling.start, ruling.pos, ruling.end)
    x0, top, x1, bottom = turn(box, rotation, width, height)
    if x1 - x0 >= bottom - top:
        return Ruling(True, (top + bottom) / 2, x0, x1)
    return Ruling(False, (x0 + x1) / 2, top, bottom)
