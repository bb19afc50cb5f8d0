"""DOCX extractor: grids with merged cells expanded, locations, content rules, bad input."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import docx
import pytest

from checker.extractors.base import Limits
from checker.extractors.docx import DocxExtractor
from checker.model import Document, RawTable
from checker.plugins import build_plugin_manager
from tests.fixtures.content import huaian_2021, seed_2019, with_cell
from tests.fixtures.render_docx import render_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def extract(path: Path, limits: Limits | None = None) -> Document:
    return DocxExtractor().extract(path, limits or Limits())


@pytest.fixture(scope="module")
def huaian_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return extract(render_docx(huaian_2021(), tmp_path_factory.mktemp("docx") / "huaian.docx"))


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return extract(render_docx(seed_2019(), tmp_path_factory.mktemp("docx") / "seed.docx"))


def texts(table: RawTable) -> list[list[str]]:
    return table.texts()


# ---- the grid -----------------------------------------------------------------------------------

def test_blocks_in_body_order(huaian_doc: Document) -> None:
    assert not huaian_doc.unreadable and huaian_doc.problems == []
    kinds = ["T" if isinstance(b, RawTable) else b.text[:2] for b in huaian_doc.blocks]
    order = [k for k in kinds if k in ("一、", "二、", "三、", "四、", "五、", "六、", "T")]
    assert order == ["一、", "二、", "T", "三、", "T", "四、", "T", "五、", "六、"]
    assert huaian_doc.blocks[0].text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert [p.text for p in huaian_doc.paragraphs[-2:]] == ["淮安市人民政府", "2025年3月20日"]
    assert [t.index for t in huaian_doc.tables] == [0, 1, 2]


def test_t3_header_rows_expanded(huaian_doc: Document) -> None:
    t3 = huaian_doc.tables[1]
    assert len(t3.rows) == 28 and all(len(r) == 10 for r in t3.rows)
    note = t3.rows[0][0].text
    assert note.startswith("（本列数据的勾稽关系为") and note.endswith("等于第三项加第四项之和）")
    for r in range(3):
        for c in range(3):
            assert t3.rows[r][c].text == note and t3.rows[r][c].origin == (0, 0)
    assert [c.text for c in t3.rows[0][3:]] == ["申请人情况"] * 7
    assert {c.origin for c in t3.rows[0][3:]} == {(0, 3)}
    assert [c.text for c in t3.rows[1][3:]] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    # 自然人 and 总计 are two rows deep; the cell labels broken over two lines are joined
    assert [c.text for c in t3.rows[2][3:]] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t3.rows[2][3].origin == (1, 3) and t3.rows[2][3].is_merged_copy
    assert t3.rows[2][9].origin == (1, 9)
    assert not t3.rows[2][4].is_merged_copy


def test_t3_row_labels_repeated_down_their_rowspan(huaian_doc: Document) -> None:
    t3 = huaian_doc.tables[1]
    label_rows = range(5, 27)  # 22 rows under 三、本年度办理结果 in the 2021 format
    assert [t3.rows[r][0].text for r in label_rows] == ["三、本年度办理结果"] * 22
    assert {t3.rows[r][0].origin for r in label_rows} == {(5, 0)}
    assert t3.rows[4][0].text.startswith("二、上年结转") and t3.rows[27][0].text == "四、结转下年度继续办理"
    assert [t3.rows[r][1].text for r in range(7, 15)] == ["（三）不予公开"] * 8
    assert {t3.rows[r][1].origin for r in range(7, 15)} == {(7, 1)}
    assert t3.rows[7][2].text == "1.属于国家秘密" and t3.rows[14][2].text == "8.属于行政查询事项"
    # a label spanning two columns appears in both, with one origin
    assert t3.rows[5][1].text == t3.rows[5][2].text == "（一）予以公开"
    assert t3.rows[5][2].origin == (5, 1)


def test_t3_numbers_at_their_grid_positions(huaian_doc: Document) -> None:
    t3 = huaian_doc.tables[1]
    assert [c.text for c in t3.rows[3][3:]] == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert [c.text for c in t3.rows[4][3:]] == ["34", "0", "0", "0", "0", "0", "34"]
    assert [c.text for c in t3.rows[26][3:]] == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert [c.text for c in t3.rows[27][3:]] == ["103", "0", "0", "0", "0", "0", "103"]
    assert t3.rows[25][2].text == "3.其他" and t3.rows[25][9].text == "110"
    cell = t3.rows[15][7]
    assert (cell.text, cell.origin) == ("10", (15, 7))
    assert (cell.location.table, cell.location.row, cell.location.col) == (1, 15, 7)


def test_t2_and_t4_2021(huaian_doc: Document) -> None:
    t2, t4 = huaian_doc.tables[0], huaian_doc.tables[2]
    assert texts(t2)[0] == ["第二十条第（一）项"] * 4
    assert texts(t2)[3] == ["行政规范性文件", "8", "26", "66"]
    assert texts(t2)[6] == ["行政许可", "447228", "447228", "447228"]
    assert [c.origin for c in t2.rows[6]] == [(6, 0), (6, 1), (6, 1), (6, 1)]
    assert texts(t2)[13] == ["行政事业性收费", "96171.6", "96171.6", "96171.6"]
    assert len(t4.rows) == 4 and all(len(r) == 15 for r in t4.rows)
    assert texts(t4)[1][:6] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"]
    assert t4.rows[2][0].origin == (1, 0) and t4.rows[2][5].text == "结果维持"
    assert texts(t4)[3] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_2019_layout(seed_doc: Document) -> None:
    t2, t3 = seed_doc.tables[0], seed_doc.tables[1]
    assert texts(t2)[1] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert texts(t2)[3] == ["规范性文件", "1", "1", "5"]
    assert texts(t2)[14] == ["行政事业性收费", "1", "0", "0"]
    assert t2.rows[14][3].origin == (14, 2)  # 本年增/减 spans the last two grid columns
    assert texts(t2)[17] == ["政府集中采购", "22", "1196.41万元", "1196.41万元"]
    assert len(t3.rows) == 26
    assert [t3.rows[r][0].text for r in range(5, 25)] == ["三、本年度办理结果"] * 20
    other = t3.rows[23]
    assert other[1].text == other[2].text == "（六）其他处理" and other[2].origin == (23, 1)
    assert t3.rows[24][1].text == "（七）总计"


def test_seed_with_a_changed_cell(tmp_path: Path) -> None:
    content = with_cell(seed_2019(), "T3", "new", "total", "7")
    t3 = extract(render_docx(content, tmp_path / "x.docx")).tables[1]
    assert t3.rows[3][9].text == "7" and t3.rows[3][8].text == "0"


# ---- paragraphs and locations -----------------------------------------------------------------------

def test_paragraph_index_is_the_body_paragraph_index(tmp_path: Path) -> None:
    path = render_docx(seed_2019(), tmp_path / "seed.docx")
    doc = extract(path)
    body = docx.Document(str(path)).paragraphs
    for p in doc.paragraphs:
        assert body[p.location.paragraph].text.strip() == p.text
    heading = next(p for p in doc.paragraphs if p.text == "三、收到和处理政府信息公开申请情况")
    assert heading.location.table is None and heading.location.path == str(path)


@pytest.mark.parametrize(("style", "level"), [("plain", None), ("outline", 1), ("style", 1)])
def test_heading_levels(tmp_path: Path, style: str, level: int | None) -> None:
    doc = extract(render_docx(huaian_2021(), tmp_path / "h.docx", headings=style))
    heading = next(p for p in doc.paragraphs if p.text == "一、总体情况")
    assert heading.heading_level == level
    assert doc.paragraphs[0].heading_level is None


def _docx_with_body(tmp_path: Path, xml: str, numbering: str | None = None) -> Path:
    """A document whose body is ``xml`` (WordprocessingML with the w: prefix).

    ``numbering`` replaces the inside of word/numbering.xml.
    """
    base = tmp_path / "base.docx"
    docx.Document().save(str(base))
    out = tmp_path / "crafted.docx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<w:document xmlns:w="{W_NS}" '
                    f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                    f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                    f"<w:body>{xml}<w:sectPr/></w:body></w:document>"
                ).encode()
            elif item.filename == "word/numbering.xml" and numbering is not None:
                data = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'.encode()
            dst.writestr(item, data)
    return out


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def test_tracked_changes_fields_and_comments(tmp_path: Path) -> None:
    body = _p(
        '<w:commentRangeStart w:id="0"/>' + _r("一、") + '<w:ins w:id="1" w:author="a">' + _r("总体")
        + "</w:ins>" + '<w:del w:id="2" w:author="a"><w:r><w:delText>删掉</w:delText></w:r></w:del>'
        + _r("情况") + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
    ) + _p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + _r("页")
    ) + _p(_r("运城市交通运输局") + "<w:r><w:br/></w:r>" + _r("2021年1月26日"))
    doc = extract(_docx_with_body(tmp_path, body))
    assert [p.text for p in doc.paragraphs] == ["一、总体情况", "3页", "运城市交通运输局", "2021年1月26日"]
    assert [p.location.paragraph for p in doc.paragraphs] == [0, 1, 2, 2]


def test_cells_with_breaks_nested_tables_and_text_boxes(tmp_path: Path) -> None:
    def tc(inner: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"

    nested = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>" + tc(_p(_r("内表"))) + "</w:tr></w:tbl>"
    outer = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>" + tc(_p(_r("商业") + "<w:r><w:br/></w:r>" + _r("企业"))) + tc(_p(_r("Total")) + _p(_r("amount")))
        + "</w:tr><w:tr>" + tc(_p(_r("12")) + nested + _p("")) + tc(_p(_r("3 375"))) + "</w:tr></w:tbl>"
    )
    textbox = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + _p(_r("框内文字")) + "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>" + tc(_p(_r("框内表")))
        + "</w:tr></w:tbl></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        "<w:txbxContent>" + _p(_r("框内文字")) + "</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    doc = extract(_docx_with_body(tmp_path, outer + _p(_r("锚点") + textbox)))
    assert [t.texts() for t in doc.tables] == [
        [["商业企业", "Total amount"], ["12", "3 375"]], [["内表"]], [["框内表"]]]
    assert [t.index for t in doc.tables] == [0, 1, 2]
    assert [p.text for p in doc.paragraphs] == ["锚点", "框内文字"]
    assert {p.location.paragraph for p in doc.paragraphs} == {0}


def test_vmerge_without_restart_value_and_grid_before(tmp_path: Path) -> None:
    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + _p(_r("甲")) + "</w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _p(_r("乙")) + "</w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + _p("") + "</w:tc>"
        "<w:tc>" + _p(_r("1")) + "</w:tc><w:tc>" + _p(_r("2")) + "</w:tc></w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc>' + _p(_r("3")) + "</w:tc></w:tr>"
        "</w:tbl>"
    )
    table = extract(_docx_with_body(tmp_path, body)).tables[0]
    assert table.texts() == [["甲", "乙", "乙"], ["甲", "1", "2"], ["", "3"]]
    assert table.rows[1][0].origin == (0, 0) and table.rows[0][2].origin == (0, 1)
    assert table.rows[2][1].location.col == 1


def test_automatic_numbering(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>'
    )

    def numbered(text: str, num: int, level: int = 0) -> str:
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
                f"</w:pPr>{_r(text)}</w:p>")

    cells = "".join(f"<w:tc>{numbered(t, 4)}</w:tc>" for t in ("属于国家秘密", "其他法律行政法规禁止公开"))
    body = (numbered("总体情况", 3) + numbered("主动公开", 3, 1) + numbered("依申请公开", 3, 1)
            + numbered("主动公开政府信息情况", 3) + numbered("规章", 3, 1)
            + "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + cells + "</w:tr></w:tbl>")
    doc = extract(_docx_with_body(tmp_path, body, numbering))
    assert [p.text for p in doc.paragraphs] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "（一）规章"]
    assert doc.tables[0].texts() == [["1.属于国家秘密", "2.其他法律行政法规禁止公开"]]


def test_table_inserted_as_a_picture(tmp_path: Path) -> None:
    picture = (
        '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData><a:blip r:embed="rId99" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )
    table = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>" + _p(_r("0")) + "</w:tc></w:tr></w:tbl>"
    body = (_p(_r("二、主动公开政府信息情况")) + table + _p(_r("三、收到和处理政府信息公开申请情况"))
            + _p(_r("见下图：") + picture) + _p(_r("四、政府信息公开行政复议、行政诉讼情况")) + table
            + _p(_r("五、存在的主要问题及改进情况")) + _p(picture))
    doc = extract(_docx_with_body(tmp_path, body))
    assert [(f.rule, f.severity.value, f.kind) for f in doc.problems] == [
        ("EXTRACT-docx-table-image", "warning", "extract")]
    assert "三、收到和处理政府信息公开申请情况" in doc.problems[0].message.en
    assert doc.problems[0].location.paragraph == 2
    assert not doc.unreadable and len(doc.tables) == 2


# ---- bad input ------------------------------------------------------------------------------------

def only_problem(doc: Document) -> str:
    assert doc.unreadable and len(doc.problems) == 1
    problem = doc.problems[0]
    assert problem.kind == "extract" and problem.severity.value == "error"
    return problem.rule


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("这不是一个 Word 文档", encoding="utf-8")
    assert only_problem(extract(path)) == "EXTRACT-docx-invalid"


def test_zip_without_word_body(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    doc = extract(path)
    assert only_problem(doc) == "EXTRACT-docx-invalid"
    assert "word/document.xml" in doc.problems[0].message.en


def test_legacy_or_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert only_problem(extract(path)) == "EXTRACT-docx-invalid"


def test_broken_xml(tmp_path: Path) -> None:
    src = render_docx(huaian_2021(), tmp_path / "ok.docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    assert only_problem(extract(path)) == "EXTRACT-docx-invalid"


def test_zip_bomb_by_declared_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/fill.bin", b"\0" * 3_000_000)  # compresses to a few KB
    assert path.stat().st_size < 100_000
    limits = Limits(max_bytes=10_000_000, max_uncompressed_bytes=1_000_000)
    doc = extract(path, limits)
    assert only_problem(doc) == "EXTRACT-limit" and "max_uncompressed_bytes" in doc.problems[0].message.en
    limits = Limits(zip_member_bytes=1_000_000)
    doc = extract(path, limits)
    assert only_problem(doc) == "EXTRACT-limit"
    assert "zip_member_bytes: uncompressed size of one zip member (bytes) is at least" in doc.problems[0].message.en
    assert "word/media/fill.bin" in doc.problems[0].message.en


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = render_docx(huaian_2021(), tmp_path / "h.docx")
    doc = extract(path, Limits(max_bytes=1000))
    assert only_problem(doc) == "EXTRACT-limit" and "limits: {max_bytes: <larger value>}" in doc.problems[0].message.en


def test_python_docx_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = render_docx(huaian_2021(), tmp_path / "h.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # makes `import docx` raise ImportError
    doc = extract(path)
    assert doc.unreadable and "pip install 'report-check[docx]'" in doc.problems[0].message.en


# ---- plugin ---------------------------------------------------------------------------------------

def test_accepts_and_registration(tmp_path: Path) -> None:
    path = render_docx(huaian_2021(), tmp_path / "report.bin")
    extractor = DocxExtractor()
    assert extractor.accepts(path, path.read_bytes()[:8])
    other = tmp_path / "x.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a.txt", "a")
    assert not extractor.accepts(other, other.read_bytes()[:8])
    assert not extractor.accepts(tmp_path / "missing", b"%PDF-1.7")
    pm = build_plugin_manager(["checker.extractors.docx"], entry_points=False)
    found = [e for group in pm.hook.report_check_extractors() for e in group]
    assert [(e.name, e.suffixes, e.priority) for e in found] == [("docx", (".docx",), 0)]

