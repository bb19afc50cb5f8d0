"""The PDF extractor: the real WPS report read cell by cell, synthetic reports, and bad PDFs.

The figures of huaian-gov-2024.pdf below were read off the page with ``pdftotext -layout`` (a
different PDF library from the extractor's): they are what the report prints.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from checker.extractors.base import Limits
from checker.extractors.pdf import PdfExtractor, report_check_extractors
from checker.extractors.pdf.grid import Cell, Piece, continues, to_raw_table
from checker.extractors.pdf.layout import is_page_number, join_wrapped
from checker.model import Document, Paragraph, RawTable
from tests.fixtures import pdfgen

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "huaian-gov-2024.pdf"
FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


SECTIONS = {
    "一、总体情况": 1,
    "二、主动公开政府信息情况": 3,
    "三、收到和处理政府信息公开申请情况": 4,
    "四、政府信息公开行政复议、行政诉讼情况": 5,
    "五、存在的主要问题及改进情况": 5,
    "六、其他需要报告的事项": 6,
}

T2 = [  # 表二 as printed: pages 3 and 4, joined; merged cells repeat their text
    ["第二十条第（一）项"] * 4,
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "1", "0", "11"],
    ["行政规范性文件", "8", "26", "66"],
    ["第二十条第（五）项"] * 4,
    ["信息内容"] + ["本年处理决定数量"] * 3,
    ["行政许可"] + ["447228"] * 3,
    ["第二十条第（六）项"] * 4,
    ["信息内容"] + ["本年处理决定数量"] * 3,
    ["行政处罚"] + ["3985758"] * 3,
    ["行政强制"] + ["88283"] * 3,
    ["第二十条第（八）项"] * 4,
    ["信息内容"] + ["本年收费金额（单位：万元）"] * 3,
    ["行政事业性收费"] + ["96171.6"] * 3,
]

T3 = [  # 表三's 25 rows: (row label as printed, 自然人 … 总计)
    ("一、本年新收政府信息公开申请数量", "3001 53 0 0 61 4 3119"),
    ("二、上年结转政府信息公开申请数量", "34 0 0 0 0 0 34"),
    ("（一）予以公开", "1288 21 0 0 50 3 1362"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447 7 0 0 0 0 454"),
    ("1.属于国家秘密", "2 0 0 0 0 0 2"),
    ("2.其他法律行政法规禁止公开", "30 1 0 0 0 0 31"),
    ("3.危及“三安全一稳定”", "5 0 0 0 0 0 5"),
    ("4.保护第三方合法权益", "6 0 0 0 0 0 6"),
    ("5.属于三类内部事务信息", "7 1 0 0 0 0 8"),
    ("6.属于四类过程性信息", "12 0 0 0 0 0 12"),
    ("7.属于行政执法案卷", "9 0 0 0 0 0 9"),
    ("8.属于行政查询事项", "105 0 0 0 0 0 105"),
    ("1.本机关不掌握相关政府信息", "746 12 0 0 10 1 769"),
    ("2.没有现成信息需要另行制作", "11 0 0 0 0 0 11"),
    ("3.补正后申请内容仍不明确", "1 0 0 0 0 0 1"),
    ("1.信访举报投诉类申请", "56 6 0 0 0 0 62"),
    ("2.重复申请", "25 0 0 0 0 0 25"),
    ("3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("5.要求行政机关确认或重新出具已获取信息", "1 0 0 0 0 0 1"),
    ("1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "67 3 0 0 1 0 71"),
    ("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "6 0 0 0 0 0 6"),
    ("3、其他", "108 2 0 0 0 0 110"),
    ("（七）总计", "2932 53 0 0 61 4 3050"),
    ("四、结转下年度继续办理", "103 0 0 0 0 0 103"),
]
T3_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3 + ["申请人情况"] * 7,
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3
    + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3
    + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
]
T4_VALUES = ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]
T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def extract(path: Path, limits: Limits | None = None, engine: str = "pdfium") -> Document:
    return PdfExtractor(engine).extract(path, limits or Limits())


@pytest.fixture(scope="module")
def huaian() -> Document:
    return extract(CORPUS)


# ---- the real report ----------------------------------------------------------------------------


def test_huaian_reads_cleanly(huaian: Document) -> None:
    assert not huaian.unreadable and huaian.problems == []
    assert huaian.format == "pdf" and huaian.page_count == 6
    assert [type(b).__name__ for b in huaian.blocks].count("RawTable") == 3


def test_huaian_six_sections_are_paragraphs_with_page_and_box(huaian: Document) -> None:
    found = {p.text: p for p in huaian.paragraphs if p.text in SECTIONS}
    assert set(found) == set(SECTIONS)
    for text, page in SECTIONS.items():
        location = found[text].location
        assert location.page == page and location.path == str(CORPUS) and location.bbox is not None
        x0, top, x1, bottom = location.bbox
        assert 60 < x0 < x1 < 540 and 60 < top < bottom < 790


def test_huaian_blocks_in_reading_order(huaian: Document) -> None:
    order = [b.location.sort_key()[::2] for b in huaian.blocks]  # (page, top)
    assert order == sorted(order)
    kinds = [("T" if isinstance(b, RawTable) else b.text) for b in huaian.blocks
             if isinstance(b, RawTable) or b.text in SECTIONS]
    assert kinds == [*list(SECTIONS)[:2], "T", list(SECTIONS)[2], "T", list(SECTIONS)[3], "T",
                     *list(SECTIONS)[4:]]


def test_huaian_page_numbers_and_prose_lines(huaian: Document) -> None:
    texts = [p.text for p in huaian.paragraphs]
    assert not [t for t in texts if re.fullmatch(r"[-\s\d]+", t)]  # "-1-" … "-6-" dropped
    assert "办法》，全年收取政府信息公开信息处理费3940元。" in texts
    assert texts[0] == "淮安市人民政府" and texts[1] == "2024年政府信息公开工作年度报告"


def test_huaian_table2_joined_across_pages_3_and_4(huaian: Document) -> None:
    t2 = huaian.tables[0]
    assert t2.texts() == T2
    assert {c.location.page for c in t2.rows[0]} == {3}
    assert {c.location.page for c in t2.rows[-1]} == {4}
    # the 4-column piece of page 3 and the 2-column piece of page 4 share their x-edges
    assert t2.rows[9][1].origin == (9, 1) and t2.rows[9][3].is_merged_copy


def test_huaian_table3_is_one_table_across_pages_4_and_5(huaian: Document) -> None:
    t3 = huaian.tables[1]
    assert len(t3.rows) == 28 and all(len(row) == 10 for row in t3.rows)
    assert t3.texts()[:3] == T3_HEADER
    for i, (label, values) in enumerate(T3, start=3):
        row = t3.rows[i]
        assert [c.text for c in row[3:]] == values.split(), label
        labels = [c.text for c in row[:3] if not c.is_merged_copy or c.location.col == 2]
        assert label in [c.text for c in row[:3]], (label, labels)
    pages = [row[3].location.page for row in t3.rows[3:]]
    assert pages == [4] * 13 + [5] * 12  # split after （四）1 as printed


def test_huaian_table3_merged_labels_span_the_page_break(huaian: Document) -> None:
    t3 = huaian.tables[1]
    vertical = [t3.rows[r][0] for r in range(5, 27)]
    assert {c.text for c in vertical} == {"三、本年度办理结果"}
    assert {c.origin for c in vertical} == {(5, 0)}
    assert {c.location.page for c in vertical} == {4, 5}
    unable = [t3.rows[r][1] for r in (15, 16, 17)]  # "（四）无" on page 4 + "法提供" on page 5
    assert [c.text for c in unable] == ["（四）无法提供"] * 3
    assert [c.origin for c in unable] == [(15, 1)] * 3
    assert [c.location.page for c in unable] == [4, 5, 5]
    groups = {t3.rows[r][1].text for r in range(7, 15)}
    assert groups == {"（三）不予公开"}


def test_huaian_table4_fifteen_cells(huaian: Document) -> None:
    t4 = huaian.tables[2]
    assert [c.text for c in t4.rows[-1]] == T4_VALUES
    assert t4.texts()[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert t4.texts()[1][5:] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert t4.texts()[2][:5] == T4_RESULTS  # 2 rows deep: merged copies
    assert [norm_space(t) for t in t4.texts()[2][5:]] == T4_RESULTS * 2  # "结 果维持" as printed


def norm_space(text: str) -> str:
    return text.replace(" ", "")


def test_huaian_every_cell_has_page_box_and_grid_position(huaian: Document) -> None:
    for table in huaian.tables:
        assert table.location.page is not None and table.location.bbox is not None
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                loc = cell.location
                assert (loc.row, loc.col, loc.table) == (r, c, table.index)
                assert loc.page in (3, 4, 5) and not cell.uncertain and loc.bbox is not None
                x0, top, x1, bottom = loc.bbox
                assert 60 < x0 < x1 < 530 and 70 < top < bottom < 800
    t3 = huaian.tables[1]
    total = t3.rows[26][9]  # （七）总计 × 总计: 3050, on page 5, right-hand column
    assert total.text == "3050" and total.location.page == 5 and total.location.bbox is not None
    x0, _, x1, _ = total.location.bbox
    assert x0 == pytest.approx(486.4, abs=1) and x1 == pytest.approx(521.4, abs=1.5)


def test_pdfium_grid_matches_pdfplumber_lattice(huaian: Document) -> None:
    reference = extract(CORPUS, engine="pdfplumber")
    assert [t.texts() for t in reference.tables] == [t.texts() for t in huaian.tables]
    for mine, theirs in zip(huaian.tables, reference.tables):
        for row_a, row_b in zip(mine.rows, theirs.rows):
            for a, b in zip(row_a, row_b):
                assert a.origin == b.origin
                # pdfplumber takes a ruling's outer side, rulings.py its centre line: within
                # a stroke width (the WPS lines here are 0.9-1.3 pt wide)
                assert a.location.bbox == pytest.approx(b.location.bbox, abs=1.5)


# ---- synthetic reports (tests/fixtures/make_pdfs.py) --------------------------------------------


def _value_rows(table: RawTable, width: int) -> list[list[str]]:
    out = []
    for row in table.rows:
        texts = [c.text for c in row]
        if len(texts) >= width and all(re.fullmatch(r"\d+(\.\d+)?", t) for t in texts[-width:]):
            out.append(texts[-width:])
    return out


def test_cid_font_report_ruled() -> None:
    doc = extract(FIXTURES / "report-ruled.pdf")
    assert not doc.unreadable and doc.problems == [] and doc.page_count == 3
    texts = [p.text for p in doc.paragraphs]
    assert pdfgen.HEADER not in texts and not [t for t in texts if re.fullmatch(r"-\s*\d+\s*-", t)]
    assert [t for t in texts if t in pdfgen.SECTIONS] == list(pdfgen.SECTIONS)
    t2, t3, t4 = doc.tables
    assert _value_rows(t3, 7) == [[str(v) for v in row] for row in pdfgen.T3_VALUES]
    assert {c.location.page for row in t3.rows for c in row} == {2, 3}
    assert {c.text for c in (row[0] for row in t3.rows[5:27])} == {"三、本年度办理结果"}
    assert [c.text for c in t3.rows[6][1:3]] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] * 2
    assert [c.text for c in t4.rows[-1]] == list(pdfgen.T4_VALUES)
    assert t2.rows[3][0].text == "行政规范性文件" and [c.text for c in t2.rows[3][1:]] == ["5", "2", "41"]
    assert not any(c.uncertain for t in doc.tables for row in t.rows for c in row)


def test_text_fallback_without_ruling_lines() -> None:
    doc = extract(FIXTURES / "report-borderless.pdf")
    assert not doc.unreadable and doc.problems == []
    t3 = next(t for t in doc.tables if any(c.text == "（七）总计" for row in t.rows for c in row))
    assert all(c.uncertain for row in t3.rows for c in row)  # every position was guessed
    assert _value_rows(t3, 7) == [[str(v) for v in row] for row in pdfgen.T3_VALUES]
    assert {c.location.page for row in t3.rows for c in row} == {2, 3}  # one table, two pages
    vertical = [c for row in t3.rows for c in row if c.text == "三、本年度办理结果"]
    assert len({c.location.row for c in vertical}) > 1 and len({c.origin for c in vertical}) == 1
    labels = {c.text for row in t3.rows for c in row}
    assert {"1.属于国家秘密", "3.危及“三安全一稳定”", "四、结转下年度继续办理"} <= labels
    # a label's second line printed below its row's values, group labels wrapped over two lines
    assert {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "（四）无法提供",
            "（五）不予处理", "（六）其他处理"} <= labels
    t2 = doc.tables[0]
    assert ["规章", "0", "0", "3"] == [c.text for c in t2.rows[2]]
    assert any(c.text == "12.5" for c in t2.rows[-1])


def test_rotated_page_reads_as_displayed() -> None:
    """/Rotate 90: lines read left to right and boxes are those of the page as shown (842 wide)."""
    doc = extract(FIXTURES / "rotated.pdf")
    assert [p.text for p in doc.paragraphs] == ["四、政府信息公开行政复议、行政诉讼情况", "本年度行政复议和行政诉讼情况如下表。"]
    (table,) = doc.tables
    assert table.texts() == [["行政复议", "结果维持", "结果纠正", "总计"], ["件数", "3", "1", "4"],
                             ["备注", "无", "无", "无"]]
    total = table.rows[1][3].location.bbox
    assert total == pytest.approx((522, 154, 672, 178), abs=1.5)
    reference = extract(FIXTURES / "rotated.pdf", engine="pdfplumber").tables[0]
    assert reference.rows[1][3].location.bbox == pytest.approx(total, abs=1.5)


# ---- bad PDFs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("encrypted.pdf", "EXTRACT-pdf-encrypted"),
        ("scan.pdf", "EXTRACT-pdf-no-text"),
        ("truncated.pdf", "EXTRACT-pdf-broken"),
        ("garbage.pdf", "EXTRACT-pdf-broken"),
        ("empty.pdf", "EXTRACT-pdf-empty"),
        ("mojibake.pdf", "EXTRACT-pdf-mojibake"),
    ],
)
def test_unreadable_pdfs_give_one_error_finding(name: str, rule: str) -> None:
    doc = extract(FIXTURES / name)
    assert doc.unreadable
    assert [(f.rule, f.kind, f.severity.value) for f in doc.problems] == [(rule, "extract", "error")]
    message = doc.problems[0].message
    assert re.search(r"[\u4e00-\u9fff]", message.zh)
    # English throughout, but for the garbled sample the mojibake message quotes in both languages
    zh_quoted, en_quoted = re.findall(r"“([^”]*)”", message.zh), re.findall(r'"([^"]*)"', message.en)
    assert zh_quoted == en_quoted == ([] if rule != "EXTRACT-pdf-mojibake" else [zh_quoted[0]])
    assert re.sub(r'"[^"]*"', "", message.en).isascii()


def test_broken_xref_is_rebuilt_and_read() -> None:
    """pdfium rebuilds a broken cross-reference table by scanning the objects: the file reads as
    the intact one does, so there is nothing to report."""
    broken, intact = extract(FIXTURES / "broken-xref.pdf"), extract(FIXTURES / "report-ruled.pdf")
    assert not broken.unreadable and broken.problems == []
    assert [t.texts() for t in broken.tables] == [t.texts() for t in intact.tables]


def test_scan_names_its_pages() -> None:
    (finding,) = extract(FIXTURES / "scan.pdf").problems
    assert "1-2" in finding.message.en and "1-2" in finding.message.zh and "scan" in finding.message.en
    assert finding.location.page == 1


def test_page_published_as_image_is_a_warning_not_an_error() -> None:
    doc = extract(FIXTURES / "half-scan.pdf")
    assert not doc.unreadable
    (finding,) = doc.problems
    assert finding.rule == "EXTRACT-pdf-no-text" and finding.severity.value == "warning"
    assert "2" in finding.message.en and finding.location.page == 2
    assert "一、总体情况" in [p.text for p in doc.paragraphs]


def test_page_limit() -> None:
    doc = extract(FIXTURES / "report-ruled.pdf", Limits(max_pages=2))
    assert doc.unreadable and [f.rule for f in doc.problems] == ["EXTRACT-limit"]
    assert "3" in doc.problems[0].message.en and "2" in doc.problems[0].message.zh


def test_size_limit_and_missing_file() -> None:
    doc = extract(FIXTURES / "report-ruled.pdf", Limits(max_bytes=1000))
    assert [f.rule for f in doc.problems] == ["EXTRACT-limit"]
    doc = extract(FIXTURES / "no-such-file.pdf")
    assert doc.unreadable and [f.rule for f in doc.problems] == ["EXTRACT-pdf-broken"]


def test_missing_library_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pypdfium2" else real(name, *a))
    doc = extract(FIXTURES / "report-ruled.pdf")
    assert doc.unreadable and "pip install 'report-check[pdf]'" in doc.problems[0].message.en


# ---- the plugin ---------------------------------------------------------------------------------


def test_plugin_registration() -> None:
    (extractor,) = report_check_extractors()
    assert (extractor.name, extractor.suffixes, extractor.priority) == ("pdf", (".pdf",), 0)
    assert extractor.accepts(Path("x.bin"), b"%PDF-1.7\n")
    assert not extractor.accepts(Path("x.pdf"), b"PK\x03\x04")
    with pytest.raises(ValueError):
        PdfExtractor("camelot")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    entry_points = pyproject.split("[project.entry-points.report_check]")[1].split("\n[")[0]
    assert 'pdf = "checker.extractors.pdf"' in entry_points.splitlines()


def test_plugin_manager_finds_the_extractor() -> None:
    from checker.plugins import build_plugin_manager

    pm = build_plugin_manager(["checker.extractors.pdf"], entry_points=False)
    names = [e.name for group in pm.hook.report_check_extractors() for e in group]
    assert names == ["pdf"]


def test_paragraph_locations_are_pdf_locations(huaian: Document) -> None:
    for p in huaian.paragraphs:
        assert isinstance(p, Paragraph) and p.location.page and p.location.bbox and p.location.line is None


# ---- joining pieces (grid.py) -------------------------------------------------------------------


def _piece(page: int, edges: list[float], rows: list[list[tuple[str, int]]], top: float = 100.0) -> Piece:
    """A piece from rows of (text, colspan); each row 20 pt high."""
    cells = []
    for r, row in enumerate(rows):
        c = 0
        for text, span in row:
            box = (edges[c], top + 20 * r, edges[c + span], top + 20 * r + 20)
            cells.append(Cell(text, r, c, 1, span, box))
            c += span
    return Piece(page, (edges[0], top, edges[-1], top + 20 * len(rows)), edges, len(rows), cells)


def test_pieces_join_by_edge_positions_not_column_index() -> None:
    # page 1 draws 4 columns, page 2 only 2 (its value cells merged over three): the merged cell
    # must land on columns 1-3, not on column 1 alone
    upper = _piece(1, [72, 240, 330, 420, 520], [[("信息内容", 1), ("a", 1), ("b", 1), ("c", 1)],
                                                 [("规章", 1), ("1", 1), ("0", 1), ("11", 1)]])
    lower = _piece(2, [70.5, 241.2, 521.8], [[("行政许可", 1), ("447228", 1)]], top=80)
    assert continues(upper, lower)
    table = to_raw_table("x.pdf", [upper, lower], 0)
    assert table.texts() == [["信息内容", "a", "b", "c"], ["规章", "1", "0", "11"],
                             ["行政许可", "447228", "447228", "447228"]]
    assert [c.origin for c in table.rows[2]] == [None, (2, 1), (2, 1), (2, 1)]
    assert {c.location.page for c in table.rows[2]} == {2}


def test_repeated_header_row_on_the_next_page_is_dropped() -> None:
    edges = [72.0, 200.0, 300.0, 400.0]
    upper = _piece(1, edges, [[("项目", 1), ("甲", 1), ("乙", 1)], [("一", 1), ("1", 1), ("2", 1)]])
    lower = _piece(2, edges, [[("项目", 1), ("甲", 1), ("乙", 1)], [("二", 1), ("3", 1), ("4", 1)]])
    assert to_raw_table("x.pdf", [upper, lower], 0).texts() == [
        ["项目", "甲", "乙"], ["一", "1", "2"], ["二", "3", "4"]]


def test_pieces_of_different_tables_do_not_join() -> None:
    upper = _piece(1, [72, 200, 300, 400], [[("a", 1), ("1", 1), ("2", 1)]])
    lower = _piece(2, [72, 150, 250, 350, 450, 520], [[("b", 1), ("1", 1), ("2", 1), ("3", 1), ("4", 1)]])
    assert not continues(upper, lower)


def test_wrapped_label_and_numbers_join_as_printed() -> None:
    assert join_wrapped(["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"]) == \
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert join_wrapped(["三、", "本", "年"]) == "三、本年"
    assert join_wrapped(["12", "34"]) == "12 34"  # two numbers stay two numbers
    assert is_page_number("- 3 -") and is_page_number("-3-") and is_page_number("第 3 页")
    assert not is_page_number("2024年") and not is_page_number("一、总体情况")


# ---- memory ---------------------------------------------------------------------------------------

_RSS = """
import resource, sys
from pathlib import Path
from checker.extractors.base import Limits
from checker.extractors.pdf import PdfExtractor
doc = PdfExtractor().extract(Path(sys.argv[1]), Limits())
assert not doc.unreadable and len(doc.tables) == 3, doc.problems
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent (pytest)
hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]
print(doc.page_count, int(hwm[0]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _peak_rss(path: Path) -> tuple[int, float]:
    import subprocess

    out = subprocess.run([sys.executable, "-c", _RSS, str(path)], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout.split()
    return int(out[0]), float(out[1])


def test_memory_stays_flat_as_pages_grow(tmp_path: Path) -> None:
    """Every page is closed after reading and nothing per character outlives its page."""
    small = pdfgen.write_report(tmp_path / "small.pdf", prose_paragraphs=12 * 8)
    large = pdfgen.write_report(tmp_path / "large.pdf", prose_paragraphs=12 * 198)
    (pages_small, rss_small), (pages_large, rss_large) = _peak_rss(small), _peak_rss(large)
    assert pages_small < 15 and pages_large > 200
    assert rss_large < 100 and rss_large - rss_small < 20, (rss_small, rss_large)
