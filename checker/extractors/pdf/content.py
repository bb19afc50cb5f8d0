"""The decompressed size of each page's content streams, counted before pdfium parses the page.

pdfium inflates and parses a page's whole content stream when the page is loaded: a 1 MB stream
that inflates to 200 MB of drawing operators takes it half a minute and gigabytes. pdfminer (a
dependency of pdfplumber, in the ``pdf`` extra) reads the page tree and the raw streams without
decoding them; each Flate stream is inflated here with a bound, so the count stops at the limit.
Without pdfminer the check is skipped (the per-file time and memory limits still apply).

Importing pdfminer costs ~70 ms, a third of a cold check of a small PDF, so the count runs only
for a file whose bytes do not already prove every page under the limit
(:func:`checker.extractors.pdf.prescan.could_exceed`, a few milliseconds). Once pdfminer is
imported (or after a few PDFs in one process: a worker of a repository run) the count itself is
as cheap as the scan or cheaper (3 ms against 9 on the corpus PDF), and runs directly. Either way
the verdict is the count's: the scan only clears files no page of which can be over.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.extractors.base import Limits
from checker.extractors.limits import LimitExceeded
from checker.extractors.pdf.prescan import could_exceed

_CHUNK = 1 << 20
_SCANS_BEFORE_IMPORT = 8  # PDFs one process clears by the scan before it pays for pdfminer's import
_scans = [0]


def check_page_contents(path: Path, limits: Limits) -> None:
    """Raise LimitExceeded for the first page whose content streams inflate past the limit."""
    if "pdfminer" not in sys.modules and _scans[0] < _SCANS_BEFORE_IMPORT:
        _scans[0] += 1
        if not could_exceed(path, limits.pdf_page_content_bytes):
            return
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
    except ImportError:
        return
    allowed = limits.pdf_page_content_bytes
    with path.open("rb") as handle:
        try:
            pages: Iterator[Any] = PDFPage.create_pages(PDFDocument(PDFParser(handle)))
            for number, page in enumerate(pages, 1):
                if number > limits.max_pages:
                    return  # the extractor reports the page count
                contents = resolve1(page.attrs.get("Contents"))
                streams = contents if isinstance(contents, list) else [contents]
                total = 0
                for item in streams:
                    stream = resolve1(item) if isinstance(item, PDFObjRef) else item
                    if isinstance(stream, PDFStream):
                        total += _inflated_size(stream, allowed - total + 1)
                        if total > allowed:
                            raise LimitExceeded("pdf_page_content_bytes", total, allowed,
                                                (f"第{number}页", f"page {number}"), at_least=True)
        except LimitExceeded:
            raise
        except Exception:  # noqa: BLE001 - only a pre-check: pdfium gives the verdict on damage
            return


def _inflated_size(stream: Any, budget: int) -> int:
    """Bytes the stream decodes to, counted up to ``budget`` (Flate inflated in bounded steps;
    other filters, rare in content streams, count their raw length)."""
    filters = stream.get_filters() if hasattr(stream, "get_filters") else []
    raw = stream.rawdata if stream.rawdata is not None else b""
    names = [str(getattr(f, "name", f)) for f, _ in filters]
    if not names or names[0] not in ("FlateDecode", "Fl"):
        return len(raw)
    inflater = zlib.decompressobj()
    size = 0
    data = raw
    while data and size < budget:
        try:
            out = inflater.decompress(data, _CHUNK)
        except zlib.error:
            return size  # damaged: pdfium reports it
        size += len(out)
        data = inflater.unconsumed_tail
        if not out and not data:
            break
    return size
