"""The 部门决算 ledger kinds (``checker/rulekinds/amounts.py``) one rule at a time on the bound real
规划资源局 report, cells edited in place: presence and shape (``ledger``), identities
(``amount_identity``), code hierarchies (``code_hierarchy``) and paired rows (``rows_match``), each
edit's findings asserted whole (rule, table, row, column, expected, actual, page)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from msgspec.structs import replace

from checker.amounts import Value
from checker.finding import Text
from checker.model import Location
from checker.rulekinds.amounts import (
    _by_label,
    _last_title,
    _place,
    cell_value,
    printed,
    select_rows,
    split_ref,
)
from tests.budget_bench import Bench
from tests.budget_seeds import PLANNING

T1IN, T1OUT, T3, T5, T6 = "收入支出决算总表（收入）", "收入支出决算总表（支出）", "支出决算表", "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表"
T7, T8 = "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表"



@pytest.mark.parametrize(("text", "parts"), [
    ("T1in[total].amount", ("T1in", "total", "amount")),
    ("T4in[opening/gpb].amount", ("T4in", "opening/gpb", "amount")),
    ("T3[$].total", ("T3", "$", "total")),
    ("T3[total]", ("T3", "total", None)),
    ("T3[total].", ("T3", "total", None)),
    ("total", ("total", None, None)),
])
def test_a_reference_splits_into_ledger_row_and_column(text: str, parts: tuple[str, str | None, str | None]) -> None:
    assert split_ref(text) == parts


def test_row_selections(planning: Bench) -> None:
    t5, t1out, t6 = (planning.report.ledgers[k] for k in ("T5", "T1out", "T6"))
    assert len(select_rows(t5, "*")) == 25 and [r.id for r in select_rows(t5, "*")][-1] == "total"
    assert [r.id for r in select_rows(t5, "code")] == [r for r in t5.rows if r != "total"]
    assert [r.id for r in select_rows(t5, "level=1")] == ["208", "210", "212", "220", "221"]
    assert [r.id for r in select_rows(t5, "level=2")] == ["20805", "21011", "21201", "21202", "22001", "22102"]
    assert [r.id for r in select_rows(t5, "level=3")][:3] == ["2080501", "2080502", "2080505"]
    assert len(select_rows(t5, "level=3")) == 13
    assert select_rows(t5, "level=4") == []  # T5 has three levels of code
    assert select_rows(t6, "level=3") == []  # T6 (经济分类) has two
    assert [r.id for r in select_rows(t6, "level=2")][:2] == ["30101", "30102"]
    unnamed = [r.id for r in select_rows(t1out, "unnamed")]  # the 类 rows: neither named by the pack nor coded
    assert len(unnamed) == 24 and unnamed[0] == "一般公共服务支出" and unnamed[-1] == "抗疫特别国债安排的支出"
    assert select_rows(t6, "unnamed") == []  # coded rows and the pack's own rows are not "unnamed"
    assert [r.id for r in select_rows(t5, ["total", "nope", "212"])] == ["total", "212"]
    assert [r.id for r in select_rows(t5, "212")] == ["212"]
    assert select_rows(t5, "2999999") == []


def test_a_cells_value_and_its_rounding(planning: Bench) -> None:
    t1in = planning.report.ledgers["T1in"]
    assert cell_value(t1in.rows["gpb"].cells["amount"]) == Value(Decimal("9746.50"), 1, Decimal("0.005"))
    assert cell_value(t1in.rows["gov_fund"].cells["amount"]) == Value(Decimal(0), 0, Decimal(0))  # blank: exactly 0
    assert cell_value(planning.report.ledgers["T6"].rows["30103"].cells["amount"]) == Value(Decimal("0.00"), 1, Decimal("0.005"))
    planning.cell("T1in", "other", "amount", "—")
    assert cell_value(t1in.rows["other"].cells["amount"]) is None
    planning.cell("T1in", "other", "amount", "12")
    assert cell_value(t1in.rows["other"].cells["amount"]) == Value(Decimal(12), 1, Decimal("0.5"))


def test_where_a_cell_is_named(planning: Bench) -> None:
    ledgers = planning.report.ledgers
    assert _place(ledgers["T5"], "total", "total") == ("合计", "合计")  # the pack's row
    assert _place(ledgers["T5"], "2120101", "basic") == ("2120101 行政运行", "基本支出")  # a coded row
    assert _place(ledgers["T1out"], "卫生健康支出", "amount") == ("九、卫生健康支出", "决算数")  # a printed label
    assert _place(ledgers["T1out"], "nope", "zzz") == ("nope", "zzz")
    assert _place(ledgers["T7"], "row", "reception_actual") == ("", "公务接待费 / 决算数")  # one unlabelled row; under its parent header


def test_rows_and_columns_named_by_their_printed_labels(planning: Bench) -> None:
    t3, t1out, t7 = (planning.report.ledgers[k] for k in ("T3", "T1out", "T7"))
    assert _by_label(t3, "城乡社区管理事务", "本年支出合计") == ("21201", "total")
    assert _by_label(t3, "一、城乡社区管理事务", "（一）基本支出") == ("21201", "basic")  # numbering aside
    assert _by_label(t3, "212", "total") == ("212", "total")
    assert _by_label(t3, "total", "basic") == ("total", "basic")
    assert _by_label(t3, "没有这一行", "没有这一列") == ("没有这一行", "没有这一列")
    assert _by_label(t1out, "十九、住房保障支出", "amount") == ("住房保障支出", "amount")
    assert _by_label(t7, "row", "公务接待费") == ("row", "公务接待费")  # a label within a header is no column id
    for selector in ("*", "code", "unnamed", "level=2"):
        assert _by_label(t3, selector, "total") == (selector, "total")


def test_a_missing_table_is_found_where_its_title_still_stands(planning: Bench) -> None:
    assert _last_title(planning.report, (T6,)).page == 16  # type: ignore[union-attr]  # not the contents on page 2
    assert _last_title(planning.report, ("没有这张表",)) is None
    planning.drop_ledger("T6")
    (finding,) = planning.findings("L-missing")
    assert (finding.table, finding.row, finding.column, finding.location.page) == (T6, None, None, 16)
    assert finding.message.zh == f"未找到{T6}（标题“{T6}”及其表格）"
    assert planning.rows("L-missing", ledgers=["T5", "T7"]) == []
    assert planning.rows("L-missing", ledgers=["T6"]) == [("L-missing", T6, None, None, None, None, 16)]
    assert planning.rows("L-row-missing") == planning.rows("L-empty-unexplained") == []  # a missing table has no rows


def test_a_required_row_missing(planning: Bench) -> None:
    assert planning.rows("L-row-missing") == []
    planning.drop_row("T1in", "other")  # 八、其他收入 is optional
    assert planning.rows("L-row-missing") == []
    planning.drop_row("T1in", "soe")
    (finding,) = planning.findings("L-row-missing")
    assert (finding.table, finding.row, finding.column, finding.location.page) == (T1IN, "三、国有资本经营预算财政拨款收入", None, 7)
    assert finding.message.zh == f"{T1IN} 三、国有资本经营预算财政拨款收入：缺少该行"
    assert planning.rows("L-row-missing", ledgers=["T3"]) == []


def test_a_column_missing(planning: Bench) -> None:
    planning.set("T3", missing_columns=["remit", "zzz"])
    assert planning.rows("L-column-missing") == [
        ("L-column-missing", T3, None, "上缴上级支出", None, None, 10),
        ("L-column-missing", T3, None, "zzz", None, None, 10),
    ]
    assert planning.findings("L-column-missing")[0].message.zh == f"{T3} 上缴上级支出：缺少该列"


def test_an_empty_table_needs_its_statement(planning: Bench, social: Bench) -> None:
    assert planning.rows("L-empty-unexplained") == [] and planning.rows("L-statement-but-data") == []
    statement = planning.report.ledgers["T8"].statement
    planning.set("T8", statement=None)
    (finding,) = planning.findings("L-empty-unexplained")
    assert (finding.table, finding.row, finding.location.page) == (T8, None, 18)
    assert finding.location == planning.report.ledgers["T8"].title.location  # type: ignore[union-attr]  # at its title
    assert finding.message.zh == f"{T8}没有数据，但表下未说明“本表无数据”"
    planning.set("T8", title=None)
    (finding,) = planning.findings("L-empty-unexplained")
    assert finding.location == planning.report.ledgers["T8"].location  # no title: at the table
    planning.cell("T8", "total", "income", "5.00")
    assert planning.rows("L-empty-unexplained") == [] and planning.rows("L-statement-but-data") == []  # holds data, says nothing
    planning.set("T8", statement=statement)
    (finding,) = planning.findings("L-statement-but-data")
    assert (finding.table, finding.location) == (T8, statement.location)  # type: ignore[union-attr]
    assert finding.message.zh == f"{T8}下说明“{statement.text}”，但表中有金额"  # type: ignore[union-attr]
    # T7 has no "no data" statement in the pack: the social work department's empty T7 is no finding
    assert social.report.ledgers["T7"].empty and social.rows("L-empty-unexplained") == []


def test_tables_out_of_order(planning: Bench) -> None:
    assert planning.rows("L-order") == []
    later = Location(PLANNING.as_posix(), page=30)
    planning.set("T6", location=later)
    (finding,) = planning.findings("L-order")
    assert (finding.table, finding.location.page) == (T7, 17)
    assert finding.message.zh == f"{T7}排在{T6}之前，与模板顺序不符"
    planning.drop_ledger("T7")  # a missing table is passed over: T8 now follows T6
    assert [(f.table, f.location.page) for f in planning.findings("L-order")] == [(T8, 18)]
    assert planning.findings("L-order")[0].message.zh == f"{T8}排在{T6}之前，与模板顺序不符"


def test_an_identity_at_its_rounding_boundary(planning: Bench) -> None:
    # 总计 9859.38 on both sides: two printed amounts allow 0.01
    planning.cell("T1out", "total", "amount", "9859.39")
    assert planning.rows("T1-e") == []
    planning.cell("T1out", "total", "amount", "9859.40")
    (finding,) = planning.findings("T1-e")
    assert (finding.table, finding.row, finding.column, finding.expected, finding.actual, finding.location.page) == (
        T1IN, "总计", "决算数", "9859.40", "9859.38", 7,
    )
    assert finding.message.zh == f"{T1IN} 总计 决算数：9859.38，按勾稽关系应为9859.40（差-0.02，超出舍入容差0.01）"
    assert [(o.label, o.value, o.raw) for o in finding.operands] == [
        (f"{T1IN} 总计 决算数", "9859.38", "9859.38"), (f"{T1OUT} 总计 决算数", "9859.4", "9859.40"),
    ]
    assert planning.rows("T1-e", tolerance=0.02) == []  # a number is the tolerance itself
    (finding,) = planning.findings("T1-e", tolerance=0.01)
    assert finding.message.zh.endswith("（差-0.02，超出舍入容差0.01）")
    (finding,) = planning.findings("T1-e", tolerance=0)
    assert finding.message.zh.endswith("（差-0.02，超出舍入容差0）")


def test_a_sum_over_named_rows_with_blanks(planning: Bench) -> None:
    # T1-a: 本年收入合计 = 一 + … + 八; blanks are exact zeros, so only printed amounts add slack
    planning.cell("T1in", "other", "amount", "0.01")
    assert planning.rows("T1-a") == []  # 9746.50 + 0.01 against 9746.50: two printed amounts, 0.01
    planning.cell("T1in", "other", "amount", "5.00")
    (finding,) = planning.findings("T1-a")
    assert (finding.row, finding.column, finding.expected, finding.actual) == ("本年收入合计", "决算数", "9751.50", "9746.50")
    assert finding.message.zh == f"{T1IN} 本年收入合计 决算数：9746.50，按勾稽关系应为9751.50（差-5.00，超出舍入容差0.015）"
    assert [o.label for o in finding.operands] == [
        f"{T1IN} 本年收入合计 决算数", *[f"{T1IN} {r.label} 决算数" for r in planning.report.pack.ledgers[0].rows[:8]],
    ]
    planning.cell("T1in", "gpb", "amount", "9740.5")  # one decimal printed: the half-unit is 0.05
    (finding,) = planning.findings("T1-a")
    assert (finding.expected, finding.actual) == ("9745.5", "9746.50")
    assert finding.message.zh.endswith("（差1.0，超出舍入容差0.15）")


def test_a_sum_over_a_selection(planning: Bench) -> None:
    planning.cell("T1out", "卫生健康支出", "amount", "246.63")  # T1-b: 本年支出合计 = Σ 类 rows
    (finding,) = planning.findings("T1-b")
    assert (finding.table, finding.row, finding.column, finding.expected, finding.actual) == (T1OUT, "本年支出合计", "决算数", "9769.38", "9759.38")
    assert finding.message.zh.endswith("（差-10.00，超出舍入容差0.03）")  # six printed amounts (five 类 and the total)
    labels = [o.label for o in finding.operands]  # every 类 row, blank or not, named once (one blank between words)
    assert len(labels) == 25 and labels[0] == f"{T1OUT} 本年支出合计 决算数"
    assert labels[1] == f"{T1OUT} 一、一般公共服务支出" and labels[9] == f"{T1OUT} 九、卫生健康支出"
    assert [o.value for o in finding.operands][8:10] == ["754.75", "246.63"]
    planning.cell("T1out", "卫生健康支出", "amount", "—")  # not a number: left out of the sum
    (finding,) = planning.findings("T1-b")
    assert (finding.expected, finding.actual) == ("9522.75", "9759.38")
    coded = planning.rule("T1-b", expr="T5[total].total == sum(T5[level=1].total)")
    assert planning.rows(coded) == []  # 9746.50 = 754.75 + 236.64 + 3832.36 + 4461.67 + 461.08
    planning.cell("T5", "221", "total", "471.08")
    assert planning.rows(coded) == [("T1-b", T5, "合计", "合计", "9756.50", "9746.50", 15)]
    assert [o.label for o in planning.findings(coded)[0].operands][1:3] == [f"{T5} 208 社会保障和就业支出", f"{T5} 210 卫生健康支出"]


def test_an_identity_for_each_row(planning: Bench) -> None:
    planning.cell("T3", "210", "total", "236.74")
    assert planning.rows("T3-a") == [("T3-a", T3, "210 卫生健康支出", "本年支出合计", "236.64", "236.74", 10)]
    assert planning.rows("T3-a", for_each={"ledger": "T3", "rows": ["212", "210"]}) == [
        ("T3-a", T3, "210 卫生健康支出", "本年支出合计", "236.64", "236.74", 10),
    ]
    assert planning.rows("T3-a", for_each={"ledger": "T3", "rows": "level=2"}) == []
    planning.drop_ledger("T3")
    assert planning.rows("T3-a") == []


def test_an_identity_for_each_column(planning: Bench) -> None:
    # T3's 合计 row against T5's: 本年支出 and 基本支出 differ (other funds), 项目支出 does not
    rule = planning.rule("X-3", params={"expr": "T3[total].$ == T5[total].$", "for_each": {"ledger": "T5", "columns": ["total", "basic", "project"]}})
    assert planning.rows(rule) == [
        ("X-3", T3, "合计", "本年支出合计", "9746.50", "9759.38", 10),
        ("X-3", T3, "合计", "基本支出", "5364.75", "5377.64", 10),
    ]
    rule = planning.rule("X-3", params={"expr": "T3[total].$ == T5[total].$"})  # no current column: nothing to check
    assert planning.rows(rule) == []
    rule = planning.rule("X-3", params={"expr": "T1in[gpb].amount == 1", "for_each": {"ledger": "T5"}})
    assert planning.rows(rule) == [("X-3", T1IN, "一、一般公共预算财政拨款收入", "决算数", "1", "9746.50", 7)]
    planning.drop_ledger("T5")
    assert planning.rows(rule) == []  # the table it runs over is missing: L-missing says so


def test_several_identities_in_one_rule(planning: Bench) -> None:
    planning.cell("T2", "total", "superior", "3.00")
    assert planning.rows("X-1") == [("X-1", T1IN, "四、上级补助收入", "决算数", "3.00", "0", 7)]


def test_references_the_table_cannot_resolve(planning: Bench) -> None:
    def rows(expr: str) -> list:  # type: ignore[type-arg]
        return planning.rows(planning.rule("X-3", params={"expr": expr}))

    assert rows("T99[total].amount == 1") == []  # no such table
    assert rows("T1in == 1") == []  # no row
    assert rows("T1in[gpb] == 1") == []  # no column
    assert rows("T1in[gpb].zzz == 1") == []  # no such column
    # a row the table does not print is an absent 0 (a 类 the department has no spending in) …
    assert rows("T1in[gpb].amount + T5[2999999].total == 1") == [("X-3", T1IN, "一、一般公共预算财政拨款收入", "决算数", "1", "9746.50", 7)]
    assert rows("T5[2999999].zzz + T1in[gpb].amount == 1") == []  # … in a column the table has
    planning.drop_row("T1in", "soe")  # … but a required row is not: L-row-missing says so
    assert rows("T1in[soe].amount + T1in[gpb].amount == 1") == []
    planning.cell("T1in", "gpb", "amount", "—")  # an unreadable cell: no identity to check
    assert rows("T1in[gpb].amount == 1") == []
    assert rows("T1in[gpb].amount + T1in[opening].amount == 1") == []


def test_rows_named_by_label_in_an_identity(planning: Bench) -> None:
    rule = planning.rule("X-3", params={"expr": "T3[城乡社区管理事务].本年支出合计 == 1000"})
    assert planning.rows(rule) == [("X-3", T3, "21201 城乡社区管理事务", "本年支出合计", "1000", "1105.68", 11)]


def test_the_code_hierarchy(planning: Bench) -> None:
    assert planning.rows("T5-b") == []
    planning.cell("T5", "2120101", "total", "1092.83")
    assert planning.rows("T5-b") == [("T5-b", T5, "21201 城乡社区管理事务", "合计", "1092.83", "1092.80", 14)]
    planning.cell("T5", "212", "total", "3832.46")  # a 类 off: against its 款 and in the total
    assert planning.rows("T5-b") == [
        ("T5-b", T5, "212 城乡社区支出", "合计", "3832.36", "3832.46", 14),
        ("T5-b", T5, "21201 城乡社区管理事务", "合计", "1092.83", "1092.80", 14),
        ("T5-b", T5, "合计", "合计", "9746.60", "9746.50", 15),
    ]
    without_total = planning.rule("T5-b", params={k: v for k, v in planning.rule("T5-b").params.items() if k != "total"})
    assert [f[2] for f in planning.rows(without_total)] == ["212 城乡社区支出", "21201 城乡社区管理事务"]
    assert [f[2] for f in planning.rows("T5-b", total="nope")] == ["212 城乡社区支出", "21201 城乡社区管理事务"]
    assert planning.rows("T5-b", columns=["basic"]) == []
    planning.drop_ledger("T5")
    assert planning.rows("T5-b") == []


def test_the_code_hierarchy_of_two_levels(planning: Bench) -> None:
    assert planning.rows("T6-a") == []
    planning.cell("T6", "30102", "amount", "988.86")
    assert planning.rows("T6-a") == [("T6-a", T6, "301 工资福利支出", "决算数", "4817.14", "4816.14", 16)]


def test_rows_paired_by_label(planning: Bench) -> None:
    assert planning.rows("X-4") == []
    planning.cell("T1out", "卫生健康支出", "amount", "236.74")
    (finding,) = planning.findings("X-4")
    assert (finding.table, finding.row, finding.column, finding.expected, finding.actual, finding.location.page) == (
        T1OUT, "九、卫生健康支出", "决算数", "236.64", "236.74", 7,
    )
    assert finding.message.zh == f"{T1OUT} 九、卫生健康支出 决算数：236.74，对应表中为236.64（差0.10，超出舍入容差0.01）"
    planning.cell("T1out", "教育支出", "amount", "5.00")  # a 类 T3 does not have
    (finding,) = [f for f in planning.findings("X-4") if f.row == "五、教育支出"]
    assert (finding.table, finding.column, finding.expected, finding.actual, finding.location.page) == (T1OUT, "决算数", "0", "5.00", 7)
    assert finding.message.zh == f"{T1OUT}“五、教育支出”有金额5.00，{T3}中没有对应的行"
    assert finding.message.en == f'{T1OUT} row "五、教育支出" holds 5.00, but {T3} has no such row'
    assert finding.location == planning.report.ledgers["T1out"].rows["教育支出"].cells["amount"].location
    planning.cell("T1out", "教育支出", "amount", "0.00")  # a zero needs no row
    assert [f[2] for f in planning.rows("X-4")] == ["九、卫生健康支出"]


def test_rows_paired_by_code_and_bounded(planning: Bench) -> None:
    assert planning.rows("X-9") == []  # T5 ≤ T3 row by row
    planning.cell("T5", "2120101", "total", "1105.68")
    assert planning.rows("X-9") == []  # equal is within the bound
    planning.cell("T5", "2120101", "total", "1105.80")
    assert planning.rows("X-9") == [("X-9", T5, "2120101 行政运行", "合计", "1105.68", "1105.80", 14)]
    assert planning.rows("X-9", op="==")[:2] == [  # as an equality the real report's other funds show
        ("X-9", T5, "212 城乡社区支出", "合计", "3845.24", "3832.36", 14),
        ("X-9", T5, "21201 城乡社区管理事务", "合计", "1105.68", "1092.80", 14),
    ]


def test_rows_paired_with_the_defaults(planning: Bench) -> None:
    # by label, "==", every row: T4out's 一般公共预算 column against T1out, row by row
    rule = planning.rule("X-4", params={"left": {"ledger": "T4out", "column": "gpb"}, "right": {"ledger": "T1out", "column": "amount"}})
    assert planning.rows(rule) == [
        ("X-4", "财政拨款收入支出决算总表（支出）", "十一、城乡社区支出", "一般公共预算财政拨款", "3845.25", "3832.36", 12),
        ("X-4", "财政拨款收入支出决算总表（支出）", "本年支出合计", "一般公共预算财政拨款", "9759.38", "9746.50", 13),
        ("X-4", "财政拨款收入支出决算总表（支出）", "总计", "一般公共预算财政拨款", "9859.38", "9746.50", 13),
    ]
    planning.drop_ledger("T1out")
    assert planning.rows(rule) == [] and planning.rows("X-4") == []


def test_an_unreadable_amount_in_an_unpaired_row_is_no_amount(planning: Bench) -> None:
    planning.cell("T1out", "教育支出", "amount", "—")
    assert planning.rows("X-4") == []


def test_printed_amounts() -> None:
    assert printed(Value(Decimal("9751.5"), 2, Decimal("0.005"))) == "9751.50"
    assert printed(Value(Decimal("9751.5"), 2, Decimal("0.05"))) == "9751.5"
    assert printed(Value(Decimal("12.30"), 0, Decimal(0))) == "12.3"
    assert printed(Value(Decimal(0), 0, Decimal(0))) == "0"


def test_the_real_reports_pass_every_table_rule(planning: Bench, social: Bench) -> None:
    for bench in (planning, social):
        for rule in bench.report.pack.rules:
            if rule.kind in ("amount_identity", "code_hierarchy", "rows_match", "ledger"):
                assert bench.rows(rule) == [], rule.id


def test_an_empty_table_in_the_other_report(social: Bench) -> None:
    assert social.report.ledgers["T7"].empty
    social.cell("T7", "row", "total_actual", "1.00")
    assert social.rows("X-10") == []  # T6 ≤ T7: T6's 公务接待费 is 0 there


def test_a_title_printed_again_after_its_table(planning: Bench) -> None:
    # the title printed once more after the table (as a continuation page repeats it): the finding is at the last
    planning.text("注：本表反映部门本年度“三公”经费支出预决算情况。", T6)
    planning.drop_ledger("T6")
    assert [(f[1], f[6]) for f in planning.rows("L-missing")] == [(T6, 17)]


def test_every_missing_table_is_named(planning: Bench) -> None:
    planning.drop_ledger("T6")
    planning.drop_ledger("T7")
    assert planning.rows("L-missing") == [("L-missing", T6, None, None, None, None, 16), ("L-missing", T7, None, None, None, None, 17)]


def test_a_row_printed_under_an_alias_is_named_by_the_pack(planning: Bench) -> None:
    planning.label("T1in", "non_fiscal", "使用非财政拨款结余（含专用结余）")
    assert _place(planning.report.ledgers["T1in"], "non_fiscal", "amount") == ("使用非财政拨款结余", "决算数")
    rule = planning.rule("X-3", params={"expr": "T1in[non_fiscal].amount == 1"})
    assert planning.rows(rule) == [("X-3", T1IN, "使用非财政拨款结余", "决算数", "1", "0", 7)]


def test_one_side_unreadable_or_no_cell_at_all(planning: Bench) -> None:
    def rows(expr: str) -> list:  # type: ignore[type-arg]
        return planning.rows(planning.rule("X-3", params={"expr": expr}))

    assert rows("T5[2999999].total == 1") == []  # no cell read at all: nothing the table prints to check
    planning.cell("T1in", "other", "amount", "—")
    assert rows("T1in[gpb].amount == T1in[other].amount") == []  # the right side unreadable
    assert rows("T1in[other].amount == T1in[gpb].amount") == []  # the left side unreadable


def test_a_sum_passes_over_a_short_row(planning: Bench) -> None:
    # 合计's 项目支出 against the 类 rows' (T3-b's total line for one column); 212 printed without it
    rule = planning.rule("X-3", params={"expr": "T3[total].project == sum(T3[level=1].project)"})
    assert planning.rows(rule) == []
    planning.drop_cell("T3", "212", "project")
    assert planning.rows(rule) == [("X-3", T3, "合计", "项目支出", "2122.09", "4381.74", 10)]


def test_rows_paired_within_a_selection_of_the_other_table(planning: Bench) -> None:
    # T5's 款 rows against T3's 类 rows only: no 款 code is a 类 code, so each 款 with an amount is unpaired
    rule = planning.rule("X-9", params={
        "left": {"ledger": "T5", "column": "total", "rows": "level=2"}, "right": {"ledger": "T3", "column": "total", "rows": "level=1"},
        "by": "code",
    })
    assert [(f[2], f[4], f[5]) for f in planning.rows(rule)] == [
        ("行政事业单位养老支出", "0", "754.75"), ("行政事业单位医疗", "0", "236.64"), ("城乡社区管理事务", "0", "1092.80"),
        ("城乡社区规划与管理", "0", "2739.56"), ("自然资源事务", "0", "4461.67"), ("住房改革支出", "0", "461.08"),
    ]
    # every row of T3: each 款 pairs (and "==", the default, shows 21201's other funds)
    assert planning.rows(rule, right={"ledger": "T3", "column": "total"}) == [("X-9", T5, "21201 城乡社区管理事务", "合计", "1105.68", "1092.80", 14)]


def test_the_values_a_message_may_quote(planning: Bench) -> None:
    """Every value the ledger kinds give a rule's message (a house pack's message may quote any)."""
    every = Text("{where}|{table_name}|{row}|{column}|{expected}|{actual}|{gap}|{slack}|{other}|{label}|{found}", "-")
    planning.cell("T1out", "total", "amount", "9859.40")
    (finding,) = planning.findings(replace(planning.rule("T1-e"), message=every))
    assert finding.message.zh == f"{T1IN} 总计 决算数|{T1IN}|总计|决算数|9859.40|9859.38|-0.02|0.01|{{other}}|{{label}}|{{found}}"
    planning.set("T6", location=Location(PLANNING.as_posix(), page=30))
    (finding,) = planning.findings(replace(planning.rule("L-order"), message=every))
    assert finding.message.zh == f"{T7}|{T7}|{{row}}|{{column}}|{{expected}}|{{actual}}|{{gap}}|{{slack}}|{T6}|{{label}}|{{found}}"
