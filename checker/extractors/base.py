"""What an extractor is, and the helpers every extractor shares."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol

from msgspec import Struct

from checker.finding import Finding, Severity, Text
from checker.model import Document, Location


class Limits(Struct, frozen=True):
    """Resource limits an extractor must respect; hitting one is a finding, not a crash."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_uncompressed_bytes: int = 500 * 1024 * 1024  # zip bombs in DOCX
    # Enforced around the extractor by the executor that runs the file (not by the extractor):
    time_seconds: float = 30.0  # wall time per file
    memory_bytes: int = 1024 * 1024 * 1024  # address space of the worker process
    # Enforced inside the extractors (checker.extractors.limits): the work a hostile file can ask
    # for. A real report is far below each (a DOCX part of 2 MB, tables of 60 rows, 2,000 lines).
    zip_member_bytes: int = 64 * 1024 * 1024  # uncompressed, counted while inflating, per member
    pdf_page_content_bytes: int = 32 * 1024 * 1024  # decompressed content streams of one page
    pdf_page_chars: int = 10_000  # characters on one page (a dense report page has 3,000)
    html_depth: int = 256  # nesting of elements (estimated from the tags before parsing)
    html_elements: int = 50_000  # a long report page has a few thousand
    html_entities: int = 50_000  # character references (&nbsp;): a report page has hundreds; thousands are not prose
    table_rows: int = 2_000  # rows of one table (DOCX, HTML, Markdown/pipe text)
    # rows x columns of one table after spans are expanded (a report's largest is ~600); binding
    # labels costs about a millisecond a cell
    table_cells: int = 5_000
    text_line_chars: int = 200_000  # characters in one line of a text file
    text_lines: int = 50_000
    list_number: int = 100_000  # a DOCX list counter (start or value) printed as a label
    blocks: int = 10_000  # paragraphs and tables of one document (any format): binding grows faster than them
    tables: int = 500  # tables of one document (a report has 3 to 20): each is tried against every template table


class Extractor(Protocol):
    """Turns one file into a :class:`~checker.model.Document`.

    ``suffixes`` lists the lower-case file suffixes it takes (".txt"); ``accepts`` may look at the
    first bytes to decide for files with an unknown or misleading suffix. ``extract`` never raises
    for bad input: it returns a Document with ``unreadable=True`` and a problem finding instead.
    Heavy libraries are imported inside ``extract`` so that a text-only run never loads them.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    priority: ClassVar[int]

    def accepts(self, path: Path, head: bytes) -> bool: ...

    def extract(self, path: Path, limits: Limits) -> Document: ...


def extract_problem(
    path: str,
    rule: str,
    zh: str,
    en: str,
    severity: Severity = Severity.ERROR,
    location: Location | None = None,
) -> Finding:
    """An ``extract`` finding: the file, or part of it, could not be read as a report."""
    return Finding(
        rule=rule,
        kind="extract",
        severity=severity,
        message=Text(zh, en),
        path=path,
        location=location or Location(path),
    )


def unreadable(path: Path, fmt: str, rule: str, zh: str, en: str) -> Document:
    """A Document for a file that could not be read at all (status ``error``)."""
    doc = Document(path=str(path), format=fmt, unreadable=True)
    doc.problems.append(extract_problem(str(path), rule, zh, en))
    return doc
