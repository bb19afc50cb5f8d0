"""The ``cells`` rule kind: every cell holds a value of its column's type (A4, B2, C1), and blank
or "not applicable" cells are findings of their own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from checker.finding import Finding
from checker.packs.model import RuleSpec
from checker.report import Report
from checker.rulekinds.base import RuleKind
from checker.values import ValueKind

_CHECKS = {"invalid": ValueKind.TEXT, "blank": ValueKind.BLANK, "not_applicable": ValueKind.NOT_APPLICABLE}


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
        wanted = _CHECKS[rule.params["check"]]
        for table_id in rule.params["tables"]:
            spec = report.pack.table(table_id)
            bound = report.tables.get(table_id)
            if spec is None or bound is None:
                continue
            for block in spec.blocks:
                for row in block.rows:
                    for column in block.columns:
                        cell = bound.get(row.id, column.id)
                        if cell is None or cell.value.kind is not wanted:
                            continue
                        yield self.finding(
                            report,
                            rule,
                            cell.location,
                            table=spec,
                            row=row.display or None,
                            column=column.display,
                            actual=cell.value.raw.strip(),
                            uncertain=cell.uncertain,
                        )
