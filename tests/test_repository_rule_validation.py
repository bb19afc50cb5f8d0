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



def _summary(path: str, year: int | None, **numbers: tuple[str, int]) -> object:
    """A report's summary holding the 总计 cells ``key=(number, line)`` of 表三."""
    from checker.model import Location
    from checker.repository.summary import ReportSummary, pack_cells

    cells = pack_cells((f"T3.{key}.total", number, number, Location(path, line=line)) for key, (number, line) in numbers.items())
    return ReportSummary(path, "甲局", "甲局", year, "V2021", "gov-2021", None, packed_cells=cells)


def _x1(expr: str, current: object, previous: list[object], **params: object) -> list[tuple[object, ...]]:
    from checker.finding import Severity, Text
    from checker.packs.model import RuleSpec
    from checker.rulekinds.repository import Context

    message = "{table}|{actual}/{expected}|{previous_file}|{previous_year}|{row}"
    rule = RuleSpec("Z", "previous_year", Severity.WARNING, Text(message, message), None, None,
                    params={"table": "T3", "expr": expr, **params})
    ctx = Context(current, Engine(Settings()).registry.load("gov-2021"), {}, previous=previous)  # type: ignore[arg-type]
    return [
        (f.table, f.location.line, f.message.zh, [(o.label, o.value, o.location.line if o.location else None) for o in f.operands],
         [(r.path, r.location.line if r.location else None, r.message.zh, r.message.en) for r in f.related])
        for f in PreviousYear().check_repository(ctx, rule)
    ]


CARRIED_IN, CARRIED_OUT = "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"  # row labels: the column is the scope


def test_a_previous_year_identity_with_a_constant_reported_once_for_two_copies() -> None:
    """``carried_in == previous.carried_out + 2`` on the 总计 column (the other columns have no cells
    here, so they say nothing); last year's report as two identical files gives one finding, at
    this year's cell, naming last year's file and cell."""
    previous = [_summary(f"r/2020/{n}", 2020, carried_out=("3", 21)) for n in ("a.pdf", "a.html")]
    related = [("r/2020/a.pdf", 21, "上一年度（2020年）报告：a.pdf", "the previous year's (2020) report: a.pdf")]
    assert _x1("carried_in == previous.carried_out + 2", _summary("r/2021/b.pdf", 2021, carried_in=("5", 7)), previous) == []
    assert _x1("carried_in == previous.carried_out + 2", _summary("r/2021/b.pdf", 2021, carried_in=("6", 7)), previous) == [
        ("表三", 7, "表三|6/5|a.pdf|2020|{row}", [(f"2021年 {CARRIED_IN}", "6", 7), (f"2020年 {CARRIED_OUT}", "3", 21)], related),
    ]
    # the constant first; within the tolerance
    assert _x1("carried_in == 2 + previous.carried_out", _summary("r/2021/b.pdf", 2021, carried_in=("5", 7)), previous) == []
    assert _x1("carried_in == previous.carried_out + 2", _summary("r/2021/b.pdf", 2021, carried_in=("6", 7)), previous, tolerance=1) == []
    # this year's report without a year: its operands are named without one
    ((*_, operands, _),) = _x1("carried_in == previous.carried_out", _summary("r/b.pdf", None, carried_in=("6", 7)), previous)
    assert operands == [(CARRIED_IN, "6", 7), (f"2020年 {CARRIED_OUT}", "3", 21)]


def test_an_identity_of_last_years_cells_alone_points_at_its_first_cell() -> None:
    previous = [_summary("r/2020/a.pdf", 2020, carried_in=("4", 9), carried_out=("3", 21))]
    ((table, line, *_),) = _x1("previous.carried_in == previous.carried_out", _summary("r/2021/b.pdf", 2021), previous)
    assert (table, line) == ("表三", 9)


def test_an_identity_per_row_names_the_row() -> None:
    previous = [_summary("r/2020/a.pdf", 2020, new=("3", 21))]
    ((_, _, message, *_),) = _x1("total == previous.total", _summary("r/2021/b.pdf", 2021, new=("5", 7)), previous, for_each="row")
    assert message == "表三|5/3|a.pdf|2020|一、本年新收政府信息公开申请数量"


def test_a_duplicate_names_the_other_file_at_its_title_or_the_file() -> None:
    from checker.finding import Severity, Text
    from checker.model import Location
    from checker.packs.model import RuleSpec
    from checker.repository.summary import ReportSummary
    from checker.rulekinds.repository import Context, Identity

    def report(path: str, title_line: int | None) -> ReportSummary:
        return ReportSummary(path, "甲局", "甲局", 2021, "V2021", "gov-2021", Location(path, line=title_line) if title_line else None)

    rule = RuleSpec("Z", "repository", Severity.WARNING, Text("{other}", "{other}"), None, None, params={"check": "duplicate"})
    pack = Engine(Settings()).registry.load("gov-2021")
    ctx = Context(report("r/a.pdf", 3), pack, {}, same_year=[report("r/x/a.html", 9), report("r/x/a.txt", None)])
    assert [(f.location.line, f.message.zh, [(r.path, r.location, r.message.zh, r.message.en) for r in f.related])
            for f in Identity().check_repository(ctx, rule)] == [
        (3, "a.html", [("r/x/a.html", Location("r/x/a.html", line=9), "同一机关同一年度的另一份报告：a.html",
                        "another report of this agency and year: a.html")]),
        (3, "a.txt", [("r/x/a.txt", Location("r/x/a.txt"), "同一机关同一年度的另一份报告：a.txt",
                       "another report of this agency and year: a.txt")]),
    ]
    # a report without a title location: its finding is at the file
    ctx = Context(report("r/a.pdf", None), pack, {}, same_year=[report("r/x/a.html", 9)])
    assert [f.location for f in Identity().check_repository(ctx, rule)] == [Location("r/a.pdf")]


def test_a_settings_flag_is_true_in_the_usual_spellings() -> None:
    from checker.rulekinds.repository import _truthy

    assert [_truthy(v) for v in (True, "true", "TRUE", "1", 1, "yes", "Yes", "on", "ON")] == [True] * 9
    assert [_truthy(v) for v in (False, None, "false", "0", 0, "no", "off", "", 2)] == [False] * 9


def test_copied_text_one_finding_per_relation_at_the_largest_share() -> None:
    from checker.finding import Severity, Text
    from checker.model import Location
    from checker.packs.model import RuleSpec
    from checker.repository.summary import ReportSummary
    from checker.rulekinds.repository import Context, Copies, Similar

    def report(path: str, s1_line: int) -> ReportSummary:
        return ReportSummary(path, "甲局", "甲局", 2021, "V2021", "gov-2021", None, sections={"S1": Location(path, line=s1_line)})

    pack = Engine(Settings()).registry.load("gov-2021")
    similar = [Similar(report("r/2020/a.pdf", 5), 0.8, "previous"), Similar(report("r/2020/b.pdf", 6), 0.79, "previous"),
               Similar(report("r/2021/c.pdf", 7), 0.85, "peer"), Similar(report("r/2021/d.pdf", 8), 0.85, "peer"),
               Similar(report("r/2021/e.pdf", 9), 0.9, "peer")]

    def copies(shares: list[Similar], **params: object) -> list[tuple[object, ...]]:
        rule = RuleSpec("W9", "copies", Severity.WARNING, Text("{share}|{other}", "{relation_zh}|{relation_en}"), None, None,
                        params={"check": "text", **params})
        ctx = Context(report("r/2021/x.pdf", 3), pack, {}, similar=shares)
        out = []
        for f in Copies().check_repository(ctx, rule):
            what = ("上一年度报告", "the previous year's report") if f.message.zh.endswith("a.pdf") else ("同年度另一机关的报告", "another agency's report of the same year")
            assert f.message.en == "|".join(what)
            name = f.message.zh.split("|")[1]
            assert (f.related[0].message.zh, f.related[0].message.en) == (f"{what[0]}：{name}", f"{what[1]}: {name}")
            assert f.related[0].path == f.related[0].location.path and f.related[0].path.endswith(name)
            out.append((f.section, f.location.line, f.message.zh, f.related[0].location.line))
        return out

    s1 = "一、总体情况"
    # 0.8 is enough by default, 0.79 is not; of the peers the largest share; equal shares: the first
    assert copies(similar) == [(s1, 3, "80%|a.pdf", 5), (s1, 3, "90%|e.pdf", 9)]
    assert copies(similar[1:4]) == [(s1, 3, "85%|c.pdf", 7)]
    assert copies(similar, threshold=0.85) == [(s1, 3, "90%|e.pdf", 9)]
    assert copies(similar, threshold=0.5) == [(s1, 3, "80%|a.pdf", 5), (s1, 3, "90%|e.pdf", 9)]
    # the other report without a found section 一: the related location is its file
    no_s1 = ReportSummary("r/2021/f.pdf", "乙局", "乙局", 2021, "V2021", "gov-2021", None)
    assert copies([Similar(no_s1, 0.9, "peer")]) == [(s1, 3, "90%|f.pdf", None)]
