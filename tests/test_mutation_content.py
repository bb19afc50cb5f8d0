"""The per-file content kinds (``checker/rulekinds/content.py``) at their edges: what mutation
testing found the packs' worked examples leave open (docs/testing.md, "Surviving mutants").

Each test binds the 2021 seed report (``tests/seeded.py``) with a small edit and runs one kind with
the pack's rule, its parameters changed where a default or a boundary is the point. Every value a
finding carries is asserted, the message through a template that shows every placeholder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace

from checker.binding import bind
from checker.finding import Text
from checker.packs.model import RuleSpec
from checker.report import Report
from checker.rulekinds.base import RuleKind
from checker.rulekinds.content import TextAmount
from tests.conftest import default_engine
from tests.seeded import apply, base_text

FEE = "本年度未收取信息处理费。"  # section 六 of the 2021 seed, line 435
FEE_LINE = 435
# every placeholder a content finding may fill, so that a value left out shows in the message
SHOW = "table={table} row={row} column={column} actual={actual} sentence={sentence} amount={amount}"


def report_of(tmp_path: Path, edits: list[tuple[str, str]], base: str = "seed-2021", pack: str = "gov-2021") -> Report:
    path = tmp_path / "r.txt"
    path.write_text(apply(base_text(base), edits), encoding="utf-8")
    engine = default_engine()
    return bind(engine.extract(path), engine.registry.load(pack))


def rule(rule_id: str, pack: str = "gov-2021", drop: tuple[str, ...] = (), **params: Any) -> RuleSpec:
    spec = next(r for r in default_engine().registry.load(pack).rules if r.id == rule_id)
    merged = {k: v for k, v in {**spec.params, **params}.items() if k not in drop}
    return replace(spec, params=merged, message=Text(SHOW, SHOW))


Row = tuple[str | None, str | None, str | None, str | None, str | None, int | None, str]


def found(kind: RuleKind, report: Report, spec: RuleSpec) -> list[Row]:
    return [(f.section, f.table, f.row, f.column, f.actual, f.location.line, f.message.zh) for f in kind.check(report, spec)]


def x4(amount: str, sentence: str) -> Row:
    return ("二、主动公开政府信息情况", "表二", "行政事业性收费", "本年收费金额（单位：万元）", "0", FEE_LINE,
            f"table=表二 row=行政事业性收费 column=本年收费金额（单位：万元） actual=0 sentence={sentence} amount={amount}")


@pytest.mark.parametrize(("text", "expected"), [
    ("本年度收取信息处理费380元。", [x4("380元", "本年度收取信息处理费380元。")]),
    ("本年度收取信息处理费0.5元。", [x4("0.5元", "本年度收取信息处理费0.5元。")]),  # above 0, below 1
    ("本年度收取信息处理费0元。", []),  # nothing charged: the cell's 0 is right
    ("本年度收取信息处理费1.2万元。", [x4("1.2万元", "本年度收取信息处理费1.2万元。")]),
    # the negation stays in its clause: the next clause's charge counts ...
    ("本年度未收取复印费，收取信息处理费380元。", [x4("380元", "收取信息处理费380元。")]),
    # ... and a negated clause does not end the search of the sentence
    ("本年度免收信息处理费5元，另收取信息处理费20元。", [x4("20元", "另收取信息处理费20元。")]),
    ("本年度免收信息处理费5元；不收取信息处理费20元。", []),
])
def test_a_fee_stated_against_a_zero_cell(tmp_path: Path, text: str, expected: list[Row]) -> None:
    report = report_of(tmp_path, [(FEE, text)])
    assert found(TextAmount(), report, rule("X4")) == expected


def test_a_fee_after_any_of_the_words(tmp_path: Path) -> None:
    report = report_of(tmp_path, [(FEE, "本年度收取信息处理费380元。")])
    assert found(TextAmount(), report, rule("X4", words=["邮寄费", "信息处理费"])) == [x4("380元", "本年度收取信息处理费380元。")]
    assert found(TextAmount(), report, rule("X4", words=["邮寄费"])) == []


@pytest.mark.parametrize("negation", ["未", "不", "无", "免"])
def test_the_default_negations(tmp_path: Path, negation: str) -> None:
    report = report_of(tmp_path, [(FEE, f"本年度{negation}收信息处理费380元。")])
    assert found(TextAmount(), report, rule("X4", drop=("negations",))) == []
    charged = report_of(tmp_path, [(FEE, "本年度收取信息处理费380元。")])
    assert found(TextAmount(), charged, rule("X4", drop=("negations",))) == [x4("380元", "本年度收取信息处理费380元。")]


# -- county_or_lower and agency_level (W8-rules) ----------------------------------------------------

@pytest.mark.parametrize(("agency", "county"), [
    ("盐湖区交通运输局", True),  # a district's bureau
    ("某某县人民政府", True),
    ("某某县教育局", True),
    ("某某旗人民政府", True),
    ("某某镇人民政府", True),  # township governments: the body itself says so
    ("某某乡", True),
    ("某某街道办事处", True),
    ("某某市某某镇人民政府", True),  # a town under a city
    ("某某市某某区人民政府办公室", True),
    ("运城市交通运输局", False),  # a city with districts makes 规章
    ("山西省交通运输厅", False),
    ("广西壮族自治区交通运输厅", False),  # 自治区 ends with 区 but is a province
    ("阿里地区行署", False),
    ("香港特别行政区政府", False),
    ("交通运输部", False),  # no place at all: a State Council department
])
def test_county_or_lower(agency: str, county: bool) -> None:
    from checker.rulekinds.content import county_or_lower

    assert county_or_lower(agency) is county


TITLE = "运城市交通运输局\n\n2021 年"
CLOSING = "运城市交通运输局\n\n2022 年 1 月 26 日"
RULES = "规章 0 0 0"


def district(rules: str) -> list[tuple[str, str]]:
    return [(TITLE, "盐湖区交通运输局\n\n2021 年"), (CLOSING, "盐湖区交通运输局\n\n2022 年 1 月 26 日"), (RULES, rules)]


def w8(column: str, actual: str) -> Row:
    return ("二、主动公开政府信息情况", "表二", "规章", column, actual, 122,
            f"table=表二 row=规章 column={column} actual={actual} sentence={{sentence}} amount={{amount}}")


@pytest.mark.parametrize(("edits", "expected"), [
    (district("规章 0 2 3"), [w8("本年废止件数", "2")]),  # one finding, at the first column above 0
    (district("规章 1 0 0"), [w8("本年制发件数", "1")]),
    (district("规章 0 0 0"), []),
    (district("规章 -1 / 0"), []),  # neither a negative count nor an unreadable cell is a rule made
    ([(RULES, "规章 1 1 1")], []),  # a city's bureau may
])
def test_a_county_body_reporting_rules(tmp_path: Path, edits: list[tuple[str, str]], expected: list[Row]) -> None:
    from checker.rulekinds.content import AgencyLevel

    report = report_of(tmp_path, edits)
    assert found(AgencyLevel(), report, rule("W8-rules")) == expected
    spec = replace(rule("W8-rules"), message=Text("{agency}", "{agency}"))
    assert [f.message.zh for f in AgencyLevel().check(report, spec)] == ["盐湖区交通运输局"] * len(expected)
    if expected:
        (finding,) = AgencyLevel().check(report, rule("W8-rules"))
        assert [(o.label, o.value, o.location.line) for o in finding.operands] == [(expected[0][3], expected[0][4], 122)]


def test_agency_level_without_an_agency_or_the_table(tmp_path: Path) -> None:
    from checker.rulekinds.content import AgencyLevel

    report = report_of(tmp_path, district("规章 0 2 3"))
    assert found(AgencyLevel(), replace(report, agency=None), rule("W8-rules")) == []
    assert found(AgencyLevel(), report, rule("W8-rules", table="T9")) == []
    assert found(AgencyLevel(), report, rule("W8-rules", row="nope")) == []
    without_t2 = replace(report, tables={k: v for k, v in report.tables.items() if k != "T2"})  # 表二 not found
    assert found(AgencyLevel(), without_t2, rule("W8-rules")) == []


# -- substantive (W8-substance) ----------------------------------------------------------------------

S5_TEXT = ("整体来看，我局信息工作力度持续加强，但仍然存在信息公开规范性有待进\n\n一步加强等问题。2021 年，我局将结合工作职能，继续加大信息公开力度，不\n\n"
           "断提升信息公开的质量和水平。一是大力开展干部职工政府信息公开工作知识的")


def s5(text: str) -> list[tuple[str, str]]:
    """Section 五 of the seed reads ``text`` (its first paragraphs replaced, the rest kept short)."""
    return [(S5_TEXT, text)]


def section_five(tmp_path: Path, text: str, **params: Any) -> list[tuple[str | None, str | None, str | None, int | None]]:
    from checker.rulekinds.content import Substantive

    report = report_of(tmp_path, [], base="seed-2021")
    start = next(m for m in report.sections if m.id == "S5").block
    end = next(m for m in report.sections if m.id == "S6").block
    from checker.model import Paragraph

    blocks = list(report.document.blocks)
    location = blocks[start + 1].location
    blocks[start + 1 : end] = [Paragraph(text, location)] if text else []
    shift = (end - start - 1) - (1 if text else 0)
    document = replace(report.document, blocks=blocks)
    sections = [m if m.block <= start else replace(m, block=m.block - shift) for m in report.sections]
    edited = replace(report, document=document, sections=sections)
    spec = replace(rule("W8-substance", **params), message=Text("{label}", "{label}"))
    out = []
    for f in Substantive().check(edited, spec):
        assert f.message.zh == f.section  # the section's label, in the message too
        out.append((f.section, f.expected, f.actual, f.location.line))
    return out


S5_LABEL = "五、存在的主要问题及改进情况"


@pytest.mark.parametrize(("text", "params", "expected"), [
    ("一二三四五六七八九十一二三四五六七八九十", {}, []),  # 20 characters: enough
    ("一二三四五六七八九十一二三四五六七八九。", {}, [(S5_LABEL, ">= 20", "19")]),  # punctuation does not count
    ("", {}, [(S5_LABEL, ">= 20", "0")]),
    ("暂无。", {"min_chars": 1}, [(S5_LABEL, ">= 1", "2")]),  # an empty word, however long min_chars allows
    ("暂无问题。", {"min_chars": 1}, []),  # not one of the empty words
    ("无", {"min_chars": 1, "drop": ("empty",)}, [(S5_LABEL, ">= 1", "1")]),  # the default empty word
    ("暂无", {"min_chars": 1, "drop": ("empty",)}, []),
    ("暂无！", {"min_chars": 1, "empty": ["暂无。"]}, [(S5_LABEL, ">= 1", "2")]),  # compared without punctuation
])
def test_a_section_with_next_to_nothing(tmp_path: Path, text: str, params: dict[str, Any], expected: list[Any]) -> None:
    found_rows = section_five(tmp_path, text, **params)
    assert [row[:3] for row in found_rows] == expected
    assert all(row[3] == 415 for row in found_rows)  # at the section's heading


# -- keywords_if (X5) -----------------------------------------------------------------------------

UNPAID = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0"
T4_ROW = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
S6_LABEL = "六、其他需要报告的事项"


def x5(where: str, actual: str, column: str) -> tuple[Any, ...]:
    """The finding at 六's heading; the cell is its one operand, named by its column."""
    return (S6_LABEL, actual, 433, where, [(column, actual)])


def keywords(tmp_path: Path, edits: list[tuple[str, str]], **params: Any) -> list[tuple[Any, ...]]:
    from checker.rulekinds.content import KeywordsIf

    report = report_of(tmp_path, edits)
    spec = replace(rule("X5", **params), message=Text("{where_cell}|{label}|{actual}", "{where_cell}"))
    out = []
    for f in KeywordsIf().check(report, spec):
        assert f.section == f.message.zh.split("|")[1] and f.message.zh.split("|")[2] == f.actual
        out.append((f.section, f.actual, f.location.line, f.message.zh.split("|")[0], [(o.label, o.value) for o in f.operands]))
    return out


@pytest.mark.parametrize(("edits", "params", "expected"), [
    ([(UNPAID, UNPAID[:-13] + "0 0 0 0 0 0 2"), (FEE, "无其他需要报告的事项。")], {},
     [x5("表三 （六）其他处理 / 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 总计", "2", "总计")]),
    ([(UNPAID, UNPAID[:-13] + "0 0 0 0 0 0 2")], {}, []),  # 六 mentions 信息处理费
    ([(UNPAID, UNPAID[:-13] + "0 0 0 0 0 0 2"), (FEE, "本年度发出收费通知1份。")], {}, []),  # the other word
    ([(FEE, "无其他需要报告的事项。")], {}, []),  # no unpaid notice: nothing to mention
    ([(UNPAID, UNPAID[:-13] + "0 0 0 0 0 0 /"), (FEE, "无其他需要报告的事项。")], {}, []),  # not a number
    # a 表四 cell: its id has a dot in the column part, and its row has no label
    ([(T4_ROW, "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"), (FEE, "无其他需要报告的事项。")], {"table": "T4", "cell": "value.review.total"},
     [x5("表四 行政复议 / 总计", "1", "行政复议 / 总计")]),
    # a word in another form than the text's (full-width): compared in canonical form
    ([(UNPAID, UNPAID[:-13] + "0 0 0 0 0 0 2"), (FEE, "本年度发出收费通知(1份)。")], {"any": ["收费通知（1份）"]}, []),
])
def test_a_count_the_section_does_not_mention(
    tmp_path: Path, edits: list[tuple[str, str]], params: dict[str, Any], expected: list[Any]
) -> None:
    assert keywords(tmp_path, edits, **params) == expected


def test_keywords_if_without_its_section_cell_or_table(tmp_path: Path) -> None:
    edits = [(UNPAID, UNPAID[:-13] + "0 0 0 0 0 0 2"), (FEE, "无其他需要报告的事项。")]
    assert keywords(tmp_path, edits, section="S9") == []
    assert keywords(tmp_path, edits, table="T9") == []
    assert keywords(tmp_path, edits, cell="nope.total") == []


# -- no_applications (X6) --------------------------------------------------------------------------

NEW = "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"
CARRIED = "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
S1_END = "新台阶。"


def claims(tmp_path: Path, edits: list[tuple[str, str]], **params: Any) -> list[tuple[Any, ...]]:
    from checker.rulekinds.content import NoApplications

    report = report_of(tmp_path, edits)
    spec = replace(rule("X6", **params), message=Text("{sentence}", "{sentence}"))
    return [(f.section, f.table, f.expected, f.actual, f.location.line, f.message.zh) for f in NoApplications().check(report, spec)]


def x6(actual: str, sentence: str, line: int = 18, section: str | None = "一、总体情况") -> tuple[Any, ...]:
    return (section, "表三", "0", actual, line, sentence)


@pytest.mark.parametrize(("text", "expected"), [
    ("全年受理政府信息公开申请3件。", [x6("3", "全年受理政府信息公开申请3件。")]),
    ("全年受理申请3件，收到申请5件。", [x6("3", "全年受理申请3件，收到申请5件。")]),  # the first figure, once
    ("全年受理申请0件。", []),
    ("全年受理申请约3件。", []),  # not a comparable figure
    ("全年受理申请3余件。", []),
    ("全年受理申请近3件。", []),
    ("全年受理申请多3件。", []),
    ("全市受理政府信息公开申请3件。", []),  # another scope
    ("我局下属单位受理申请3件。", []),
    ("全市受理申请5件。全年受理申请3件。", [x6("3", "全年受理申请3件。")]),  # after a sentence out of scope
    ("全年受理申请1件。", [x6("1", "全年受理申请1件。")]),
    ("全年受理申请余3件。", []),  # 余 before the figure makes it approximate too
])
def test_applications_claimed_against_an_empty_table(tmp_path: Path, text: str, expected: list[Any]) -> None:
    assert claims(tmp_path, [(S1_END, S1_END + text)]) == expected


@pytest.mark.parametrize("word", ["新收", "收到", "受理"])
def test_the_default_words_and_section(tmp_path: Path, word: str) -> None:
    edits = [(S1_END, S1_END + f"全年{word}申请3件。")]
    assert claims(tmp_path, edits, drop=("words", "section", "out_of_scope")) == [x6("3", f"全年{word}申请3件。")]
    assert claims(tmp_path, [(S1_END, S1_END + "全年办理申请3件。")], drop=("words",)) == []


@pytest.mark.parametrize("edit", [(NEW, NEW[:-13] + "0 0 0 0 0 1 1"), (CARRIED, CARRIED[:-13] + "0 0 0 0 0 1 1"),
                                  (NEW, NEW[:-13] + "0 0 0 0 0 0 /")])
def test_a_table_with_applications_or_unreadable(tmp_path: Path, edit: tuple[str, str]) -> None:
    assert claims(tmp_path, [edit, (S1_END, S1_END + "全年受理申请3件。")]) == []


def test_no_applications_in_another_section_or_table(tmp_path: Path) -> None:
    edits = [(FEE, "本年度受理申请3件。")]
    assert claims(tmp_path, edits, section="S6") == [x6("3", "本年度受理申请3件。", line=435, section=S6_LABEL)]
    assert claims(tmp_path, edits, section="S9") == []
    assert claims(tmp_path, edits, section="S6", table="T9") == []
    assert claims(tmp_path, edits, section="S6", rows=["nope"]) == []  # no cell of those rows


def test_the_packs_own_negations_and_the_fee_cell_as_operand(tmp_path: Path) -> None:
    report = report_of(tmp_path, [(FEE, "本年度未收取复印费，免收信息处理费380元。")])
    assert found(TextAmount(), report, rule("X4", negations=["未"])) == [x4("380元", "免收信息处理费380元。")]
    assert found(TextAmount(), report, rule("X4", negations=["未", "免"])) == []
    (finding,) = TextAmount().check(report, rule("X4", negations=["未"]))
    assert [(o.label, o.value, o.raw, o.location.line) for o in finding.operands] == [("本年收费金额（单位：万元）", "0", "0", 144)]


def test_the_packs_own_words(tmp_path: Path) -> None:
    edits = [(S1_END, S1_END + "全年办理申请3件。")]
    assert claims(tmp_path, edits, words=["办理"]) == [x6("3", "全年办理申请3件。")]


def test_a_fee_against_a_cell_whose_row_has_no_label(tmp_path: Path) -> None:
    """表四's one row has no label: the finding names no row, and the message leaves {row} as written."""
    report = report_of(tmp_path, [(FEE, "本年度收取信息处理费380元。")])
    assert found(TextAmount(), report, rule("X4", table="T4", cell="value.review.total")) == [
        ("四、政府信息公开行政复议、行政诉讼情况", "表四", None, "行政复议 / 总计", "0", FEE_LINE,
         "table=表四 row={row} column=行政复议 / 总计 actual=0 sentence=本年度收取信息处理费380元。 amount=380元"),
    ]
