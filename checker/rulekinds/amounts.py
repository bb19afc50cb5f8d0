"""Rule kinds over ledger tables (``checker.binding.coded``): presence, identities, hierarchies.

- ``ledger``: a ledger is missing, lacks a required row or column, or is empty without the
  statement that says so (or says so while it holds amounts).
- ``amount_identity``: a comparison between cell references, once or for each row/column.
- ``code_hierarchy``: each code equals the sum of its children, the total the sum of the top level.
- ``rows_match``: rows of two ledgers paired by label or code agree (``==``) or are bounded (``<=``).

References read ``LEDGER[ROW].COLUMN``; ROW is a row id, a code, ``$`` (the current row of
``for_each``), or in ``sum(...)`` a selection: ``*`` every row, ``code`` every coded row,
``level=N`` codes of the N-th level, ``unnamed`` rows the pack does not name. COLUMN may be ``$``
(the current column). Tolerance ``rounding`` allows one half-unit per printed amount involved
(spec: rounded cells drift by n x 0.005 万元); a number is an absolute tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

from msgspec.structs import replace

from checker.amounts import (
    Comparison,
    ExprError,
    Node,
    Value,
    evaluate,
    half_unit,
    holds,
    parse_comparison,
    references,
)
from checker.binding.coded import BoundLedger, LedgerEntry, strip_numbering
from checker.finding import Finding, Text
from checker.model import Location
from checker.packs.model import RuleSpec, TableSpec
from checker.report import BoundCell, Report
from checker.rulekinds.base import RuleKind, operand
from checker.values import ValueKind, format_number

_TOLERANCE = {"oneOf": [{"type": "number", "minimum": 0}, {"const": "rounding"}]}
_SELECT = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def split_ref(text: str) -> tuple[str, str | None, str | None]:
    """``T1[total].amount`` → ("T1", "total", "amount"); a bare name → (name, None, None)."""
    if "[" not in text:
        return text, None, None
    ledger, rest = text.split("[", 1)
    row, _, column = rest.partition("]")
    return ledger, row, column.lstrip(".") or None


def select_rows(ledger: BoundLedger, selector: str | list[str]) -> list[LedgerEntry]:
    rows = list(ledger.rows.values())
    if isinstance(selector, list):
        return [ledger.rows[r] for r in selector if r in ledger.rows]
    if selector == "*":
        return rows
    if selector == "code":
        return [r for r in rows if r.code]
    if selector == "unnamed":
        named = {r.id for r in ledger.spec.rows}
        return [r for r in rows if r.id not in named and not r.code]
    if selector.startswith("level="):
        levels = ledger.spec.code_levels
        level = int(selector.split("=", 1)[1])
        return [r for r in rows if r.code and level <= len(levels) and len(r.code) == levels[level - 1]]
    return [ledger.rows[selector]] if selector in ledger.rows else []


def cell_value(cell: BoundCell) -> Value | None:
    if not cell.value.is_numeric or cell.value.number is None:
        return None
    if not cell.value.raw.strip():
        return Value(cell.value.number, 0, Decimal(0))  # a blank is exactly nothing: no rounding in it
    return Value(cell.value.number, 1, half_unit(cell.value.number))


def _place(ledger: BoundLedger, row: str, column: str) -> tuple[str, str]:
    entry = ledger.rows.get(row)
    spec_row = ledger.spec.row(row)
    label = spec_row.label if spec_row else (f"{entry.code} {entry.label}" if entry and entry.code else (entry.label if entry else row))
    spec_column = ledger.spec.column(column)
    return label, (spec_column.label if spec_column and not spec_column.within else
                   (f"{spec_column.within[0]} / {spec_column.label}" if spec_column else column))


class _LedgerRule(RuleKind):
    def ledger_finding(
        self, report: Report, rule: RuleSpec, ledger: BoundLedger | None, name: str, location: Location | None,
        row: str | None = None, column: str | None = None, **values: Any,
    ) -> Finding:
        where = " ".join(x for x in (name, row, column) if x)
        finding = self.finding(report, rule, location, row=row, column=column, where=where, table_name=name, **values)
        return replace(finding, table=name)


class Ledger(_LedgerRule):
    """Presence and shape of ledger tables."""

    name = "ledger"
    finding_kind = "table"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["check"],
        "additionalProperties": False,
        "properties": {
            "check": {"enum": ["missing", "row_missing", "column_missing", "empty_unexplained", "statement_but_data", "order"]},
            "ledgers": {"type": "array", "items": {"type": "string"}},
        },
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        wanted = rule.params.get("ledgers")
        check = rule.params["check"]
        if check == "order":
            yield from _order(self, report, rule)
            return
        for spec in report.pack.ledgers:
            if wanted and spec.id not in wanted:
                continue
            bound: BoundLedger | None = report.ledgers.get(spec.id)
            if bound is None:
                if check == "missing":
                    title = _last_title(report, spec.titles)
                    yield self.ledger_finding(report, rule, None, spec.name, title, label=spec.titles[0])
                continue
            where = bound.title.location if bound.title else bound.location
            if check == "row_missing":
                for row in spec.rows:
                    if row.required and row.id not in bound.rows:
                        yield self.ledger_finding(report, rule, bound, spec.name, bound.location, row=row.label)
            elif check == "column_missing":
                for column_id in bound.missing_columns:
                    column = spec.column(column_id)
                    yield self.ledger_finding(report, rule, bound, spec.name, bound.location, column=column.label if column else column_id)
            elif check == "empty_unexplained" and spec.no_data and bound.empty and bound.statement is None:
                yield self.ledger_finding(report, rule, bound, spec.name, where)
            elif check == "statement_but_data" and bound.statement is not None and not bound.empty:
                yield self.ledger_finding(report, rule, bound, spec.name, bound.statement.location, found=bound.statement.text)


def _last_title(report: Report, titles: tuple[str, ...]) -> Location | None:
    """Where a missing table's title still stands (its last occurrence: the first is the TOC)."""
    wanted = {strip_numbering(t) for t in titles}
    found = [b.location for b in report.document.paragraphs if strip_numbering(b.text) in wanted]
    return found[-1] if found else None


def _by_label(ledger: BoundLedger, row: str, column: str) -> tuple[str, str]:
    """Ids for a row or column named by its printed label (a narrative names them so)."""
    if row not in ledger.rows and ledger.spec.row(row) is None and row not in ("*", "code", "unnamed") and not row.startswith("level="):
        plain = strip_numbering(row)
        row = next((e.id for e in ledger.rows.values() if strip_numbering(e.label) == plain), row)
    if ledger.spec.column(column) is None:
        plain = strip_numbering(column)
        column = next((c.id for c in ledger.spec.columns if plain in {strip_numbering(x) for x in c.labels}), column)
    return row, column


def _order(kind: _LedgerRule, report: Report, rule: RuleSpec) -> Iterator[Finding]:
    """Each table after the one the profile lists before it (bands of one table share a place)."""
    previous: BoundLedger | None = None
    for spec in report.pack.ledgers:
        bound: BoundLedger | None = report.ledgers.get(spec.id)
        if bound is None:
            continue
        if previous is not None and _position(bound) < _position(previous):
            yield kind.ledger_finding(report, rule, bound, spec.name, bound.location, other=previous.spec.name)
        previous = bound


def _position(ledger: BoundLedger) -> tuple[int, int, float, int, int, int, int, int]:
    return ledger.location.sort_key()  # page and y (PDF), line (text), table index (DOCX)


class _Refs:
    """Resolves references for one evaluation, remembering the cells it read."""

    def __init__(self, report: Report, row: str | None = None, column: str | None = None, strict: bool = False) -> None:
        self.report, self.row, self.column = report, row, column
        self.strict = strict  # an unknown row is unresolved (a narrative's name), not an absent 0
        self.cells: list[tuple[str, BoundCell, BoundLedger]] = []
        self.missing_ledger = False

    def __call__(self, node: Node) -> Value | None:
        name, row, column = split_ref(node.value)
        ledger: BoundLedger | None = self.report.ledgers.get(name)
        if ledger is None or row is None or column is None:
            self.missing_ledger = True
            return None
        row = self.row if row == "$" else row
        if column is not None and "$" in column:
            column = column.replace("$", self.column) if self.column else None
        if row is None or column is None:
            return None
        row, column = _by_label(ledger, row, column)
        if node.op == "sum":
            total = Value(Decimal(0))
            for entry in select_rows(ledger, row):
                cell = entry.cells.get(column)
                value = cell_value(cell) if cell else None
                if cell is None or value is None:
                    continue
                label = " ".join(x for x in (ledger.spec.name, entry.code, entry.label) if x)  # no blank for a row without code
                self.cells.append((label, cell, ledger))
                total = Value(total.number + value.number, total.cells + value.cells, max(total.half, value.half))
            return total
        cell = ledger.cell(row, column)
        if cell is None:
            spec_row = ledger.spec.row(row)
            missing_row = row not in ledger.rows and not (spec_row and spec_row.required) and not self.strict
            return Value(Decimal(0)) if missing_row and ledger.spec.column(column) else None
        label, col_label = _place(ledger, row, column)
        self.cells.append((f"{ledger.spec.name} {label} {col_label}", cell, ledger))
        return cell_value(cell)


def check_comparison(
    kind: _LedgerRule, report: Report, rule: RuleSpec, cmp: Comparison, row: str | None = None, column: str | None = None
) -> Finding | None:
    refs = _Refs(report, row, column)
    left, right = evaluate(cmp.left, refs), evaluate(cmp.right, refs)
    if left is None or right is None or not refs.cells:
        return None  # a missing ledger or an unreadable cell has its own finding
    tolerance = rule.params.get("tolerance", "rounding")
    if tolerance == "rounding":
        slack = (left.cells + right.cells) * max(left.half, right.half)
    else:
        slack = Decimal(str(tolerance))
    if holds(cmp.op, left.number, right.number, slack, strict=False):
        return None
    _, anchor, ledger = refs.cells[0]
    name, row_label, column_label = ledger.spec.name, None, None
    if anchor.row in ledger.rows or ledger.spec.row(anchor.row):
        row_label, column_label = _place(ledger, anchor.row, anchor.column)
    operands = tuple(operand(label, cell) for label, cell, _ in refs.cells)
    return kind.ledger_finding(
        report, rule, ledger, name, anchor.location, row=row_label, column=column_label,
        expected=printed(right), actual=printed(left), operands=operands,
        gap=printed(Value(left.number - right.number, 0, max(left.half, right.half))), slack=format_number(slack),
    )


def printed(value: Value) -> str:
    """An amount as the table prints it: as many decimals as its printed operands carry."""
    if value.half:
        return str(value.number.quantize((value.half * 2).normalize()))
    return format_number(value.number) or "0"


class AmountIdentity(_LedgerRule):
    """An identity over ledger cells, once or for each row / column."""

    name = "amount_identity"
    finding_kind = "equation"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["expr"],
        "additionalProperties": False,
        "properties": {
            "expr": {"oneOf": [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]},
            "tolerance": _TOLERANCE,
            "for_each": {
                "type": "object",
                "additionalProperties": False,
                "required": ["ledger"],
                "properties": {"ledger": {"type": "string"}, "rows": _SELECT, "columns": {"type": "array", "items": {"type": "string"}}},
            },
        },
    }

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        for text in _exprs(params):
            try:
                cmp = parse_comparison(text)
            except ExprError as exc:
                return f"expr: {exc}"
            if not references(cmp.left) + references(cmp.right):
                return f"{text!r} names no cells"
        return None

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        comparisons = [parse_comparison(text) for text in _exprs(rule.params)]
        each = rule.params.get("for_each")
        rows: list[str | None] = [None]
        columns: list[str | None] = [None]
        if each is not None:
            ledger = report.ledgers.get(each["ledger"])
            if ledger is None:
                return
            if "rows" in each:
                rows = [r.id for r in select_rows(ledger, each["rows"])]
            columns = list(each.get("columns", [None]))
        for cmp in comparisons:
            for row in rows:
                for column in columns:
                    finding = check_comparison(self, report, rule, cmp, row, column)
                    if finding:
                        yield finding


def _exprs(params: dict[str, Any]) -> list[str]:
    expr = params["expr"]
    return [expr] if isinstance(expr, str) else list(expr)


class CodeHierarchy(_LedgerRule):
    """Each code's amount equals the sum of its children's (类 = Σ 款, 款 = Σ 项), per column."""

    name = "code_hierarchy"
    finding_kind = "sum"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["ledger", "columns"],
        "additionalProperties": False,
        "properties": {
            "ledger": {"type": "string"},
            "columns": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            "total": {"type": "string"},
            "tolerance": _TOLERANCE,
        },
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        ledger = report.ledgers.get(rule.params["ledger"])
        if ledger is None:
            return
        levels = ledger.spec.code_levels
        coded = [r for r in ledger.rows.values() if r.code]
        total = rule.params.get("total")
        for column in rule.params["columns"]:
            for parent in coded:
                depth = levels.index(len(parent.code or ""))
                if depth + 1 >= len(levels):
                    continue
                children = [r.id for r in coded if len(r.code or "") == levels[depth + 1] and (r.code or "").startswith(parent.code or "")]
                if children:
                    finding = self._sum(report, rule, ledger, parent.id, children, column)
                    if finding:
                        yield finding
            if total and total in ledger.rows:
                tops = [r.id for r in coded if len(r.code or "") == levels[0]]
                finding = self._sum(report, rule, ledger, total, tops, column)
                if finding:
                    yield finding

    def _sum(self, report: Report, rule: RuleSpec, ledger: BoundLedger, parent: str, children: list[str], column: str) -> Finding | None:
        ref = f"{ledger.id}[{{}}].{column}"
        left = Node("ref", ref.format(parent))
        right: Node = Node("num", "0")
        for child in children:
            right = Node("+", args=(right, Node("ref", ref.format(child))))
        return check_comparison(self, report, rule, Comparison(left, "==", right))


class RowsMatch(_LedgerRule):
    """Rows of two ledgers, paired by label or code, agree column by column."""

    name = "rows_match"
    finding_kind = "equation"
    _SIDE: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["ledger", "column"],
        "additionalProperties": False,
        "properties": {"ledger": {"type": "string"}, "column": {"type": "string"}, "rows": _SELECT},
    }
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["left", "right"],
        "additionalProperties": False,
        "properties": {
            "left": _SIDE,
            "right": _SIDE,
            "by": {"enum": ["label", "code"]},
            "op": {"enum": ["==", "<="]},
            "tolerance": _TOLERANCE,
        },
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        p = rule.params
        left, right = report.ledgers.get(p["left"]["ledger"]), report.ledgers.get(p["right"]["ledger"])
        if left is None or right is None:
            return
        by = p.get("by", "label")
        pairs: dict[str, str] = {}
        for entry in select_rows(right, p["right"].get("rows", "*")):
            key = entry.code if by == "code" else strip_numbering(entry.label)
            if key:
                pairs.setdefault(key, entry.id)
        for entry in select_rows(left, p["left"].get("rows", "*")):
            key = entry.code if by == "code" else strip_numbering(entry.label)
            other = pairs.get(key or "")
            cell = entry.cells.get(p["left"]["column"])
            if other is None:
                if cell is not None and cell.value.kind is ValueKind.NUMBER:
                    yield self.ledger_finding(
                        report, rule, left, left.spec.name, cell.location, row=entry.label,
                        column=_place(left, entry.id, p["left"]["column"])[1], actual=cell.value.raw,
                        expected="0", message=Text(
                            f"{left.spec.name}“{entry.label}”有金额{cell.value.raw}，{right.spec.name}中没有对应的行",
                            f"{left.spec.name} row \"{entry.label}\" holds {cell.value.raw}, but {right.spec.name} has no such row",
                        ),
                    )
                continue
            cmp = Comparison(
                Node("ref", f"{left.id}[{entry.id}].{p['left']['column']}"),
                p.get("op", "=="),
                Node("ref", f"{right.id}[{other}].{p['right']['column']}"),
            )
            finding = check_comparison(self, report, rule, cmp)
            if finding:
                yield finding
