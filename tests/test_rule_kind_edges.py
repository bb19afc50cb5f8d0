"""Rule kinds at their edges: what mutation testing found no test pinning down (docs/testing.md).

Parameters a pack may and may not give a kind, a group of 表三 printed as one row standing in for
its sub-rows in both directions of the arithmetic, the labels of 表四's column groups, and the
operands of a blank cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from msgspec.structs import replace

from checker.engine import Engine, Settings
from checker.finding import Finding
from checker.packs.loader import PackError
from checker.rulekinds.base import RuleKind
from checker.rulekinds.meta import Closing, ClosingDate, Year
from checker.rulekinds.structure import Sections, Tables
from tests.fixtures.content import huaian_2021
from tests.fixtures.render_text import render_text
from tests.seeded import T3_OTHER_2021, apply, base_text
from tests.test_blank_cells import _blanked

HEAD = "schema: report-check/pack/v1\nname: house\nextends: gov-2019\nversion: V2019\nrules:\n"
TAIL = "    severity: error\n    summary: {zh: 自定, en: house}\n    message: {zh: \"{where}\", en: \"{where}\"}\n"

# kind -> the values its `check` parameter takes
CHECK_KINDS: dict[type[RuleKind], list[str]] = {
    Sections: ["missing", "order", "duplicate", "near_miss", "extra"],
    Tables: ["table_missing", "table_misplaced", "row_missing", "column_missing", "column_header", "label_variant", "group_row"],
    Year: ["missing", "period"],
    Closing: ["missing", "agency"],
    ClosingDate: ["early", "late"],
}


def house_rule(tmp_path: Path, body: str, base: str = "gov-2019") -> Engine:
    path = tmp_path / "house.yaml"
    head = HEAD.replace("gov-2019", base).replace("V2019", "V" + base[-4:])
    path.write_text(head + "  - id: Z\n" + body + TAIL, encoding="utf-8")
    return Engine(Settings(pack=str(path)))


def check_file(engine: Engine, tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return engine.check_file(path).findings


@pytest.mark.parametrize("kind", list(CHECK_KINDS), ids=lambda k: k.name)
def test_a_check_kind_takes_exactly_one_known_check(kind: type[RuleKind]) -> None:
    choices = CHECK_KINDS[kind]
    validator = Draft202012Validator(kind.params_schema)
    for check in choices:
        assert list(validator.iter_errors({"check": check})) == []
    wrong = {
        "bogus": {"check": "bogus"},
        "a list": {"check": [choices[0]]},
        "missing": {},
        "extra": {"check": choices[0], "extra": 1},
        "not a mapping": [choices[0]],
    }
    messages = {name: [e.message for e in validator.iter_errors(params)] for name, params in wrong.items()}
    assert messages == {
        "bogus": [f"'bogus' is not one of {choices}"],
        "a list": [f"{[choices[0]]} is not one of {choices}"],
        "missing": ["'check' is a required property"],
        "extra": ["Additional properties are not allowed ('extra' was unexpected)"],
        "not a mapping": [f"{[choices[0]]} is not of type 'object'"],
    }


def test_a_packs_bad_check_names_the_rule(tmp_path: Path) -> None:
    with pytest.raises(PackError) as info:
        house_rule(tmp_path, "    kind: sections\n    check: bogus\n")
    assert info.value.message == (
        "rule Z: rules.0.check: 'bogus' is not one of ['missing', 'order', 'duplicate', 'near_miss', 'extra']")


# ---- a group printed as one row ------------------------------------------------------------------

OTHER, TOTAL = "（六）其他处理", "（七）总计"


def one_row_other(values: str) -> str:
    return apply(base_text("seed-2021"), [(T3_OTHER_2021, f"{OTHER} {values}")])


def test_a_group_row_stands_for_its_sub_rows_once_in_a_column_sum(engine: Engine, tmp_path: Path) -> None:
    findings = check_file(engine, tmp_path, one_row_other("0 0 0 0 1 0 1"))
    assert [(f.rule, f.severity.value, f.table, f.row, f.column, f.expected, f.actual) for f in findings] == [
        ("W2-group-row", "warning", "表三", OTHER, None, None, None),
        ("A2", "error", "表三", TOTAL, "法律服务机构", "1", "0"),
        ("A2", "error", "表三", TOTAL, "总计", "1", "0"),
    ]
    for finding in findings[1:]:
        labels = [o.label for o in finding.operands]
        # （七）总计 first, then the result rows; the group's three sub-rows are one operand
        assert labels[0] == TOTAL and labels.count(OTHER) == 1 and labels[-1] == OTHER
        assert not any(label.startswith(("1.申请人无正当理由", "2.申请人逾期", "3.其他")) for label in labels)
        assert len(labels) == 1 + 2 + 8 + 3 + 5 + 1
        assert (finding.operands[-1].value, finding.operands[-1].raw) == ("1", "1")


def test_a_group_rows_own_total_is_checked_as_a_row(engine: Engine, tmp_path: Path) -> None:
    findings = check_file(engine, tmp_path, one_row_other("0 0 0 0 1 0 2"))
    (a3,) = [f for f in findings if f.rule == "A3"]
    assert (a3.severity.value, a3.table, a3.row, a3.column, a3.expected, a3.actual) == (
        "error", "表三", OTHER, "总计", "1", "2")
    assert [(o.label, o.value) for o in a3.operands] == [
        ("总计", "2"), ("自然人", "0"), ("商业企业", "0"), ("科研机构", "0"), ("社会公益组织", "0"),
        ("法律服务机构", "1"), ("其他", "0"),
    ]


def test_a_group_row_stands_in_only_where_its_sub_rows_are_all_added_alike(tmp_path: Path) -> None:
    """The group's value is the sum of its sub-rows: with the sub-rows on one side, signed alike,
    the equation reads the group's cell; signed differently, it cannot, and says nothing."""
    text = one_row_other("0 0 0 0 1 0 1")
    alike = house_rule(tmp_path, "    kind: equation\n    table: T3\n    for_each: column\n"
                                 "    expr: \"other_1 + other_2 + other_3 == open\"\n", base="gov-2021")
    found = [(f.row, f.column, f.expected, f.actual) for f in check_file(alike, tmp_path, text) if f.rule == "Z"]
    assert found == [(None, "法律服务机构", "0", "1"), (None, "总计", "0", "1")]
    # the names after the group's sub-rows are still read
    after = house_rule(tmp_path, "    kind: equation\n    table: T3\n    for_each: column\n"
                                 "    expr: \"other_1 + other_2 + other_3 + partial == open\"\n", base="gov-2021")
    (first, _) = [f for f in check_file(after, tmp_path, text) if f.rule == "Z"]
    assert [o.label for o in first.operands] == [OTHER, PARTIAL, OPEN]
    unlike = house_rule(tmp_path, "    kind: equation\n    table: T3\n    for_each: column\n"
                                  "    expr: \"other_1 - other_2 + other_3 == open\"\n", base="gov-2021")
    assert [f for f in check_file(unlike, tmp_path, text) if f.rule == "Z"] == []


# ---- grouped blank and "not applicable" cells ----------------------------------------------------

NOPROC_3 = "（五）不予处理 / 3.要求提供公开出版物"
OPEN, PARTIAL = "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def _t3(**rows: tuple[str, ...]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {"T3": rows}


def _with_total(row: str, total: str) -> tuple[str, ...]:
    return huaian_2021().tables["T3"][row][:6] + (total,)


def test_one_blank_row_is_named_in_both_languages_with_each_cell_an_operand(engine: Engine, tmp_path: Path) -> None:
    result = engine.check_file(render_text(_blanked(_t3(noproc_3=("",) * 7)), tmp_path / "row.txt"))
    (finding,) = result.findings
    assert (finding.rule, finding.row, finding.column, finding.actual) == ("CELL-blank", NOPROC_3, None, "")
    assert finding.message.zh == f"表三“{NOPROC_3}”整行各列 为空白，应填写数字（无则填0）"
    assert finding.message.en == f'表三 row "{NOPROC_3}", every column is blank; write 0 when there is nothing'
    columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert [(o.label, o.value, o.raw, o.kind) for o in finding.operands] == [
        (f"{NOPROC_3} / {c}", None, "", "blank") for c in columns]
    assert finding.uncertain is False


def test_a_columns_blanks_are_one_finding_at_the_first(engine: Engine, tmp_path: Path) -> None:
    rows = _t3(open=_with_total("open", ""), partial=_with_total("partial", ""))
    result = engine.check_file(render_text(_blanked(rows), tmp_path / "column.txt"))
    (finding,) = [f for f in result.findings if f.rule == "CELL-blank"]
    assert (finding.row, finding.column, finding.actual) == (f"{OPEN}、{PARTIAL}", "总计", "")
    assert [(o.label, o.location.line if o.location else None) for o in finding.operands] == [
        (f"{OPEN} / 总计", 28), (f"{PARTIAL} / 总计", 29)]
    assert finding.location.line == 28
    assert finding.message.en == (
        f'表三 column "总计" in 2 rows ({OPEN}、{PARTIAL}) is blank; write 0 when there is nothing')
    # the sum over them cannot be verified, and says which operands are blank
    (a2,) = [f for f in result.findings if f.rule == "A2"]
    assert a2.message.en == f"cannot verify A2 (表三 （七）总计 总计): {OPEN}、{PARTIAL} is blank or not a number"
    assert [(o.label, o.kind) for o in a2.operands[:3]] == [(TOTAL, "number"), (OPEN, "blank"), (PARTIAL, "blank")]


def test_not_applicable_cells_printed_differently_have_no_one_actual(engine: Engine, tmp_path: Path) -> None:
    alike = _t3(open=_with_total("open", "/"), partial=_with_total("partial", "/"))
    differ = _t3(open=_with_total("open", "/"), partial=_with_total("partial", "—"))
    for rows, actual in ((alike, "/"), (differ, None)):
        result = engine.check_file(render_text(_blanked(rows), tmp_path / "na.txt"))
        (finding,) = [f for f in result.findings if f.rule == "CELL-na"]
        assert (finding.row, finding.column, finding.actual) == (f"{OPEN}、{PARTIAL}", "总计", actual)


def test_a_grouped_finding_fills_actual_as_empty_in_a_house_message(tmp_path: Path) -> None:
    engine = house_rule(tmp_path, "    kind: cells\n    check: blank\n    tables: [T3]\n", base="gov-2021")
    path = tmp_path / "house.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"{where}"', '"{where}|{actual}|"'), encoding="utf-8")
    engine = Engine(Settings(pack=str(path)))
    result = engine.check_file(render_text(_blanked(_t3(noproc_3=("",) * 7)), tmp_path / "row.txt"))
    (finding,) = [f for f in result.findings if f.rule == "Z"]
    assert finding.message.zh == f"表三“{NOPROC_3}”整行各列||"


def test_a_cell_read_uncertainly_makes_its_finding_uncertain(engine: Engine, tmp_path: Path) -> None:
    """PDF text layers can leave a cell's reading in doubt: its finding says so, alone or grouped."""
    from checker.binding import bind
    from checker.rulekinds.cells import Cells

    path = render_text(_blanked(_t3(open=_with_total("open", "若干"), partial=_with_total("partial", ""),
                                    noproc_3=_with_total("noproc_3", ""))), tmp_path / "doubt.txt")
    report = bind(engine.extract(path), engine.registry.load("gov-2021"))
    cells = report.tables["T3"].cells
    for key in (("open", "total"), ("partial", "total")):
        cells[key] = replace(cells[key], uncertain=True)
    rules = {r.id: r for r in report.pack.rules}
    (invalid,) = Cells().check(report, rules["A4"])
    (blank,) = Cells().check(report, rules["CELL-blank"])
    assert (invalid.row, invalid.actual, invalid.uncertain) == (OPEN, "若干", True)
    assert (blank.row, blank.uncertain) == (f"{PARTIAL}、{NOPROC_3}", True)


def test_a_table_under_an_undeclared_section_is_a_pack_error(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(
        "schema: report-check/pack/v1\nname: house\nextends: gov-2021\nversion: V2021\ntables:\n"
        "  - id: T2\n    name: 表二\n    section: S9\n    type: count\n    columns: [{id: n, label: 数量}]\n"
        "    rows: [{id: r, label: 行}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as info:
        Engine(Settings(pack=str(path)))
    assert (info.value.message, info.value.line) == (
        "table T2: unknown section 'S9' (known: S1, S2, S3, S4, S5, S6)", 5)


# ---- deadlines, and sections missing from a report that has none ----------------------------------


def test_the_deadline_follows_the_agency_type_when_a_pack_sets_only_some_parameters(
    engine: Engine, tmp_path: Path
) -> None:
    from datetime import date

    from checker.binding import bind
    from checker.rulekinds.meta import agency_type, deadline

    path = tmp_path / "r.txt"
    path.write_text(base_text("seed"), encoding="utf-8")
    report = bind(engine.extract(path), engine.registry.load("gov-2019"))
    government = replace(report, agency="运城市人民政府", year=2020)
    department = replace(report, agency="运城市交通运输局", year=2020)
    # no parameters at all: the type comes from the name, and every deadline is 31 January
    assert [agency_type(replace(r, params={})) for r in (government, department)] == ["government", "department"]
    assert agency_type(replace(report, agency=None, params={})) == "department"
    assert deadline(replace(government, params={})) == date(2021, 1, 31)
    # only per-type deadlines: the type is still read from the name
    only = {"deadlines": {"government": "03-31", "department": "01-31"}}
    assert [deadline(replace(r, params=only)) for r in (government, department)] == [date(2021, 3, 31), date(2021, 1, 31)]
    assert deadline(replace(government, params={**only, "agency_type": "department"})) == date(2021, 1, 31)
    # a type the pack gives no deadline for keeps the departments' 31 January
    assert deadline(replace(department, params={"deadlines": {"government": "03-31"}})) == date(2021, 1, 31)
    assert deadline(replace(government, year=None)) is None


def test_a_report_without_any_section_is_missing_all_six_at_its_start(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bare.txt"
    path.write_text("某某局2021年政府信息公开工作年度报告\n\n本年度我局认真贯彻落实。\n", encoding="utf-8")
    findings = engine.check_file(path).findings
    # the whole-report rules (closing, date, keywords ...) have nothing to read: only these speak
    assert [f.rule for f in findings] == ["W1-missing"] * 6 + ["W2-table-missing"] * 3
    missing = [f for f in findings if f.rule == "W1-missing"]
    assert [(f.section, f.location.path, f.location.line) for f in missing] == [
        (label, str(path), None) for label in (
            "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")]


def test_a_column_group_equation_names_each_group_by_its_header(engine: Engine, tmp_path: Path) -> None:
    """表四's groups: a finding about a whole group names it as the template prints it."""
    text = base_text("seed")
    by_id = house_rule(tmp_path, "    kind: equation\n    table: T4\n    for_each: column_group\n"
                                 "    expr: \"total == upheld + corrected + other + pending + 2\"\n")
    found = [(f.table, f.row, f.column, f.expected, f.actual) for f in check_file(by_id, tmp_path, text) if f.rule == "Z"]
    assert found == [("表四", None, group, "2", "0") for group in ("行政复议", "未经复议直接起诉", "复议后起诉")]
    anchored = house_rule(tmp_path, "    kind: equation\n    table: T4\n    for_each: column_group\n"
                                    "    anchor: total\n    expr: \"2 + total == upheld + corrected + other + pending\"\n")
    findings = [f for f in check_file(anchored, tmp_path, text) if f.rule == "Z"]
    assert [(f.column, f.expected, f.actual) for f in findings] == [
        ("行政复议 / 总计", "0", "2"), ("未经复议直接起诉 / 总计", "0", "2"), ("复议后起诉 / 总计", "0", "2")]
    # a constant before the names: every name is still an operand
    assert [o.label for o in findings[0].operands] == ["行政复议 / 总计", "行政复议 / 结果维持", "行政复议 / 结果纠正",
                                                       "行政复议 / 其他结果", "行政复议 / 尚未审结"]


def test_a_column_group_equation_knows_the_names_of_every_block(tmp_path: Path) -> None:
    """A name is what follows the group's id ("in.a" of "g.in.a"), in any block of the table."""
    path = tmp_path / "house.yaml"
    table = (
        "schema: report-check/pack/v1\nname: house\nextends: gov-2021\nversion: V2021\ntables:\n"
        "  - id: T9\n    name: 表九\n    section: S4\n    blocks:\n"
        "      - {id: one, columns: [{id: g.in.a, label: A, group: G}, {id: g.in.b, label: B, group: G}],"
        " rows: [{id: v, label: \"\"}]}\n"
        "      - {id: two, columns: [{id: h.out, label: C, group: H}], rows: [{id: w, label: \"\"}]}\n"
        "rules:\n  - id: Z\n    kind: equation\n    table: T9\n    for_each: column_group\n"
    )
    for expr in ("in.a == in.b", "out >= 0", "in.a + out >= 0"):
        path.write_text(table + f"    expr: \"{expr}\"\n" + TAIL, encoding="utf-8")
        Engine(Settings(pack=str(path)))  # loads
    path.write_text(table + "    expr: \"a == b\"\n" + TAIL, encoding="utf-8")
    with pytest.raises(PackError) as info:
        Engine(Settings(pack=str(path)))
    assert info.value.message == "rule Z: a, b not in T9 (for_each: column_group)"


@pytest.mark.parametrize(("base", "title", "pack"), [
    ("seed", "2020 年政府信息公开工作年度报告", "gov-2019"), ("seed-2021", "2021 年政府信息公开工作年度报告", "gov-2021")])
def test_a_report_without_a_year_is_read_in_the_format_its_labels_show(
    base: str, title: str, pack: str, engine: Engine, tmp_path: Path
) -> None:
    """No year: one W3-year, not another format's labels reported as wrong on top of it."""
    path = tmp_path / "r.txt"
    path.write_text(base_text(base).replace(title, "政府信息公开工作年度报告"), encoding="utf-8")
    result = engine.check_file(path)
    assert (result.pack, result.report_year, [(f.rule, f.location.line) for f in result.findings]) == (pack, None, [("W3-year", None)])


def test_a_report_without_a_year_that_mixes_formats_is_not_told_which_to_use(engine: Engine, tmp_path: Path) -> None:
    text = base_text("seed-2021").replace("2021 年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    mixed = text.replace("本年制发件数", "对外公开总数量", 1)  # one 2019 label among the 2021 ones
    path = tmp_path / "r.txt"
    path.write_text(mixed, encoding="utf-8")
    result = engine.check_file(path)
    assert result.pack == "gov-2021" and "W12-version" not in [f.rule for f in result.findings]
    path.write_text(mixed.replace("政府信息公开工作年度报告", "2021 年政府信息公开工作年度报告", 1), encoding="utf-8")
    (w12,) = [f for f in engine.check_file(path).findings if f.rule == "W12-version"]
    assert (w12.expected, w12.actual, w12.message.en) == (
        "V2021", "V2019", "a 2021 report must use the V2021 format, but it has V2019 labels: 对外公开总数量")


def test_a_closing_date_without_its_agency_names_none(engine: Engine, tmp_path: Path) -> None:
    text = base_text("seed").replace("运城市交通运输局\n\n2021 年 1 月 26 日", "2021 年 1 月 26 日")
    (finding,) = check_file(engine, tmp_path, text)
    assert (finding.rule, finding.expected, finding.actual, finding.location.line) == (
        "W10-agency", "运城市交通运输局", "（无）", 450)
    assert finding.message.zh == "落款机关“（无）”与标题中的“运城市交通运输局”不一致"


# ---- tables missing, misplaced, or in the other format --------------------------------------------

S2_LABEL = "二、主动公开政府信息情况"
OTHER_2019 = "（六）其他处理 0 0 0 0 0 0 0\n"


def _summary(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.rule, f.section, f.table, f.row, f.location.line, f.message.en) for f in findings]


def test_a_missing_table_is_placed_at_its_sections_heading_and_the_next_tables_are_still_checked(
    engine: Engine, tmp_path: Path
) -> None:
    from tests.seeded import T2_2019

    text = base_text("seed").replace(T2_2019, "").replace(OTHER_2019, "")
    assert _summary(check_file(engine, tmp_path, text)) == [
        ("W2-table-missing", S2_LABEL, "表二", None, 116, f'表二 was not found (it belongs under "{S2_LABEL}")'),
        ("W2-row-missing", "三、收到和处理政府信息公开申请情况", "表三", "（六）其他处理", 125, '表三 has no row "（六）其他处理"'),
    ]


def test_a_table_in_the_other_format_is_still_misplaced_but_not_missing_rows(engine: Engine, tmp_path: Path) -> None:
    """表二 in 2019 labels in a 2021 report, printed above its heading: W2-table-misplaced, and its
    rows are not reported missing (W12 says why), while 表三 after it is checked as usual."""
    moved = base_text("seed").replace(f"{S2_LABEL}\n\n", "").replace(
        "三、收到和处理政府信息公开申请情况", f"{S2_LABEL}\n\n三、收到和处理政府信息公开申请情况")
    text = moved.replace("2020 年政府信息公开工作年度报告", "2021 年政府信息公开工作年度报告").replace(OTHER_2019, "")
    findings = check_file(engine, tmp_path, text)
    found = [(f.rule, f.table, f.row, f.location.line) for f in findings if f.rule.startswith("W2")]
    assert findings[0].message.en == f'表二 is not under section "{S2_LABEL}"'
    other = "（六）其他处理 / "
    assert found == [
        ("W2-table-misplaced", "表二", None, 116),
        ("W2-row-missing", "表三", other + "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 168),
        ("W2-row-missing", "表三", other + "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 168),
        ("W2-row-missing", "表三", other + "3.其他", 168),
    ]


def test_a_missing_column_is_found_at_its_table(engine: Engine, tmp_path: Path) -> None:
    # The column gone, header and values: missing (the row then shows one value for two columns).
    text = base_text("seed").replace("信息内容 采购项目数量 采购总金额", "信息内容 采购项目数量").replace(
        "政府集中采购 22 1196.41 万元", "政府集中采购 22")
    found = [(f.rule, f.table, f.column, f.location.line) for f in check_file(engine, tmp_path, text)]
    assert ("W2-column-missing", "表二", "采购总金额", 118) in found
    assert [f[0] for f in found if f[0].startswith("W2")] == ["W2-column-missing"]


def test_a_renamed_column_whose_values_are_read_is_drift(engine: Engine, tmp_path: Path) -> None:
    text = base_text("seed").replace("信息内容 采购项目数量 采购总金额", "信息内容 采购项目数量 采购金额")
    found = [(f.rule, f.severity.value, f.table, f.column, f.location.line, f.message.en)
             for f in check_file(engine, tmp_path, text)]
    assert found == [("W2-column-header", "warning", "表二", "采购总金额", 118,
                      '表二 column "采购总金额": its header label was not found; its values were read by their order')]


def test_cells_of_the_tables_after_a_missing_one_are_still_checked(engine: Engine, tmp_path: Path) -> None:
    from tests.seeded import T2_2019

    text = base_text("seed").replace(T2_2019, "").replace("（一）予以公开 0 0 0 0 0 0 0", "（一）予以公开 0 0 0 0 0 0 /")
    found = [(f.rule, f.table, f.row, f.column, f.actual) for f in check_file(engine, tmp_path, text)]
    assert found == [("W2-table-missing", "表二", None, None, None), ("CELL-na", "表三", "（一）予以公开", "总计", "/")]


def test_a_rule_limited_to_one_block_checks_that_block_only(engine: Engine, tmp_path: Path) -> None:
    """表二's blocks (one per article): `block:` picks one, wherever it is; no `for_each` is per column."""
    text = base_text("seed").replace("行政处罚 99 327 362", "行政处罚 99 327 1362")
    rule = "    kind: equation\n    table: T2\n{block}    expr: \"penalty <= 1000\"\n"
    for block, found in (("", [(None, "处理决定数量", "1000", "1362")]),
                         ("    block: art20_6\n", [(None, "处理决定数量", "1000", "1362")]),
                         ("    block: art20_5\n", [])):
        engine = house_rule(tmp_path, rule.format(block=block))
        got = [(f.row, f.column, f.expected, f.actual) for f in check_file(engine, tmp_path, text) if f.rule == "Z"]
        assert (block, got) == (block, found)


def test_a_two_column_blocks_row_of_not_applicable_cells_is_one_finding(engine: Engine, tmp_path: Path) -> None:
    """表二 第二十条第（九）项 (2019 format) has two columns: a whole row of "/" is one finding."""
    text = base_text("seed").replace("政府集中采购 22 1196.41 万元", "政府集中采购 / /")
    found = [(f.rule, f.row, f.column, f.actual) for f in check_file(engine, tmp_path, text)]
    assert found == [("CELL-na", "政府集中采购", None, "/")]
