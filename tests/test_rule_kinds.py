"""Rule kinds end to end on the seed report: what the user reads (message in both languages, the
line) for every seeded defect, and the parameters and boundaries of each kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.engine import Engine, Settings
from checker.finding import Finding, Text
from checker.rulekinds.base import render
from checker.rulekinds.structure import _longest_increasing
from tests.seeded import DEFECTS, apply, seed_text, write_variant

# (rule, line, English message, Chinese message) of every finding of every seeded defect, in order.
MESSAGES: dict[str, list[tuple[str, int | None, str, str]]] = {
    'agency-changed': [
        ('W10-agency', 450,
         'closing agency "运城市公路管理局" differs from the title\'s "运城市交通运输局"',
         '落款机关“运城市公路管理局”与标题中的“运城市交通运输局”不一致'),
    ],
    'closing-removed': [
        ('W10-missing', 446,
         'no closing block (issuing agency and date) after the last section',
         '正文末尾未找到落款（发布机关名称和成文日期）'),
    ],
    'date-chinese-numerals-late': [
        ('W4-late', 452,
         'closing date 2021年2月1日 is after the deadline 2021年1月31日',
         '落款日期2021年2月1日晚于发布期限2021年1月31日'),
    ],
    'date-early': [
        ('W4-early', 452,
         'closing date 2020年12月26日 is before 2021年1月1日',
         '落款日期2020年12月26日早于2021年1月1日'),
    ],
    'date-late': [
        ('W4-late', 452,
         'closing date 2021年2月26日 is after the deadline 2021年1月31日',
         '落款日期2021年2月26日晚于发布期限2021年1月31日'),
    ],
    'extra-section': [
        ('W1-extra', 450,
         'top-level heading "七、附加说明" is not in the format',
         '格式以外的一级标题“七、附加说明”'),
    ],
    'section-duplicated': [
        ('W1-duplicate', 430,
         'section 五、存在的主要问题及改进情况 appears more than once',
         '五、存在的主要问题及改进情况 出现了不止一次'),
    ],
    'section-removed': [
        ('W1-missing', 445,
         'section "五、存在的主要问题及改进情况" is missing',
         '缺少“五、存在的主要问题及改进情况”部分'),
    ],
    'section-reworded': [
        ('W1-near-miss', 428,
         'heading "五、政府信息公开工作存在的主要问题及改进情况" differs from the format\'s "五、存在的主要问题及改进情况"',
         '标题“五、政府信息公开工作存在的主要问题及改进情况”与格式的“五、存在的主要问题及改进情况”不一致'),
    ],
    'sections-reordered': [
        ('W1-order', 432,
         "sections 五、存在的主要问题及改进情况 and 六、其他需要报告的事项 are in the wrong order (the format's order is 一 … 六)",
         '五、存在的主要问题及改进情况 与 六、其他需要报告的事项 的先后顺序与格式不符'),
    ],
    't2-count-invalid': [
        ('C1', 148,
         '表二 行政强制 处理决定数量: "-3" is not a value this column takes',
         '表二 行政强制 处理决定数量 的值“-3”不符合该列要求'),
    ],
    't2-published-exceeds-total': [
        ('C4', 132,
         '表二 row "规范性文件": 本年新公开数量 6 exceeds 对外公开总数量 5',
         '表二“规范性文件”：本年新公开数量6大于对外公开总数量5'),
    ],
    't3-cell-changed': [
        ('A1', 191,
         '表三 column "自然人": 一 + 二 = 1 but （七）总计 + 四 = 0',
         '表三“自然人”列勾稽关系不成立：一+二=1，（七）总计+四=0'),
        ('A3', 191,
         '表三 row "一、本年新收政府信息公开申请数量" column "总计": expected 1 (自然人 plus the five 法人或其他组织 columns), found 0',
         '表三“一、本年新收政府信息公开申请数量”“总计”应为1（自然人与法人或其他组织之和），实为0'),
    ],
    't3-label-typo': [
        ('W2-label', 237,
         '表三 label "5.属于三类内容事务信息" differs from the format\'s "（三）不予公开 / 5.属于三类内部事务信息"',
         '表三的标签“5.属于三类内容事务信息”与格式的“（三）不予公开 / 5.属于三类内部事务信息”不一致'),
    ],
    't3-total-changed': [
        ('A1', 191,
         '表三 column "总计": 一 + 二 = 0 but （七）总计 + 四 = 2',
         '表三“总计”列勾稽关系不成立：一+二=0，（七）总计+四=2'),
        ('A2', 310,
         '表三 row "（七）总计" column "总计": expected 0 (the sum of the results), found 2',
         '表三“（七）总计”“总计”应为0（各办理结果之和），实为2'),
        ('A3', 310,
         '表三 row "（七）总计" column "总计": expected 0 (自然人 plus the five 法人或其他组织 columns), found 2',
         '表三“（七）总计”“总计”应为0（自然人与法人或其他组织之和），实为2'),
    ],
    't4-total-blanked': [
        ('CELL-na', 426,
         '表四 行政复议 / 总计 reads "/", not a number',
         '表四 行政复议 / 总计 填写为“/”，应填写数字'),
        ('B1', 426,
         'cannot verify B1 (表四 行政复议 / 总计): 行政复议 / 总计 is blank or not a number',
         '无法核验：表四各组总计等于维持、纠正、其他、尚未审结之和（表四 行政复议 / 总计）——行政复议 / 总计为空白或非数字'),
    ],
    'year-2022-with-2019-tables': [
        ('W2-group-row', 309,
         '表三 prints "（六）其他处理" as one row where the format has 3 rows under it (1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请、2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请、3.其他); its values are read as the group\'s total',
         '表三“（六）其他处理”印为一行，格式在其下分为3行（1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请、2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请、3.其他）；已按该组合计读取'),
        ('W12-version', 128,
         'a 2022 report must use the V2021 format, but it has V2019 labels: 对外公开总数量、上一年项目数量、其他对外管理服务事项、第二十条第（九）项',
         '2022年度报告应使用V2021格式，但出现了V2019格式的标签：对外公开总数量、上一年项目数量、其他对外管理服务事项、第二十条第（九）项'),
        ('W7-fee', 446,
         'section "六、其他需要报告的事项" does not mention 信息处理费 (information-processing fees)',
         '“六、其他需要报告的事项”中未提及信息处理费收取情况'),
    ],
}


def test_every_defect_has_its_messages() -> None:
    assert set(MESSAGES) == set(DEFECTS)


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_what_the_user_reads(defect: str, engine: Engine, tmp_path: Path) -> None:
    findings = engine.check_file(write_variant(defect, tmp_path)).findings
    assert [(f.rule, f.location.line, f.message.en, f.message.zh) for f in findings] == MESSAGES[defect]


# ---- templates --------------------------------------------------------------------------------


def test_render_fills_known_placeholders_only() -> None:
    values = {"a": 1, "b": None, "c": "x"}
    assert render("{a}-{b}-{c}-{d}", values) == "1-{b}-x-{d}"
    assert render("{a.__class__} {0} {a!r}", values) == "{a.__class__} {0} {a!r}"  # no format spec, no eval


# ---- sections ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seq", "keep"),
    [
        ([0, 1, 2, 3, 4, 5], {0, 1, 2, 3, 4, 5}),
        ([0, 1, 2, 3, 5, 4], {0, 1, 2, 3, 4}),  # the first of equal-length chains
        ([3, 0, 1, 2], {1, 2, 3}),
        ([0, 0, 1], {0, 2}),  # strictly increasing
        ([], set()),
    ],
)
def test_longest_increasing(seq: list[int], keep: set[int]) -> None:
    assert _longest_increasing(seq) == keep


def findings_of(engine: Engine, tmp_path: Path, edits: list[tuple[str, str]], text: str | None = None) -> list[Finding]:
    path = tmp_path / "r.txt"
    path.write_text(apply(text or seed_text(), edits), encoding="utf-8")
    return engine.check_file(path).findings


S1, S2, S5, S6 = "一、总体情况\n", "二、主动公开政府信息情况\n", "五、存在的主要问题及改进情况\n", "六、其他需要报告的事项\n"


def test_a_missing_section_is_placed_at_the_next_present_heading(engine: Engine, tmp_path: Path) -> None:
    (missing,) = findings_of(engine, tmp_path, [(S2, "")])
    nxt = seed_text().splitlines().index("三、收到和处理政府信息公开申请情况") + 1 - 1  # one line fewer
    assert (missing.rule, missing.section, missing.location.line) == ("W1-missing", "二、主动公开政府信息情况", nxt)


def test_a_missing_last_section_is_placed_after_the_last_present_one(engine: Engine, tmp_path: Path) -> None:
    findings = findings_of(engine, tmp_path, [(S6, "")])
    five = seed_text().splitlines().index(S5.strip()) + 1
    assert [(f.rule, f.section, f.location.line) for f in findings if f.rule == "W1-missing"] == [
        ("W1-missing", "六、其他需要报告的事项", five)
    ]


def test_order_names_the_section_it_is_out_of_order_with(engine: Engine, tmp_path: Path) -> None:
    findings = findings_of(engine, tmp_path, [(S1, ""), (S2, S2 + "\n" + S1)])
    order = [(f.rule, f.section, f.message.en) for f in findings if f.rule == "W1-order"]
    assert order == [(
        "W1-order", "一、总体情况",
        "sections 一、总体情况 and 二、主动公开政府信息情况 are in the wrong order (the format's order is 一 … 六)",
    )]


# ---- arithmetic: comparators, tolerance, scopes -----------------------------------------------

HEAD = "schema: report-check/pack/v1\nname: house\nextends: gov-2019\nversion: V2019\nrules:\n"
RULE = """  - id: {id}
    kind: equation
    table: {table}
    for_each: {for_each}
    expr: "{expr}"
{extra}    severity: error
    summary: {{zh: 自定, en: house}}
    message: {{zh: "{{where}}：{{actual}}/{{expected}}/{{operands}}", en: "{{where}}: {{actual}}/{{expected}}/{{operands}}"}}
"""


def house(tmp_path: Path, expr: str, for_each: str = "column", extra: str = "", table: str = "T3") -> Engine:
    path = tmp_path / "house.yaml"
    path.write_text(HEAD + RULE.format(id="Z", table=table, expr=expr, for_each=for_each, extra=extra), encoding="utf-8")
    return Engine(Settings(pack=str(path)))


NEW_ONE = ("一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0", "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3")


TWO = ["自然人", "总计"]
ALL = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
COMPARISONS = [
    ("new == carried_in", 0, TWO), ("new == carried_in", 3, []), ("new == carried_in", 2, TWO),
    ("new <= carried_in", 0, TWO), ("new <= carried_in", 3, []), ("new <= carried_in", 2, TWO),
    ("new < carried_in", 0, ALL), ("new < carried_in", 4, []), ("new < carried_in", 3, TWO),
    ("carried_in >= new", 0, TWO), ("carried_in >= new", 3, []), ("carried_in >= new", 2, TWO),
    ("carried_in > new", 0, ALL), ("carried_in > new", 4, []), ("carried_in > new", 3, TWO),
    ("carried_in < new", 0, ALL[1:6]), ("carried_in <= new", 0, []), ("new > carried_in", 0, ALL[1:6]),
    ("new >= carried_in", 0, []), ("new - 3 == carried_in", 0, ALL[1:6]), ("new == carried_in + 3", 0, ALL[1:6]),
    ("new == carried_in + 2", 0, ALL),
]
_COMPARED: dict[str, list[str | None]] = {}


def compared(tmp_path: Path) -> dict[str, list[str | None]]:
    """One pack with a rule per comparison (Z0, Z1 ...), one check: building engines is the slow part."""
    if not _COMPARED:
        rules = "".join(
            RULE.format(id=f"Z{i}", table="T3", expr=expr, for_each="column", extra=f"    tolerance: {tolerance}\n")
            for i, (expr, tolerance, _) in enumerate(COMPARISONS)
        )
        path = tmp_path / "compare.yaml"
        path.write_text(HEAD + rules, encoding="utf-8")
        for f in findings_of(Engine(Settings(pack=str(path))), tmp_path, [NEW_ONE]):
            _COMPARED.setdefault(f.rule, []).append(f.column)
    return _COMPARED


@pytest.mark.parametrize(("index", "expr", "tolerance", "columns"), [(i, *c) for i, c in enumerate(COMPARISONS)])
def test_comparators_and_tolerance(index: int, expr: str, tolerance: int, columns: list[str], tmp_path: Path) -> None:
    """new = 3, carried_in = 0 in the 自然人 and 总计 columns; 0 and 0 in the five others."""
    assert compared(tmp_path).get(f"Z{index}", []) == columns


def test_an_equation_finding_names_its_operands(tmp_path: Path) -> None:
    engine = house(tmp_path, "new - 1 == carried_in")
    (z,) = [f for f in findings_of(engine, tmp_path, [NEW_ONE]) if f.rule == "Z" and f.column == "总计"]
    assert (z.table, z.row, z.column, z.expected, z.actual) == ("表三", None, "总计", "0", "2")
    assert z.message.en == (
        "表三 总计: 2/0/一、本年新收政府信息公开申请数量=3, 二、上年结转政府信息公开申请数量=0"
    )
    line = seed_text().splitlines().index(NEW_ONE[0]) + 1
    assert z.location.line == line  # no anchor: the first operand's cell
    assert [(o.label, o.value, o.raw, o.kind, o.location and o.location.line) for o in z.operands] == [
        ("一、本年新收政府信息公开申请数量", "3", "3", "number", line),
        ("二、上年结转政府信息公开申请数量", "0", "0", "zero", line + 2),
    ]


def test_a_row_equation_names_the_row_and_its_columns(tmp_path: Path) -> None:
    engine = house(tmp_path, "natural == total", for_each="row")
    edit = ("（一）予以公开 0 0 0 0 0 0 0", "（一）予以公开 0 1 0 0 0 0 1")
    findings = [f for f in findings_of(engine, tmp_path, [edit]) if f.rule == "Z"]
    assert [(f.row, f.column, f.expected, f.actual, f.message.en) for f in findings] == [
        ("（一）予以公开", None, "1", "0", "表三 （一）予以公开: 0/1/自然人=0, 总计=1")
    ]


def test_a_row_without_a_label_is_not_named(tmp_path: Path) -> None:
    """表四 has one row of figures and no row label: a row equation names only the table."""
    engine = house(tmp_path, "review.upheld == review.total", for_each="row", table="T4")
    t4 = ("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0")
    assert [f for f in findings_of(engine, tmp_path, [t4]) if f.rule == "Z"] == []
    t4 = ("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "1 0 0 0 2 0 0 0 0 0 0 0 0 0 0")
    (z,) = [f for f in findings_of(engine, tmp_path, [t4]) if f.rule == "Z"]
    assert (z.table, z.row, z.column, z.expected, z.actual) == ("表四", None, None, "2", "1")
    assert z.message.en == "表四: 1/2/行政复议 / 结果维持=1, 行政复议 / 总计=2"


def test_a_column_group_equation_names_the_group(tmp_path: Path) -> None:
    engine = house(tmp_path, "upheld == total", for_each="column_group", table="T4", extra="    anchor: total\n")
    t4 = ("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 3")
    (z,) = [f for f in findings_of(engine, tmp_path, [t4]) if f.rule == "Z"]
    assert (z.row, z.column, z.expected, z.actual) == (None, "复议后起诉 / 总计", "3", "0")
    assert z.location.line == seed_text().splitlines().index(t4[0]) + 1


def test_an_anchor_places_the_finding(tmp_path: Path) -> None:
    engine = house(tmp_path, "new == carried_in", extra="    anchor: carried_in\n")
    (z, _) = [f for f in findings_of(engine, tmp_path, [NEW_ONE]) if f.rule == "Z"]
    carried = seed_text().splitlines().index("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0") + 1
    assert (z.row, z.location.line) == ("二、上年结转政府信息公开申请数量", carried)


def test_a_blank_operand_cannot_be_verified(tmp_path: Path) -> None:
    engine = house(tmp_path, "new == carried_in")
    blank = ("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 /")
    z = [f for f in findings_of(engine, tmp_path, [NEW_ONE, blank]) if f.rule == "Z"]
    assert [(f.column, f.expected, f.actual, f.message.en) for f in z] == [
        ("自然人", "0", "3", "表三 自然人: 3/0/一、本年新收政府信息公开申请数量=3, 二、上年结转政府信息公开申请数量=0"),
        ("总计", None, None, "cannot verify Z (表三 总计): 二、上年结转政府信息公开申请数量 is blank or not a number"),
    ]
    assert z[1].message.zh == "无法核验：自定（表三 总计）——二、上年结转政府信息公开申请数量为空白或非数字"


def test_a_blank_operand_that_adds_up_as_zero_is_quiet(tmp_path: Path) -> None:
    engine = house(tmp_path, "new == carried_in")
    blank = ("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", "二、上年结转政府信息公开申请数量 / 0 0 0 0 0 0")
    assert [f for f in findings_of(engine, tmp_path, [blank]) if f.rule == "Z"] == []


def test_an_unreadable_operand_is_never_quiet(tmp_path: Path) -> None:
    engine = house(tmp_path, "new == carried_in")
    text = ("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0", "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 1.5")
    z = [f for f in findings_of(engine, tmp_path, [text]) if f.rule == "Z"]
    assert [(f.column, f.expected) for f in z] == [("总计", None)]


@pytest.mark.parametrize(
    ("expr", "for_each", "error"),
    [
        ("new == nope", "column", "nope not in T3 (for_each: column)"),
        ("natural == nope", "row", "nope not in T3 (for_each: row)"),
        ("new == ", "column", "expr: an expression side is empty or ends with an operator"),
        ("1 == 2", "column", "the comparison names no cells"),
    ],
)
def test_a_bad_equation_is_a_pack_error(expr: str, for_each: str, error: str, tmp_path: Path) -> None:
    from checker.packs.loader import PackError

    with pytest.raises(PackError) as info:
        house(tmp_path, expr, for_each=for_each)
    assert info.value.message == f"rule Z: {error}"


def test_more_pack_errors_of_arithmetic_rules(tmp_path: Path) -> None:
    from checker.packs.loader import PackError

    with pytest.raises(PackError) as info:
        house(tmp_path, "new == nope", table="T9")
    assert info.value.message == "rule Z: unknown table 'T9'"
    with pytest.raises(PackError) as info:
        house(tmp_path, "nope == nada")
    assert info.value.message == "rule Z: nope, nada not in T3 (for_each: column)"
    # for_each defaults to column: row ids
    path = tmp_path / "default.yaml"
    path.write_text(HEAD + RULE.format(id="Z", table="T3", expr="new == natural", for_each="column", extra="").replace(
        "    for_each: column\n", ""), encoding="utf-8")
    with pytest.raises(PackError) as info:
        Engine(Settings(pack=str(path)))
    assert info.value.message == "rule Z: natural not in T3 (for_each: column)"


def test_an_equation_may_name_any_block_of_its_table(tmp_path: Path) -> None:
    """表二 has a block per article: a row equation's names are the columns of any of them."""
    for expr, for_each in (("published <= total_public", "row"), ("previous + change >= 0", "row"), ("rules >= 0", "column")):
        engine = house(tmp_path, expr, for_each=for_each, table="T2")
        assert [f for f in findings_of(engine, tmp_path, []) if f.rule == "Z"] == []


# ---- dates and agencies -----------------------------------------------------------------------

CLOSING_DATE = "2021 年 1 月 26 日"


@pytest.mark.parametrize(
    ("params", "date", "expected"),
    [
        ("  deadline: '02-15'\n", "2021 年 2 月 16 日", "2021年2月15日"),
        ("  agency_type: government\n", "2021 年 4 月 1 日", "2021年3月31日"),
        ("  agency_type: department\n", "2021 年 2 月 1 日", "2021年1月31日"),
        ("  deadlines: {department: '01-20'}\n", "2021 年 1 月 21 日", "2021年1月20日"),
    ],
)
def test_the_deadline_follows_the_pack_params(params: str, date: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"schema: report-check/pack/v1\nname: p\nextends: gov-2019\nversion: V2019\nparams:\n{params}", encoding="utf-8")
    engine = Engine(Settings(pack=str(path)))
    late = [(f.expected, f.actual) for f in findings_of(engine, tmp_path, [(CLOSING_DATE, date)]) if f.rule == "W4-late"]
    assert late == [(expected, date.replace(" ", ""))]


def test_no_deadline_finding_without_a_date(engine: Engine, tmp_path: Path) -> None:
    findings = findings_of(engine, tmp_path, [(CLOSING_DATE, "二〇二一年")])
    assert not [f for f in findings if f.rule.startswith("W4")]


def test_text_of_both_languages_is_a_pair() -> None:
    assert Text("中", "en").get("zh") == "中" and Text("中", "en").get("en") == "en"


# ---- how every finding is built -------------------------------------------------------------------


def test_a_finding_is_built_from_the_rule_and_the_report() -> None:
    from types import SimpleNamespace

    from checker.finding import Operand, Severity
    from checker.model import Location
    from checker.packs.model import RuleSpec
    from checker.report import BoundCell
    from checker.rulekinds.arithmetic import Sum
    from checker.rulekinds.base import operand
    from checker.values import parse_cell
    from tests.conftest import default_engine

    pack = default_engine().registry.load("gov-2019")
    report: Any = SimpleNamespace(pack=pack, path="r.txt")
    rule = RuleSpec(
        "Z", "sum", Severity.WARNING, Text("{where}：{operands}", "{where}: {operands} {nope}"), Text("帮助", "help"), None, {}
    )
    cells = [
        BoundCell("new", "total", parse_cell("3件"), Location("r.txt", line=4)),
        BoundCell("carried_in", "total", parse_cell("/"), Location("r.txt", line=5)),
        BoundCell("total", "total", parse_cell(""), Location("r.txt", line=6)),
    ]
    operands = tuple(operand(label, c) for label, c in zip(("一", "二", "总计"), cells))
    assert operands[0] == Operand("一", "3", "3件", "number", Location("r.txt", line=4))
    assert operands[1] == Operand("二", None, "/", "not_applicable", Location("r.txt", line=5))
    t3 = pack.table("T3")
    f = Sum().finding(report, rule, table=t3, row="", column="总计", operands=operands, uncertain=True)
    assert (f.rule, f.kind, f.severity, f.path, f.location) == ("Z", "sum", Severity.WARNING, "r.txt", Location("r.txt"))
    assert (f.section, f.table, f.row, f.column) == ("三、收到和处理政府信息公开申请情况", "表三", None, "总计")
    assert f.message == Text(
        "表三 总计：一=3, 二=/, 总计=∅（提取存疑：可能是读取有误，而非报告本身有误）",
        "表三 总计: 一=3, 二=/, 总计=∅ {nope} (extraction doubt: the reading, not the report, may be wrong)",
    )
    assert (f.help, f.uncertain, f.operands) == (Text("帮助", "help"), True, operands)
    g = Sum().finding(report, rule, Location("r.txt", line=9), table=t3, section="别处", expected="1", actual="2")
    assert (g.section, g.location.line, g.expected, g.actual, g.uncertain) == ("别处", 9, "1", "2", False)
    assert g.message.en == "表三: " + " {nope}"
    h = Sum().finding(report, rule, message=Text("甲{row}", "a{row}"), row="行")
    assert (h.message, h.section, h.table) == (Text("甲行", "a行"), None, None)


# ---- year, period and format version ------------------------------------------------------------


def test_a_2020_report_in_the_2021_format_is_told_to_use_the_2019_one(engine: Engine, tmp_path: Path) -> None:
    from tests.seeded import base_text

    text = base_text("seed-2021")
    edits = [("2021 年政府信息公开工作年度报告", "2020 年政府信息公开工作年度报告"), ("2022 年 1 月 26 日", "2021 年 1 月 26 日")]
    w12 = [(f.table, f.expected, f.actual, f.message.en, f.message.zh) for f in findings_of(engine, tmp_path, edits, text)]
    assert w12 == [
        ("表三", "V2019", "V2021",
         "a 2020 report must use the V2019 format, but it has V2021 labels: 申请人无正当理由逾期不补正、申请人逾期未按收费通知要求缴纳费用",
         "2020年度报告应使用V2019格式，但出现了V2021格式的标签：申请人无正当理由逾期不补正、申请人逾期未按收费通知要求缴纳费用"),
        ("表二", "V2019", "V2021",
         "a 2020 report must use the V2019 format, but it has V2021 labels: 本年制发件数、本年废止件数、现行有效件数、本年收费金额（单位：万元）",
         "2020年度报告应使用V2019格式，但出现了V2021格式的标签：本年制发件数、本年废止件数、现行有效件数、本年收费金额（单位：万元）"),
    ]


def test_a_stated_period_of_another_year_is_quoted(engine: Engine, tmp_path: Path) -> None:
    stated = "本报告统计期限自2019年1月1日起至2019年12月31日止。"
    (f,) = findings_of(engine, tmp_path, [("2020 年度，我局认真", stated + "2020 年度，我局认真")])
    line = next(x for x in seed_text().splitlines() if x.startswith("2020 年度，我局认真"))
    assert (f.rule, f.expected, f.actual) == ("W3-period", "2020", "2019")
    assert f.message.en == f'stated period "{stated + line}" disagrees with the title\'s year 2020'


@pytest.mark.parametrize(("declared", "override", "uncertain", "expected"), [
    ("error", None, False, "error"),
    ("error", None, True, "warning"),  # no failure without certain evidence
    ("error", "error", True, "warning"),  # a kind's own severity is capped alike
    ("warning", None, True, "warning"),
    ("info", None, True, "info"),  # never raised
    ("warning", "error", False, "error"),
])
def test_a_finding_resting_on_an_uncertain_cell_warns_at_most(
    declared: str, override: str | None, uncertain: bool, expected: str
) -> None:
    from types import SimpleNamespace

    from checker.finding import Severity
    from checker.packs.model import RuleSpec
    from checker.rulekinds.arithmetic import Sum
    from tests.conftest import default_engine

    report: Any = SimpleNamespace(pack=default_engine().registry.load("gov-2021"), path="r.txt")
    rule = RuleSpec("Z", "sum", Severity(declared), Text("甲", "a"), Text("帮助", "help"), None, {})
    f = Sum().finding(report, rule, uncertain=uncertain,
                      severity=None if override is None else Severity(override))
    assert (f.severity, f.uncertain) == (Severity(expected), uncertain)
