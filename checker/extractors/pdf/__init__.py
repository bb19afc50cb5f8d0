"""The PDF extractor plugin: every line and table cell with its page and box.

One fast pass per page with pypdfium2 reads the characters with their boxes and the drawn ruling
lines; ruled tables are rebuilt from the rulings (``rulings.py``, the lattice idea of pdfplumber's
table finder at a few milliseconds a page) and filled from the characters (``lattice.py``). Tables
without ruling lines are rebuilt from text positions (``textgrid.py``, cells marked uncertain). A
table continued on the next page is joined into one (``grid.py``); page numbers and running
headers and footers are dropped. Each page is closed as soon as it is read.

``PdfExtractor(engine="pdfplumber")`` takes the cell grid from pdfplumber's own lattice finder on
the pages where rulings were found instead: the reference the tests compare with, ~10x slower.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

from msgspec import Struct, field

from checker import hookimpl, internal
from checker.extractors.base import Limits
from checker.extractors.deps import dependency_problem, missing
from checker.extractors.limits import LimitExceeded, limit_problem
from checker.extractors.pdf import lattice, problems
from checker.extractors.pdf.content import check_page_contents
from checker.extractors.pdf.grid import Piece, continues, to_raw_table
from checker.extractors.pdf.layout import Line, build_lines, inside, is_page_number, running_keys
from checker.extractors.pdf.pdfium import PageScan, scan_page
from checker.extractors.pdf.textgrid import find_text_tables
from checker.model import BBox, Block, Document, Location, Paragraph

ENGINES = ("pdfium", "pdfplumber")  # who finds the ruled tables' cells (see lattice.py)
# PDFium is not thread-safe: two threads in it at once crash the process (a Dask worker running
# tasks in several threads, a library user's thread pool). One extraction at a time per process;
# the local workers are processes, so this costs them nothing.
_PDFIUM = threading.Lock()
MARGIN = 0.1  # top and bottom tenth of a page: where page numbers and running lines live


class _Text(Struct):
    text: str
    bbox: BBox
    margin: bool  # in the top or bottom margin zone: a candidate running header or footer


class _Page(Struct):
    number: int
    items: list[_Text | Piece] = field(default_factory=list)


class PdfExtractor:
    name: ClassVar[str] = "pdf"
    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)
    priority: ClassVar[int] = 0

    extra: ClassVar[str] = "pdf"

    def __init__(self, engine: str = "pdfium") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown PDF table engine {engine!r}; choose from {ENGINES}")
        self.engine = engine
        # the default engine needs only pypdfium2; pdfplumber is the reference engine's
        self.requires = ("pypdfium2", "pdfplumber") if engine == "pdfplumber" else ("pypdfium2",)

    def accepts(self, path: Path, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]  # readers allow junk before the header

    def extract(self, path: Path, limits: Limits) -> Document:
        if missing(self):
            return dependency_problem(path, self)
        with _PDFIUM:
            return self._extract(path, limits)

    def _extract(self, path: Path, limits: Limits) -> Document:
        import pypdfium2 as pdfium

        try:
            size = path.stat().st_size
        except OSError as exc:
            return problems.broken(path, exc.strerror or str(exc))
        if size > limits.max_bytes:
            return problems.too_large(path, size, limits.max_bytes)
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                return problems.encrypted(path)
            return _diagnose(path, str(exc))
        try:
            check_page_contents(path, limits)  # before pdfium inflates and parses any page
            return _read(path, pdf, limits, self.engine)
        except LimitExceeded as exc:
            return limit_problem(path, problems.FORMAT, exc)
        finally:
            pdf.close()


def _diagnose(path: Path, detail: str) -> Document:
    """pdfium refused the file. It also refuses a well-formed PDF without pages: ask pdfminer
    (installed with pdfplumber) whether that is all that is wrong."""
    if importlib.util.find_spec("pdfminer") is None:  # pdfplumber's parser; a second opinion only
        return problems.broken(path, detail)
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    try:
        with path.open("rb") as handle:
            pages = sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(handle))))
    except (PSException, OSError):  # pdfminer's own errors: it finds the file damaged too
        pages = None
    except Exception as exc:  # re-raised unless pdfminer itself failed (BLE001 allows that)
        # pdfium already refused the file; pdfminer failing inside its own code on it (a KeyError
        # deep in its xref reader) is more damage, not our bug. Anything raised elsewhere is ours.
        if not internal.raised_inside(exc, "pdfminer"):
            raise
        pages = None
    if pages == 0:
        return problems.empty(path)
    return problems.broken(path, detail)


def _read(path: Path, pdf: Any, limits: Limits, engine: str) -> Document:
    import pypdfium2 as pdfium

    count = len(pdf)
    if count == 0:
        return problems.empty(path)
    if count > limits.max_pages:
        return problems.too_many_pages(path, count, limits.max_pages)
    doc = Document(path=str(path), format=problems.FORMAT, page_count=count)
    pages: list[_Page] = []
    no_text: list[int] = []
    image_only: list[int] = []
    plumber: Any = None
    try:
        for index in range(count):
            try:
                scan = scan_page(pdf, index, limits.pdf_page_chars)
            except pdfium.PdfiumError as exc:  # pdfium refused one page: read the others
                # Only pdfium's own error is damage of the file; LimitExceeded and any other
                # exception go up (a TypeError once called pages "damaged" that were fine).
                doc.problems.append(problems.broken_page(path, index + 1, str(exc)))
                pages.append(_Page(index + 1))
                continue
            if not any(not c.text.isspace() for c in scan.chars):
                no_text.append(scan.number)
                if scan.images:
                    image_only.append(scan.number)
                pages.append(_Page(scan.number))
                continue
            low, high = scan.height * MARGIN, scan.height * (1 - MARGIN)
            if scan.images and not any(low < c.top < high and not c.text.isspace() for c in scan.chars):
                image_only.append(scan.number)  # an image with a page number: a scanned page
            if engine == "pdfplumber" and scan.tables:
                if plumber is None:
                    import pdfplumber

                    plumber = pdfplumber.open(str(path))
                scan.tables = _plumber_tables(path, plumber, scan.number, doc)
            pages.append(_layout(scan, lattice.pieces(scan.number, scan.tables, scan.chars)))
    finally:
        if plumber is not None:
            plumber.close()
    if len(no_text) == count:
        doc.unreadable = True
        doc.problems.append(problems.no_text(path, no_text, count))
        return doc
    if doc.problems and len(doc.problems) + len(no_text) == count:  # no page gave text
        doc.unreadable = True
        return doc
    if image_only:
        doc.problems.append(problems.no_text(path, image_only, count))
    doc.blocks = _blocks(str(path), pages)
    garbled, sample = problems.is_garbled(doc.text())
    if garbled:
        doc.unreadable = True
        doc.problems.append(problems.mojibake(path, sample))
    return doc


def _plumber_tables(path: Path, plumber: Any, number: int, doc: Document) -> list[list[BBox]]:
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    page = plumber.pages[number - 1]
    try:
        return lattice.plumber_tables(page)
    except (PSException, PdfminerException, MalformedPDFException) as exc:  # a damaged content stream
        doc.problems.append(problems.broken_page(path, number, type(exc).__name__))
        return []
    finally:
        page.close()


def _layout(scan: PageScan, pieces: list[Piece]) -> _Page:
    """One page's items top to bottom: text lines outside the tables, and table pieces."""
    free = [c for c in scan.chars if not any(inside(c, p.bbox) for p in pieces)]
    lines: list[Line] = build_lines(free)
    text_pieces, used = find_text_tables(scan.number, lines)
    page = _Page(scan.number)
    items: list[tuple[float, _Text | Piece]] = [(p.bbox[1], p) for p in pieces + text_pieces]
    low, high = scan.height * MARGIN, scan.height * (1 - MARGIN)
    for i, line in enumerate(lines):
        if i in used:
            continue
        margin = line.bottom <= low or line.top >= high
        if margin and is_page_number(line.text):
            continue
        items.append((line.top, _Text(line.text, line.bbox, margin)))
    page.items = [item for _, item in sorted(items, key=lambda t: t[0])]
    return page


def _running_lines(pages: list[_Page]) -> set[str]:
    """Keys of margin lines that repeat on at least half the pages (and on two or more)."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({running_keys(t.text, t.bbox[1]) for t in page.items
                     if isinstance(t, _Text) and t.margin})
    need = max(2, math.ceil(len(pages) / 2))
    return {key for key, n in seen.items() if n >= need}


def _blocks(path: str, pages: list[_Page]) -> list[Block]:
    running = _running_lines(pages) if len(pages) > 1 else set()
    blocks: list[Block] = []
    pending: list[Piece] = []  # pieces of the table being read, one per page
    tables = 0

    def flush() -> None:
        nonlocal tables
        if pending:
            blocks.append(to_raw_table(path, pending, tables))
            tables += 1
            pending.clear()

    for page in pages:
        items = [t for t in page.items
                 if not (isinstance(t, _Text) and t.margin and running_keys(t.text, t.bbox[1]) in running)]
        for position, item in enumerate(items):
            if isinstance(item, Piece):
                if not (pending and position == 0 and pending[-1].page == page.number - 1
                        and continues(pending[-1], item)):
                    flush()
                pending.append(item)
                continue
            flush()
            blocks.append(Paragraph(item.text, Location(path, page=page.number, bbox=item.bbox)))
    flush()
    return blocks


@hookimpl
def report_check_extractors() -> list[PdfExtractor]:
    return [PdfExtractor()]
