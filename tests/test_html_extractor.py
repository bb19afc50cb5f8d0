"""HTML extractor: encodings, main content, rowspan/colspan grids, locations, bad pages."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest

from checker.extractors.base import Limits
from checker.extractors.encoding import Decoded, decode_html
from checker.extractors.html import HtmlExtractor
from checker.model import Document, RawTable
from checker.plugins import build_plugin_manager
from tests.fixtures.content import huaian_2021, seed_2019, with_cell, without_table
from tests.fixtures.render_html import render_html, render_js_shell


def extract(path: Path, limits: Limits | None = None) -> Document:
    return HtmlExtractor().extract(path, limits or Limits())


@pytest.fixture(scope="module")
def huaian_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document]:
    path = render_html(huaian_2021(), tmp_path_factory.mktemp("html") / "huaian.html")
    return path, extract(path)


# ---- main content -------------------------------------------------------------------------------

def test_main_content_without_site_chrome(huaian_page: tuple[Path, Document]) -> None:
    _, doc = huaian_page
    assert not doc.unreadable and doc.problems == []
    text = doc.text()
    for chrome in ("首页", "门户网站", "互动交流", "当前位置", "相关链接", "版权所有", "网站标识码"):
        assert chrome not in text
    title = doc.paragraphs[0]
    assert title.text == "淮安市人民政府2024年政府信息公开工作年度报告" and title.heading_level == 1
    kinds = ["T" if isinstance(b, RawTable) else b.text[:2] for b in doc.blocks]
    order = [k for k in kinds if k in ("一、", "二、", "三、", "四、", "五、", "六、", "T")]
    assert order == ["一、", "二、", "T", "三、", "T", "四、", "T", "五、", "六、"]
    assert [p.text for p in doc.paragraphs[-2:]] == ["淮安市人民政府", "2025年3月20日"]


def test_t3_grid(huaian_page: tuple[Path, Document]) -> None:
    _, doc = huaian_page
    t3 = doc.tables[1]
    assert len(t3.rows) == 28 and all(len(r) == 10 for r in t3.rows)
    assert all(t3.rows[r][c].origin == (0, 0) for r in range(3) for c in range(3))
    assert [c.text for c in t3.rows[1][3:]] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    # <br> inside the header cells: "商业<br>企业" reads 商业企业
    assert [c.text for c in t3.rows[2][3:]] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t3.rows[2][9].origin == (1, 9) and t3.rows[2][9].is_merged_copy
    assert [t3.rows[r][0].text for r in range(5, 27)] == ["三、本年度办理结果"] * 22
    assert {t3.rows[r][0].origin for r in range(5, 27)} == {(5, 0)}
    assert [t3.rows[r][1].text for r in range(23, 26)] == ["（六）其他处理"] * 3
    assert [c.text for c in t3.rows[3][3:]] == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert [c.text for c in t3.rows[26][3:]] == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert [c.text for c in t3.rows[27][:4]] == ["四、结转下年度继续办理"] * 3 + ["103"]


def test_t2_t4_grids(huaian_page: tuple[Path, Document]) -> None:
    _, doc = huaian_page
    t2, t4 = doc.tables[0], doc.tables[2]
    assert t2.texts()[6] == ["行政许可", "447228", "447228", "447228"]
    assert [c.origin for c in t2.rows[6]] == [(6, 0), (6, 1), (6, 1), (6, 1)]
    assert t4.texts()[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert t4.rows[2][0].origin == (1, 0)
    assert t4.texts()[3] == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]


def test_locations(huaian_page: tuple[Path, Document]) -> None:
    path, doc = huaian_page
    source = path.read_text(encoding="utf-8").splitlines()
    cell = doc.tables[1].rows[3][3]
    assert cell.location.element == (
        "div#content > table:nth-of-type(2) > tr:nth-of-type(4) > td:nth-of-type(2)")
    assert (cell.location.table, cell.location.row, cell.location.col) == (1, 3, 3)
    assert "<span>3001</span>" in source[cell.location.line - 1]
    copy = doc.tables[1].rows[10][0]  # a merged copy points at the cell that holds the text
    assert copy.location.element.endswith("tr:nth-of-type(6) > td:nth-of-type(1)")
    assert (copy.location.row, copy.location.col) == (10, 0)
    heading = next(p for p in doc.paragraphs if p.text == "三、收到和处理政府信息公开申请情况")
    assert heading.location.element.startswith("div#content > p:nth-of-type(")
    assert "三、收到和处理政府信息公开申请情况" in source[heading.location.line - 1]
    assert doc.tables[1].location.element == "div#content > table:nth-of-type(2)"


def test_h2_headings_and_2019_tables(tmp_path: Path) -> None:
    doc = extract(render_html(seed_2019(), tmp_path / "s.html", heading_tag="h2"))
    heading = next(p for p in doc.paragraphs if p.text == "一、总体情况")
    assert heading.heading_level == 2 and heading.location.element == "div#content > h2:nth-of-type(1)"
    t2, t3 = doc.tables[0], doc.tables[1]
    assert t2.texts()[17] == ["政府集中采购", "22", "1196.41万元", "1196.41万元"]
    assert len(t3.rows) == 26 and t3.rows[23][1].text == t3.rows[23][2].text == "（六）其他处理"


def test_nbsp_cell_is_blank(tmp_path: Path) -> None:
    content = with_cell(huaian_2021(), "T3", "new", "total", "")
    t3 = extract(render_html(content, tmp_path / "b.html")).tables[1]
    assert t3.rows[3][9].text == "" and t3.rows[3][8].text == "4"


# ---- encodings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("meta", ["charset", "http-equiv", None])
def test_gbk_page(tmp_path: Path, meta: str | None) -> None:
    path = render_html(seed_2019(), tmp_path / "g.html", encoding="gbk", meta=meta)
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    doc = extract(path)
    assert doc.paragraphs[0].text == "运城市交通运输局2020年政府信息公开工作年度报告"
    assert doc.tables[1].rows[9][2].text == "3.危及“三安全一稳定”"


def test_decode_order() -> None:
    text = "<html><head><meta charset='gb2312'></head><body>年度报告</body></html>"
    assert decode_html(text.encode("gbk")).source == "meta"
    assert decode_html(text.encode("gbk")).text == text
    assert decode_html(codecs.BOM_UTF8 + "<p>年度报告</p>".encode()).source == "bom"
    assert decode_html("<p>年度报告</p>".encode()).source == "utf-8"
    assert decode_html("<p>年度报告</p>".encode("gbk")).source == "gb18030"
    wrong = "<meta charset=utf-8><p>年度报告</p>"  # declared UTF-8, written in GBK
    assert decode_html(wrong.encode("gbk")).text == wrong
    # a UTF-16 BOM decides, and what does not decode is replaced, never raised
    assert decode_html(b"\xff\xfe\xff" * 3) == Decoded("\uffff\ufffe\ufeff\ufffd", "utf-16-le", "bom")
    # bytes that no encoding reads (and charset-normalizer gives up on): UTF-8 with replacement
    assert decode_html(b"\x80\xff\xfe" * 5) == Decoded("\ufffd" * 15, "utf-8", "replace")


# ---- bad pages ------------------------------------------------------------------------------------

def test_tables_as_images(tmp_path: Path) -> None:
    doc = extract(render_html(huaian_2021(), tmp_path / "i.html", tables_as_images=True))
    assert not doc.unreadable and doc.tables == []
    assert [f.rule for f in doc.problems] == ["EXTRACT-html-table-image"] * 3
    first = doc.problems[0]
    assert first.kind == "extract" and first.severity.value == "warning"
    assert "二、主动公开政府信息情况" in first.message.zh and "huaian-2024-T2.png" in first.message.en
    assert first.location.element == "div#content > p:nth-of-type(7) > img:nth-of-type(1)"


def test_one_table_as_image(tmp_path: Path) -> None:
    path = render_html(without_table(huaian_2021(), "T3"), tmp_path / "one.html")
    text = path.read_text(encoding="utf-8").replace(
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>",
        '<p><strong>三、收到和处理政府信息公开申请情况</strong></p><p><img src="t3.jpg"></p>')
    path.write_text(text, encoding="utf-8")
    doc = extract(path)
    assert len(doc.tables) == 2
    assert [f.rule for f in doc.problems] == ["EXTRACT-html-table-image"]
    assert "三、收到和处理政府信息公开申请情况" in doc.problems[0].message.en


def test_javascript_shell(tmp_path: Path) -> None:
    doc = extract(render_js_shell(tmp_path / "shell.html"))
    assert doc.unreadable and [f.rule for f in doc.problems] == ["EXTRACT-html-no-content"]
    assert "scripts" in doc.problems[0].message.en and "不在此文件中" in doc.problems[0].message.zh


def test_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><p>页面不存在</p></body></html>", encoding="utf-8")
    doc = extract(path)
    assert doc.unreadable and doc.problems[0].rule == "EXTRACT-html-no-content"


def test_too_large(tmp_path: Path) -> None:
    path = render_html(huaian_2021(), tmp_path / "big.html")
    doc = extract(path, Limits(max_bytes=1000))
    assert doc.unreadable and doc.problems[0].rule == "EXTRACT-limit"


def test_the_parsers_own_failure_is_a_finding_and_ours_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lexbor fails only when it gets no memory: its error is the page's finding; any other
    exception is a bug of ours and goes up to the engine (an INTERNAL finding there)."""
    import selectolax.lexbor

    path = render_html(huaian_2021(), tmp_path / "h.html")

    def fail(*args: object, **kwargs: object) -> None:
        raise selectolax.lexbor.SelectolaxError("Can't parse HTML.")

    monkeypatch.setattr(selectolax.lexbor, "LexborHTMLParser", fail)
    doc = extract(path)
    assert doc.unreadable and [(f.rule, f.message.en) for f in doc.problems] == [
        ("EXTRACT-html-invalid", "the HTML parser could not parse the page (Can't parse HTML.)")]

    def bug(*args: object, **kwargs: object) -> None:
        raise TypeError("ours")

    monkeypatch.setattr(selectolax.lexbor, "LexborHTMLParser", bug)
    with pytest.raises(TypeError):
        extract(path)


def test_parser_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = render_html(huaian_2021(), tmp_path / "h.html")
    monkeypatch.setitem(sys.modules, "selectolax", None)
    doc = extract(path)
    assert doc.unreadable and "pip install 'report-check[html]'" in doc.problems[0].message.en


# ---- older page shapes ----------------------------------------------------------------------------

LAYOUT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>年报</title></head><body>
<table width="980"><tr><td class="topnav"><a href="/">首页</a> | <a>机构概况</a></td></tr>
<tr><td id="zoom">
<div align="center"><b>某某县人民政府2021年政府信息公开工作年度报告</b></div>
<p>一、总体情况</p><p>全年主动公开信息<font color="red">120</font>条。<br>依申请公开0件。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr></table>
<p>某某县人民政府</p>
</td></tr>
<tr><td class="footer">版权所有</td></tr></table>
<div class="sidebar"><table><tr><td>友情链接</td></tr></table></div>
</body></html>
"""


def test_layout_table_page(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes(LAYOUT_PAGE.encode("gbk"))
    doc = extract(path)
    assert [p.text for p in doc.paragraphs] == [
        "某某县人民政府2021年政府信息公开工作年度报告", "一、总体情况", "全年主动公开信息120条。",
        "依申请公开0件。", "四、政府信息公开行政复议、行政诉讼情况", "某某县人民政府"]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.texts()[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert table.texts()[1] == ["1", "0", "0", "0", "1"]  # ragged: the row is as found
    assert table.location.element == "td#zoom > table:nth-of-type(1)"
    assert doc.paragraphs[2].location.element == "td#zoom > p:nth-of-type(2)"
    assert doc.paragraphs[2].location.line == 6  # the line the <p> starts on


def test_accepts_and_registration(tmp_path: Path) -> None:
    extractor = HtmlExtractor()
    assert extractor.accepts(tmp_path / "x", b"\xef\xbb\xbf<!DOCTYPE html><html>")
    assert extractor.accepts(tmp_path / "x", b"  <html lang='zh'>")
    assert not extractor.accepts(tmp_path / "x", b"%PDF-1.7")
    pm = build_plugin_manager(["checker.extractors.html"], entry_points=False)
    found = [e for group in pm.hook.report_check_extractors() for e in group]
    assert [(e.name, e.priority) for e in found] == [("html", 0)]
    assert set(found[0].suffixes) == {".html", ".htm", ".shtml", ".xhtml"}


WORD_PASTE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<div class="TRS_Editor"><style>.TRS_Editor P{line-height:2;}</style>
<p class="MsoNormal" align="center"><b><span style="font-size:18pt">某某局2020年政府信息公开工作年度报告<span lang="EN-US"><o:p></o:p></span></span></b></p>
<p class="MsoNormal"><span>一、总体情况<o:p></o:p></span></p>
<p class="MsoNormal"><span>三、收到和处理政府信息公开申请情况<o:p></o:p></span></p>
<table class="MsoNormalTable" border="1"><caption>表三</caption><tbody>
<tr><td rowspan="2"><p class="MsoNormal" align="center"><span>申请人</span></p><p><span>情况</span></p></td>
<th colspan="2"><p><span>法人或其他组织</span></p></th></tr>
<tr><td><p><span>商业</span></p><p><span>企业</span></p></td><td><span>科研<br>机构</span></td></tr>
<tr><td><p class="MsoNormal"><span lang="EN-US">&nbsp;一、本年新收<o:p></o:p></span></p></td>
<td><p class="MsoNormal" align="center"><span lang="EN-US">1<o:p></o:p></span></p></td>
<td><p class="MsoNormal" align="center"><span lang="EN-US">&nbsp;<o:p></o:p></span></p></td></tr>
</tbody></table>
</div></body></html>
"""


def test_word_pasted_markup(tmp_path: Path) -> None:
    path = tmp_path / "paste.html"
    path.write_text(WORD_PASTE, encoding="utf-8")
    doc = extract(path)
    assert [p.text for p in doc.paragraphs] == [
        "某某局2020年政府信息公开工作年度报告", "一、总体情况", "三、收到和处理政府信息公开申请情况", "表三"]
    assert doc.tables[0].texts() == [
        ["申请人情况", "法人或其他组织", "法人或其他组织"],
        ["申请人情况", "商业企业", "科研机构"],
        ["一、本年新收", "1", ""],
    ]
    assert doc.paragraphs[3].location.element.endswith("table:nth-of-type(1) > caption:nth-of-type(1)")


def test_no_content_names_the_embedded_document(tmp_path: Path) -> None:
    path = tmp_path / "viewer.html"
    path.write_text('<html><body><div class="nav">首页</div>'
                    '<iframe src="/pdfjs/web/viewer.html?file=/u/2021nb.pdf"></iframe></body></html>',
                    encoding="utf-8")
    doc = extract(path)
    assert doc.unreadable and doc.problems[0].rule == "EXTRACT-html-no-content"
    assert "/u/2021nb.pdf" in doc.problems[0].message.en


def test_deep_nesting_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    nested = "<div><span>" * 1500 + "文字" + "</span></div>" * 1500
    path.write_text(f"<html><body><div id='c'><p>一、总体情况</p><p>二、主动公开</p>{nested}</div></body></html>",
                    encoding="utf-8")
    doc = extract(path)
    assert doc.unreadable and [f.rule for f in doc.problems] == ["EXTRACT-limit"]
    assert "over the limit html_depth: nesting depth of HTML elements is 3001" in doc.problems[0].message.en
    # above the depth limit, a page too deep for the walk is still a finding, not a crash
    doc = extract(path, Limits(html_depth=100_000))
    assert doc.unreadable and [f.rule for f in doc.problems] == ["EXTRACT-html-invalid"]


def test_single_cell_layout_table_is_walked_as_text(tmp_path: Path) -> None:
    page = ("<html><body><table width='900'><tr><td>"
            "<p>某某局2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p>"
            "<p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>0</td></tr></table>"
            "</td></tr></table></body></html>")
    path = tmp_path / "wrapped.html"
    path.write_text(page, encoding="utf-8")
    doc = extract(path)
    assert [p.text for p in doc.paragraphs][:3] == ["某某局2021年政府信息公开工作年度报告", "一、总体情况", "正文。"]
    assert [t.texts() for t in doc.tables] == [[["规章", "0"]]]
    path.write_text(page.replace("<table><tr><td>规章</td><td>0</td></tr></table>", ""), encoding="utf-8")
    doc = extract(path)
    assert doc.tables == [] and "二、主动公开政府信息情况" in [p.text for p in doc.paragraphs]


def test_class_names_inside_the_report_do_not_remove_it(tmp_path: Path) -> None:
    page = ("<html><body><div class='top'><a href='/'>首页</a></div><div id='c'>"
            "<p class='top'>某某局2021年政府信息公开工作年度报告</p><p>一、总体情况</p>"
            "<p>二、主动公开政府信息情况</p><table><tr><td class='td-top'>规章</td>"
            "<td class='nav-cell'>3</td></tr></table></div></body></html>")
    path = tmp_path / "classes.html"
    path.write_text(page, encoding="utf-8")
    doc = extract(path)
    assert [p.text for p in doc.paragraphs] == [
        "某某局2021年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况"]
    assert [t.texts() for t in doc.tables] == [[["规章", "3"]]]


def test_undecodable_page_is_read_with_a_warning(tmp_path: Path) -> None:
    path = render_html(huaian_2021(), tmp_path / "mixed.html", meta=None)
    data = path.read_bytes().replace("一、总体情况".encode(), "一、总体情况".encode() + b"\xff\xfe\x80")
    path.write_bytes(data)
    doc = extract(path)
    assert not doc.unreadable and len(doc.tables) == 3
    assert [(f.rule, f.severity.value) for f in doc.problems] == [("EXTRACT-html-encoding", "warning")]
