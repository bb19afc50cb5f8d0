"""The repository rule kinds (X1, C2, C3, C5, REPO-duplicate, REPO-history, W9) run on contexts built
in memory from the generated repository's summaries (tests/repository_bench.py), each finding
asserted whole: rule, kind, severity, file, location, section, table, row, column, expected,
actual, message (zh and en), operands, the related file and help. The same breaks go through the
CLI in tests/test_repository.py; these tests are the kinds' mutation selection (tools/mutate.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace

from checker.binding import bind
from checker.finding import Finding, Severity, Text
from checker.model import Location
from checker.packs.model import Pack, RuleSpec
from checker.repository.summary import ReportSummary, pack_cells
from checker.rulekinds.repository import (
    Context,
    Copies,
    Identity,
    PreviousYear,
    RepositoryKind,
    Similar,
)
from tests.fixtures.render_text import render_text
from tests.fixtures.repository import _cell, contents, t3
from tests.repository_bench import engine, path_of, repath, summaries, summary_of

A20, A21, A22 = path_of(("A", 2020)), path_of(("A", 2021)), path_of(("A", 2022))
B19, B20, B21, B22 = path_of(("B", 2019)), path_of(("B", 2020)), path_of(("B", 2021)), path_of(("B", 2022))
A_NEW, B = "运城市盐湖区交通运输局", "淮安市人民政府"
T3_SECTION, T2_SECTION = "三、收到和处理政府信息公开申请情况", "二、主动公开政府信息情况"
CARRIED_IN, CARRIED_OUT = "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"


def pack(name: str = "gov-2021") -> Pack:
    return engine().registry.load(name)


def rule(rule_id: str, pack_name: str = "gov-2021", **params: Any) -> RuleSpec:
    spec = next(r for r in pack(pack_name).rules if r.id == rule_id)
    return replace(spec, params={**spec.params, **params}) if params else spec


def where(location: Location | None) -> tuple[Any, ...] | None:
    """A location as (file, line, table, row, col): what a text report's findings carry."""
    return None if location is None else (location.path, location.line, location.table, location.row, location.col)


def whole(f: Finding, spec: RuleSpec) -> dict[str, Any]:
    assert f.help == spec.help and f.uncertain is False
    return {
        "rule": f.rule, "kind": f.kind, "severity": f.severity, "path": f.path, "at": where(f.location),
        "section": f.section, "table": f.table, "row": f.row, "column": f.column,
        "expected": f.expected, "actual": f.actual, "message": (f.message.zh, f.message.en),
        "operands": [(o.label, o.value, o.raw, o.kind, where(o.location)) for o in f.operands],
        "related": [(r.path, where(r.location), r.message.zh, r.message.en) for r in f.related],
    }


def run(spec: RuleSpec, current: ReportSummary, pack_name: str = "gov-2021", **context: Any) -> list[dict[str, Any]]:
    kind = engine().kinds[spec.kind]()
    assert isinstance(kind, RepositoryKind)
    params = context.pop("params", {})
    return [whole(f, spec) for f in kind.check_repository(Context(current, pack(pack_name), params, **context), spec)]


# -- previous_year: X1, C2, C3, C5 -------------------------------------------------------------------


def x1_finding(column: str, col: int, actual: str, expected: str, previous: str = A20, year: int = 2020) -> dict[str, Any]:
    name = previous.rsplit("/", 1)[-1]
    return {
        "rule": "X1", "kind": "equation", "severity": Severity.WARNING, "path": A21, "at": (A21, 25, 1, 4, col),
        "section": T3_SECTION, "table": "表三", "row": None, "column": column, "expected": expected, "actual": actual,
        "message": (f"表三“{column}”列：二、上年结转为{actual}，但上一年度报告（{name}）四、结转下年度继续办理为{expected}",
                    f"表三 column \"{column}\": 二 (carried in) is {actual}, but the previous report ({name}) carried out {expected} (四)"),
        "operands": [(f"2021年 {CARRIED_IN}", actual, actual, "number", (A21, 25, 1, 4, col)),
                     (f"{year}年 {CARRIED_OUT}", expected, expected, "number", (previous, 50, 1, 25, col))],
        "related": [(previous, (previous, 50, 1, 25, col), f"上一年度（{year}年）报告：{name}", f"the previous year's ({year}) report: {name}")],
    }


def test_x1_across_a_rename_and_a_format_change() -> None:
    """A 2021 (运城市盐湖区…, 2021 format) takes in 3 where A 2020 (盐湖区…, 2019 format) carried out
    2, in the 自然人 and 总计 columns: one finding per column, at this year's cell."""
    s = summaries("X1")
    assert run(rule("X1"), s["A", 2021], previous=[s["A", 2020]]) == [x1_finding("自然人", 3, "3", "2"), x1_finding("总计", 9, "3", "2")]
    clean = summaries()
    assert run(rule("X1"), clean["A", 2021], previous=[clean["A", 2020]]) == []
    # the same agency's reports of the clean set agree with their predecessors for every pair rule
    for (agency, year), current in clean.items():
        if (agency, year - 1) in clean:
            for rule_id in ("X1", "C2", "C3", "W9-table"):
                assert run(rule(rule_id), current, previous=[clean[agency, year - 1]]) == [], (agency, year, rule_id)


def test_x1_compares_with_each_file_of_last_year_and_reports_a_difference_once() -> None:
    """Last year as two files that disagree (carried out 1 and 0): a finding against each, in the
    files' order; the same file twice gives its findings once."""
    clean = summaries()
    a20 = contents()["A", 2020]
    one = summary_of(_cell(_cell(a20, "T3", "carried_out", 0, "1"), "T3", "carried_out", 6, "1"), A20)
    html = A20.replace(".txt", ".html")
    none = summary_of(_cell(_cell(a20, "T3", "carried_out", 0, "0"), "T3", "carried_out", 6, "0"), html)
    assert run(rule("X1"), clean["A", 2021], previous=[one, none, one]) == [
        x1_finding("自然人", 3, "2", "1"), x1_finding("总计", 9, "2", "1"),
        x1_finding("自然人", 3, "2", "0", html), x1_finding("总计", 9, "2", "0", html),
    ]
    # one of the two agrees: only the other is named
    assert run(rule("X1"), clean["A", 2021], previous=[clean["A", 2020], none]) == [
        x1_finding("自然人", 3, "2", "0", html), x1_finding("总计", 9, "2", "0", html),
    ]


@pytest.mark.parametrize("side", ["current", "previous"])
@pytest.mark.parametrize("raw", ["/", "", "二"])
def test_x1_with_a_blank_or_unreadable_cell_on_either_side_is_silent_there(side: str, raw: str) -> None:
    """The 自然人 cell blank, "/" or not a number on one side: that column says nothing, 总计 still does."""
    c = contents("X1")
    key, row = (("A", 2021), "carried_in") if side == "current" else (("A", 2020), "carried_out")
    edited = summary_of(_cell(c[key], "T3", row, 0, raw), path_of(key))
    s = {**summaries("X1"), key: edited}
    assert run(rule("X1"), s["A", 2021], previous=[s["A", 2020]]) == [x1_finding("总计", 9, "3", "2")]


def test_x1_without_a_predecessor_or_its_table_is_silent() -> None:
    s = summaries("X1")
    assert run(rule("X1"), s["A", 2021], previous=[]) == []
    assert run(rule("X1", table="T9"), s["A", 2021], previous=[s["A", 2020]]) == []


def c2_finding(path: str, previous: str, year: int, actual: str, expected: str, operands: list[tuple[str, str]]) -> dict[str, Any]:
    name = path.rsplit("/", 1)[-1]
    cols = {"现行有效件数": 3, "本年制发件数": 1, "本年废止件数": 2}
    return {
        "rule": "C2", "kind": "equation", "severity": Severity.WARNING, "path": path, "at": (path, 9, 0, 3, 3),
        "section": T2_SECTION, "table": "表二", "row": "行政规范性文件", "column": None, "expected": expected, "actual": actual,
        "message": (f"表二“行政规范性文件”：现行有效件数为{actual}，但上一年度报告（{name}）的现行有效件数加本年制发、减本年废止为{expected}",
                    f"表二 \"行政规范性文件\": {actual} in force, but last year's in force ({name}) plus issued minus repealed is {expected}"),
        "operands": [
            (label, value, value, "number", (previous if label.startswith(str(year - 1)) else path, 9, 0, 3, cols[label.split(" ")[1]]))
            for label, value in operands
        ],
        "related": [(previous, (previous, 9, 0, 3, 3), f"上一年度（{year - 1}年）报告：{name}", f"the previous year's ({year - 1}) report: {name}")],
    }


def test_c2_per_row_of_its_block() -> None:
    """B 2022's 行政规范性文件 in force 70, where 60 + 6 − 4 = 62: one finding for that row of 表二's
    first block (规章 agrees), at this year's 现行有效件数 cell."""
    s = summaries("C2")
    assert run(rule("C2"), s["B", 2022], previous=[s["B", 2021]]) == [
        c2_finding(B22, B21, 2022, "70", "62", [("2022年 现行有效件数", "70"), ("2021年 现行有效件数", "60"),
                                                ("2022年 本年制发件数", "6"), ("2022年 本年废止件数", "4")]),
    ]


def test_c2_with_a_predecessor_in_the_2019_format_is_silent() -> None:
    """A 2020 is in the 2019 format: its 表二 has no 现行有效件数, so C2 and C3 cannot compare."""
    s = summaries("C3")  # A 2022 repeals 9: C2 and C3 fire against A 2021 (next test), not against a 2019 report
    old = replace(summaries()["A", 2020], year=2021)
    assert run(rule("C2"), s["A", 2022], previous=[old]) == []
    assert run(rule("C3"), s["A", 2022], previous=[old]) == []


def test_c3_more_repealed_than_existed_and_its_boundary() -> None:
    """A 2022 repeals 9 of 7 in force + 1 issued: C3 (9 > 8) and C2 (0 ≠ 7 + 1 − 9). Repealing 8 is
    allowed (C3 is ≤), and then 7 + 1 − 8 = 0 in force holds too: nothing at all."""
    s = summaries("C3")
    c3 = rule("C3")
    assert run(c3, s["A", 2022], previous=[s["A", 2021]]) == [{
        "rule": "C3", "kind": "equation", "severity": Severity.WARNING, "path": A22, "at": (A22, 9, 0, 3, 2),
        "section": T2_SECTION, "table": "表二", "row": "行政规范性文件", "column": None, "expected": "8", "actual": "9",
        "message": ("表二“行政规范性文件”：本年废止9件，多于上一年度报告（yanhu-transport.txt）现行有效件数与本年制发件数之和8",
                    "表二 \"行政规范性文件\": 9 repealed, more than last year's in force (yanhu-transport.txt) plus issued, 8"),
        "operands": [("2022年 本年废止件数", "9", "9", "number", (A22, 9, 0, 3, 2)),
                     ("2021年 现行有效件数", "7", "7", "number", (A21, 9, 0, 3, 3)),
                     ("2022年 本年制发件数", "1", "1", "number", (A22, 9, 0, 3, 1))],
        "related": [(A21, (A21, 9, 0, 3, 3), "上一年度（2021年）报告：yanhu-transport.txt", "the previous year's (2021) report: yanhu-transport.txt")],
    }]
    assert [f["expected"] for f in run(rule("C2"), s["A", 2022], previous=[s["A", 2021]])] == ["-1"]
    at_the_bound = _cell(_cell(contents()["A", 2022], "T2", "normative", 1, "8"), "T2", "normative", 2, "0")
    assert run(c3, summary_of(at_the_bound, A22), previous=[s["A", 2021]]) == []
    assert run(rule("C2"), summary_of(at_the_bound, A22), previous=[s["A", 2021]]) == []


def test_c5_in_the_2019_format_reads_a_signed_change() -> None:
    """B 2020 (2019 format) states 300 行政处罚 items the year before; 2019's report gives 300 + 20
    (printed "+20") = 320. The column called ``previous`` is this year's, ``previous.previous`` last
    year's."""
    s = summaries("C5")
    assert run(rule("C5", "gov-2019"), s["B", 2020], "gov-2019", previous=[s["B", 2019]]) == [{
        "rule": "C5", "kind": "equation", "severity": Severity.WARNING, "path": B20, "at": (B20, 16, 0, 10, 1),
        "section": T2_SECTION, "table": "表二", "row": "行政处罚", "column": None, "expected": "320", "actual": "300",
        "message": ("表二“行政处罚”：上一年项目数量为300，但上一年度报告（huaian.txt）的上一年项目数量加本年增/减为320",
                    "表二 \"行政处罚\": previous-year count 300, but last year's report (huaian.txt) gives its count plus its change as 320"),
        "operands": [("2020年 上一年项目数量", "300", "300", "number", (B20, 16, 0, 10, 1)),
                     ("2019年 上一年项目数量", "300", "300", "number", (B19, 16, 0, 10, 1)),
                     ("2019年 本年增/减", "20", "+20", "number", (B19, 16, 0, 10, 2))],
        "related": [(B19, (B19, 16, 0, 10, 1), "上一年度（2019年）报告：huaian.txt", "the previous year's (2019) report: huaian.txt")],
    }]
    clean = summaries()
    assert run(rule("C5", "gov-2019"), clean["B", 2020], "gov-2019", previous=[clean["B", 2019]]) == []


# -- repository: REPO-duplicate, REPO-history ----------------------------------------------------------


def test_a_duplicate_names_the_agency_year_and_other_file() -> None:
    clean = summaries()
    other = replace(clean["A", 2022], path="reports/2022/yanhu-transport-web.html",
                    title_location=Location("reports/2022/yanhu-transport-web.html", line=27))
    spec = rule("REPO-duplicate")
    assert run(spec, clean["A", 2022], same_year=[other]) == [{
        "rule": "REPO-duplicate", "kind": "repository", "severity": Severity.WARNING, "path": A22, "at": (A22, 1, None, None, None),
        "section": None, "table": None, "row": None, "column": None, "expected": None, "actual": None,
        "message": (f"{A_NEW}2022年度报告另有一份：yanhu-transport-web.html（应以哪一份为准？）",
                    f"yanhu-transport-web.html is also {A_NEW}'s 2022 report: which one is meant?"),
        "operands": [],
        "related": [("reports/2022/yanhu-transport-web.html", ("reports/2022/yanhu-transport-web.html", 27, None, None, None),
                     "同一机关同一年度的另一份报告：yanhu-transport-web.html", "another report of this agency and year: yanhu-transport-web.html")],
    }]
    assert run(spec, clean["A", 2022], same_year=[]) == []
    # the duplicate check says nothing of a missing predecessor, even when history is required
    assert run(spec, clean["A", 2022], params={"require_history": True}) == []


@pytest.mark.parametrize("flag", [True, "true", "yes", "1", "on"])
def test_a_missing_predecessor_is_a_finding_only_when_history_is_required(flag: object) -> None:
    clean = summaries()
    spec = rule("REPO-history")
    assert run(spec, clean["A", 2021], params={"require_history": flag}) == [{
        "rule": "REPO-history", "kind": "repository", "severity": Severity.WARNING, "path": A21, "at": (A21, 1, None, None, None),
        "section": None, "table": None, "row": None, "column": None, "expected": None, "actual": None,
        "message": (f"报告库中没有{A_NEW}2020年度的报告，无法进行跨年核对",
                    f"no 2020 report of {A_NEW} in the repository: the year-to-year checks cannot run"),
        "operands": [], "related": [],
    }]
    # a predecessor found, or a report without a year (no year before to look for): nothing
    assert run(spec, clean["A", 2021], params={"require_history": flag}, previous=[clean["A", 2020]]) == []
    assert run(spec, replace(clean["A", 2021], year=None), params={"require_history": flag}) == []


@pytest.mark.parametrize("params", [{}, {"require_history": False}, {"require_history": "no"}, {"require_history": None}])
def test_a_missing_predecessor_is_no_finding_by_default(params: dict[str, object]) -> None:
    assert run(rule("REPO-history"), summaries()["A", 2021], params=params) == []


# -- copies: W9-text, W9-table -----------------------------------------------------------------------


def w9_table_finding(path: str, previous: str, year: int, related_line: int | None = 1) -> dict[str, Any]:
    name = previous.rsplit("/", 1)[-1]
    return {
        "rule": "W9-table", "kind": "copy", "severity": Severity.WARNING, "path": path, "at": (path, 24, 1, 3, 3),
        "section": T3_SECTION, "table": "表三", "row": None, "column": None, "expected": None, "actual": None,
        "message": (f"表三与上一年度报告（{name}）逐格相同，疑似照搬上年数据",
                    f"表三 is the same as in the previous report ({name}), cell for cell: last year's figures copied?"),
        "operands": [],
        "related": [(previous, (previous, related_line, None, None, None), f"上一年度（{year}年）报告：{name}",
                     f"the previous year's ({year}) report: {name}")],
    }


def test_w9_table_last_years_table_cell_for_cell() -> None:
    """B 2022's 表三 is 2021's: one finding at its first cell (新收, 自然人), naming 2021's file at its
    title; the first of last year's files is the one compared."""
    s = summaries("W9-table")
    spec = rule("W9-table")
    assert run(spec, s["B", 2022], previous=[s["B", 2021]]) == [w9_table_finding(B22, B21, 2021)]
    assert run(replace(spec, params={"check": "table"}), s["B", 2022], previous=[s["B", 2021]]) == [w9_table_finding(B22, B21, 2021)]
    # last year's file without a found title: the related location is the file
    untitled = replace(s["B", 2021], title_location=None)
    assert run(spec, s["B", 2022], previous=[untitled]) == [w9_table_finding(B22, B21, 2021, None)]
    # the first file of last year decides (the other: another 表三)
    other = repath(summaries()["B", 2022], B21.replace(".txt", ".html"))
    assert run(spec, s["B", 2022], previous=[other, s["B", 2021]]) == []
    assert run(spec, s["B", 2022], previous=[s["B", 2021], other]) == [w9_table_finding(B22, B21, 2021)]
    # no predecessor, or a table the pack does not have
    assert run(spec, s["B", 2022], previous=[]) == []
    assert run(rule("W9-table", table="T9"), s["B", 2022], previous=[s["B", 2021]]) == []


def test_w9_table_differing_anywhere_or_in_another_table_only() -> None:
    """One 表三 cell apart (the last: 结转下年 总计) is no copy; 表二 differing is no matter."""
    c = contents("W9-table")
    last = summary_of(_cell(c["B", 2022], "T3", "carried_out", 6, "13"), B22)
    s = summaries("W9-table")
    assert run(rule("W9-table"), last, previous=[s["B", 2021]]) == []
    t2_same = summary_of(replace(c["B", 2022], tables={**c["B", 2022].tables, "T2": c["B", 2021].tables["T2"]}), B22)
    assert run(rule("W9-table"), t2_same, previous=[s["B", 2021]]) == [w9_table_finding(B22, B21, 2021)]


@pytest.mark.parametrize("raw", ["/", ""])
def test_w9_table_with_a_blank_cell_in_both_is_no_copy(raw: str) -> None:
    c = contents("W9-table")
    this, last = (summary_of(_cell(c["B", year], "T3", "open", 1, raw), path_of(("B", year))) for year in (2022, 2021))
    assert this.cells["T3.open.commercial"].raw == last.cells["T3.open.commercial"].raw == raw
    assert run(rule("W9-table"), this, previous=[last]) == []


def test_w9_table_all_zero_is_no_copy() -> None:
    """An agency with no application two years running repeats a table of zeros: not a copy."""
    c = contents()
    zero = {year: replace(c["B", year], tables={**c["B", year].tables, "T3": t3("V2021", (0, 0, 0, 0, 0))}) for year in (2021, 2022)}
    this, last = summary_of(zero[2022], B22), summary_of(zero[2021], B21)
    assert run(rule("W9-table"), this, previous=[last]) == []
    one = summary_of(_cell(_cell(zero[2022], "T3", "new", 0, "1"), "T3", "new", 6, "1"), B22)
    other = summary_of(_cell(_cell(zero[2021], "T3", "new", 0, "1"), "T3", "new", 6, "1"), B21)
    assert run(rule("W9-table"), one, previous=[other]) == [w9_table_finding(B22, B21, 2021)]


def _table_of(path: str, year: int, count: int, number: str = "7") -> ReportSummary:
    """A report whose 表三 has ``count`` cells (all ``number``), the first at line 10, and one 表二 cell."""
    cells = [(f"T3.r{i}.c", number, number, Location(path, line=10 + i)) for i in range(count)]
    cells.append(("T2.rules.issued", "1", "1", Location(path, line=2)))
    return ReportSummary(path, B, "淮安市/政府", year, "V2021", "gov-2021", Location(path, line=1), packed_cells=pack_cells(cells))


def test_w9_table_needs_a_hundred_cells_in_common() -> None:
    """A 2021 table against a 2019-format one shares 154 cells; fewer than 100 compared is no finding."""
    spec = rule("W9-table")
    assert run(spec, _table_of(B22, 2022, 99), previous=[_table_of(B21, 2021, 99)]) == []
    (finding,) = run(spec, _table_of(B22, 2022, 100), previous=[_table_of(B21, 2021, 100)])
    assert finding["at"] == (B22, 10, None, None, None)  # the first cell, by place
    # cells only one side has are not compared (2019 vs 2021 format: all but （六）)
    assert run(spec, _table_of(B22, 2022, 120), previous=[_table_of(B21, 2021, 100)]) == [finding]
    assert run(spec, _table_of(B22, 2022, 100), previous=[_table_of(B21, 2021, 120)]) == [finding]
    # every cell differs
    assert run(spec, _table_of(B22, 2022, 100), previous=[_table_of(B21, 2021, 100, "8")]) == []
    # a 2021 report against a 2019-format predecessor of the same figures
    clean = summaries()
    a20 = contents()["A", 2020]
    same = summary_of(replace(contents()["A", 2021], tables={**contents()["A", 2021].tables, "T3": t3("V2021", (6, 1, 4, 1, 2))}), A21)
    old = summary_of(a20, A20)
    shared = [k for k in same.cells if k.startswith("T3.") and k in old.cells]
    assert len(shared) == 154
    assert [f["related"][0][0] for f in run(spec, same, previous=[old])] == [A20]
    assert run(spec, clean["A", 2021], previous=[clean["A", 2020]]) == []


def w9_text_finding(path: str, other: str, relation: str, share: str, at: int | None, other_at: int | None) -> dict[str, Any]:
    name = other.rsplit("/", 1)[-1]
    zh, en = {"previous": ("上一年度报告", "the previous year's report"),
              "peer": ("同年度另一机关的报告", "another agency's report of the same year")}[relation]
    return {
        "rule": "W9-text", "kind": "copy", "severity": Severity.WARNING, "path": path, "at": (path, at, None, None, None),
        "section": "一、总体情况", "table": None, "row": None, "column": None, "expected": None, "actual": share,
        "message": (f"第一、五部分与{zh}（{name}）的文字{share}相同，疑似照搬",
                    f"{share} of the text of sections 一 and 五 is the same as in {en} ({name}): a copy?"),
        "operands": [],
        "related": [(other, None if other_at is None else (other, other_at, None, None, None), f"{zh}：{name}", f"{en}: {name}")],
    }


def test_w9_text_names_the_copied_report_at_section_one() -> None:
    s = summaries("W9-text")
    this, last, peer = s["A", 2022], s["A", 2021], s["B", 2022]
    shares = [Similar(last, 1.0, "previous"), Similar(peer, 0.8149, "peer")]
    assert run(rule("W9-text"), this, similar=shares) == [
        w9_text_finding(A22, A21, "previous", "100%", 2, 2), w9_text_finding(A22, B22, "peer", "81%", 2, 2),
    ]
    assert run(rule("W9-text"), this, similar=shares[1:2], params={}) == [w9_text_finding(A22, B22, "peer", "81%", 2, 2)]
    assert run(rule("W9-text", threshold=0.9), this, similar=shares) == [w9_text_finding(A22, A21, "previous", "100%", 2, 2)]
    # this report's 一 not found: the finding is at its title; the other's not found: at its file
    assert run(rule("W9-text"), replace(this, sections={}), similar=[Similar(replace(last, sections={}), 1.0, "previous")]) == [
        w9_text_finding(A22, A21, "previous", "100%", 1, None) | {"related": [(A21, (A21, None, None, None, None),
                                                                          "上一年度报告：yanhu-transport.txt",
                                                                          "the previous year's report: yanhu-transport.txt")]},
    ]


def test_w9_text_is_silent_below_the_threshold_or_without_a_similar_report() -> None:
    s = summaries("W9-text")
    assert run(rule("W9-text"), s["A", 2022], similar=[]) == []
    assert run(rule("W9-text"), s["A", 2022], similar=[Similar(s["A", 2021], 0.7999, "previous")]) == []


# -- every repository kind says nothing per file ---------------------------------------------------


def test_the_repository_kinds_say_nothing_of_one_file(tmp_path: Path) -> None:
    document = engine().extract(render_text(contents("X1", "C2", "W9-table")["B", 2022], tmp_path / "r.txt"))
    report = bind(document, pack())
    specs = [r for r in pack().rules if r.kind in ("previous_year", "repository", "copies")]
    assert sorted(r.id for r in specs) == ["C2", "C3", "REPO-duplicate", "REPO-history", "W9-table", "W9-text", "X1"]
    for spec in specs:
        kind = {"previous_year": PreviousYear, "repository": Identity, "copies": Copies}[spec.kind]()
        assert list(kind.check(report, spec)) == []


def test_a_finding_without_a_location_is_at_the_title_or_else_the_file() -> None:
    clean = summaries()
    spec = RuleSpec("Z", "repository", Severity.INFO, Text("{x}", "{x}"), None, None, params={"check": "duplicate"})
    ctx = Context(clean["A", 2021], pack(), {})
    f = Identity().pair_finding(ctx, spec, None, (), x="1")
    assert (f.location, f.section, f.severity, f.kind, f.message) == (clean["A", 2021].title_location, None, Severity.INFO, "repository", Text("1", "1"))
    ctx = Context(replace(clean["A", 2021], title_location=None), pack(), {})
    assert Identity().pair_finding(ctx, spec, None, ()).location == Location(A21)
    # a table given: its section is the table's; a section given wins
    t3_spec = pack().table("T3")
    assert Identity().pair_finding(ctx, spec, None, (), table=t3_spec).section == T3_SECTION
    assert Identity().pair_finding(ctx, spec, None, (), table=t3_spec, section="X").section == "X"


def test_the_values_a_house_message_may_name() -> None:
    """Every value a repository kind hands its message, named in a house pack's message: the pack's
    own messages use only some of them (REPO-history names no {year}, W9-table no {previous_year})."""
    everything = "{agency}|{year}|{previous_year}|{other}|{table}"

    def said(rule_id: str, current: ReportSummary, **context: Any) -> list[str]:
        spec = replace(rule(rule_id), message=Text(everything, everything))
        return [f["message"][0] for f in run(spec, current, **context)]

    clean, copied = summaries(), summaries("W9-table")
    assert said("REPO-history", clean["A", 2021], params={"require_history": True}) == [f"{A_NEW}|2021|2020|{{other}}|{{table}}"]
    assert said("REPO-duplicate", clean["B", 2022], same_year=[clean["B", 2021]]) == [f"{B}|2022|{{previous_year}}|huaian.txt|{{table}}"]
    assert said("W9-table", copied["B", 2022], previous=[copied["B", 2021]]) == ["{agency}|{year}|2021|huaian.txt|表三"]
    assert said("X1", summaries("X1")["A", 2021], previous=[summaries("X1")["A", 2020]]) == ["{agency}|{year}|2020|{other}|表三"] * 2
