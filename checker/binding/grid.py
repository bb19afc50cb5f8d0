"""Binding grid tables (DOCX, HTML, PDF, Markdown) to a template table, by label.

A template block is found in a :class:`RawTable` by its row labels; its columns by the header
labels above the first data row (each grid column's "header path": the distinct texts above it,
so "行政复议 › 结果维持" and "复议后起诉 › 结果维持" stay apart). Only when a header cannot be
read are values placed by position, and such cells are flagged ``uncertain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from msgspec import Struct, field

from checker.binding.labels import near, unique
from checker.model import RawCell, RawTable
from checker.normalize import norm
from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, TableSpec
from checker.report import BoundCell, BoundTable, LabelVariant
from checker.values import parse_cell


class BlockMatch(Struct):
    table: RawTable
    rows: dict[str, int] = field(default_factory=dict)  # row id → grid row
    columns: dict[str, int] = field(default_factory=dict)  # column id → grid col
    positional: bool = False  # columns placed by position, not by header
    by_position: list[str] = field(default_factory=list)  # those columns: their headers unread
    variants: list[LabelVariant] = field(default_factory=list)

    @property
    def score(self) -> int:
        return 2 * len(self.rows) + len(self.columns)


def _row_labels(row: RowSpec) -> list[str]:
    return [norm(x) for x in (row.label, *row.aliases) if x]


def _group_labels(row: RowSpec) -> list[str]:
    return [norm(group) for group in row.groups]


def _strip_groups(text: str, groups: list[str]) -> str:
    """Flattened tables put the group labels (``groups``: a row's, normalised) in the row's own
    cell: "（三）不予公开 1.属于国家秘密"."""
    changed = True
    while changed:
        changed = False
        for g in groups:
            if text.startswith(g) and len(text) > len(g):
                text, changed = text[len(g) :], True
    return text


class _Labels:
    """One template row's labels, ready to test many cells: normalised once, exact ones in a set."""

    __slots__ = ("exact", "groups", "prefixes")

    def __init__(self, spec: RowSpec) -> None:
        labels = _row_labels(spec)
        self.exact = set(labels)
        self.prefixes = tuple(label for label in labels if len(label) >= 6)  # a label and more
        self.groups = _group_labels(spec)

    def match(self, text: str) -> bool:
        if self.groups:
            text = _strip_groups(text, self.groups)
        return text in self.exact or (bool(self.prefixes) and text.startswith(self.prefixes))


def _find_rows(table: RawTable, block: BlockSpec, grid: list[list[str]]) -> BlockMatch:
    match = BlockMatch(table)
    used: set[int] = set()
    labelled = [r for r in block.rows if r.label]
    rests = _label_rests(grid)
    # each row's distinct texts: merged cells repeat one text, and an empty cell matches no label
    texts = [list(dict.fromkeys(text for text in row if text)) for row in grid]
    for spec in labelled:
        labels = _Labels(spec)
        for r, row in enumerate(grid):
            if r in used:
                continue
            if any(labels.match(text) for text in texts[r]):
                match.rows[spec.id] = r
                used.add(r)
                break
            if r in rests and r + 1 not in used and any(
                labels.match(row[c] + grid[r + 1][c]) for c in rests[r]
            ):
                match.rows[spec.id] = r
                used.update((r, r + 1))
                break
    # Misspelt labels ("属于三类内容事务信息"): near-misses, only between the rows found on
    # either side in the template's order, and only one sensible reading (see binding.labels).
    for k, spec in enumerate(labelled):
        if spec.id in match.rows:
            continue
        lo = max((match.rows[s.id] for s in labelled[:k] if s.id in match.rows), default=-1)
        hi = min((match.rows[s.id] for s in labelled[k + 1 :] if s.id in match.rows), default=len(grid))
        own, groups = _row_labels(spec), _group_labels(spec)
        others = [x for other in labelled if other is not spec for x in _row_labels(other)]
        candidates: list[tuple[int, int, int]] = []
        for r in range(lo + 1, hi):
            if r in used:
                continue
            for c, text in enumerate(grid[r]):
                if not text or _is_value(text):
                    continue
                printed = _strip_groups(text, groups)
                d = near(printed, own)
                if d is not None and unique(printed, d, others):
                    candidates.append((d, r, c))
        if not candidates:
            continue
        best = min(candidates)
        if any(d == best[0] and r != best[1] for d, r, _ in candidates):
            continue  # as close in two rows: which one is this row cannot be told
        _, r, c = best
        match.rows[spec.id] = r
        used.add(r)
        match.variants.append(LabelVariant("row", spec.id, table.rows[r][c].text, table.rows[r][c].location))
    return match


def _label_rests(grid: list[list[str]]) -> dict[int, list[int]]:
    """Rows whose next row may hold the rest of their label, with the columns it adds to: a row a
    page break cut in two with a line drawn at the cut (Word, LibreOffice), "…行政机关不再处理其政府
    信息公开" then "申请". The next row adds only label text (no value; its merged copies repeat the
    row above); which template label the two make is for the caller to match."""
    out: dict[int, list[int]] = {}
    for r in range(len(grid) - 1):
        above, below = grid[r], grid[r + 1]
        added = [c for c, text in enumerate(below) if text and (c >= len(above) or text != above[c])]
        if added and not any(c >= len(above) or _is_value(below[c]) for c in added):
            out[r] = added
    return out


def _first_value_col(table: RawTable, rows: Sequence[int], grid: list[list[str]], labels: set[str]) -> int:
    """The first grid column right of every label cell of the given rows."""
    first = 0
    for r in rows:
        for c, text in enumerate(grid[r]):
            if text and not _is_value(text) and (text in labels or any(text.startswith(x) for x in labels if len(x) >= 6)):
                first = max(first, c + 1)
    return first


def _is_value(text: str) -> bool:
    # a table's figures repeat ("0", "1") and each is asked about once per template row: short
    # texts are remembered (a long one is never a figure worth keeping)
    return _short_is_value(text) if len(text) <= 40 else _parses_as_value(text)


def _parses_as_value(text: str) -> bool:
    from checker.values import CellType, ValueKind

    return parse_cell(text, CellType.AMOUNT).kind is not ValueKind.TEXT or parse_cell(text, CellType.CHANGE).kind is not ValueKind.TEXT


_short_is_value = lru_cache(maxsize=4096)(_parses_as_value)


def _header_paths(grid: list[list[str]], header_rows: range, width: int) -> list[list[str]]:
    paths: list[list[str]] = [[] for _ in range(width)]
    for r in header_rows:
        for c in range(width):
            text = grid[r][c] if c < len(grid[r]) else ""
            if text and text not in paths[c]:
                paths[c].append(text)
    return paths


def _column_matches(spec: ColumnSpec, path: list[str]) -> bool:
    labels = [norm(x) for x in (spec.label, *spec.aliases)]
    group = norm(spec.group) if spec.group else ""
    # A flattened header prints the group in the column's own cell: "行政复议 结果维持".
    if group and any(p.startswith(group) and any(p[len(group):].startswith(lab) for lab in labels) for p in path):
        return True
    if not any(any(p == lab or p.startswith(lab) for lab in labels) for p in path):
        return False
    return spec.group is None or "." not in spec.id or group in path


def _find_columns(match: BlockMatch, block: BlockSpec, grid: list[list[str]], header_top: int) -> None:
    data_rows = sorted(match.rows.values())
    first_data = data_rows[0] if data_rows else len(grid)
    width = max((len(row) for row in grid), default=0)
    labels = {lab for spec in block.rows for lab in _row_labels(spec)} | {
        norm(g) for spec in block.rows for g in spec.groups
    }
    first_value = _first_value_col(match.table, data_rows, grid, labels)
    paths = _header_paths(grid, range(header_top, first_data), width)
    seen_origins: set[tuple[int, int] | None] = set()
    for spec in block.columns:
        for c in range(first_value, width):
            if c in match.columns.values() or not _column_matches(spec, paths[c]):
                continue
            header_cell = _header_cell(match.table, range(header_top, first_data), c)
            if header_cell is not None and header_cell in seen_origins and spec.group is None:
                continue
            match.columns[spec.id] = c
            seen_origins.add(header_cell)
            break
    if len(match.columns) < len(block.columns) and data_rows:
        _positional_columns(match, block, grid, first_value)


def _header_cell(table: RawTable, rows: range, col: int) -> tuple[int, int] | None:
    for r in reversed(rows):
        if r < len(table.rows) and col < len(table.rows[r]):
            cell = table.rows[r][col]
            if cell.text.strip():
                return cell.origin or (r, col)
    return None


def _positional_columns(match: BlockMatch, block: BlockSpec, grid: list[list[str]], first_value: int) -> None:
    """Columns the header did not name: place by position among distinct value cells."""
    r = min(match.rows.values())
    row = match.table.rows[r]
    slots: list[int] = []
    seen: set[tuple[int, int] | None] = set()
    for c in range(first_value, len(row)):
        key = row[c].origin or (r, c)
        if key in seen:
            continue
        seen.add(key)
        slots.append(c)
    if len(slots) != len(block.columns):
        return  # cannot tell which value belongs where: leave the columns missing
    for spec, c in zip(block.columns, slots):
        if spec.id not in match.columns:
            match.columns[spec.id] = c
            match.positional = True
            match.by_position.append(spec.id)


def _caption_row(grid: list[list[str]], caption: str | None) -> int | None:
    if not caption:
        return None
    target = norm(caption)
    for r, row in enumerate(grid):
        if any(text == target or text.startswith(target) for text in row):
            return r
    return None


def _unlabelled_row(block: BlockSpec, grid: list[list[str]], start: int) -> int | None:
    """表四 has no row label: its data row is the first all-value row after the header. A row
    left wholly blank below the header counts too (an unfilled 表四 is blank cells, not a
    missing table)."""
    header_seen = False
    labels = {norm(x) for c in block.columns for x in (c.label, *c.aliases)}
    for r in range(start, len(grid)):
        texts = [t for t in grid[r] if t]
        if any(t in labels for t in texts):
            header_seen = True
            continue
        if len(texts) >= max(1, len(block.columns) // 2) and all(_is_value(t) for t in texts):
            return r
        if header_seen and not texts and len(grid[r]) >= len(block.columns):
            return r
    return None


def match_block(table: RawTable, block: BlockSpec) -> BlockMatch:
    grid = [[norm(c.text) for c in row] for row in table.rows]
    caption = _caption_row(grid, block.caption)
    if block.caption and caption is None:
        return BlockMatch(table)
    start = (caption + 1) if caption is not None else 0
    if all(not r.label for r in block.rows):
        match = BlockMatch(table)
        r = _unlabelled_row(block, grid, start)
        if r is not None:
            match.rows[block.rows[0].id] = r
    else:
        sub = [row if i >= start else [] for i, row in enumerate(grid)]
        match = _find_rows(table, block, sub)
        if caption is not None:
            # Rows of this block lie between its caption and the next caption-like row.
            match.rows = {k: v for k, v in match.rows.items() if v > caption}
    if match.rows:
        _find_columns(match, block, grid, start)
    return match


def bind_grid(tables: Sequence[RawTable], spec: TableSpec) -> BoundTable | None:
    """Bind every block of ``spec`` from the best-matching of ``tables``; None if no block is found."""
    bound: BoundTable | None = None
    for block in spec.blocks:
        candidates = _share_headers([match_block(t, block) for t in tables])
        best = max(candidates, key=lambda m: m.score, default=None)
        if best is None or not best.rows:
            continue
        if bound is None:
            bound = BoundTable(spec.id, best.table.location)
        bound.variants.extend(best.variants)
        if len(best.by_position) < len(block.columns):  # a header read, but not all of it
            bound.unread_headers.extend(c for c in best.by_position if c not in bound.unread_headers)
        _fill(bound, best, block)
        # A table split in two (a page break in the source, or 表三 continued in a second table
        # without its header): the rows the best table lacks come from the others, in order.
        taken = set(best.rows)
        for other in candidates:
            if other is best or not other.columns:
                continue
            rows = {k: v for k, v in other.rows.items() if k not in taken}
            if rows:
                taken |= set(rows)
                _fill(bound, BlockMatch(other.table, rows, other.columns, other.positional), block)
                bound.variants.extend(v for v in other.variants if v.id in rows)
    if bound is None:
        return None
    found_rows = {r for r, _ in bound.cells}
    found_cols = {c for _, c in bound.cells}
    for block in spec.blocks:
        bound.missing_rows.extend(r.id for r in block.rows if r.id not in found_rows)
        bound.missing_columns.extend(
            c.id for c in block.columns if c.id not in found_cols and c.id not in bound.missing_columns
        )
    return bound


def _share_headers(candidates: list[BlockMatch]) -> list[BlockMatch]:
    """A table that a page break in the source cut in two continues without its header: a piece
    whose columns went by position takes those of the piece with a header before it, when the
    two are as wide (the same columns, read from the header rather than guessed)."""
    headed: BlockMatch | None = None
    for match in candidates:
        if match.columns and not match.positional:
            headed = match
        elif match.positional and headed is not None and _width(match.table) == _width(headed.table):
            match.columns, match.positional, match.by_position = dict(headed.columns), False, []
    return candidates


def _width(table: RawTable) -> int:
    return max((len(row) for row in table.rows), default=0)


def _fill(bound: BoundTable, match: BlockMatch, block: BlockSpec) -> None:
    for row_id, r in match.rows.items():
        row = match.table.rows[r]
        for column in block.columns:
            c = match.columns.get(column.id)
            if c is None:
                continue
            cell: RawCell | None = row[c] if c < len(row) else None
            text = cell.text if cell is not None else ""
            location = cell.location if cell is not None else match.table.location
            bound.cells[(row_id, column.id)] = BoundCell(
                row=row_id,
                column=column.id,
                value=parse_cell(text, column.type, column.unit),
                location=location,
                uncertain=match.positional or (cell.uncertain if cell is not None else True),
            )
