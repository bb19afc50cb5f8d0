"""The ``cells`` rule kind: every cell holds a value of its column's type (A4, B2, C1), and blank
or "not applicable" cells are findings of their own.

Blank and "not applicable" cells are reported by group, not one finding per cell: a report that
leaves 总计 blank on every result row, or every zero blank, would otherwise drown its reader in
dozens of identical warnings. Within a table block, rows blank in every column make one finding
naming them; the other such cells make one finding per column naming their rows (one cell alone
is a finding about that cell). Each grouped finding lists its cells as operands, with where each
was read. Unreadable values ("若干") stay one finding per cell: each is its own error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from checker.finding import Finding, Operand, Text
from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, RuleSpec, TableSpec
from checker.report import BoundCell, Report
from checker.rulekinds.base import RuleKind, operand, render
from checker.values import ValueKind

_CHECKS = {"invalid": ValueKind.TEXT, "blank": ValueKind.BLANK, "not_applicable": ValueKind.NOT_APPLICABLE}
_GROUPED = {"blank", "not_applicable"}

Hit = tuple[RowSpec, ColumnSpec, BoundCell]


class Cells(RuleKind):
    name = "cells"
    finding_kind = "cell"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["check", "tables"],
        "additionalProperties": False,
        "properties": {
            "check": {"enum": list(_CHECKS)},
            "tables": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        },
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        check = rule.params["check"]
        wanted = _CHECKS[check]
        for table_id in rule.params["tables"]:
            spec = report.pack.table(table_id)
            bound = report.tables.get(table_id)
            if spec is None or bound is None:
                continue
            for block in spec.blocks:
                hits: list[Hit] = []
                for row in bound.rows(block):
                    for column in block.columns:
                        cell = bound.get(row.id, column.id)
                        if cell is not None and cell.value.kind is wanted:
                            hits.append((row, column, cell))
                if check in _GROUPED:
                    yield from self._grouped(report, rule, spec, block, hits)
                else:
                    yield from (self._one(report, rule, spec, hit) for hit in hits)

    def _one(self, report: Report, rule: RuleSpec, spec: TableSpec, hit: Hit) -> Finding:
        row, column, cell = hit
        return self.finding(
            report, rule, cell.location, table=spec, row=row.display or None, column=column.display,
            actual=cell.value.raw.strip(), uncertain=cell.uncertain,
        )

    def _grouped(
        self, report: Report, rule: RuleSpec, spec: TableSpec, block: BlockSpec, hits: list[Hit]
    ) -> Iterator[Finding]:
        by_row: dict[str, list[Hit]] = {}
        for hit in hits:
            by_row.setdefault(hit[0].id, []).append(hit)
        width = len(block.columns)
        full = [cells for cells in by_row.values() if width > 1 and len(cells) == width]
        if len(full) == 1:
            row = full[0][0][0]
            yield self._group(report, rule, spec, full[0], row=row.display or None, rows=None)
        elif full:
            yield self._group(report, rule, spec, [h for cells in full for h in cells], row=None, rows=full)
        in_full = {id(h) for cells in full for h in cells}
        rest = [h for h in hits if id(h) not in in_full]
        for column in block.columns:
            cells = [h for h in rest if h[1].id == column.id]
            if len(cells) == 1:
                yield self._one(report, rule, spec, cells[0])
            elif cells:
                yield self._group(report, rule, spec, cells, row=None, rows=None, column=column)

    def _group(
        self,
        report: Report,
        rule: RuleSpec,
        spec: TableSpec,
        cells: list[Hit],
        *,
        row: str | None,
        rows: list[list[Hit]] | None,
        column: ColumnSpec | None = None,
    ) -> Finding:
        """One finding for several cells: a whole row, several whole rows, or a column's cells."""
        names = "、".join(dict.fromkeys(h[0].display or spec.name for h in cells))
        count = len(dict.fromkeys(h[0].id for h in cells))
        if column is not None:
            where = (f"{spec.name}“{column.display}”列的{count}行（{names}）",
                     f'{spec.name} column "{column.display}" in {count} rows ({names})')
        elif rows is not None:
            where = (f"{spec.name}的{count}行（{names}）各列", f"{spec.name}: every column of {count} rows ({names})")
        else:
            label_zh = f"“{row}”" if row else ""
            label_en = f'row "{row}"' if row else "row"
            where = (f"{spec.name}{label_zh}整行各列", f"{spec.name} {label_en}, every column")
        values = {"where": None, "actual": ""}
        message = Text(
            render(rule.message.zh, {**values, "where": where[0]}),
            render(rule.message.en, {**values, "where": where[1]}),
        )
        operands: tuple[Operand, ...] = tuple(
            operand(" / ".join(x for x in (h[0].display, h[1].display) if x), h[2]) for h in cells
        )
        return self.finding(
            # Several rows: the finding's row names them all (its identity is that group).
            report, rule, cells[0][2].location, table=spec, row=row if rows is None and column is None else names,
            column=column.display if column is not None else None,
            actual=cells[0][2].value.raw.strip() if len({h[2].value.raw.strip() for h in cells}) == 1 else None,
            operands=operands, uncertain=any(h[2].uncertain for h in cells), message=message,
        )
