"""The report as the rules see it: a Document bound to a rule pack's template.

Binding (``checker.binding``) finds the pack's sections among the document's paragraphs and maps
its tables, by label, onto :class:`BoundTable` cells addressed by the template's row and column ids.
Rules read only this view, never a file format.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from checker.model import Block, Document, Location, Paragraph
from checker.values import CellValue

if TYPE_CHECKING:
    from collections.abc import Iterator

    from checker.finding import Finding
    from checker.packs.model import BlockSpec, Pack, RowSpec

_KEEP_TEXT = 100_000  # characters of a section's text kept for the rules that ask again


class SectionMatch(Struct, frozen=True):
    """A template section found in the document."""

    id: str
    label: str  # the template's heading
    found: str  # the heading as written
    location: Location
    block: int  # index into Document.blocks
    exact: bool  # False: a near-miss (reworded or misspelt heading)


class BoundCell(Struct, frozen=True):
    row: str  # template row id
    column: str  # template column id
    value: CellValue
    location: Location
    uncertain: bool = False


class LabelVariant(Struct, frozen=True):
    """A row or column label written differently from the template (a typo, a variant)."""

    kind: str  # "row" | "column"
    id: str
    found: str
    location: Location


class MergedGroup(Struct, frozen=True):
    """A template group printed as one row where the template has sub-rows (a 2021 report's
    （六）其他处理 without its rows 1–3, as the 2019 format prints it): its cells are the group's
    total and stand for the sum of the sub-rows in the arithmetic."""

    row: RowSpec  # the group as a row: id "（六）其他处理", label the group's label
    members: tuple[str, ...]  # the template sub-rows it stands for
    found: str  # the label as printed
    location: Location


class BoundTable(Struct):
    """One template table as found: cells keyed by (row id, column id)."""

    id: str
    location: Location
    cells: dict[tuple[str, str], BoundCell] = field(default_factory=dict)
    missing_rows: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    # Columns whose values were read (a text table's values go by order) but whose header label
    # was not found: drift or a header scattered by the extraction, not a missing column.
    unread_headers: list[str] = field(default_factory=list)
    variants: list[LabelVariant] = field(default_factory=list)
    misplaced: bool = False  # found outside its own section
    # The text is out of reading order (values of several rows ran together): every cell is
    # uncertain, and so is a row not found.
    scrambled: bool = False
    problems: list[Finding] = field(default_factory=list)  # extraction doubts while binding
    merged: dict[str, MergedGroup] = field(default_factory=dict)  # by the group row's id

    def get(self, row: str, column: str) -> BoundCell | None:
        return self.cells.get((row, column))

    def rows(self, block: BlockSpec) -> list[RowSpec]:
        """The block's template rows as found: a group printed as one row stands in place of
        its sub-rows."""
        rows = list(block.rows)
        for group in self.merged.values():
            members = set(group.members)
            at = next((i for i, r in enumerate(rows) if r.id in members), None)
            if at is None:
                continue
            rows = [r for r in rows if r.id not in members]
            rows.insert(at, group.row)
        return rows

    def merged_group(self, row_id: str) -> MergedGroup | None:
        """The group printed as one row that stands for template row ``row_id``, if any."""
        return next((g for g in self.merged.values() if row_id in g.members), None)


class ClosingBlock(Struct, frozen=True):
    agency: str | None
    agency_location: Location | None
    date_text: str | None
    date: date | None
    date_location: Location | None


class Report(Struct, dict=True):  # dict: room for the cached property below
    document: Document
    pack: Pack
    title: str | None = None
    title_location: Location | None = None
    agency: str | None = None
    year: int | None = None
    year_source: str | None = None
    sections: list[SectionMatch] = field(default_factory=list)
    tables: dict[str, BoundTable] = field(default_factory=dict)
    # Tables not bound but there in pieces (header words and figures on lines of their own: text
    # taken out of a PDF in drawing order), by table id: where the pieces begin
    pieces: dict[str, Location] = field(default_factory=dict)
    closing: ClosingBlock | None = None
    period: tuple[int, str, Location] | None = None  # stated 统计期限: year, text, where
    extra_headings: list[Paragraph] = field(default_factory=list)
    foreign_labels: dict[str, list[tuple[str, Location]]] = field(default_factory=dict)  # by table id
    params: dict[str, object] = field(default_factory=dict)
    ledgers: dict[str, Any] = field(default_factory=dict)  # checker.binding.coded.BoundLedger by id

    @property
    def path(self) -> str:
        return self.document.path

    @cached_property
    def _texts(self) -> dict[str, str | None]:
        # section_text by section id, when short: several rules ask for 六; a long section
        # (millions of characters) is not kept for the rest of the check
        return {}

    def section(self, section_id: str) -> SectionMatch | None:
        for match in self.sections:
            if match.id == section_id:
                return match
        return None

    def region(self, section_id: str) -> list[Block] | None:
        """The blocks under a section's (first) heading, up to the next found heading."""
        firsts: dict[str, int] = {}
        for match in self.sections:
            firsts.setdefault(match.id, match.block)
        start = firsts.get(section_id)
        if start is None:
            return None
        later = [b for b in firsts.values() if b > start]
        return self.document.blocks[start + 1 : min(later, default=len(self.document.blocks))]

    def section_pieces(self, section_id: str) -> Iterator[str] | None:
        """:meth:`section_text` in pieces (:func:`checker.normalize.norm_pieces`), None if not
        found: for a rule that can read a section of millions of characters piece by piece."""
        from checker.normalize import norm_pieces

        region = self.region(section_id)
        return None if region is None else norm_pieces(b.text for b in region if isinstance(b, Paragraph))

    def section_text(self, section_id: str) -> str | None:
        """The canonical text of a section's paragraphs (tables left out), None if not found."""
        from checker.normalize import norm_pieces

        if section_id in self._texts:
            return self._texts[section_id]
        region = self.region(section_id)
        text = None if region is None else "".join(norm_pieces(b.text for b in region if isinstance(b, Paragraph)))
        if text is None or len(text) <= _KEEP_TEXT:
            self._texts[section_id] = text
        return text
