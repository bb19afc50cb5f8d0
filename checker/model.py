"""The document model: what every extractor produces and every rule reads.

An extractor turns one file into a :class:`Document`: an ordered list of blocks, each a
:class:`Paragraph` or a :class:`RawTable`, and each knowing where it came from (:class:`Location`).
Nothing here knows about file formats; nothing here knows about the template either. Matching
blocks to the template's sections and tables is the binder's job (``checker.binding``).
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

# pdfplumber's vocabulary: x0, top, x1, bottom in PDF points, origin at the top-left of the page.
BBox = tuple[float, float, float, float]


_JSON_KEYS = {"table": "table_index", "row": "grid_row", "col": "grid_col"}


class Location(Struct, frozen=True):
    """Where an element came from. Every field but ``path`` is optional: a format fills what it knows.

    - text: ``line`` (1-based)
    - PDF: ``page`` (1-based) and ``bbox``
    - DOCX: ``paragraph`` (0-based body paragraph index) or ``table``/``row``/``col``
    - HTML: ``element`` (a CSS-selector-like path) and ``line``
    """

    path: str
    line: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    element: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The non-empty fields, for JSON output. Grid indices are named ``table_index``,
        ``grid_row`` and ``grid_col`` so they never clash with a finding's template labels."""
        out: dict[str, Any] = {}
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if value is None:
                continue
            key = _JSON_KEYS.get(name, name)
            out[key] = [round(v, 2) for v in value] if name == "bbox" else value
        return out

    def sort_key(self) -> tuple[int, int, float, int, int, int, int, int]:
        # Document order: a DOCX table carries the paragraph it follows, so it sorts after that
        # paragraph's findings and before the next one's.
        return (
            self.page or 0,
            self.line or 0,
            self.bbox[1] if self.bbox else 0.0,
            self.paragraph if self.paragraph is not None else (self.table or 0),
            0 if self.table is None else 1,
            self.table or 0,
            self.row or 0,
            self.col or 0,
        )


class Paragraph(Struct, frozen=True):
    """A run of text outside any table: a heading, a line of prose, a closing-block line.

    ``heading_level`` is set only when the format itself says so (a DOCX heading style, an HTML
    ``<h2>``); for text and PDF it stays ``None`` and headings are recognised by the pack's labels.
    ``indent``, for a line of a text file only, is the number of characters of space before its
    text: text laid out with spaces (``pdftotext -layout``) lines a table's columns up that way.
    """

    text: str
    location: Location
    heading_level: int | None = None
    indent: int | None = None


class RawCell(Struct, frozen=True):
    """One grid position of a table, as found.

    Merged cells are expanded: every grid position a merged cell covers holds a cell with the same
    text, and ``origin`` (row, col) points at the merged cell's top-left position. ``uncertain`` is
    set when the extractor had to guess (a value placed by x-position alone, a wrapped label).
    """

    text: str
    location: Location
    origin: tuple[int, int] | None = None
    uncertain: bool = False

    @property
    def is_merged_copy(self) -> bool:
        return self.origin is not None and (self.location.row, self.location.col) != self.origin


class RawTable(Struct, frozen=True):
    """A table as a rectangular grid of cells, merged cells expanded (see :class:`RawCell`).

    ``rows`` may be ragged when the source dropped empty cells; the binder copes with both.
    ``index`` is the table's 0-based position among the document's tables.
    """

    rows: tuple[tuple[RawCell, ...], ...]
    location: Location
    index: int = 0

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


Block = Paragraph | RawTable


class Document(Struct):
    """Everything an extractor read from one file.

    ``problems`` holds the extractor's own findings (unreadable pages, a table published as an
    image, a limit hit). ``status_error`` is set when the file could not be read at all, so the
    rules must not run: "no findings" never means "nothing was read".
    """

    path: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    problems: list[Any] = field(default_factory=list)  # list[checker.finding.Finding]
    unreadable: bool = False

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]

    def text(self) -> str:
        """All paragraph text and cell text, in order; used to sniff year, version and mojibake."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(" ".join(c.text for c in row) for row in block.rows)
        return "\n".join(parts)
