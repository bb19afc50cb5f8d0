"""The text/Markdown extractor: encodings, bad input, paragraphs, page furniture, explicit tables."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from checker.extractors.base import Limits
from checker.extractors.text import TextExtractor, report_check_extractors
from checker.model import Document, Paragraph, RawTable
from checker.plugins import build_plugin_manager

EXTRACTOR = TextExtractor()


def extract(path: Path, limits: Limits | None = None) -> Document:
    return EXTRACTOR.extract(path, limits or Limits())


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ---- the real corpus file -------------------------------------------------------------------------


def test_corpus_file_reads_as_paragraphs_with_line_numbers(corpus: Path) -> None:
    doc = extract(corpus / "yuncheng-transport-2020.txt")
    assert doc.format == "text" and not doc.unreadable and doc.problems == []
    assert doc.tables == []  # its tables are spread over lines: the stream binder's job
    by_line = {p.location.line: p.text for p in doc.paragraphs}
    assert by_line[2] == "运城市交通运输局"
    assert by_line[4] == "2020 年政府信息公开工作年度报告"
    assert by_line[162] == "三、收到和处理政府信息公开申请情况"
    assert by_line[160] == "政府集中采购 22 1196.41 万元"
    assert by_line[219] == "2.其他法律行政法规"
    assert all(p.text and p.text == p.text.strip() for p in doc.paragraphs)
    assert all(p.location.path.endswith("yuncheng-transport-2020.txt") for p in doc.paragraphs)
    assert 1 not in by_line and 3 not in by_line  # blank lines are not paragraphs


# ---- page furniture and headings ------------------------------------------------------------------


def test_page_breaks_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    text = "一、总体情况\n正文第一行\n- 3 -\n\f二、主动公开政府信息情况\n— 4 —\n第 5 页\n3/6\n第2页 共6页\n"
    text += "0/0\n7\n规章 0 0 0\n"
    doc = extract(write(tmp_path, "r.txt", text))
    assert [(p.location.line, p.text) for p in doc.paragraphs] == [
        (1, "一、总体情况"),
        (2, "正文第一行"),
        (4, "二、主动公开政府信息情况"),  # the form feed starts the line; the line number stays
        (9, "0/0"),  # a 本年增/减 value, not page 0 of 0
        (10, "7"),  # a bare number is a cell value in one-cell-per-line text
        (11, "规章 0 0 0"),
    ]
    assert doc.page_count == 2


def test_page_count_with_a_form_feed_after_the_last_page(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "r.txt", "第一页\n共6页 第1页\n\f第二页\n\f"))
    assert doc.page_count == 2
    assert [p.text for p in doc.paragraphs] == ["第一页", "第二页"]


def test_markdown_headings_lose_their_hashes(tmp_path: Path) -> None:
    doc = extract(
        write(
            tmp_path, "r.md", "# 某局2021年政府信息公开工作年度报告\n\n## 一、总体情况 ##\n正文\n"
        )
    )
    assert doc.format == "markdown"
    assert [(p.text, p.heading_level, p.location.line) for p in doc.paragraphs] == [
        ("某局2021年政府信息公开工作年度报告", 1, 1),
        ("一、总体情况", 2, 3),
        ("正文", None, 4),
    ]


# ---- explicit tables ------------------------------------------------------------------------------


def test_markdown_pipe_table_becomes_raw_table(tmp_path: Path) -> None:
    text = (
        "## 二、主动公开政府信息情况\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "|---|:---:|---:|---|\n"
        "| 规章 | - | | 3 |\n"
        "| 行政规范性文件 | 5 | 1 | 42 |\n"
        "\n"
        "说明文字\n"
        "| 行政复议 | 行政诉讼 |\n"
        "| --- | --- |\n"
        "| 0 | 1 |\n"
        "| - | - |\n"  # not a delimiter row: "not applicable" cells
    )
    doc = extract(write(tmp_path, "r.md", text))
    first, second = doc.tables
    assert (first.index, second.index) == (0, 1)
    assert first.texts() == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "-", "", "3"],  # an empty cell stays an empty cell: blank is not 0
        ["行政规范性文件", "5", "1", "42"],
    ]
    cell = first.rows[2][3]
    assert (cell.location.line, cell.location.row, cell.location.col, cell.location.table) == (
        5,
        2,
        3,
        0,
    )
    assert first.location.line == 2
    assert second.texts() == [["行政复议", "行政诉讼"], ["0", "1"], ["-", "-"]]
    assert [type(b) for b in doc.blocks] == [Paragraph, RawTable, Paragraph, RawTable]


def test_markdown_emphasis_breaks_and_control_characters(tmp_path: Path) -> None:
    text = "**二、主动公开政府信息情况**\n| **信息内容** | 本年<br>制发件数 |\n|---|---|\n| 规章 | 0 |\n\x1a"
    doc = extract(write(tmp_path, "r.md", text))
    assert [p.text for p in doc.paragraphs] == ["二、主动公开政府信息情况"]
    assert doc.tables[0].texts() == [["信息内容", "本年\n制发件数"], ["规章", "0"]]


def test_rows_joined_with_pipes_or_tabs_become_raw_tables(tmp_path: Path) -> None:
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n"
        "规章 | 0 | 0 | 0\n"
        "第二十条第（五）项\n"  # a caption row spanning the table, between two rows
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n"
        "行政许可 | 3 | +2 | 5\n"
        "三、收到和处理政府信息公开申请情况\n"
        "自然人\t商业企业\t总计\n"
        "1\t2\t3\n"
    )
    doc = extract(write(tmp_path, "r.txt", text))
    pipes, tabs = doc.tables
    assert pipes.texts()[0] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert pipes.texts()[2] == ["第二十条第（五）项"]
    assert pipes.texts()[4] == ["行政许可", "3", "+2", "5"]
    assert pipes.rows[4][2].location.line == 7
    assert tabs.texts() == [["自然人", "商业企业", "总计"], ["1", "2", "3"]]
    # The caption before the first row is not inside the table.
    assert [p.text for p in doc.paragraphs] == [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_a_single_line_with_a_pipe_stays_a_paragraph(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "r.txt", "网址：a | b\n正文\n"))
    assert doc.tables == [] and [p.text for p in doc.paragraphs] == ["网址：a | b", "正文"]


# ---- encodings ------------------------------------------------------------------------------------

REPORT = "运城市交通运输局2020年政府信息公开工作年度报告\n一、总体情况\n规章 0 0 0\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gbk", "gb2312", "gb18030", "utf-16", "utf-16-be"]
)
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    data = REPORT.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    doc = extract(path)
    assert not doc.unreadable, doc.problems
    assert [p.text for p in doc.paragraphs] == REPORT.splitlines()


def test_gbk_file_written_by_python(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_text("二、主动公开政府信息情况\r\n行政事业性收费 1 0\r\n", encoding="gbk")
    doc = extract(path)
    assert [(p.location.line, p.text) for p in doc.paragraphs] == [
        (1, "二、主动公开政府信息情况"),
        (2, "行政事业性收费 1 0"),
    ]


def test_big5_goes_to_the_detector(tmp_path: Path) -> None:
    # Big5 bytes also decode as GB18030, into rare characters: that reading must be refused.
    text = "政府資訊公開工作年度報告 一、總體情況"
    doc = extract(write(tmp_path, "big5.txt", text, "big5"))
    assert [p.text for p in doc.paragraphs] == [text]


def test_utf16_without_bom(tmp_path: Path) -> None:
    doc = extract(write(tmp_path, "r.txt", "Report 2020\n一、总体情况\n", "utf-16-le"))
    assert [p.text for p in doc.paragraphs] == ["Report 2020", "一、总体情况"]


# ---- bad input never raises -----------------------------------------------------------------------


def assert_unreadable(doc: Document, rule: str) -> None:
    assert doc.unreadable
    assert [p.rule for p in doc.problems] == [rule]
    problem = doc.problems[0]
    assert problem.kind == "extract" and problem.severity.value == "error"
    assert problem.message.zh and problem.message.en and problem.message.zh != problem.message.en
    assert doc.blocks == []


@pytest.mark.parametrize("content", [b"", b"  \r\n\n\t \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_unreadable(extract(path), "EXTRACT-empty")


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # NUL bytes
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 50
        + "一、总体情况".encode(),  # control bytes
    ],
)
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert_unreadable(extract(path), "EXTRACT-binary")
    assert not EXTRACTOR.accepts(path, content[:512])


def test_a_few_damaged_utf8_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes((REPORT * 20).encode("utf-8") + "局".encode()[:2])  # cut mid-character
    doc = extract(path)
    assert not doc.unreadable
    assert [(p.rule, p.severity.value) for p in doc.problems] == [("EXTRACT-encoding", "warning")]
    assert doc.paragraphs[0].text == REPORT.splitlines()[0]
    assert doc.paragraphs[-1].text == "\ufffd"


@pytest.mark.parametrize("name", ["huaian-gov-2024.pdf", "template-2021.docx"])
def test_real_pdf_or_docx_named_txt_is_binary(corpus: Path, tmp_path: Path, name: str) -> None:
    data = (corpus / name).read_bytes()
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    assert_unreadable(extract(path), "EXTRACT-binary")
    assert not EXTRACTOR.accepts(path, data[:8192])


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert_unreadable(extract(path), "EXTRACT-encoding")


def test_too_large_file(tmp_path: Path) -> None:
    path = write(tmp_path, "r.txt", REPORT)
    assert_unreadable(extract(path, Limits(max_bytes=10)), "EXTRACT-limit")


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    doc = extract(tmp_path / "nope.txt")
    assert doc.unreadable and doc.problems[0].rule == "EXTRACT-io"


# ---- accepts and registration ---------------------------------------------------------------------


def test_accepts_text_heads_and_refuses_binary(tmp_path: Path) -> None:
    utf8 = REPORT.encode("utf-8")
    cut = utf8[: utf8.index("局".encode()) + 1]  # a head ending inside a character
    assert EXTRACTOR.accepts(tmp_path / "x.dat", utf8)
    assert EXTRACTOR.accepts(tmp_path / "x.dat", cut)
    assert EXTRACTOR.accepts(tmp_path / "x.dat", REPORT.encode("gbk")[:7])
    assert not EXTRACTOR.accepts(tmp_path / "x.dat", b"%PDF-1.7\n\x00\x01\x02binary")
    assert not EXTRACTOR.accepts(tmp_path / "x.dat", b"PK\x03\x04\x14\x00\x06\x00")


def test_registered_through_the_hook() -> None:
    assert [e.name for e in report_check_extractors()] == ["text"]
    pm = build_plugin_manager(["checker.extractors.text"], entry_points=False)
    extractors = [e for group in pm.hook.report_check_extractors() for e in group]
    assert [type(e) for e in extractors] == [TextExtractor]
    assert TextExtractor.suffixes == (".txt", ".text", ".md", ".markdown")
    assert TextExtractor.priority == 0
