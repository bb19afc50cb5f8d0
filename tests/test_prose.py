"""X3: figures in 一、总体情况 (and 四) against 表三 and 表四, on the huaian 2024 figures as text.

表三 总计 column: 新收 3119, 上年结转 34, （七）总计 3050, 结转下年 103; 表四: 复议 351, 诉讼 26 + 20."""

from __future__ import annotations

from pathlib import Path

import pytest
from msgspec.structs import replace

from checker.engine import Engine
from tests.fixtures.content import Section, huaian_2021
from tests.fixtures.render_text import render_text


def x3(engine: Engine, tmp_path: Path, *sentences: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    content = huaian_2021()
    general = replace(content.sections[0], paragraphs=(content.sections[0].paragraphs[0], *sentences))
    content = replace(content, sections=(general, *content.sections[1:]))
    result = engine.check_file(render_text(content, tmp_path / "report.txt"))
    assert not [f for f in result.findings if f.rule != "X3"], [f.rule for f in result.findings]
    return [(f.table, f.row, f.column, f"{f.expected}/{f.actual}") for f in result.findings if f.rule == "X3"]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年受理政府信息公开申请3119件，答复3050件，103件结转下年度办理。",
        "共处理3153件（含上年度结转34件），3050件已答复，103件结转下年度继续办理。",  # 含上年结转
        "本年新收政府信息公开申请3119件，上年结转34件，办结3050件。",
        "全年发生政府信息公开行政复议351件，行政诉讼46件。",
        # the huaian report's own sentence without its 全市: 答复 3050 includes the 34 carried in
        "2024年，共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
        "全年未发生因政府信息公开引起的行政诉讼以外的其他争议。",
    ],
)
def test_consistent_prose_gives_nothing(engine: Engine, tmp_path: Path, sentence: str) -> None:
    assert x3(engine, tmp_path, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年受理政府信息公开申请3120件。", ("表三", "一、本年新收政府信息公开申请数量", "总计", "3119/3120")),
        ("全年受理申请3119件，答复3050件，105件结转下年度办理。", ("表三", "四、结转下年度继续办理", "总计", "103/105")),
        ("答复3050件，另有105件顺延到下年度答复。", ("表三", "四、结转下年度继续办理", "总计", "103/105")),
        ("本年度办结政府信息公开申请3000件。", ("表三", "（七）总计", "总计", "3050/3000")),
        ("上年结转政府信息公开申请30件。", ("表三", "二、上年结转政府信息公开申请数量", "总计", "34/30")),
        ("全年发生政府信息公开行政复议350件。", ("表四", None, "行政复议 / 总计", "351/350")),
        ("全年发生政府信息公开行政诉讼26件。", ("表四", None, "未经复议直接起诉 / 总计 + 复议后起诉 / 总计", "46/26")),
    ],
)
def test_a_contradicting_figure_is_one_warning(engine: Engine, tmp_path: Path, sentence: str, expected: tuple[str, ...]) -> None:
    assert x3(engine, tmp_path, sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "全市共受理政府信息公开申请5000件。",  # 全市
        "全区各部门共受理政府信息公开申请5000件。",  # 全区, 各部门
        "全县受理政府信息公开申请5000件。",  # 全县
        "市政府办公室代表市政府受理政府信息公开申请5000件。",  # 代表…受理
        "全年受理申请3119件，其中新收自然人申请2000件、办结1000件。",  # 其中: parts of another figure
        "2019年以来累计受理政府信息公开申请20000件。",  # 累计
        "受理规范性文件备案审查申请12件。",  # 备案
        "共受理3153件（含上年结转34件）。",  # 含上年结转: new + carried-in
        "指导各县区受理政府信息公开申请800件。",  # other agencies' numbers
        "全年受理政府信息公开申请3100余件。",  # approximate
        "全年受理政府信息公开申请约3100件。",  # approximate
        "上半年受理申请1500件，下半年受理申请1619件。",  # one quantity, two figures: ambiguous
        "不予受理的申请12件。",  # negated
        "申请人对答复不服提起行政复议351件。",  # the number is the 复议 figure (and agrees), not 答复's
    ],
)
def test_scope_words_and_ambiguity_give_no_finding(engine: Engine, tmp_path: Path, sentence: str) -> None:
    assert x3(engine, tmp_path, sentence) == []


def test_finding_quotes_and_points_at_the_sentence(engine: Engine, tmp_path: Path) -> None:
    content = huaian_2021()
    general = replace(content.sections[0], paragraphs=(*content.sections[0].paragraphs[:2], "全年受理政府信息公开申请3120件。"))
    content = replace(content, sections=(general, *content.sections[1:]))
    path = render_text(content, tmp_path / "report.txt")
    finding = next(f for f in engine.check_file(path).findings if f.rule == "X3")
    line = path.read_text(encoding="utf-8").splitlines()[(finding.location.line or 0) - 1]
    assert line == "全年受理政府信息公开申请3120件。"
    assert "全年受理政府信息公开申请3120件。" in finding.message.zh and finding.section == "一、总体情况"


def test_section_four_is_read_too(engine: Engine, tmp_path: Path) -> None:
    content = huaian_2021()
    sections = list(content.sections)
    sections[3] = Section(sections[3].heading, ("本年度共发生行政复议案件300件。",))
    result = engine.check_file(render_text(replace(content, sections=tuple(sections)), tmp_path / "r.txt"))
    assert [(f.rule, f.expected, f.actual, f.section) for f in result.findings if f.rule == "X3"] == [
        ("X3", "351", "300", "四、政府信息公开行政复议、行政诉讼情况")
    ]


# -- X3 at its edges, the kind called on the bound report (mutation testing, docs/testing.md) --------

SHOW = "{sentence}|{word}|{row}|{where}"


def prose_findings(engine: Engine, tmp_path: Path, *sentences: str, edit=None) -> list[tuple[str | None, ...]]:  # type: ignore[no-untyped-def]
    from checker.binding import bind
    from checker.finding import Text
    from checker.rulekinds.prose import Prose

    content = huaian_2021()
    general = replace(content.sections[0], paragraphs=(content.sections[0].paragraphs[0], *sentences))
    path = render_text(replace(content, sections=(general, *content.sections[1:])), tmp_path / "report.txt")
    report = bind(engine.extract(path), engine.registry.load("gov-2021"))
    report = edit(report) if edit else report
    spec = next(r for r in report.pack.rules if r.id == "X3")
    spec = replace(spec, message=Text(SHOW, SHOW))
    return [(f.row, f.column, f.expected, f.actual, f.message.zh) for f in Prose().check(report, spec)]


NEW_3120 = ("一、本年新收政府信息公开申请数量", "总计", "3119", "3120")
NEW_5 = ("一、本年新收政府信息公开申请数量", "总计", "3119", "5")
REVIEW_5 = (None, "行政复议 / 总计", "351", "5")
CARRIED_OUT_105 = ("四、结转下年度继续办理", "总计", "103", "105")


def test_the_message_quotes_the_sentence_and_names_the_word(engine: Engine, tmp_path: Path) -> None:
    assert prose_findings(engine, tmp_path, "全年受理政府信息公开申请3120件。") == [
        (*NEW_3120, "全年受理政府信息公开申请3120件。|新收|一、本年新收政府信息公开申请数量|表三 一、本年新收政府信息公开申请数量 总计"),
    ]
    # 表四's row has no label: no row in the finding, {row} left as written
    assert prose_findings(engine, tmp_path, "全年发生政府信息公开行政复议350件。") == [
        (None, "行政复议 / 总计", "351", "350", "全年发生政府信息公开行政复议350件。|行政复议|{row}|表四 行政复议 / 总计"),
    ]


def test_a_long_sentence_is_quoted_up_to_120_characters(engine: Engine, tmp_path: Path) -> None:
    head = "全年受理政府信息公开申请3120件，"
    for length, quote in ((120, None), (121, 117)):
        sentence = head + "政" * (length - len(head) - 1) + "。"
        assert len(sentence) == length
        ((*_, message),) = prose_findings(engine, tmp_path, sentence)
        assert message.split("|")[0] == (sentence if quote is None else sentence[:quote] + "…")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an approximate figure beside an exact one for the same quantity: nothing is compared
        ("上半年受理申请1500余件，全年受理申请3120件。", []),
        ("另有100余件结转下年度，共105件结转下年度办理。", []),
        # the word a first time without a figure, then with one, then again without
        ("受理、答复及时，全年受理申请3120件，受理渠道畅通。", [NEW_3120]),
        ("受理申请3120件，受理申请3件，受理工作规范。", []),  # two figures for one quantity
        ("不受理申请5件，受理申请3120件。", [NEW_3120]),  # a negated figure does not end the search
        ("受理行政复议5件，受理申请3120件。", [NEW_3120, REVIEW_5]),  # 5 is 行政复议's
        # "N件 word": approximate, after 其中, negated, or with another quantity's word between
        ("100余件结转下年度办理。", []),
        ("全年受理申请3119件，其中105件结转下年度。", []),
        ("12件不予受理，3120件受理。", [NEW_3120]),
        ("另有5件受理结转下年度，共105件结转下年度。", [NEW_5, CARRIED_OUT_105]),
    ],
)
def test_figures_after_the_words(engine: Engine, tmp_path: Path, sentence: str, expected: list[tuple[str, ...]]) -> None:
    assert [f[:4] for f in prose_findings(engine, tmp_path, sentence)] == expected


def _cell_edited(table: str, key: tuple[str, str], raw: str | None):  # type: ignore[no-untyped-def]
    """The bound report with one cell of ``table`` read as ``raw`` (None: the cell not found)."""
    from checker.values import parse_cell

    def edit(report):  # type: ignore[no-untyped-def]
        bound = report.tables[table]
        cells = dict(bound.cells)
        if raw is None:
            del cells[key]
        else:
            cells[key] = replace(cells[key], value=parse_cell(raw))
        return replace(report, tables={**report.tables, table: replace(bound, cells=cells)})

    return edit


@pytest.mark.parametrize("raw", [None, "3119.5", "-3119", "/"])
def test_a_cell_not_found_or_not_a_count_is_not_compared(engine: Engine, tmp_path: Path, raw: str | None) -> None:
    edit = _cell_edited("T3", ("new", "total"), raw)
    assert prose_findings(engine, tmp_path, "全年受理政府信息公开申请3120件。", edit=edit) == []


def test_a_table_not_found_is_not_compared(engine: Engine, tmp_path: Path) -> None:
    def without_t4(report):  # type: ignore[no-untyped-def]
        return replace(report, tables={k: v for k, v in report.tables.items() if k != "T4"})

    assert prose_findings(engine, tmp_path, "全年发生政府信息公开行政复议350件。", edit=without_t4) == []


# -- sentences as a PDF's text layer gives them: lines that cut sentences, tables between -----------

def _pdf_like(engine: Engine, tmp_path: Path, *lines: str):  # type: ignore[no-untyped-def]
    """The bound huaian report whose 一 is ``lines`` (one Paragraph each, page 1, lines 2…), with
    a table between the last two lines: as a PDF's text layer cuts its sentences."""
    from checker.binding import bind
    from checker.model import Document, Location, Paragraph, RawCell, RawTable
    from checker.report import SectionMatch

    report = bind(engine.extract(render_text(huaian_2021(), tmp_path / "report.txt")), engine.registry.load("gov-2021"))

    def at(line: int) -> Location:
        return Location("r.pdf", line=line, page=1)

    body = [Paragraph(text, at(2 + i)) for i, text in enumerate(lines)]
    table = RawTable(((RawCell("3120件。", at(90)),),), at(90))  # a table's text is no sentence
    blocks = [Paragraph("一、总体情况", at(1)), *body[:-1], table, body[-1], Paragraph("二、主动公开政府信息情况", at(50)), Paragraph("公开3120件。", at(51))]
    sections = [SectionMatch("S1", "一、总体情况", "一、总体情况", at(1), 0, True),
                SectionMatch("S2", "二、主动公开政府信息情况", "二、主动公开政府信息情况", at(50), len(blocks) - 2, True)]
    return replace(report, document=Document("r.pdf", "pdf", blocks), sections=sections)


def test_a_sentence_runs_over_lines_and_is_where_it_starts(engine: Engine, tmp_path: Path) -> None:
    from checker.rulekinds.prose import sentences

    report = _pdf_like(engine, tmp_path, "全年受理政府信息", "公开申请 3120 件。答复", "  ", "3050件；105件结转", "下年度")
    assert [(s.text, s.location.line) for s in sentences(report, "S1")] == [
        ("全年受理政府信息公开申请3120件。", 2), ("答复3050件；", 3), ("105件结转下年度", 5),  # the last without its 。
    ]
    assert sentences(report, "S4") == []  # a section not found has no sentences
    spec = next(r for r in report.pack.rules if r.id == "X3")
    assert [(f.location.line, f.row, f.expected, f.actual) for f in _x3(report, spec)] == [
        (2, "一、本年新收政府信息公开申请数量", "3119", "3120"), (5, "四、结转下年度继续办理", "103", "105"),
    ]


def test_a_full_stop_wrapped_onto_the_next_line_ends_the_sentence_before_it(engine: Engine, tmp_path: Path) -> None:
    """A PDF line may end before the 。 of its sentence: the 。 alone still ends that sentence, and the
    next one (with its figure) is where it starts."""
    from checker.rulekinds.prose import sentences

    report = _pdf_like(engine, tmp_path, "全年受理申请3119件", "。办结3000件。", "")
    assert [(s.text, s.location.line) for s in sentences(report, "S1")] == [("全年受理申请3119件。", 2), ("办结3000件。", 3)]
    spec = next(r for r in report.pack.rules if r.id == "X3")
    assert [(f.location.line, f.row, f.expected, f.actual) for f in _x3(report, spec)] == [(3, "（七）总计", "3050", "3000")]


def _x3(report, spec):  # type: ignore[no-untyped-def]
    from checker.rulekinds.prose import Prose

    return list(Prose().check(report, spec))


def test_without_its_own_list_a_rule_knows_the_usual_approximation_words(engine: Engine, tmp_path: Path) -> None:
    """Each of the default words makes its figure approximate: 约, 逾, 超过 and 近 before it, 余 and
    多 after it (then an exact figure beside it is not compared either)."""
    lines = ("全年受理申请约3120件。", "受理申请3000余件，受理申请3120件。", "受理申请逾3120件。",
             "受理申请3000多件，受理申请3120件。", "受理申请超过3120件。", "受理申请近3120件。")
    report = _pdf_like(engine, tmp_path, *lines)
    spec = next(r for r in report.pack.rules if r.id == "X3")
    assert _x3(report, spec) == []
    spec = replace(spec, params={k: v for k, v in spec.params.items() if k != "approximate"})
    assert _x3(report, spec) == []
    # with a list of its own the others are words before an exact figure, and "3000余件" no figure
    spec = replace(spec, params={**spec.params, "approximate": ["左右"]})
    assert [(f.location.line, f.actual) for f in _x3(report, spec)] == [(line, "3120") for line in range(2, 8)]


@pytest.mark.parametrize(
    ("sentences", "parts", "expected"),
    [
        # a sentence out of scope does not end the reading of the next ones
        (("全市受理申请5000件。全年受理政府信息公开申请3120件。",), True, [NEW_3120]),
        # figures before the first 其中 only (a later 其中 changes nothing)
        (("全年受理申请3120件，其中受理申请5件，其中自然人2件。",), True, [NEW_3120]),
        # a sentence that starts with 其中 has no figure before it
        (("其中受理申请3120件。",), True, []),
        # a rule without `parts`: 其中 is a word like any other
        (("其中受理申请3120件。",), False, [NEW_3120]),
    ],
)
def test_scope_and_parts_sentence_by_sentence(
    engine: Engine, tmp_path: Path, sentences: tuple[str, ...], parts: bool, expected: list[tuple[str, ...]]
) -> None:
    from checker.rulekinds.prose import Prose

    report = _pdf_like(engine, tmp_path, *sentences, "")
    spec = next(r for r in report.pack.rules if r.id == "X3")
    if not parts:
        spec = replace(spec, params={k: v for k, v in spec.params.items() if k != "parts"})
    assert [(f.row, f.column, f.expected, f.actual) for f in Prose().check(report, spec)] == expected
