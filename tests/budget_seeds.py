"""Seeded copies of the real 部门决算 reports, made by editing the extracted document.

The real PDFs (``../shared/corpus/budget``) are extracted once; a seed is a list of exact edits
on that Document - a cell's text, a paragraph's text, a table removed with its title - so each
copy differs from the real report by exactly the defect it plants. ``check`` runs the engine on
the edited document as if it had been read from the file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from msgspec.structs import replace

from checker.engine import Engine, Settings
from checker.extractors.base import Limits
from checker.extractors.pdf import PdfExtractor
from checker.finding import FileResult
from checker.model import Block, Document, Paragraph, RawCell, RawTable
from tests.conftest import CORPUS

BUDGET = CORPUS / "budget"
PLANNING = BUDGET / "putuo-planning-2024.pdf"
SOCIAL = BUDGET / "putuo-social-work-2024.pdf"
TEMPLATE = BUDGET / "template-putuo-2024.pdf"


@cache
def extracted(path: Path) -> Document:
    return PdfExtractor().extract(path, Limits())


def warm() -> None:
    """Extract the three reports now (tests/conftest.py: once for a whole mutation-testing run)."""
    for path in (PLANNING, SOCIAL, TEMPLATE):
        extracted(path)
    budget_markdown()


def copy(document: Document) -> Document:
    return Document(document.path, document.format, list(document.blocks), document.page_count, list(document.problems))


def set_cell(document: Document, page: int, row_label: str, old: str, new: str) -> Document:
    """The cell reading ``old`` in the row (of a table on ``page``) whose cells include ``row_label``."""
    out = copy(document)
    for index, block in enumerate(out.blocks):
        if not isinstance(block, RawTable) or block.location.page != page:
            continue
        rows = list(block.rows)
        for r, row in enumerate(rows):
            if not any(c.text == row_label for c in row):
                continue
            hits = [c for c, cell in enumerate(row) if cell.text == old]
            if hits:
                cells = list(row)
                cells[hits[0]] = RawCell(new, row[hits[0]].location, row[hits[0]].origin, row[hits[0]].uncertain)
                rows[r] = tuple(cells)
                out.blocks[index] = RawTable(tuple(rows), block.location, block.index)
                return out
    raise AssertionError(f"no cell {old!r} in a row {row_label!r} on page {page}")


def set_text(document: Document, old: str, new: str) -> Document:
    """Replace ``old`` in the one paragraph that holds it."""
    out = copy(document)
    hits = [i for i, b in enumerate(out.blocks) if isinstance(b, Paragraph) and old in b.text]
    assert len(hits) == 1, f"{old!r} is in {len(hits)} paragraphs"
    block = out.blocks[hits[0]]
    assert isinstance(block, Paragraph)
    out.blocks[hits[0]] = replace(block, text=block.text.replace(old, new))
    return out


def remove_table(document: Document, title: str) -> Document:
    """Drop the table printed under the paragraph ``title`` (the title stays: the table is gone)."""
    out = copy(document)
    start = next(i for i, b in enumerate(out.blocks) if isinstance(b, Paragraph) and b.text == title and i > 40)
    table = next(i for i in range(start, len(out.blocks)) if isinstance(out.blocks[i], RawTable))
    del out.blocks[table]
    return out


def markdown(document: Document) -> str:
    """The document as Markdown: a line per paragraph, a pipe table per grid (the ``budget-md``
    base of the budget pack's rule examples; the text extractor reads it back as the same grids)."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out += [block.text, ""]
            continue
        rows = [[c.text.replace("|", "｜").replace("\n", "") for c in row] for row in block.rows]
        width = max(len(r) for r in rows)
        for index, row in enumerate(rows):
            out.append("| " + " | ".join(row + [""] * (width - len(row))) + " |")
            if index == 0:
                out.append("|" + "---|" * width)
        out.append("")
    return "\n".join(out)


@cache
def budget_markdown() -> str:
    """The 规划资源局 report as Markdown (the ``budget-md`` example base)."""
    return markdown(extracted(PLANNING))


def check(document: Document, engine: Engine | None = None) -> FileResult:
    """The engine's result for an (edited) document, as if read from its file."""
    engine = engine or budget_engine()
    blocks: list[Block] = document.blocks
    engine.extract = lambda path: Document(document.path, document.format, blocks, document.page_count, [])  # type: ignore[method-assign]
    try:
        return engine.check_file(Path(document.path))
    finally:
        del engine.extract


@cache
def budget_engine() -> Engine:
    return Engine(Settings(pack="budget-final"))
