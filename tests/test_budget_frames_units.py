"""The 部门决算 narrative kinds (``checker/rulekinds/frames.py``) one rule at a time on the bound
real reports, sentences and cells edited in place: template sentences read into slots and checked
against the tables (``frame``), and residue, years and names in the text (``text_pattern``)."""

from __future__ import annotations

from msgspec.structs import replace

from checker.finding import Text
from checker.rulekinds.frames import _Text, compile_frame, region_text
from tests.budget_bench import Bench

T5 = "一般公共预算财政拨款支出决算表"
AGENCY = "上海市普陀区规划和自然资源局"



def test_a_sections_text_and_where_each_paragraph_starts(planning: Bench) -> None:
    region = region_text(planning.report, "N2")
    assert region is not None
    assert region.text == "本年收入合计9746.50万元,其中:财政拨款收入9746.50万元,占100.00%."  # canonical: ASCII punctuation
    paragraphs = [b for b in planning.report.document.paragraphs if b.location.page == 20]
    first = next(p for p in paragraphs if p.text.startswith("本年收入合计"))
    second = paragraphs[paragraphs.index(first) + 1]
    assert region.starts == [(0, first.location), (32, second.location)]
    assert [region.location(i) for i in (0, 31, 32, 50)] == [first.location, first.location, second.location, second.location]
    assert _Text("abc", [(2, first.location)]).location(1) is None  # before the first paragraph
    assert region_text(planning.report, "N99") is None
    whole = region_text(planning.report, None)  # no section: every paragraph of the report, tables left out
    assert whole is not None and len(whole.starts) == len(planning.report.document.paragraphs)
    assert whole.starts[0] == (0, planning.report.document.paragraphs[0].location)


def test_slots_of_a_frame() -> None:
    frame = compile_frame("比{py:year}年{d:word}{n:amount}万元", {"增加": 1, "增加了": 1})
    assert frame.fullmatch("比2023年增加了1.50万元").groupdict() == {"py": "2023", "d": "增加了", "n": "1.50"}  # type: ignore[union-attr]
    assert frame.fullmatch("比2023年增加-1.50万元").groupdict()["n"] == "-1.50"  # type: ignore[union-attr]
    assert frame.fullmatch("比1899年增加1.50万元") is None  # not a year
    assert compile_frame("{_:int}个{n:int}", {}).groupindex == {"n": 1}  # "_" is read, not named
    assert compile_frame("{d:word}{n:int}个", {}).search("增加3个") is None  # no words: a word slot matches nothing
    label = compile_frame(r"{cls:label}\(类\)", {}).search("1.社会保障和就业支出(类)")
    assert label is not None and label.group("cls") == "社会保障和就业支出"  # no digits or punctuation in a label
    assert compile_frame("A{t:text}B", {}).search("A" + "x" * 60 + "B") is not None
    assert compile_frame("A{t:text}B", {}).search("A" + "x" * 61 + "B") is None


def test_an_amount_against_its_cell(planning: Bench) -> None:
    assert planning.rows("N-2") == []
    planning.text("本年收入合计9746.50万元", "本年收入合计9746.51万元")
    assert planning.rows("N-2") == []  # a printed amount against a printed cell: 0.01 is rounding
    planning.undo()
    planning.text("本年收入合计9746.50万元", "本年收入合计9746.60万元")
    (finding,) = planning.findings("N-2")
    assert (finding.table, finding.row, finding.expected, finding.actual, finding.location.page) == (None, None, "9746.50", "9746.60", 20)
    assert finding.message.zh == "“本年收入合计9746.60万元”：total == T1in[income_total].amount 不成立（文中为9746.60，应为9746.50）"
    planning.cell("T1in", "income_total", "amount", "9746.6")
    assert planning.rows("N-2") == []


def test_a_share_within_its_own_tolerance(planning: Bench) -> None:
    # N-2-items: share == 100 * amt / T2 total, within 0.01 percentage points
    planning.text("万元，占100.00%。", "万元，占99.99%。")
    assert planning.rows("N-2-items") == []
    planning.undo()
    planning.text("万元，占100.00%。", "万元，占99.98%。")
    assert planning.rows("N-2-items") == [("N-2-items", None, None, None, "100", "99.98", 20)]
    assert planning.findings("N-2-items")[0].message.zh == (
        "“财政拨款收入9746.50万元,占99.98%”：share == 100 * amt / T2[total].total 不成立（文中为99.98，应为100）"
    )


def test_a_slot_names_the_column(planning: Bench) -> None:
    # N-3-items: "基本支出5377.64万元" is checked against T3's 基本支出 column of the 合计 row
    planning.text("其中：基本支出5377.64万元", "其中：基本支出5377.74万元")
    assert planning.rows("N-3-items") == [("N-3-items", None, None, None, "5377.64", "5377.74", 20)]
    assert planning.rows("N-3-items", checks=["amt == T3[total].{nothing}"]) == []  # an unknown slot resolves nothing


def test_direction_words_and_a_computed_rate(planning: Bench) -> None:
    assert planning.rows("N-1") == []
    planning.text("万元，增长12.08%。", "万元，下降12.08%。")
    (finding,) = planning.findings("N-1")
    assert (finding.expected, finding.actual, finding.location.page) == ("1", "-1", 20)  # 增加 … 下降
    assert finding.message.zh == (
        "“收入支出总计9859.38万元.与2023年度相比,收入支出总计增加1062.85万元,下降12.08%”：dir2 == dir 不成立（文中为-1，应为1）"
    )
    planning.undo()
    planning.text("万元，增长12.08%。", "万元，增长12.18%。")  # 1062.85 / (9859.38 - 1062.85) = 12.08 %
    assert planning.rows("N-1") == [("N-1", None, None, None, "12.08", "12.18", 20)]
    planning.undo()
    planning.text("万元，增长12.08%。", "万元，增长12.09%。")  # within its tolerance of 0.01
    assert planning.rows("N-1") == []


def test_counts_are_exact(planning: Bench) -> None:
    assert planning.rows("N-10") == []
    planning.text("绩效自评的2024年度项目39个", "绩效自评的2024年度项目40个")
    assert planning.rows("N-10") == [("N-10", None, None, None, "39", "40", 27)]  # no rounding in a count
    planning.undo()
    # a year is a count too: 2024 + 39 against 2064 is off by one, which two rounded amounts would allow
    years = planning.rule("N-10", checks=["y + n == 2064"])
    assert planning.rows(years) == [("N-10", None, None, None, "2064", "2063", 27)]


def test_a_zero_budget_and_the_slots_in_the_message(social: Bench) -> None:
    (finding,) = social.findings("N-5c-zero")
    assert (finding.expected, finding.actual, finding.location.page) == ("0.01", "0", 18)
    assert finding.message.zh == (
        "“年初预算为0万元,全年预算为321.02万元,支出决算为307.82万元,完成年初预算的95.89%”："
        "年初预算为0万元，不能写“完成年初预算的95.89%”"
    )


def test_a_slot_named_like_a_finding_field(planning: Bench) -> None:
    rule = planning.rule("N-2", pattern="本年收入合计{actual:amount}万元", checks=["actual == T1in[income_total].amount"])
    planning.text("本年收入合计9746.50万元", "本年收入合计9746.60万元")
    (finding,) = planning.findings(rule)
    assert (finding.expected, finding.actual) == ("9746.50", "9746.60")  # the slot does not overwrite the finding's fields


def test_a_long_sentence_is_quoted_cut(planning: Bench) -> None:
    rule = planning.rule("N-2", section="N1", pattern="收入支出总计{total:amount}万元.{_:text}%", checks=["total == 1"])
    (finding,) = planning.findings(rule)
    sentence = "收入支出总计9859.38万元.与2023年度相比,收入支出总计增加1062.85万元,增长12.08%"
    assert finding.message.zh == f"“{sentence}”：total == 1 不成立（文中为9859.38，应为1）"  # a short sentence whole
    (finding,) = planning.findings("N-10", checks=["n == 1"])  # N-10's sentence runs to 绩效评级为"不合格"的项目0个
    region = region_text(planning.report, "N10")
    assert region is not None
    start = region.text.index("绩效自评的2024")
    assert finding.message.zh.split("”：")[0] == "“" + region.text[start : start + 78] + "…"  # 78 characters and an ellipsis
    for width, quoted in ((64, 80), (65, 79)):  # "绩效自评的2024年度项目39个" is 16 characters
        rule = planning.rule("N-10", pattern="绩效自评的{y:year}年度项目{n:int}个.{" + str(width) + "}", checks=["n == 1"])
        (finding,) = planning.findings(rule)
        assert len(finding.message.zh.split("”：")[0][1:]) == quoted  # 80 characters are quoted whole


def test_a_check_on_a_slot_the_sentence_lacks(planning: Bench) -> None:
    assert planning.rows("N-2", checks=["nothing == 1"]) == []
    assert planning.rows("N-2", checks=["total == T99[total].amount"]) == []


def test_an_item_not_in_the_table_is_not_checked_for_its_amount(planning: Bench) -> None:
    # item 5 names 机关事业单位退休人员活动费支出 (项), which T5 does not have: N-5d says so, not N-5d-amount
    assert planning.rows("N-5d-amount") == []
    planning.text("初预算为54.53万元，支出决算为54.53万元，完成年初预算的", "初预算为54.53万元，支出决算为54.63万元，完成年初预算的")
    assert planning.rows("N-5d-amount") == [("N-5d-amount", None, None, None, "54.53", "54.63", 21)]


def test_names_that_must_be_rows_of_a_table(planning: Bench) -> None:
    assert planning.rows("N-5d") == [
        ("N-5d", None, None, None, T5, "机关事业单位退休人员活动费支出", 22),
        ("N-5d", None, None, None, T5, "其他国土资源事务支出", 24),
        ("N-5d", None, None, None, T5, "住房保障支出", 24),
        ("N-5d", None, None, None, T5, "住房保障支出", 24),
    ]
    assert planning.findings("N-5d")[0].message.zh == (
        "“社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位退休人员活动费支出(项)”："
        f"“机关事业单位退休人员活动费支出”不是{T5}中的科目名称"
    )
    # 住房保障支出 is a 类 of T5: among every row it is found
    anywhere = [{"label_in": {"slot": "kuan", "ledger": "T5"}}]
    assert planning.rows("N-5d", checks=anywhere) == []
    assert planning.rows("N-5d", checks=[{"label_in": {"slot": "nothing", "ledger": "T5"}}]) == []
    planning.drop_ledger("T5")
    assert planning.rows("N-5d") == []


def test_rows_the_sentences_must_each_name(planning: Bench) -> None:
    assert planning.rows("N-5d-coverage") == [
        ("N-5d-coverage", None, "2080599 其他行政事业单位养老支出", None, T5, None, 14),
        ("N-5d-coverage", None, "2200199 其他自然资源事务支出", None, T5, None, 14),
    ]
    assert planning.findings("N-5d-coverage")[0].message.zh == f"{T5}的“2080599 其他行政事业单位养老支出”未在情况说明五（三）中逐项说明"
    rows = [f[2] for f in planning.rows("N-5d-coverage", covers={"slot": "xiang", "ledger": "T5"})]
    assert rows == [  # every row: the 类, the 款 not named as a 项, the two 项, and 合计 (no code)
        "208 社会保障和就业支出", "20805 行政事业单位养老支出", "2080599 其他行政事业单位养老支出", "210 卫生健康支出",
        "21011 行政事业单位医疗", "212 城乡社区支出", "21201 城乡社区管理事务", "220 自然资源海洋气象等支出",
        "22001 自然资源事务", "2200199 其他自然资源事务支出", "221 住房保障支出", "22102 住房改革支出", "合计",
    ]
    assert planning.rows("N-5d-coverage", covers={"slot": "nothing", "ledger": "T5", "rows": "level=3"})[0][2] == "2080501 行政单位离退休"
    planning.drop_ledger("T5")
    assert planning.rows("N-5d-coverage") == []


def test_a_section_not_found_checks_nothing(planning: Bench) -> None:
    planning.text("本年收入合计9746.50万元", "本年收入合计9746.60万元")
    report = replace(planning.report, sections=[s for s in planning.report.sections if s.id != "N2"])
    assert planning.rows("N-2", report) == []
    assert planning.rows("R-residue", report, section="N2") == []


def test_template_residue(planning: Bench) -> None:
    assert planning.rows("R-residue") == [("R-residue", None, None, None, None, "下降(增长)", 25)]
    assert planning.findings("R-residue")[0].message.zh == "模板文字未替换：“下降(增长)”"
    assert planning.rows("R-percent") == [("R-percent", None, None, None, None, "增长13.95", 21)]
    assert planning.rows("R-percent", section="N5") == [("R-percent", None, None, None, None, "增长13.95", 21)]
    assert planning.rows("R-percent", section="N1") == []
    several = planning.rows("R-residue", patterns=["增长\\d+(?:\\.\\d+)?%?", "下降\\(增长\\)"])  # pattern by pattern
    assert [(f[5], f[6]) for f in several] == [("增长12.08%", 20), ("增长13.95%", 20), ("增长13.95", 21), ("下降(增长)", 25)]


def test_years_against_the_reports_year(planning: Bench) -> None:
    assert planning.rows("N-Y") == [] and planning.rows("N-Y-prev") == []
    planning.text("与2023年度相比，收入支出总计", "与2022年度相比，收入支出总计")
    assert planning.rows("N-Y-prev") == [("N-Y-prev", None, None, None, "2023", "与2022年度", 20)]
    assert planning.findings("N-Y-prev")[0].message.zh == "“与2022年度”：比较年度应为2023年"
    assert planning.rows("N-Y-prev", year_offsets=[-1, -2]) == []
    (finding,) = planning.findings("N-Y-prev", year_offsets=[-1, 0])
    assert finding.expected == "2023/2024"
    assert planning.rows("N-Y-prev", replace(planning.report, year=None)) == []  # no year to compare with


def test_the_agencys_name(planning: Bench) -> None:
    assert [(f[4], f[5], f[6]) for f in planning.rows("N-U")] == [
        (AGENCY, "上海市规划和自然资源局", 7), *[(AGENCY, "上海市普陀区规划与自然资源局", 26)] * 3,
    ]
    assert planning.rows("N-U", replace(planning.report, agency=None)) == []
    other = planning.rows("N-U", replace(planning.report, agency="上海市普陀区规划与自然资源局"))
    assert {f[4] for f in other} == {"上海市普陀区规划与自然资源局"}
    assert {f[5] for f in other} == {AGENCY, "上海市规划和自然资源局"}  # the name it now has is no finding
    assert [f[6] for f in other if f[5] == "上海市规划和自然资源局"] == [7]


def test_a_count_of_matches(planning: Bench) -> None:
    assert planning.rows("TEMPLATE") == []
    count = len(planning.rows("R-residue", patterns=["普陀区"]))
    assert count > 5
    (finding,) = planning.findings("TEMPLATE", patterns=["普陀区"], min_count=count)
    first = planning.findings("R-residue", patterns=["普陀区"])[0]
    assert (finding.location, finding.actual) == (first.location, None)
    assert finding.message.zh == f"文件含{count}处“XX”占位符：这是模板，不是部门决算"
    assert planning.rows("TEMPLATE", patterns=["普陀区"], min_count=count + 1) == []


def test_the_real_reports_narratives(planning: Bench, social: Bench) -> None:
    assert {f.rule for r in planning.report.pack.rules if r.kind == "frame" for f in planning.findings(r)} == {"N-5d", "N-6", "N-5d-coverage"}
    assert [f[:6] for f in planning.rows("N-6")] == [
        ("N-6", None, None, None, "5364.75", "5377.64"), ("N-6", None, None, None, "4884.09", "4896.98"),
    ]
    assert {f.rule for r in social.report.pack.rules if r.kind in ("frame", "text_pattern") for f in social.findings(r)} == {"N-5c-zero", "R-residue"}


def test_the_longest_word_is_read() -> None:
    # "增加了" is read whole, not as 增加 followed by 了: the longer of two words that start alike wins
    frame = compile_frame("比上年{d:word}", {"增加": 1, "增加了": 1, "减少": -1})
    assert [m.group("d") for m in frame.finditer("比上年增加了;比上年增加;比上年减少")] == ["增加了", "增加", "减少"]


def test_a_sentence_against_a_sum_of_rows(planning: Bench) -> None:
    rule = planning.rule("N-3", checks=["total == sum(T1out[unnamed].amount)"])  # 本年支出合计 = Σ 类 rows of T1
    assert planning.rows(rule) == []
    planning.text("本年支出合计9759.38万元", "本年支出合计9759.48万元")
    assert planning.rows(rule) == [("N-3", None, None, None, "9759.38", "9759.48", 20)]


def test_the_values_a_message_may_quote(planning: Bench) -> None:
    """Every value the narrative kinds give a rule's message (a house pack's message may quote any)."""
    every = Text("{found}|{check}|{label}|{expected}|{actual}|{count}|{total}", "-")
    (finding, *_) = planning.findings(replace(planning.rule("N-5d"), message=every))
    assert finding.message.zh == (
        "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位退休人员活动费支出(项)|xiang ∈ 一般公共预算财政拨款支出决算表|"
        f"机关事业单位退休人员活动费支出|{T5}|机关事业单位退休人员活动费支出|{{count}}|{{total}}"
    )
    planning.text("本年收入合计9746.50万元", "本年收入合计9746.60万元")
    (finding,) = planning.findings(replace(planning.rule("N-2"), message=every))
    assert finding.message.zh == "本年收入合计9746.60万元|total == T1in[income_total].amount|{label}|9746.50|9746.60|{count}|9746.60"
    rule = replace(planning.rule("TEMPLATE"), message=every)
    (finding,) = planning.findings(rule, patterns=["下降\\(增长\\)", "普陀区规划和自然资源局"], min_count=2)  # pattern by pattern
    count = 1 + len(planning.rows("R-residue", patterns=["普陀区规划和自然资源局"]))
    assert finding.message.zh == f"下降(增长)|{{check}}|{{label}}|{{expected}}|{{actual}}|{count}|{{total}}"  # the first match
    assert finding.location.page == 25
