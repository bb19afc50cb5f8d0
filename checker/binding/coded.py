"""Binding ledger tables (``checker.packs.ledgers``): rows keyed by code or label, found by title.

A ledger is sought after a paragraph that reads one of its titles (numbering such as "一、" or
"表一" aside); the first grid after it whose header carries the ledger's signature is the table,
and grids that follow before the next title are its continuation on later pages (a repeated
header is skipped, a missing one is fine when the column count agrees). Header rows are the
leading rows that hold no amount and no known row label; each column is named by the texts above
it, top to bottom. Key columns (row label, code) split a side-by-side table into bands
("收入 | 支出"); a ledger takes one band or all of them. A row is keyed by its code when it has
one (``208``, ``20805``; 类/款/项 parts are joined), else by the pack's row id for its label, else by
its label without numbering.
"""

from __future__ import annotations

import re

from msgspec import Struct, field
from msgspec.structs import replace

from checker.amounts import parse_amount
from checker.model import Block, Location, Paragraph, RawCell, RawTable
from checker.normalize import norm
from checker.packs.ledgers import LedgerSpec
from checker.report import BoundCell
from checker.values import ValueKind

_NUMBERING = re.compile(r"^(?:表?[一二三四五六七八九十]{1,3}[、.:]|\(?[一二三四五六七八九十]{1,3}\)|\d{1,2}[.、]|表\d{1,2}[、.:]?)")
_CODE = re.compile(r"^\d+$")
TITLE_GAP = 6  # paragraphs between a title and its table (unit line, table-set title, notes)


class LedgerEntry(Struct):
    """One row of a bound ledger."""

    id: str
    label: str
    code: str | None
    location: Location
    cells: dict[str, BoundCell] = field(default_factory=dict)


class BoundLedger(Struct):
    id: str
    spec: LedgerSpec
    location: Location
    rows: dict[str, LedgerEntry] = field(default_factory=dict)
    missing_columns: list[str] = field(default_factory=list)
    statement: Paragraph | None = None  # the "no data" statement found under the table
    title: Paragraph | None = None

    @property
    def empty(self) -> bool:
        """No cell holds a non-zero amount."""
        return not any(c.value.kind is ValueKind.NUMBER for r in self.rows.values() for c in r.cells.values())

    def cell(self, row: str, column: str) -> BoundCell | None:
        entry = self.rows.get(row)
        return entry.cells.get(column) if entry else None


def strip_numbering(text: str) -> str:
    """A canonical label without its leading "一、" / "（一）" / "1." numbering."""
    return _NUMBERING.sub("", norm(text), count=1)


def bind_ledgers(blocks: list[Block], specs: tuple[LedgerSpec, ...]) -> dict[str, BoundLedger]:
    titles = _title_positions(blocks, specs)
    out: dict[str, BoundLedger] = {}
    for spec in specs:
        for position in titles.get(spec.id, []):
            grids = _grids_after(blocks, position, titles, spec)
            if grids:
                bound = _bind(grids, spec, blocks[position])
                if bound is not None:
                    bound.statement = _statement(blocks, grids[-1], spec)
                    out[spec.id] = bound
                    break
    return out


def _title_positions(blocks: list[Block], specs: tuple[LedgerSpec, ...]) -> dict[str, list[int]]:
    wanted: dict[str, list[str]] = {}
    for spec in specs:
        for title in spec.titles:
            wanted.setdefault(strip_numbering(title), []).append(spec.id)
    found: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            for ledger in wanted.get(strip_numbering(block.text), ()):
                found.setdefault(ledger, []).append(index)
    return found


def _grids_after(blocks: list[Block], start: int, titles: dict[str, list[int]], spec: LedgerSpec) -> list[RawTable]:
    """The table after a title, and its continuations up to the next title of any ledger."""
    stops = {i for positions in titles.values() for i in positions if i > start}
    grids: list[RawTable] = []
    gap = 0
    for index in range(start + 1, len(blocks)):
        if index in stops:
            break
        block = blocks[index]
        if isinstance(block, RawTable):
            if not grids:
                if not _has_signature(block, spec):
                    return []
                grids.append(block)
            elif _continues(grids[0], block):
                grids.append(block)
            else:
                break
        elif not grids:
            gap += 1
            if gap > TITLE_GAP:
                return []
    return grids


def _texts(table: RawTable, rows: int = 6) -> set[str]:
    return {norm(c.text) for row in table.rows[:rows] for c in row if c.text.strip()}


def _has_signature(table: RawTable, spec: LedgerSpec) -> bool:
    texts = _texts(table)
    return all(any(norm(label) == t or norm(label) in t for t in texts) for label in spec.signature)


def _width(table: RawTable) -> int:
    return max((len(r) for r in table.rows), default=0)


def _continues(first: RawTable, table: RawTable) -> bool:
    return _width(table) == _width(first)


def _is_amount(text: str) -> bool:
    value = parse_amount(text, blank_is_zero=False)
    return value.kind in (ValueKind.NUMBER, ValueKind.ZERO)


def _row_labels(spec: LedgerSpec) -> set[str]:
    return {strip_numbering(label) for row in spec.rows for label in row.labels}


def _header_size(table: RawTable, spec: LedgerSpec) -> int:
    known = _row_labels(spec)
    for index, row in enumerate(table.rows):
        texts = [c.text for c in row]
        if all(not t.strip() for t in texts):
            return index
        first = next((t for t in texts if t.strip()), "")
        numbered = _NUMBERING.match(norm(first)) is not None or _CODE.match(re.sub(r"\s+", "", first)) is not None
        if numbered or any(_is_amount(t) for t in texts) or strip_numbering(first) in known:
            return index
    return len(table.rows)


def _paths(table: RawTable, header: int) -> list[list[str]]:
    width = _width(table)
    paths: list[list[str]] = [[] for _ in range(width)]
    for row in table.rows[:header]:
        for col, cell in enumerate(row):
            text = norm(cell.text)
            if text and (not paths[col] or paths[col][-1] != text):
                paths[col].append(text)
    return paths


def _matches(path: list[str], labels: tuple[str, ...]) -> bool:
    return bool(path) and path[-1] in {norm(x) for x in labels}


def _bind(grids: list[RawTable], spec: LedgerSpec, title: Block) -> BoundLedger | None:
    first = grids[0]
    header = _header_size(first, spec)
    paths = _paths(first, header)
    body = [row for row in first.rows[header:]]
    for grid in grids[1:]:
        repeat = _header_size(grid, spec) if _has_signature(grid, spec) else 0
        body.extend(grid.rows[repeat:])
    # Sub-header labels sharing the first body row with a row label ("合计 | 合计 | 基本支出 | 项目支出").
    wanted = {norm(x) for c in spec.columns for x in c.labels}
    keys = {norm(x) for x in (*spec.label_columns, *spec.code_columns)}
    spill: set[int] = set()
    if body:
        for col, cell in enumerate(body[0]):
            text = norm(cell.text)
            if col >= len(paths) or (paths[col] and paths[col][-1] in keys):
                continue
            if text in wanted and (not paths[col] or paths[col][-1] != text):
                paths[col].append(text)
                spill.add(col)

    labels, codes = {norm(x) for x in spec.label_columns}, {norm(x) for x in spec.code_columns}
    key_cols = [i for i, p in enumerate(paths) if p and (p[-1] in labels or p[-1] in codes)]
    bands: list[list[int]] = []
    for col in range(len(paths)):
        if col in key_cols and (col - 1 not in key_cols or not bands):
            bands.append([])
        if bands:
            bands[-1].append(col)
    if not bands:
        bands = [list(range(len(paths)))]
    if spec.band is not None:
        if spec.band > len(bands):
            return None
        bands = [bands[spec.band - 1]]

    location = first.location
    bound = BoundLedger(spec.id, spec, location, title=title if isinstance(title, Paragraph) else None)
    found_columns: set[str] = set()
    for band in bands:
        columns = _band_columns(band, paths, spec, key_cols)
        found_columns |= set(columns.values())
        parent: str | None = None  # the last row without numbering: numbered rows under it are its parts
        for index, row in enumerate(body):
            entry = _entry(row, band, paths, labels, codes, spec, columns, spill if index == 0 else set())
            if entry is None:
                continue
            numbered = _NUMBERING.match(entry.label) is not None
            if entry.id in bound.rows and numbered and parent is not None:
                # "一、一般公共预算财政拨款" again under 年初财政拨款结转和结余: that row's part
                entry = replace(entry, id=f"{parent}/{entry.id}")
                entry.cells = {k: replace(c, row=entry.id) for k, c in entry.cells.items()}
            if not numbered and not entry.code:
                parent = entry.id
            if entry.id not in bound.rows:
                bound.rows[entry.id] = entry
    bound.missing_columns = [c.id for c in spec.columns if c.id not in found_columns]
    return bound


def _band_columns(band: list[int], paths: list[list[str]], spec: LedgerSpec, key_cols: list[int]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for column in spec.columns:
        within = {norm(x) for x in column.within}
        for col in band:
            if col in key_cols or col in columns:
                continue
            path = paths[col]
            if _matches(path, column.labels) and (not within or within & set(path[:-1])):
                columns[col] = column.id
                break
    return columns


def _entry(
    row: tuple[RawCell, ...],
    band: list[int],
    paths: list[list[str]],
    labels: set[str],
    codes: set[str],
    spec: LedgerSpec,
    columns: dict[int, str],
    spill: set[int],
) -> LedgerEntry | None:
    code_parts: list[str] = []
    label = ""
    location: Location | None = None
    for col in band:
        if col >= len(row) or col >= len(paths) or not paths[col]:
            continue
        cell = row[col]
        head = paths[col][-1]
        if head in codes:
            text = re.sub(r"\s+", "", cell.text)
            if _CODE.match(text):
                code_parts.append(text)
                location = location or cell.location
        elif head in labels and not label:
            label = norm(cell.text)
            location = location or cell.location
    code = "".join(code_parts) or None
    if code is not None and len(code) not in spec.code_levels:
        code = None
    if code is None and not label:
        if spec.label_columns or spec.code_columns:
            return None
        label = ""  # a table without key columns: its one data row
    row_id = code or _row_id(label, spec)
    if not row_id and (spec.label_columns or spec.code_columns):
        return None
    if location is None:
        location = row[band[0]].location if band and band[0] < len(row) else row[0].location
    entry = LedgerEntry(row_id or (spec.rows[0].id if spec.rows else "row"), label, code, location)
    for col, column_id in columns.items():
        if col >= len(row):
            continue
        cell = row[col]
        text = "" if col in spill else cell.text
        value = parse_amount(text, blank_is_zero=spec.blank_is_zero, unit=spec.unit)
        entry.cells[column_id] = BoundCell(entry.id, column_id, value, cell.location, cell.uncertain)
    return entry


def _row_id(label: str, spec: LedgerSpec) -> str:
    plain = strip_numbering(label)
    for row in spec.rows:
        if plain in {strip_numbering(x) for x in row.labels} or label in {norm(x) for x in row.labels}:
            return row.id
    return plain


def _statement(blocks: list[Block], last: RawTable, spec: LedgerSpec) -> Paragraph | None:
    """The "no data" statement printed under the table (within a few paragraphs)."""
    if not spec.no_data:
        return None
    pattern = re.compile(spec.no_data)
    start = next((i for i, b in enumerate(blocks) if b is last), None)
    if start is None:
        return None
    for block in blocks[start + 1 : start + 2 + TITLE_GAP]:
        if isinstance(block, RawTable):
            break
        if pattern.search(norm(block.text)):
            return block
    return None
