"""The base of every rule kind, and the one place findings are built from a rule's templates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from checker.finding import Finding, Operand, Severity, Text
from checker.model import Location
from checker.packs.model import Pack, RuleSpec, TableSpec
from checker.report import BoundCell, Report
from checker.values import format_number

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render(template: str, values: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders; unknown names stay as written. No format-spec, no eval."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if values.get(m.group(1)) is not None else m.group(0), template)


class RuleKind:
    """A check type. Subclasses set ``name``, ``finding_kind``, ``params_schema`` and ``check``."""

    name: ClassVar[str]
    finding_kind: ClassVar[str]
    params_schema: ClassVar[dict[str, Any]] = {"type": "object", "additionalProperties": False}

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        raise NotImplementedError

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        """Checks beyond the params schema, at load time: return what is wrong, or None."""
        return None

    def finding(
        self,
        report: Report,
        rule: RuleSpec,
        location: Location | None = None,
        *,
        table: TableSpec | None = None,
        section: str | None = None,
        row: str | None = None,
        column: str | None = None,
        expected: str | None = None,
        actual: str | None = None,
        operands: tuple[Operand, ...] = (),
        uncertain: bool = False,
        message: Text | None = None,
        severity: Severity | None = None,
        **extra: Any,
    ) -> Finding:
        section_label = section if section is not None or table is None else table_section(report.pack, table)
        values = message_values(table, row, column, expected, actual, operands, extra)
        text = message or rule.message
        rendered = Text(render(text.zh, values), render(text.en, values))
        severity = severity or rule.severity
        if uncertain:
            # No failure without certain evidence: a finding that rests on a cell the extractor
            # was unsure of may be the reading's fault, so it warns and does not fail the run.
            severity = min(severity, Severity.WARNING, key=lambda s: s.rank)
            rendered = Text(
                rendered.zh + "（提取存疑：可能是读取有误，而非报告本身有误）",
                rendered.en + " (extraction doubt: the reading, not the report, may be wrong)",
            )
        return Finding(
            rule=rule.id,
            kind=self.finding_kind,
            severity=severity,
            message=rendered,
            path=report.path,
            location=location or Location(report.path),
            section=section_label,
            table=table.name if table else None,
            row=row or None,
            column=column,
            expected=expected,
            actual=actual,
            operands=operands,
            uncertain=uncertain,
            help=rule.help,
        )


def table_section(pack: Pack, table: TableSpec) -> str:
    """The label of the section a table belongs under (the loader rejects an undeclared one)."""
    return next(s.label for s in pack.sections if s.id == table.section)


def operand(label: str, cell: BoundCell) -> Operand:
    return Operand(
        label=label,
        value=format_number(cell.value.number) if cell.value.is_numeric else None,
        raw=cell.value.raw,
        kind=cell.value.kind.value,
        location=cell.location,
    )


def message_values(
    table: TableSpec | None,
    row: str | None,
    column: str | None,
    expected: str | None,
    actual: str | None,
    operands: tuple[Operand, ...],
    extra: dict[str, Any],
) -> dict[str, Any]:
    """The ``{name}`` values a rule's message may use (one set for every kind of finding)."""
    return {
        "table": table.name if table else None,
        "where": " ".join(x for x in (table.name if table else None, row, column) if x),
        "row": row,
        "column": column,
        "expected": expected,
        "actual": actual,
        "operands": ", ".join(f"{op.label}={op.value if op.value is not None else op.raw or '∅'}" for op in operands),
        **extra,
    }
