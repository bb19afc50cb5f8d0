"""What the HTML report needs beyond the findings: the file re-read as the checker read it.

The findings travel from worker processes in the small, picklable ``FileResult``; the tables and
grids they point at do not. Rather than carry every file's bound tables through the pool (and the
result cache) on every run for a format that is rarely asked for, the HTML formatter re-reads here
only the files it shows in detail (those with findings, or every file of a small run): one more
extract and bind per such file, nothing at all on a run without ``--format html``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from checker.finding import FileResult
from checker.model import Document, Location, Paragraph, RawTable

if TYPE_CHECKING:
    from checker.engine import Engine


class FileEvidence(Struct):
    """One file as the checker read it: the bound model (``report-check extract``'s JSON shape),
    the raw grids by table index, and the paragraphs by where they are."""

    format: str | None
    model: dict[str, Any] | None = None  # checker.extract.report_to_dict, None when unreadable
    grids: dict[int, RawTable] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    page_count: int | None = None

    def source_text(self, location: Location) -> str | None:
        """The text at a finding's line, DOCX paragraph or HTML element (for formats without pages)."""
        if location.table is not None and location.row is not None:
            grid = self.grids.get(location.table)
            if grid is not None and location.row < len(grid.rows):
                return " | ".join(c.text for c in grid.rows[location.row])
        for para in self.paragraphs:
            loc = para.location
            if location.paragraph is not None and loc.paragraph == location.paragraph:
                return para.text
            if location.element is not None and loc.element == location.element:
                return para.text
            plain = location.paragraph is None and location.element is None
            if plain and location.line is not None and loc.line == location.line:
                return para.text
        return None


def engine_for(run_engine: Engine | None) -> Engine:
    """The run's engine, or one with default settings when the formatter is used on its own."""
    if run_engine is not None:
        return run_engine
    from checker.engine import Engine, Settings

    return Engine(Settings())


def reread(engine: Engine, result: FileResult, lang: str) -> FileEvidence:
    """Extract and bind one file again with the pack it was checked with."""
    from checker.binding import bind
    from checker.extract import report_to_dict

    path = Path(result.path)
    document: Document = engine.extract(path)
    evidence = FileEvidence(document.format, page_count=document.page_count)
    if document.unreadable:
        return evidence
    evidence.grids = {t.index: t for t in document.tables}
    evidence.paragraphs = document.paragraphs
    if result.pack is None:
        return evidence
    settings = engine.settings.for_file(path)
    pack = engine.registry.load(result.pack)  # loaded already for the check: the same engine's registry
    evidence.model = report_to_dict(bind(document, pack, settings.params), lang)
    return evidence
