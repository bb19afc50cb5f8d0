"""A template group printed as one row: the group's label with its own values, its sub-rows left out.

The 2019 format prints （六）其他处理 as a single row; the 2021 format splits it into three
sub-rows. Reports made on an old copy of the template print the 2021 table with the one row. That
is template drift, not three missing rows: the group row is bound in place of its sub-rows, its
cells are read (and checked like any other), and in the arithmetic its value stands for the sum
of the sub-rows (``BoundTable.merged``). The structure rule reports the layout once.

Only a group none of whose sub-rows was found is tried, by binding the table again with the
group's sub-rows replaced by the group as one row; the second reading is kept only when it
finds that row and reads at least as much as the first.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace

from checker.model import Location
from checker.packs.model import BlockSpec, RowSpec, TableSpec
from checker.report import BoundTable, MergedGroup

Binder = Callable[[TableSpec], "BoundTable | None"]


def _groups(block: BlockSpec) -> list[tuple[str, tuple[RowSpec, ...]]]:
    """Each group label of the block with its member rows (at least two, one after another)."""
    out: list[tuple[str, tuple[RowSpec, ...]]] = []
    labels = dict.fromkeys(g for row in block.rows for g in row.groups)
    for label in labels:
        members = tuple(r for r in block.rows if label in r.groups)
        if len(members) >= 2:
            out.append((label, members))
    return out


def _collapsed(spec: TableSpec, block_id: str, label: str, members: tuple[RowSpec, ...]) -> tuple[TableSpec, RowSpec]:
    """``spec`` with ``members`` of one block replaced by the group as one row."""
    first = members[0]
    outer = first.groups[: first.groups.index(label)]
    group_row = RowSpec(id=label, label=label, groups=outer)
    blocks = []
    for block in spec.blocks:
        if block.id == block_id:
            ids = {m.id for m in members}
            rows: list[RowSpec] = []
            for row in block.rows:
                if row.id == first.id:
                    rows.append(group_row)
                elif row.id not in ids:
                    rows.append(row)
            blocks.append(replace(block, rows=tuple(rows)))
        else:
            blocks.append(block)
    return replace(spec, blocks=tuple(blocks)), group_row


def bind_with_groups(spec: TableSpec, bind: Binder) -> BoundTable | None:
    """Bind ``spec``; then, for each group whose sub-rows are all missing, try the group as one row."""
    bound = bind(spec)
    if bound is None:
        return None
    current = spec
    for block in spec.blocks:
        for label, members in _groups(block):
            missing = set(bound.missing_rows)
            if not all(m.id in missing for m in members) or len(missing) >= len(block.rows):
                continue
            collapsed, group_row = _collapsed(current, block.id, label, members)
            other = bind(collapsed)
            if other is None or group_row.id in other.missing_rows:
                continue
            cells = [c for (r, _), c in other.cells.items() if r == group_row.id]
            if not cells or len(other.cells) < len(bound.cells):
                continue
            location: Location = min(cells, key=lambda c: (c.location.line or 0, c.location.row or 0)).location
            other.merged = {
                **bound.merged,
                group_row.id: MergedGroup(group_row, tuple(m.id for m in members), label, location),
            }
            bound, current = other, collapsed
    return bound
