"""Rule kinds over a repository of reports: a report against the same agency's previous one (X1,
C2, C3, C5), two files for one agency and year, a missing predecessor, and copies (W9).

They do nothing per file (``check`` yields nothing); ``checker.repository.phase`` runs them after
every file of the run has been read, with a :class:`Context` built from the files' summaries. Their
findings belong to the later report's file and name the other file in ``related``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar

from msgspec import Struct, field

from checker.expr import Comparison, ExprError, Term, parse
from checker.finding import Finding, Operand, Related, Text
from checker.model import Location
from checker.packs.model import Pack, RuleSpec, TableSpec
from checker.report import Report
from checker.repository.summary import CellSummary, ReportSummary
from checker.rulekinds.arithmetic import _COMPARE, _FOR_EACH, _Scope, _scopes
from checker.rulekinds.base import RuleKind, message_values, render, table_section
from checker.values import format_number

PREVIOUS = "previous."
MIN_SHARED_CELLS = 100  # W9-table: at least this many cells in common (表三 has 161 or 175)


class Similar(Struct, frozen=True):
    """Another report whose 一 + 五 text shares ``share`` of this report's text (W9)."""

    other: ReportSummary
    share: float
    relation: str  # "previous" (same agency, year before) | "peer" (another agency, same year)


class Context(Struct):
    """What a repository rule sees of one checked report and its neighbours in the repository."""

    current: ReportSummary
    pack: Pack
    params: dict[str, Any]
    previous: list[ReportSummary] = field(default_factory=list)  # same agency, year − 1
    same_year: list[ReportSummary] = field(default_factory=list)  # same agency, same year (other files)
    similar: list[Similar] = field(default_factory=list)


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


class RepositoryKind(RuleKind):
    """A rule over several reports. Per file it says nothing."""

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        return iter(())

    def check_repository(self, ctx: Context, rule: RuleSpec) -> Iterator[Finding]:
        raise NotImplementedError

    def pair_finding(
        self,
        ctx: Context,
        rule: RuleSpec,
        location: Location | None,
        related: tuple[Related, ...],
        *,
        table: TableSpec | None = None,
        section: str | None = None,
        row: str | None = None,
        column: str | None = None,
        expected: str | None = None,
        actual: str | None = None,
        operands: tuple[Operand, ...] = (),
        **extra: Any,
    ) -> Finding:
        values = message_values(table, row, column, expected, actual, operands, extra)
        if section is None and table is not None:
            section = table_section(ctx.pack, table)
        return Finding(
            rule=rule.id,
            kind=self.finding_kind,
            severity=rule.severity,
            message=Text(render(rule.message.zh, values), render(rule.message.en, values)),
            path=ctx.current.path,
            location=location or ctx.current.title_location or Location(ctx.current.path),
            section=section,
            table=table.name if table else None,
            row=row,
            column=column,
            expected=expected,
            actual=actual,
            operands=operands,
            help=rule.help,
            related=related,
        )


# -- X1, C2, C3, C5: an identity between this report's cells and last year's -------------------------


def _split(name: str) -> tuple[bool, str]:
    """``previous.carried_out`` → (True, "carried_out"); a table id prefix ("T3.") is allowed."""
    previous = name.startswith(PREVIOUS) and name != "previous"
    return previous, name[len(PREVIOUS) :] if previous else name


class PreviousYear(RepositoryKind):
    """An identity in the expression language whose ``previous.`` ids are the same agency's report
    of the year before: ``carried_in == previous.carried_out`` (X1), evaluated per column or row
    like ``equation``. No predecessor, or a cell missing or not a number on either side: silent
    (the per-file rules report blank cells; a predecessor in the other format lacks 表二's cells)."""

    name = "previous_year"
    finding_kind = "equation"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["table", "expr"],
        "additionalProperties": False,
        "properties": {
            "table": {"type": "string"},
            "block": {"type": "string"},
            "for_each": _FOR_EACH,
            "tolerance": {"type": "number", "minimum": 0},
            "expr": {"type": "string"},
        },
    }

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        table = tables.get(params["table"])
        if table is None:
            return f"unknown table {params['table']!r}"
        try:
            comparison = self.comparison(params)
        except ExprError as exc:
            return f"expr: {exc}"
        if not any(_split(n)[0] for n in comparison.names):
            return "the comparison names no previous.… cell"
        for_each = params.get("for_each", "column")
        known: set[str] = set()
        for block in table.blocks:
            known |= {r.id for r in block.rows} if for_each == "column" else {c.id for c in block.columns}
        unknown = [n for n in comparison.names if _split(n)[1] not in known]
        return f"{', '.join(unknown)} not in {table.id} (for_each: {for_each})" if unknown else None

    def comparison(self, params: dict[str, Any]) -> Comparison:
        return _comparison(params["expr"], params["table"])

    def check_repository(self, ctx: Context, rule: RuleSpec) -> Iterator[Finding]:
        table = ctx.pack.table(rule.params["table"])
        if table is None:
            return
        cmp = self.comparison(rule.params)
        names = [_split(n)[1] for n in cmp.names]
        seen: set[tuple[str, str | None]] = set()
        # Several files of last year (the PDF and the web page of one report): compare with each;
        # the same finding from two identical copies is reported once.
        for previous in ctx.previous:
            for scope in _scopes(table, rule, list(dict.fromkeys(names))):
                finding = self._evaluate(ctx, rule, table, scope, cmp, previous)
                if finding is not None and (finding.fingerprint, finding.expected) not in seen:
                    seen.add((finding.fingerprint, finding.expected))
                    yield finding

    def _evaluate(
        self, ctx: Context, rule: RuleSpec, table: TableSpec, scope: _Scope, cmp: Comparison, previous: ReportSummary
    ) -> Finding | None:
        totals: list[Decimal] = []
        cells: list[tuple[bool, str, CellSummary]] = []
        for terms in (cmp.left, cmp.right):
            total = Decimal(0)
            for term in terms:
                if term.name is None:
                    total += term.sign * Decimal(term.constant or 0)
                    continue
                is_previous, name = _split(term.name)
                row_id, column_id = scope.cell_key(name)
                cell = (previous if is_previous else ctx.current).value(f"{table.id}.{row_id}.{column_id}")
                if cell is None or cell.number is None:
                    return None
                total += term.sign * Decimal(cell.number)
                cells.append((is_previous, name, cell))
            totals.append(total)
        tolerance = Decimal(str(rule.params.get("tolerance", 0)))
        if _COMPARE[cmp.op](totals[0], totals[1], tolerance):
            return None
        operands = tuple(
            Operand(f"{year}年 {scope.label(name)}" if year else scope.label(name), cell.number, cell.raw, "number", cell.location)
            for is_previous, name, cell in cells
            for year in [(previous if is_previous else ctx.current).year]
        )
        anchor = next((c for p, _, c in cells if not p), cells[0][2])
        prior = next(c for p, _, c in cells if p)
        row, column = scope.place(None)
        related = (
            Related(
                previous.path,
                prior.location,
                Text(f"上一年度（{previous.year}年）报告：{_name(previous.path)}", f"the previous year's ({previous.year}) report: {_name(previous.path)}"),
            ),
        )
        return self.pair_finding(
            ctx, rule, anchor.location, related, table=table, row=row, column=column,
            expected=format_number(totals[1]), actual=format_number(totals[0]), operands=operands,
            previous_file=_name(previous.path), previous_year=previous.year,
        )


@lru_cache(maxsize=64)
def _comparison(expr: str, table: str) -> Comparison:
    """The parsed expression with ``T3.``-style table prefixes dropped (parsed once per rule)."""
    cmp = parse(expr)

    def bare(terms: tuple[Term, ...]) -> tuple[Term, ...]:  # "T3.carried_in" → "carried_in"
        out = []
        for t in terms:
            name = t.name
            if name is not None:
                previous, rest = _split(name)
                if rest.startswith(table + "."):
                    rest = rest[len(table) + 1 :]
                name = PREVIOUS + rest if previous else rest
            out.append(Term(t.sign, name, t.constant))
        return tuple(out)

    return Comparison(bare(cmp.left), cmp.op, bare(cmp.right))


# -- identity: two files for one agency and year; a report without its predecessor -----------------


class Identity(RepositoryKind):
    """``duplicate``: another file in the set is the same agency's report of the same year.
    ``history_missing``: with the ``require_history`` parameter, no report of the year before."""

    name = "repository"
    finding_kind = "repository"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["check"],
        "additionalProperties": False,
        "properties": {"check": {"enum": ["duplicate", "history_missing"]}},
    }

    def check_repository(self, ctx: Context, rule: RuleSpec) -> Iterator[Finding]:
        current = ctx.current
        if rule.params["check"] == "duplicate":
            for other in ctx.same_year:
                related = (Related(other.path, other.title_location or Location(other.path),
                                   Text(f"同一机关同一年度的另一份报告：{_name(other.path)}", f"another report of this agency and year: {_name(other.path)}")),)
                yield self.pair_finding(ctx, rule, current.title_location, related, other=_name(other.path),
                                        agency=current.agency, year=current.year)
        elif _truthy(ctx.params.get("require_history")) and not ctx.previous and current.year is not None:
            yield self.pair_finding(ctx, rule, current.title_location, (), agency=current.agency,
                                        year=current.year, previous_year=current.year - 1)


def _truthy(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes", "on")


# -- W9: copies ------------------------------------------------------------------------------------


class Copies(RepositoryKind):
    """W9. ``text``: sections 一 and 五 share at least ``threshold`` of their text (5-character
    shingles, numbers masked) with the same agency's previous report or another agency's report
    of the same year. ``table``: 表三 is the same, cell for cell, as last year's (and not all 0)."""

    name = "copies"
    finding_kind = "copy"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["check"],
        "additionalProperties": False,
        "properties": {
            "check": {"enum": ["text", "table"]},
            "threshold": {"type": "number", "minimum": 0, "maximum": 1},
            "table": {"type": "string"},
        },
    }

    def check_repository(self, ctx: Context, rule: RuleSpec) -> Iterator[Finding]:
        if rule.params["check"] == "text":
            threshold = float(rule.params.get("threshold", 0.8))
            section = next((s.label for s in ctx.pack.sections if s.id == "S1"), None)
            best: dict[str, Similar] = {}  # one finding per relation: the largest share
            for similar in ctx.similar:
                if similar.share >= threshold and (similar.relation not in best or similar.share > best[similar.relation].share):
                    best[similar.relation] = similar
            for similar in best.values():
                other = similar.other
                where = ctx.current.sections.get("S1")
                zh_what = "上一年度报告" if similar.relation == "previous" else "同年度另一机关的报告"
                en_what = "the previous year's report" if similar.relation == "previous" else "another agency's report of the same year"
                related = (Related(other.path, other.sections.get("S1") or Location(other.path),
                                   Text(f"{zh_what}：{_name(other.path)}", f"{en_what}: {_name(other.path)}")),)
                share = f"{round(similar.share * 100)}%"
                yield self.pair_finding(ctx, rule, where, related, section=section, other=_name(other.path),
                                        share=share, relation_zh=zh_what, relation_en=en_what, actual=share)
        else:
            table_id = rule.params.get("table", "T3")
            table = ctx.pack.table(table_id)
            if table is None or not ctx.previous:
                return
            previous = ctx.previous[0]  # last year's copies: the first by path
            prefix = table_id + "."
            shared = [k for k in ctx.current.cells if k.startswith(prefix) and k in previous.cells]  # 2019/2021: all but （六）
            numbers = []
            for key in shared:  # stops at the first difference: most pairs differ in the first cells
                number = ctx.current.cells[key].number
                if number is None or number != previous.cells[key].number:
                    return
                numbers.append(number)
            if len(shared) < MIN_SHARED_CELLS:
                return
            if all(n == "0" for n in numbers):
                return  # a repeated all-zero table is an agency with no applications, not a copy
            first = min((c for k, c in ctx.current.cells.items() if k.startswith(table_id + ".")), key=lambda c: c.location.sort_key())
            related = (Related(previous.path, previous.title_location or Location(previous.path),
                               Text(f"上一年度（{previous.year}年）报告：{_name(previous.path)}", f"the previous year's ({previous.year}) report: {_name(previous.path)}")),)
            yield self.pair_finding(ctx, rule, first.location, related, table=table, other=_name(previous.path),
                                    previous_year=previous.year)
