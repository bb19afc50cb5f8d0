"""Binding: a Document plus a rule pack gives the Report the rules read.

Sections are found by their headings; each template table is sought first in its own section's
region (grid tables, then the text stream), then anywhere in the document (it is then
"misplaced"). Nothing here looks at a file format.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from checker.binding.grid import bind_grid
from checker.binding.groups import bind_with_groups
from checker.binding.headings import split_heading_rows
from checker.binding.meta import find_closing, find_period_year, find_title
from checker.binding.pieces import in_pieces
from checker.binding.sections import find_sections, first_occurrences
from checker.binding.shapes import is_ragged, split_shapes
from checker.model import Block, Document, Location, Paragraph, RawCell, RawTable
from checker.packs.model import Pack, TableSpec
from checker.report import BoundTable, Report


def identify(document: Document, pack: Pack, params: dict[str, Any] | None = None) -> Report:
    """The cheap part of binding: sections, title, agency, report year. No table is bound, so a
    selector pack can learn the report year without binding the document twice."""
    split = split_heading_rows(document.blocks, pack)
    if len(split) != len(document.blocks):
        document = replace(document, blocks=split)
    blocks = document.blocks
    report = Report(document=document, pack=pack, params={**pack.params, **(params or {})})
    matches, extras = find_sections(blocks, pack)
    report.sections = matches
    report.extra_headings = [e.paragraph for e in extras]
    firsts = sorted(first_occurrences(matches), key=lambda m: m.block)

    title = find_title(blocks, firsts[0].block if firsts else None, pack.title_pattern)
    if title is not None:
        report.title, report.title_location = title.text, title.location
        report.agency, report.year = title.agency, title.year
        report.year_source = "title" if title.year else None
    report.period = find_period_year(blocks)
    if report.year is None and report.period is not None:
        report.year, report.year_source = report.period[0], "period"
    return report


def bind(document: Document, pack: Pack, params: dict[str, Any] | None = None, identified: Report | None = None) -> Report:
    """The whole binding; ``identified`` is :func:`identify`'s result for the same three arguments
    when the caller has it already (choosing a selector pack's version identifies the report)."""
    report = identified if identified is not None else identify(document, pack, params)
    blocks = report.document.blocks  # headings taken out of tables: see split_heading_rows
    firsts = sorted(first_occurrences(report.sections), key=lambda m: m.block)
    regions = _regions(firsts, len(blocks))
    for spec in pack.tables:
        region = regions.get(spec.section)
        table = _bind_table(blocks, spec, region)
        if table is not None:
            report.tables[spec.id] = table
        elif region is not None and (where := in_pieces(blocks[region[0] : region[1]], spec)) is not None:
            report.pieces[spec.id] = where

    for spec in pack.tables:
        found = _foreign_labels(report.region(spec.section) or blocks, spec)
        if found:
            report.foreign_labels[spec.id] = found

    if pack.ledgers:
        from checker.binding.coded import bind_ledgers

        report.ledgers = bind_ledgers(blocks, pack.ledgers)

    last = max((m.block for m in report.sections), default=None)
    distance = int(report.params.get("closing_max_distance", 12))  # type: ignore[call-overload]
    report.closing = find_closing(blocks, last, distance)
    return report


def _regions(firsts: list[Any], end: int) -> dict[str, tuple[int, int]]:
    """Each found section's block range: from its heading to the next found heading."""
    regions = {}
    for i, match in enumerate(firsts):
        stop = firsts[i + 1].block if i + 1 < len(firsts) else end
        regions[match.id] = (match.block + 1, stop)
    return regions


def _bind_in(blocks: list[Block], spec: TableSpec) -> BoundTable | None:
    tables = _captioned(blocks, spec)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    path = blocks[0].location.path if blocks else ""
    bound = _grid_or_stream(tables, paragraphs, spec, path)
    if any(is_ragged(t) for t in tables):
        # Rows copied from a web page (merged cells not repeated) are text rows, not a grid; but
        # two rectangular tables run together are ragged too: the better reading wins.
        grids, lines = split_shapes(blocks)
        other = _grid_or_stream(grids, lines, spec, path)
        if _quality(other) < _quality(bound):
            return other
    return bound


def _captioned(blocks: list[Block], spec: TableSpec) -> list[RawTable]:
    """The tables, each with a block caption printed right above it outside the table taken in as
    its first row: a PDF whose first row ("第二十条第（一）项") a page break left alone at the foot
    of the page as a framed line, or a web page that prints each block's caption as a paragraph."""
    from checker.normalize import norm

    captions = {norm(b.caption) for b in spec.blocks if b.caption}
    out: list[RawTable] = []
    for i, block in enumerate(blocks):
        if not isinstance(block, RawTable):
            continue
        before = blocks[i - 1] if i else None
        if (isinstance(before, Paragraph) and before.text and norm(before.text) in captions and block.rows
                and not any(norm(c.text) in captions for c in block.rows[0])):
            row = tuple(RawCell(before.text, before.location) for _ in block.rows[0])
            out.append(replace(block, rows=(row, *block.rows)))
        else:
            out.append(block)
    return out


def _quality(table: BoundTable | None) -> tuple[int, int]:
    """Lower is better: what could not be read with certainty, then (negated) what was read."""
    if table is None:
        return (1 << 30, 0)
    doubts = len(table.missing_rows) + len(table.missing_columns) + len(table.problems)
    doubts += sum(1 for cell in table.cells.values() if cell.uncertain)
    return (doubts, -len(table.cells))


def _grid_or_stream(
    tables: list[RawTable], paragraphs: list[Paragraph], spec: TableSpec, path: str
) -> BoundTable | None:
    bound = bind_grid(tables, spec) if tables else None
    if bound is not None and bound.cells:
        return bound
    from checker.binding.stream import bind_stream

    streamed = bind_stream(paragraphs, spec, path) if paragraphs else None
    if streamed is not None and streamed.cells:
        return streamed
    return bound


def _bind_table(blocks: list[Block], spec: TableSpec, region: tuple[int, int] | None) -> BoundTable | None:
    if region is not None:
        inside = blocks[region[0] : region[1]]
        found = bind_with_groups(spec, lambda s: _bind_in(inside, s))
        if found is not None:
            return found
    anywhere = bind_with_groups(spec, lambda s: _bind_in(blocks, s))
    if anywhere is not None and region is not None:
        anywhere.misplaced = True
    return anywhere


FOREIGN_LINE_MAX = 60  # canonical characters: longer paragraphs are prose, not table labels


def foreign_label_count(document: Document, pack: Pack) -> int:
    """How many labels of another format version the document prints, read as ``pack``'s."""
    return sum(len(_foreign_labels(document.blocks, spec)) for spec in pack.tables)


def _foreign_labels(blocks: list[Block], spec: TableSpec) -> list[tuple[str, Location]]:
    """The other format version's labels found in a table's region, with where."""
    from checker.normalize import norm

    wanted = {norm(label): label for label in spec.foreign_labels}
    found: dict[str, Location] = {}
    texts: list[tuple[str, Location]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append((norm(block.text), block.location))
        else:
            texts.extend((norm(c.text), c.location) for row in block.rows for c in row)
    for text, location in texts:
        if len(text) > FOREIGN_LINE_MAX:
            continue
        for key, label in wanted.items():
            if key in text and label not in found:
                found[label] = location
    return list(found.items())
