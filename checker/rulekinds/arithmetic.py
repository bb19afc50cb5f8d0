"""Arithmetic rule kinds: ``sum`` (a total equals its parts) and ``equation`` (an identity).

Both evaluate one comparison per column, per row or per column group of a table block. Blank and
"/" operands are not zero: when the comparison holds with them read as 0 there is nothing to say
(the blank cells have findings of their own); when it does not, the finding says the check cannot
be verified and names the blank cells instead of reporting a mismatch that may not exist. That
finding is ``info`` whatever the rule's severity: a blank is not an arithmetic error, and the
blank cell (or the unreadable one) is already reported by the ``cells`` rules, which is where a
house that wants blanks to fail raises the severity (``--severity CELL-blank=error``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

from checker.expr import Comparison, ExprError, Term, parse
from checker.finding import Finding, Severity, Text
from checker.packs.model import BlockSpec, RowSpec, RuleSpec, TableSpec
from checker.report import BoundCell, BoundTable, Report
from checker.rulekinds.base import RuleKind, operand
from checker.values import ValueKind, format_number

_FOR_EACH = {"enum": ["column", "row", "column_group"]}
_COMMON = {
    "table": {"type": "string"},
    "block": {"type": "string"},
    "for_each": _FOR_EACH,
    "tolerance": {"type": "number", "minimum": 0},
}

_COMPARE = {
    "==": lambda a, b, tol: abs(a - b) <= tol,
    "<=": lambda a, b, tol: a <= b + tol,
    ">=": lambda a, b, tol: a + tol >= b,
    "<": lambda a, b, tol: a < b + tol,
    ">": lambda a, b, tol: a + tol > b,
}


class _Scope:
    """One evaluation of a rule: how its ids map to cells, and how findings name the place."""

    def __init__(self, block: BlockSpec, for_each: str, key: str, extra: dict[str, RowSpec] | None = None) -> None:
        self.block, self.for_each, self.key = block, for_each, key
        self.extra = extra or {}  # rows found that the template does not have: a group as one row

    def _row(self, row_id: str) -> RowSpec | None:
        return self.block.row(row_id) or self.extra.get(row_id)

    def cell_key(self, name: str) -> tuple[str, str]:
        if self.for_each == "column":
            return name, self.key
        if self.for_each == "row":
            return self.key, name
        row = self.block.rows[0].id
        return row, f"{self.key}.{name}"

    def label(self, name: str) -> str:
        row_id, column_id = self.cell_key(name)
        if self.for_each == "column":
            spec = self._row(row_id)
            return spec.display if spec else row_id
        spec_c = self.block.column(column_id)
        return spec_c.display if spec_c else column_id

    def place(self, name: str | None) -> tuple[str | None, str | None]:
        """(row, column) labels for a finding about ``name`` (None: the whole column/row)."""
        if self.for_each == "column":
            row = self._row(name) if name else None
            column = self.block.column(self.key)
            return (row.display if row else None), (column.display if column else self.key)
        if self.for_each == "row":
            row = self._row(self.key)
            column = self.block.column(name) if name else None
            return (row.display if row and row.label else None), (column.display if column else None)
        column = self.block.column(f"{self.key}.{name}") if name else None
        if column is not None:
            return None, column.display
        # the whole group: the template's header over it ("行政复议"), not the pack's id
        return None, next((c.group for c in self.block.columns if c.id.startswith(f"{self.key}.") and c.group), self.key)


def _scopes(table: TableSpec, rule: RuleSpec, names: list[str]) -> Iterator[_Scope]:
    for_each = rule.params.get("for_each", "column")
    block_id = rule.params.get("block")
    for block in table.blocks:
        if block_id and block.id != block_id:
            continue
        if for_each == "column":
            if all(block.row(n) for n in names):
                yield from (_Scope(block, for_each, c.id) for c in block.columns)
        elif for_each == "row":
            if all(block.column(n) for n in names):
                yield from (_Scope(block, for_each, r.id) for r in block.rows)
        else:
            groups = dict.fromkeys(c.id.split(".", 1)[0] for c in block.columns if "." in c.id)
            yield from (_Scope(block, for_each, g) for g in groups)


def _group_term(
    bound: BoundTable, scope: _Scope, terms: tuple[Term, ...], term: Term
) -> tuple[Term, BoundCell] | None:
    """A sub-row of a group printed as one row: the group's cell, when every sub-row of the group
    is a term of this side with the same sign (the group's value is their sum, nothing less)."""
    if scope.for_each != "column" or term.name is None:
        return None
    group = bound.merged_group(term.name)
    if group is None:
        return None
    signs = {t.name: t.sign for t in terms if t.name}
    if any(signs.get(m) != term.sign for m in group.members):
        return None
    cell = bound.cells.get((group.row.id, scope.key))
    return (Term(term.sign, group.row.id), cell) if cell is not None else None


def _total(cells: list[tuple[Term, BoundCell]]) -> Decimal:
    total = Decimal(0)
    for term, cell in cells:
        total += term.sign * (cell.value.number if cell.value.is_numeric and cell.value.number is not None else Decimal(0))
    return total


def _constants(terms: tuple[Term, ...]) -> Decimal:
    return sum((t.sign * Decimal(t.constant) for t in terms if t.constant is not None), Decimal(0))


class _Arithmetic(RuleKind):
    finding_kind = "equation"

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        table = tables.get(params["table"])
        if table is None:
            return f"unknown table {params['table']!r}"
        try:
            names = self.comparison(params, table).names
        except ExprError as exc:
            return f"expr: {exc}"
        for_each = params.get("for_each", "column")
        known = set()
        for block in table.blocks:
            if for_each == "column":
                known |= {r.id for r in block.rows}
            elif for_each == "row":
                known |= {c.id for c in block.columns}
            else:
                known |= {c.id.split(".", 1)[1] for c in block.columns if "." in c.id}
        unknown = [n for n in names if n not in known]
        if unknown:
            return f"{', '.join(unknown)} not in {table.id} (for_each: {for_each})"
        if not names:
            return "the comparison names no cells"
        return None

    def comparison(self, params: dict[str, Any], table: TableSpec) -> Comparison:
        raise NotImplementedError

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        table = report.pack.table(rule.params["table"])
        bound = report.tables.get(rule.params["table"])
        if table is None or bound is None:
            return
        comparison = self.comparison(rule.params, table)
        scopes = list(_scopes(table, rule, comparison.names))
        if rule.params.get("for_each", "column") == "row":
            # A group printed as one row is a row of its own: its total is checked like the others.
            for group in bound.merged.values():
                block = next((s.block for s in scopes if s.block.row(group.members[0])), None)
                if block is not None:
                    scopes.append(_Scope(block, "row", group.row.id, {group.row.id: group.row}))
        for scope in scopes:
            finding = self._evaluate(report, rule, table, bound, scope, comparison)
            if finding is not None:
                yield finding

    def _evaluate(
        self, report: Report, rule: RuleSpec, table: TableSpec, bound: BoundTable, scope: _Scope, cmp: Comparison
    ) -> Finding | None:
        sides: list[list[tuple[Term, BoundCell]]] = []
        for terms in (cmp.left, cmp.right):
            side = []
            used: set[str] = set()
            for printed in terms:
                if printed.name is None:
                    continue
                term = printed
                cell = bound.cells.get(scope.cell_key(printed.name))
                if cell is None:
                    substitute = _group_term(bound, scope, terms, printed)
                    if substitute is None:
                        return None  # a missing row or column has its own finding
                    term, cell = substitute
                    if term.name in used:
                        continue  # the group's value counts once for all its sub-rows
                    used.add(term.name or "")
                    scope.extra.setdefault(term.name or "", bound.merged[term.name or ""].row)
                side.append((term, cell))
            sides.append(side)
        left = _total(sides[0]) + _constants(cmp.left)
        right = _total(sides[1]) + _constants(cmp.right)
        tolerance = Decimal(str(rule.params.get("tolerance", 0)))
        everything = sides[0] + sides[1]
        unreadable = [(t, c) for t, c in everything if c.value.kind is ValueKind.TEXT]
        if not unreadable and _COMPARE[cmp.op](left, right, tolerance):
            return None
        operands = tuple(operand(scope.label(t.name or ""), c) for t, c in everything)
        soft = [(t, c) for t, c in everything if not c.value.is_numeric]
        anchor = rule.params.get("anchor", cmp.left[0].name if self.finding_kind == "sum" else None)
        row, column = scope.place(anchor)
        location = bound.cells[scope.cell_key(anchor)].location if anchor else everything[0][1].location
        if soft:
            names = "、".join(scope.label(t.name or "") for t, _ in soft)
            where = " ".join(x for x in (table.name, row, column) if x)
            return self.finding(
                report, rule, location, table=table, row=row, column=column, operands=operands,
                severity=Severity.INFO,
                message=Text(
                    f"无法核验：{rule.summary.zh if rule.summary else rule.id}（{where}）——{names}为空白或非数字",
                    f"cannot verify {rule.id} ({where}): {names} is blank or not a number",
                ),
            )
        return self.finding(
            report, rule, location, table=table, row=row, column=column,
            expected=format_number(right), actual=format_number(left),
            operands=operands, uncertain=any(c.uncertain for _, c in everything),
        )



class Sum(_Arithmetic):
    """A total equals the sum of its parts, per column, row or column group."""

    name = "sum"
    finding_kind = "sum"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["table", "total", "parts"],
        "additionalProperties": False,
        "properties": {
            **_COMMON,
            "total": {"type": "string"},
            "parts": {
                "oneOf": [
                    {"type": "array", "minItems": 1, "items": {"type": "string"}},
                    {
                        "type": "object",
                        "required": ["group"],
                        "additionalProperties": False,
                        "properties": {"group": {"type": "string"}, "exclude": {"type": "array", "items": {"type": "string"}}},
                    },
                ]
            },
        },
    }

    def comparison(self, params: dict[str, Any], table: TableSpec) -> Comparison:
        parts = params["parts"]
        if isinstance(parts, dict):
            exclude = set(parts.get("exclude", ()))
            parts = [
                r.id
                for block in table.blocks
                for r in block.rows
                if parts["group"] in r.groups and r.id not in exclude
            ]
        return Comparison((Term(1, params["total"]),), "==", tuple(Term(1, p) for p in parts))


class Equation(_Arithmetic):
    """An identity written in the expression language (see ``checker.expr``)."""

    name = "equation"
    finding_kind = "equation"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["table", "expr"],
        "additionalProperties": False,
        "properties": {**_COMMON, "expr": {"type": "string"}, "anchor": {"type": "string"}},
    }

    def comparison(self, params: dict[str, Any], table: TableSpec) -> Comparison:
        return parse(params["expr"])  # an ExprError here is caught by validate() at load time

