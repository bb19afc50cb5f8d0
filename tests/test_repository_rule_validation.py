"""The repository rule kinds reject a bad rule when the pack loads, saying what is wrong.

``previous_year`` (an identity with last year's report) and ``prose`` (figures in the text
against the tables). The built-in packs are validated once and kept compiled, so only a direct
call (or a house pack) reaches this code.
"""

from __future__ import annotations

import pytest

from checker.engine import Engine, Settings
from checker.packs.model import TableSpec
from checker.rulekinds.prose import Prose
from checker.rulekinds.repository import PreviousYear


@pytest.fixture(scope="module")
def tables() -> dict[str, TableSpec]:
    return {t.id: t for t in Engine(Settings()).registry.load("gov-2021").tables}


@pytest.mark.parametrize(("params", "problem"), [
    ({"table": "T3", "expr": "carried_in == previous.carried_out"}, None),
    ({"table": "T3", "expr": "T3.carried_in == previous.T3.carried_out"}, None),
    ({"table": "T3", "for_each": "row", "expr": "natural == previous.natural"}, None),
    ({"table": "T9", "expr": "carried_in == previous.carried_out"}, "unknown table 'T9'"),
    ({"table": "T3", "expr": "carried_in =="}, "expr: an expression side is empty or ends with an operator"),
    ({"table": "T3", "expr": "carried_in == carried_out"}, "the comparison names no previous.… cell"),
    ({"table": "T3", "expr": "carried_in == previous.nope"}, "previous.nope not in T3 (for_each: column)"),
    ({"table": "T3", "expr": "nope == previous.nope"}, "nope, previous.nope not in T3 (for_each: column)"),
    # 表二's rows are in several blocks: a row of any of them is known
    ({"table": "T2", "expr": "rules == previous.rules"}, None),
    ({"table": "T2", "expr": "license == previous.license"}, None),
    ({"table": "T3", "for_each": "row", "expr": "natural == previous.carried_out"},
     "previous.carried_out not in T3 (for_each: row)"),
])
def test_a_previous_year_rule_is_checked_when_its_pack_loads(
    params: dict[str, object], problem: str | None, tables: dict[str, TableSpec]
) -> None:
    assert PreviousYear().validate(params, tables) == problem


@pytest.mark.parametrize(("readings", "problem"), [
    ([["new.total"]], None),
    ([["new.total"], ["new.natural", "new.commercial"]], None),
    ([["new.total", "nope.total"]], "nope.total is not a cell of T3"),
    ([["new.nope"]], "new.nope is not a cell of T3"),
])
def test_a_prose_rule_is_checked_when_its_pack_loads(
    readings: list[list[str]], problem: str | None, tables: dict[str, TableSpec]
) -> None:
    assert Prose().validate({"quantities": [{"table": "T3", "readings": readings}]}, tables) == problem
    assert Prose().validate({"quantities": [{"table": "T4", "readings": [["value.review.total"]]}]}, tables) is None
    assert Prose().validate({"quantities": [{"table": "T9", "readings": []}]}, tables) == "unknown table 'T9'"


def test_a_previous_year_identity_with_a_constant_reported_once_for_two_copies(tables: dict[str, TableSpec]) -> None:
    """``carried_in == previous.carried_out + 2`` on the 总计 column (the other columns have no cells
    here, so they say nothing); last year's report as two identical files gives one finding."""
    from checker.finding import Severity, Text
    from checker.model import Location
    from checker.packs.model import RuleSpec
    from checker.repository.summary import CellSummary, ReportSummary
    from checker.rulekinds.repository import Context

    pack = Engine(Settings()).registry.load("gov-2021")

    def summary(path: str, year: int, key: str, number: str) -> ReportSummary:
        cell = CellSummary(number, number, Location(path, line=7))
        return ReportSummary(path, "甲局", "甲局", year, "V2021", "gov-2021", None, cells={f"T3.{key}.total": cell})

    rule = RuleSpec("Z", "previous_year", Severity.WARNING, Text("{actual}/{expected}", "{actual}/{expected}"), None, None,
                    params={"table": "T3", "expr": "carried_in == previous.carried_out + 2"})
    previous = [summary(f"r/2020/{n}", 2020, "carried_out", "3") for n in ("a.pdf", "a.html")]
    for current, expected in (("5", []), ("6", [("6", "5", "6/5")])):
        ctx = Context(summary("r/2021/a.pdf", 2021, "carried_in", current), pack, {}, previous=previous)
        assert [(f.actual, f.expected, f.message.zh) for f in PreviousYear().check_repository(ctx, rule)] == expected
