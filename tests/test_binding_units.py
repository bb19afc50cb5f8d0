"""The binding's small parts, each at its boundaries: dates, title, 统计期限, closing block, and
the token stream the text binder reads."""

from __future__ import annotations

from datetime import date

import pytest

from checker.binding.meta import (
    CLOSING_LINE_MAX,
    find_closing,
    find_period_year,
    find_title,
    parse_date,
)
from checker.binding.tokens import TextIndex, Token, canonical, is_value, tokenize
from checker.model import Block, Location, Paragraph, RawTable
from tests.conftest import default_engine


def paragraphs(*lines: str) -> list[Block]:
    return [Paragraph(text, Location("r.txt", line=i + 1)) for i, text in enumerate(lines)]


# ---- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2021 年 1 月 26 日", date(2021, 1, 26)),
        ("落款：2021年12月31日印发", date(2021, 12, 31)),
        ("二〇二一年二月一日", date(2021, 2, 1)),
        ("二〇二一年十二月二十六日", date(2021, 12, 26)),
        ("二○二一年一月十日", date(2021, 1, 10)),
        ("2021年2月30日", None),  # no such day
        ("1899年1月1日", None),
        ("2021年1月", None),
        ("二〇二一年二月卅日", None),
        ("二〇二一年二月十十日", None),  # numerals that make no number
        ("二〇二一年十十月一日", None),
    ],
)
def test_parse_date(text: str, value: date | None) -> None:
    assert parse_date(text) == value


# ---- title --------------------------------------------------------------------------------------

PATTERN = default_engine().registry.load("gov-2021").title_pattern


@pytest.mark.parametrize(
    ("lines", "agency", "year", "line"),
    [
        (["淮安市人民政府", "2024年政府信息公开工作年度报告", "一、总体情况"], "淮安市人民政府", 2024, 1),
        (["2023年度XX局政府信息公开工作年度报告", "一、总体情况"], "XX局", 2023, 1),
        (["XX局关于2023年政府信息公开工作年度报告", "一、总体情况"], "XX局", 2023, 1),
        (["XX局的2023年政府信息公开年度报告", "一、总体情况"], "XX局", 2023, 1),
        (["二〇二三年政府信息公开工作年度报告", "一、总体情况"], None, 2023, 1),
    ],
)
def test_find_title(lines: list[str], agency: str | None, year: int, line: int) -> None:
    title = find_title(paragraphs(*lines), len(lines) - 1, PATTERN)
    assert title is not None and (title.agency, title.year, title.location.line) == (agency, year, line)


def test_no_title_without_a_pattern_or_a_match() -> None:
    assert find_title(paragraphs("XX局2023年政府信息公开工作年度报告"), None, None) is None
    assert find_title(paragraphs("XX局2023年工作总结", "一、总体情况"), 1, PATTERN) is None
    # the title must come before the first section
    assert find_title(paragraphs("一、总体情况", "XX局2023年政府信息公开工作年度报告"), 0, PATTERN) is None


def test_a_title_split_over_lines_within_the_window() -> None:
    split = paragraphs("XX市", "交通运输局", "2023年", "政府信息公开", "工作年度报告", "一、总体情况")
    title = find_title(split, 5, PATTERN)
    assert title is not None and (title.agency, title.year, title.text) == ("XX市交通运输局", 2023, "XX市交通运输局2023年政府信息公开工作年度报告")
    too_far = paragraphs("XX市", "交", "通", "运", "输", "局2023年", "政府信息公开工作年度报告", "一、总体情况")
    title = find_title(too_far, 7, PATTERN)
    assert title is not None and title.location.line == 2  # the window of 6 lines starts later


def test_a_long_preamble_is_not_a_title() -> None:
    long = "本报告根据《中华人民共和国政府信息公开条例》要求编制，内容包括总体情况、主动公开情况、依申请公开情况、复议诉讼情况、存在的问题和改进措施以及其他需要报告的事项，特此报告。"
    assert len(long) > 80
    lines = paragraphs(long, "2023年政府信息公开工作年度报告", "一、总体情况")
    title = find_title(lines, 2, PATTERN)
    assert title is not None and title.location.line == 2


def test_the_title_is_looked_for_in_the_first_twenty_blocks_without_sections() -> None:
    lines = paragraphs(*(["前言"] * 20), "XX局2023年政府信息公开工作年度报告")
    assert find_title(lines, None, PATTERN) is None
    assert find_title(lines[1:], None, PATTERN) is not None


# ---- 统计期限 ------------------------------------------------------------------------------------


def test_find_period_year() -> None:
    lines = paragraphs("无关", "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。")
    assert find_period_year(lines) == (2020, "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。", Location("r.txt", line=2))
    assert find_period_year(paragraphs("统计期限为全年。", "数据自2020年1月1日起")) is None
    assert find_period_year(paragraphs("统计期限：2021 年 1 月 1 日至12月31日")) is not None


# ---- closing block --------------------------------------------------------------------------------


def test_closing_agency_above_the_date() -> None:
    blocks = paragraphs("六、其他需要报告的事项", "无。", "运城市交通运输局", "2021 年 1 月 26 日")
    closing = find_closing(blocks, 0, 8)
    assert closing is not None
    assert (closing.agency, closing.agency_location, closing.date_text, closing.date, closing.date_location) == (
        "运城市交通运输局", Location("r.txt", line=3), "2021 年 1 月 26 日", date(2021, 1, 26), Location("r.txt", line=4)
    )


def test_closing_agency_and_date_on_one_line_and_the_seal() -> None:
    closing = find_closing(paragraphs("六、其他", "XX局（印章） 2021年1月26日"), 0, 8)
    assert closing is not None and (closing.agency, closing.agency_location) == ("XX局", Location("r.txt", line=2))
    sealed = find_closing(paragraphs("六、其他", "（印章）", "2021年1月26日"), 0, 8)
    assert sealed is not None and sealed.agency is None


def test_no_agency_from_a_sentence_or_a_single_character() -> None:
    for above in ("以上为本年度报告。", "注：", "局"):
        closing = find_closing(paragraphs("六、其他", above, "2021年1月26日"), 0, 8)
        assert closing is not None and (closing.agency, closing.agency_location) == (None, None), above
    first = find_closing(paragraphs("六、其他", "2021年1月26日"), 0, 8)
    assert first is not None and first.agency is None


def test_closing_looks_only_after_the_last_section_and_before_attachments() -> None:
    assert find_closing(paragraphs("XX局", "2021年1月26日"), None, 8) is None
    assert find_closing(paragraphs("XX局", "2021年1月26日", "六、其他"), 2, 8) is None
    with_attachment = paragraphs("六、其他", "XX局", "2021年1月26日", "附件：统计表", "YY局", "2021年3月1日")
    closing = find_closing(with_attachment, 0, 8)
    assert closing is not None and (closing.agency, closing.date) == ("XX局", date(2021, 1, 26))


def test_closing_is_within_the_last_lines_and_short() -> None:
    far = paragraphs("六、其他", "XX局", "2021年1月26日", *(["正文。"] * 3))
    assert find_closing(far, 0, 3) is None
    assert find_closing(far, 0, 5) is not None
    long_line = "本单位于2021年1月26日召开会议，研究部署了政府信息公开工作的各项任务和要求。"
    assert len(long_line) > CLOSING_LINE_MAX
    assert find_closing(paragraphs("六、其他", long_line), 0, 8) is None
    closing = find_closing(paragraphs("六、其他", "XX局", "2021年1月26日", "其他说明"), 0, 8)
    assert closing is not None and closing.date_location == Location("r.txt", line=3)


def test_closing_line_and_agency_length_boundaries() -> None:
    date_line = "2021年1月26日" + "。" * (CLOSING_LINE_MAX - len("2021年1月26日"))  # exactly the longest
    closing = find_closing(paragraphs("六、其他", "XX局", date_line), 0, 8)
    assert closing is not None and closing.date == date(2021, 1, 26)
    two = find_closing(paragraphs("六、其他", "X局", "2021年1月26日"), 0, 8)
    assert two is not None and two.agency == "X局"  # two characters are an agency
    longest = "X" * (CLOSING_LINE_MAX - 1) + "局"
    closing = find_closing(paragraphs("六、其他", longest, "2021年1月26日"), 0, 8)
    assert closing is not None and closing.agency == longest
    for above in ("情况如下：", "如下;"):
        closing = find_closing(paragraphs("六、其他", above, "2021年1月26日"), 0, 8)
        assert closing is not None and closing.agency is None, above


def test_closing_ignores_tables() -> None:
    table = RawTable([], Location("r.txt", line=2))
    closing = find_closing([*paragraphs("六、其他"), table, Paragraph("2021年1月26日", Location("r.txt", line=3))], 0, 8)
    assert closing is not None and closing.agency is None


# ---- tokens -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("0", True), ("1,196", True), ("+2", True), ("减4", True), ("/", True), ("—", True), ("无", True),
        ("未增未减", True), ("1196.41万元", True), ("251000元", True), ("／", True), ("Ｎ／Ａ", True),
        ("行政强制", False), ("1.属于国家秘密", False), ("2021年", False), ("-1", True), ("1.5", True), ("若干", False),
    ],
)
def test_is_value(word: str, value: bool) -> None:
    assert is_value(word) is value


def test_canonical_folds_numbering_anywhere() -> None:
    assert canonical("（四）无法提供 1、本机关不掌握") == canonical("（四）无法提供1.本机关不掌握")
    assert canonical("2,3") == "2.3" and canonical("1.5、") == "1.5、"


def test_tokenize_values_units_notes_and_cells() -> None:
    tokens = tokenize(paragraphs("规范性文件 1 1196.41 万元 8 （其中修订16件）", "| 行政强制 | | 3 |"))
    assert [(t.text, t.line, t.value, t.blank) for t in tokens] == [
        ("规范性文件", 1, False, False), ("1", 1, True, False), ("1196.41 万元", 1, True, False),
        ("8 （其中修订16件）", 1, True, False),
        ("行政强制", 2, False, False), ("", 2, True, True), ("3", 2, True, False),
    ]
    assert tokens[0].key == canonical("规范性文件") and tokens[1].key == ""
    note_after_blank = tokenize(paragraphs("a\t\t（注）"))
    assert [(t.text, t.value, t.blank) for t in note_after_blank] == [("a", False, False), ("", True, True), ("（注）", False, False)]
    assert [t.text for t in tokenize(paragraphs("规章 万元"))] == ["规章", "万元"]


def test_text_index_find() -> None:
    tokens = [Token("ab", 1, False, key="ab"), Token("1", 1, True), Token("cd", 2, False, key="cd"), Token("ef", 3, False, key="ef")]
    index = TextIndex(tokens, [0, 2, 3])
    assert index.text == "abcdef" and index.owner == [0, 0, 2, 2, 3, 3]
    assert index.find("bc") == (0, 2)
    assert index.find("cde") == (2, 3)
    assert index.find("ab", start=2) is None
    assert index.find("ef", start=2, end=3) is None
    assert index.find("cd", start=2, end=3) == (2, 2)
    assert index.find("") is None and index.find("zz") is None
    assert index.find_scattered("ace", 0, 4, gap=1) is True
    assert index.find_scattered("ae", 0, 4, gap=2) is False
    assert index.find_scattered("ae", 0, 4, gap=3) is True
    assert index.find_scattered("ce", 2, 3, gap=3) is False
    assert index.find_scattered("", 0, 4, gap=3) is False


# ---- section headings -----------------------------------------------------------------------------


def sections(*lines: str) -> tuple[list[tuple[str, bool, int]], list[tuple[str, int]]]:
    from checker.binding.sections import find_sections

    pack = default_engine().registry.load("gov-2021")
    matches, extras = find_sections(paragraphs(*lines), pack)
    return [(m.id, m.exact, m.block) for m in matches], [(e.text, e.block) for e in extras]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("一、总体情况", ([("S1", True, 0)], [])),
        ("一.总体情况", ([("S1", True, 0)], [])),
        ("总体情况", ([("S1", False, 0)], [])),  # the numbering left out
        ("一总体情况", ([("S1", False, 0)], [])),  # the 、 left out
        ("三、主动公开政府信息情况", ([("S2", False, 0)], [])),  # another number, the same words
        ("二、总体情况", ([("S1", False, 0)], [])),
        ("一、本年新收政府信息公开申请数量", ([], [])),  # a 表三 row label, not a heading
        ("一、总体情况。", ([], [])),  # a sentence
        ("一、", ([], [])),
        ("十一、其他事项", ([], [("十一、其他事项", 0)])),
        ("二、主动公开", ([("S2", False, 0)], [])),
        ("二、公开", ([("S2", False, 0)], [])),
        ("五、公开", ([], [("五、公开", 0)])),  # contained only in others' headings: too little
        # A 表三 row laid out with spaces under the first characters of its vertical group label
        # ("三、本年度办理结果"): a table row, not an extra heading.
        ("三、本 （一）予以公开                 1288 21       0     0        50    3    1362", ([], [])),
        ("十一、其他事项 2 3", ([], [("十一、其他事项 2 3", 0)])),  # two numbers: still a heading
        ("十一、其他事项 2 3 4", ([], [])),  # three: a table row
        ("十一、2023年 1 2 事项", ([], [("十一、2023年 1 2 事项", 0)])),  # "2023年" is no value
    ],
)
def test_find_sections_one_line(line: str, found: tuple[list[tuple[str, bool, int]], list[tuple[str, int]]]) -> None:
    assert sections(line) == found


def test_a_table_of_contents_is_not_where_the_sections_are() -> None:
    lines = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "正文", "一、总体情况", "x", "y", "二、主动公开政府信息情况"]
    assert sections(*lines)[0] == [("S3", True, 2), ("S1", True, 4), ("S2", True, 7)]
    # two headings on neighbouring lines are no contents list
    assert sections("一、总体情况", "二、主动公开政府信息情况", "正文", "正文", "一、总体情况")[0] == [
        ("S1", True, 0), ("S2", True, 1), ("S1", True, 4)]
    # a blank line between entries still makes a list; three lines apart does not
    spaced = sections("一、总体情况", "", "二、主动公开政府信息情况", "", "三、收到和处理政府信息公开申请情况", "一、总体情况")
    assert spaced[0] == [("S2", True, 2), ("S3", True, 4), ("S1", True, 5)]
    apart = sections("一、总体情况", "a", "b", "二、主动公开政府信息情况", "c", "d", "三、收到和处理政府信息公开申请情况", "一、总体情况")
    assert [m[2] for m in apart[0]] == [0, 3, 6, 7]


def test_a_near_miss_of_a_section_found_exactly_is_an_extra_heading() -> None:
    matches, extras = sections("一、总体情况", "正文", "（一）总体情况", "一 总体情况")
    assert matches == [("S1", True, 0)]
    assert extras == [("一 总体情况", 3)]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("七、" + "说" * 38, ([], [("七、" + "说" * 38, 0)])),  # 40 characters: still a heading (an extra)
        ("七、" + "说" * 39, ([], [])),  # 41: prose
        # a line of at most 40 characters is judged on its own: ending in 。 it is a sentence,
        # even when it starts with the heading; only a longer line is a heading run into its text
        ("一、总体情况" + "说" * 33 + "。", ([], [])),
        ("一、总体情况" + "说" * 34 + "。", ([("S1", True, 0)], [])),
        ("一、总体情况；", ([], [])),  # a clause, not a title
        ("一、总", ([], [])),  # one character after the numbering is no title
        ("一、总体", ([("S1", False, 0)], [])),
        # similarity exactly at the thresholds: 0.5 under the same number, 0.8 under another
        ("一、总体情甲乙丙丁戊", ([("S1", False, 0)], [])),
        ("一、总体甲乙丙丁戊己", ([], [("一、总体甲乙丙丁戊己", 0)])),
        ("七、主动公开政府信息甲乙", ([("S2", False, 0)], [])),
        ("七、主动公开政府信甲乙丙", ([], [("七、主动公开政府信甲乙丙", 0)])),
    ],
)
def test_heading_length_ending_and_similarity_boundaries(line: str, found: tuple[list[tuple[str, bool, int]], list[tuple[str, int]]]) -> None:
    assert sections(line) == found


def test_a_short_contents_list_followed_directly_by_the_body_heading() -> None:
    # two entries and the body's first heading on consecutive lines: one run of three, the entry
    # that comes again is the list's
    assert sections("一、总体情况", "二、主动公开政府信息情况", "一、总体情况")[0] == [("S2", True, 1), ("S1", True, 2)]


def test_a_section_match_records_the_heading_as_printed_and_where() -> None:
    from checker.binding.sections import find_sections

    pack = default_engine().registry.load("gov-2021")
    run_in = "一、总体情况2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。"
    blocks = [RawTable((), Location("r.txt", line=1)), *paragraphs("正文", run_in, "二 主动公开政府信息情况")]
    matches, extras = find_sections(blocks, pack)
    assert [(m.id, m.label, m.found, m.location, m.block, m.exact) for m in matches] == [
        ("S1", "一、总体情况", run_in, Location("r.txt", line=2), 2, True),
        ("S2", "二、主动公开政府信息情况", "二 主动公开政府信息情况", Location("r.txt", line=3), 3, False),
    ]
    assert extras == []


def test_scattered_characters_are_sought_only_from_the_start_token() -> None:
    tokens = [Token("ab", 1, False, key="ab"), Token("cd", 2, False, key="cd"), Token("ef", 3, False, key="ef")]
    index = TextIndex(tokens, [0, 1, 2])
    assert index.find_scattered("ab", 0, 3, gap=1) is True
    assert index.find_scattered("ab", 1, 3, gap=1) is False
    assert index.find_scattered("ce", 1, 3, gap=1) is True


def test_the_title_window_stops_after_eighty_characters() -> None:
    # lines are joined while the text so far is at most 80 characters: up to 80 the title
    # starts at the first line, beyond that the search starts again at the next line
    for length, line in ((80, 1), (81, 2)):
        lines = paragraphs("说" * length, "XX局2023年政府信息公开工作年度报告", "一、总体情况")
        title = find_title(lines, 2, PATTERN)
        assert title is not None and (title.location.line, title.year) == (line, 2023), length


def test_a_repeated_heading_line_in_a_run_of_three_is_taken_once() -> None:
    # the same heading on two consecutive lines (a running header above the heading): the
    # first is a list entry, the one that follows is the section
    assert sections("一、总体情况", "一、总体情况", "二、主动公开政府信息情况")[0] == [("S1", True, 1), ("S2", True, 2)]


def test_demoted_near_misses_and_extras_in_document_order_with_their_location() -> None:
    from checker.binding.sections import find_sections

    pack = default_engine().registry.load("gov-2021")
    matches, extras = find_sections(paragraphs("一、总体情况", "正文", "一 总体情况", "七、附加说明"), pack)
    assert [(m.id, m.block) for m in matches] == [("S1", 0)]
    assert [(e.text, e.block, e.paragraph.text, e.paragraph.location) for e in extras] == [
        ("一 总体情况", 2, "一 总体情况", Location("r.txt", line=3)),
        ("七、附加说明", 3, "七、附加说明", Location("r.txt", line=4)),
    ]


def test_a_number_and_its_unit_printed_apart_after_a_word_are_one_value() -> None:
    tokens = tokenize(paragraphs("规范性文件 1196.41 万元"))
    assert [(t.text, t.value) for t in tokens] == [("规范性文件", False), ("1196.41 万元", True)]


def test_text_index_find_gives_the_first_occurrence() -> None:
    tokens = [Token("ab", 1, False, key="ab"), Token("cd", 2, False, key="cd"), Token("ab", 3, False, key="ab")]
    index = TextIndex(tokens, [0, 1, 2])
    assert index.find("ab") == (0, 0) and index.find("ab", start=1) == (2, 2)
