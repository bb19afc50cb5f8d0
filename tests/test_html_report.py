"""``--format html:FILE``: the evidence report's content, read back from the page it writes.

Each finding's outlines must be exactly its own cell and the cells of its calculation, at the
boxes where the PDF has those values; DOCX, HTML and text findings outline the same cells in the
redrawn grid; nothing from a report can become markup. (The page in a real browser:
tests/test_html_report_browser.py.)
"""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import html5lib
import pytest
from msgspec.structs import replace

from checker.engine import Engine
from checker.finding import FileResult, Finding, Severity, Status, Text
from checker.formatters.base import RunResult
from checker.formatters.html_report import HtmlFormatter
from checker.formatters.html_report.page import SNAPSHOT_CAP
from checker.formatters.html_report.snapshots import SCALE
from checker.model import Location
from tests.html_report_helpers import (
    CORPUS_PDF,
    WRONG_TOTAL_PDF,
    check,
    pdf_text_in,
    wrong_total_files,
)
from tests.seeded import SEED, write_variant


def parse(path_or_text: Path | str) -> ET.Element:
    text = path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    return html5lib.parse(text, namespaceHTMLElements=False)


def classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def articles(doc: ET.Element) -> dict[tuple[str, str], ET.Element]:
    """Every finding's article by (file, fingerprint): a fingerprint is the same in every file."""
    return {
        (section.get("data-path", ""), a.get("data-fingerprint", "")): a
        for section in doc.iter("section")
        for a in section.iter("article")
    }


def inline_boxes(article: ET.Element) -> set[tuple[int, str, tuple[float, ...]]]:
    """(page, role, bbox) of every outline in a finding's own snapshots."""
    out = set()
    for snap in article.iter("div"):
        if "snap" not in classes(snap):
            continue
        for box in snap.iter("span"):
            role = (classes(box) & {"cell", "op"}).pop()
            out.add((int(snap.get("data-page", "0")), role, tuple(float(v) for v in box.get("data-bbox", "").split(","))))
    return out


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext()).strip()


# The seeded 3051 of wrong-total (表三 （七）总计 × 总计; every rendering): the three sums it breaks,
# and X3, the prose of 一 stating 答复3050件 against the table's 3051 (a finding without operands).
WRONG_TOTAL_FINDINGS = [
    ("A1", "error", "表三", None, "总计", "3154", "3153"),
    ("A2", "error", "表三", "（七）总计", "总计", "3050", "3051"),
    ("A3", "error", "表三", "（七）总计", "总计", "3050", "3051"),
    ("X3", "warning", "表三", "（七）总计", "总计", "3051", "3050"),
]
ARITHMETIC = ("A1", "A2", "A3")


def summary_of(findings: list[dict[str, Any]]) -> list[tuple[str | None, ...]]:
    """Each JSON finding as (rule, severity, table, row, column, expected, actual), by rule."""
    return sorted(
        ((f["rule"], f["severity"], f["location"].get("table"), f["location"].get("row"), f["location"].get("column"),
          f.get("expected"), f.get("actual")) for f in findings),
        key=str,
    )


def arithmetic(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A1, A2, A3 (in that order): the findings with operands."""
    return sorted((f for f in findings if f["rule"] in ARITHMETIC), key=lambda f: f["rule"])


@pytest.fixture(scope="module")
def pdf_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("html") / "report.html"
    status, found = check([CORPUS_PDF, WRONG_TOTAL_PDF], out, "--lang", "en")
    assert status == 1
    return out, found


def test_pdf_snapshots_outline_the_finding_and_its_operands_where_the_pdf_has_them(
    pdf_report: tuple[Path, dict[str, Any]],
) -> None:
    out, found = pdf_report
    doc = parse(out)
    by_fp = articles(doc)
    wrong = next(f for f in found["files"] if f["path"].endswith("wrong-total.pdf"))
    assert summary_of(wrong["findings"]) == WRONG_TOTAL_FINDINGS
    assert not [f["rule"] for f in wrong["findings"] if f["rule"] not in ARITHMETIC and "operands" in f]
    for finding in arithmetic(wrong["findings"]):
        loc = finding["location"]
        expected = {(loc["page"], "cell", tuple(loc["bbox"]))}
        expected |= {(op["location"]["page"], "op", tuple(op["location"]["bbox"])) for op in finding["operands"]}
        assert inline_boxes(by_fp[(wrong["path"], finding["fingerprint"])]) == expected, finding["rule"]
        # the outlined boxes are where the PDF prints the values the finding is about
        for op in finding["operands"]:
            assert pdf_text_in(wrong["path"], op["location"]["page"], op["location"]["bbox"]) == op["raw"]
    a1, a2, a3 = arithmetic(wrong["findings"])
    assert pdf_text_in(wrong["path"], 1, a1["location"]["bbox"]) == "3119"  # 一、本年新收 × 总计
    for finding in (a2, a3):  # （七）总计 × 总计, the seeded 3051
        assert finding["actual"] == "3051"
        assert pdf_text_in(wrong["path"], finding["location"]["page"], finding["location"]["bbox"]) == "3051"
    # A1's operands are on two pages: one crop each, every crop as big as its region at SCALE
    snaps = [s for s in by_fp[(wrong["path"], a1["fingerprint"])].iter("div") if "snap" in classes(s)]
    assert [s.get("data-page") for s in snaps] == ["1", "2"]
    for snap in snaps:
        x0, top, x1, bottom = (float(v) for v in snap.get("data-region", "").split(","))
        img = snap.find("img")
        assert img is not None and img.get("src", "").startswith("data:image/")
        assert abs(int(img.get("width", 0)) - (x1 - x0) * SCALE) <= 1
        assert abs(int(img.get("height", 0)) - (bottom - top) * SCALE) <= 1
    # X3 (no operands): one crop of page 1, its one red outline on the line of 一 that says 答复3050件
    (x3,) = (f for f in wrong["findings"] if f["rule"] == "X3")
    assert inline_boxes(by_fp[(wrong["path"], x3["fingerprint"])]) == {(1, "cell", tuple(x3["location"]["bbox"]))}
    line = "（二）依申请公开情况。全年受理政府信息公开申请3119件，答复3050件，103件结"  # 转下年度办理。 wraps
    assert pdf_text_in(wrong["path"], 1, x3["location"]["bbox"]) == line
    assert x3["location"]["section"] == "一、总体情况"
    # the corpus report: its one finding (no closing block) outlined on page 6
    corpus = next(f for f in found["files"] if f["path"].endswith("huaian-gov-2024.pdf"))
    (w10,) = corpus["findings"]
    assert w10["rule"] == "W10-missing"
    assert inline_boxes(by_fp[(corpus["path"], w10["fingerprint"])]) == {(6, "cell", tuple(w10["location"]["bbox"]))}


def test_a_click_opens_the_whole_page_with_only_that_findings_outlines(pdf_report: tuple[Path, dict[str, Any]]) -> None:
    out, _ = pdf_report
    doc = parse(out)
    a1 = next(a for a in doc.iter("article") if a.get("data-rule") == "A1")
    fid = a1.get("id", "")[1:]
    links = [a.get("href") for a in a1.iter("a")]
    assert links == [f"#v{fid}p1", f"#v{fid}p2"]
    anchor = next(el for el in doc.iter("i") if el.get("id") == f"v{fid}p1")
    overlay = next(el for el in doc.iter("div") if "overlay" in classes(el) and anchor in list(el))
    snap = next(el for el in overlay.iter("div") if "snap" in classes(el))
    assert snap.get("data-region", "").startswith("0.00,0.00,")  # the whole page
    own = [b for b in snap.iter("span") if f"f{fid}" in classes(b)]
    assert {("cell" in classes(b)) for b in own} == {True, False} and len(own) == 3  # 一 (cell, operand), 二
    style = "".join(text_of(s) for s in doc.iter("style"))
    assert f"#v{fid}p1:target~.sheet .f{fid}{{display:block}}" in style


def test_summary_counts_files_severities_and_rules(pdf_report: tuple[Path, dict[str, Any]]) -> None:
    out, found = pdf_report
    doc = parse(out)
    summary = next(t for t in doc.iter("table"))
    rows = [[text_of(td) for td in tr.findall("td")] for tr in summary.iter("tr")][1:]
    assert rows == [
        [f["path"], "fail", f["agency"], str(f["report_year"]), f["pack"],
         str(sum(x["severity"] == "error" for x in f["findings"])),
         str(sum(x["severity"] == "warning" for x in f["findings"])), "0", "0"]
        for f in found["files"]
    ]
    # the counts themselves: the corpus 1 error; wrong-total 3 errors (A1, A2, A3) and 1 warning (X3)
    assert [row[5:] for row in rows] == [["1", "0", "0", "0"], ["3", "1", "0", "0"]]
    by_rule = list(doc.iter("table"))[1]
    rule_rows = [[text_of(td) for td in tr.findall("td")] for tr in by_rule.iter("tr")][1:]
    assert rule_rows == [["A1", "errors", "1", "1"], ["A2", "errors", "1", "1"], ["A3", "errors", "1", "1"],
                         ["W10-missing", "errors", "1", "1"], ["X3", "warnings", "1", "1"]]


def test_docx_html_and_text_findings_outline_the_same_cells_in_the_redrawn_table(tmp_path: Path) -> None:
    files = wrong_total_files(tmp_path)
    status, found = check(files, tmp_path / "report.html", "--lang", "zh")
    assert status == 1
    doc = parse(tmp_path / "report.html")
    by_fp = articles(doc)
    for entry in found["files"]:
        assert summary_of(entry["findings"]) == WRONG_TOTAL_FINDINGS, entry["path"]
        for finding in arithmetic(entry["findings"]):
            article = by_fp[(entry["path"], finding["fingerprint"])]
            cells = [td for td in article.iter("td") if any("box" in classes(s) and "cell" in classes(s) for s in td)]
            ops = [td for td in article.iter("td") if any("box" in classes(s) and "op" in classes(s) for s in td)]
            first = finding["operands"][0]["raw"] if finding["rule"] == "A1" else finding["actual"]
            assert [text_of(td) for td in cells] == [first], (entry["path"], finding["rule"])
            assert Counter(text_of(td) for td in ops) == Counter(op["raw"] for op in finding["operands"])
            shown = text_of(article)
            if entry["format"] == "html":  # the element path of the cell
                assert finding["location"]["element"] in shown
            if entry["format"] == "text":
                assert f"第 {finding['location']['line']} 行" in shown
        # X3 (no operands, no grid cell: its place is a paragraph of 一): the text it read, no table
        (x3,) = (f for f in entry["findings"] if f["rule"] == "X3")
        article = by_fp[(entry["path"], x3["fingerprint"])]
        assert not [s for s in article.iter("span") if "box" in classes(s)], entry["path"]
        (quoted,) = (c for c in article.iter("code") if "答复3050件" in text_of(c))
        assert "全年受理政府信息公开申请3119件，答复3050件，103件结转下年度办理。" in text_of(quoted), entry["path"]


def test_injection_nothing_from_a_report_becomes_markup(tmp_path: Path) -> None:
    from tests.fixtures.content import huaian_2021, with_agency, with_cell, with_section_heading
    from tests.fixtures.render_html import render_html
    from tests.fixtures.render_text import render_text

    evil = "<script>alert('x')</script>"
    content = with_agency(huaian_2021(), f"{evil}市人民政府", where="both")
    content = with_cell(content, "T3", "total", "total", f"3050{evil}")
    content = with_section_heading(content, 5, '五、存在的主要问题及改进情况<img src=x onerror="alert(1)">')
    name = 'evil<script>alert(1)<!--"onload=x'
    text_file = render_text(content, tmp_path / f"{name}.txt")
    # a label as found: a row label of 表三 with markup in it
    text_file.write_text(text_file.read_text(encoding="utf-8").replace("（七）总计", f"（七）总计{evil}"), encoding="utf-8")
    html_file = render_html(content, tmp_path / f"{name}.html")
    status, found = check([text_file, html_file], tmp_path / "report.html", "--lang", "zh")
    assert status == 1
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img src=x" not in page
    doc = parse(page)
    assert not list(doc.iter("script"))
    assert not [(el.tag, a) for el in doc.iter() for a in el.attrib if a.lower().startswith("on")]
    assert all(img.get("src", "").startswith("data:") for img in doc.iter("img"))
    shown = text_of(doc)
    agencies = {f["agency"] for f in found["files"]}  # as read: quotes normalised
    assert len(agencies) == 1 and agencies.pop() in shown
    assert name in shown and f"（七）总计{evil}" in shown and f"3050{evil}" in shown
    rules = {f["rule"] for entry in found["files"] for f in entry["findings"]}
    assert {"W2-row-missing", "A4", "W10-agency"} <= rules
    csp = next(m for m in doc.iter("meta") if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp.get("content", "") and "script-src" not in csp.get("content", "")


def render_run(results: list[FileResult], lang: str = "en") -> ET.Element:
    out = io.StringIO()
    HtmlFormatter(out, lang).write(RunResult(results, Severity.ERROR, lang))
    return parse(out.getvalue())


def test_an_unreadable_file_gets_its_finding_and_no_snapshot(tmp_path: Path) -> None:
    garbage = Path(__file__).parent / "fixtures" / "pdf" / "garbage.pdf"
    status, found = check([garbage], tmp_path / "report.html")
    (entry,) = found["files"]
    assert status == 1 and entry["status"] == "error"
    doc = parse(tmp_path / "report.html")
    (article,) = doc.iter("article")
    assert article.get("data-rule") == entry["findings"][0]["rule"]
    assert not list(doc.iter("img"))
    assert "could not be read: no snapshot" in text_of(article)


def test_a_finding_without_a_box_gets_the_whole_page_and_the_cap_is_said(engine: Engine) -> None:
    path = str(WRONG_TOTAL_PDF)
    result = engine.check_file(WRONG_TOTAL_PDF)
    no_box = Finding("X1", "cell", Severity.WARNING, Text("整页", "whole page"), path, Location(path, page=2))
    doc = render_run([replace(result, findings=[no_box])])
    (article,) = doc.iter("article")
    (snap,) = (d for d in article.iter("div") if "snap" in classes(d))
    assert snap.get("data-region") == "0.00,0.00,595.30,841.89" and not list(snap.iter("span"))
    # past the cap: the finding is listed, without a snapshot, and the page says why
    many = [replace(result.findings[0], row=f"r{i}") for i in range(SNAPSHOT_CAP + 3)]
    doc = render_run([replace(result, findings=many)], "zh")
    listed = list(doc.iter("article"))
    assert len(listed) == SNAPSHOT_CAP + 3
    with_snaps = [a for a in listed if any("snap" in classes(d) for d in a.iter("div"))]
    assert len(with_snaps) == SNAPSHOT_CAP
    assert all(f"超出每个文件 {SNAPSHOT_CAP} 张截图的上限" in text_of(a) for a in listed if a not in with_snaps)
    assert f"每个文件最多 {SNAPSHOT_CAP} 张截图" in text_of(doc)


def test_bound_tables_show_values_with_blank_zero_slash_and_text_apart(tmp_path: Path) -> None:
    variant = write_variant("t4-total-blanked", tmp_path)  # 表四's row: "1 0 0 0 / 0 …"
    status, found = check([variant], tmp_path / "report.html")
    doc = parse(tmp_path / "report.html")
    details = next(d for d in doc.iter("details") if "tables" in classes(d))
    cells = [td for td in details.iter("td") if td.get("title")]
    kinds = Counter((classes(td) & {"k-number", "k-zero", "k-blank", "k-not_applicable", "k-text"}).pop() for td in cells)
    assert kinds["k-not_applicable"] == 1 and kinds["k-zero"] > 10 and kinds["k-number"] > 5
    slash = next(td for td in cells if "k-not_applicable" in classes(td))
    assert text_of(slash) == "/" and "'/'" in slash.get("title", "")
    one = [td for td in cells if "k-number" in classes(td) and text_of(td) == "1"]
    assert one and all("'1'" in td.get("title", "") for td in one)
    # a "/" total is a cell warning and B1 cannot be verified (info): nothing fails the run
    assert status == 0
    assert [(f["rule"], f["severity"]) for f in found["files"][0]["findings"]] == [
        ("B1", "info"),
        ("CELL-na", "warning"),
    ]


def test_a_text_run_with_the_html_format_imports_no_pdf_library(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"status = main([{str(SEED)!r}, '--format', 'html:{tmp_path / 'r.html'}'])\n"
        "print(status, sorted(m for m in ('pypdfium2', 'pdfplumber', 'docx', 'html5lib', 'selectolax') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0 []"
    assert "运城市交通运输局" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_status_error_files_are_not_read_again(tmp_path: Path) -> None:
    """A file the check could not read is not re-read for the report (nor rendered)."""
    missing = tmp_path / "gone.pdf"
    finding = Finding("EXTRACT-io", "extract", Severity.ERROR, Text("无法打开", "cannot open"), str(missing), Location(str(missing)))
    doc = render_run([FileResult(str(missing), Status.ERROR, "gov", "pdf", [finding])])
    (article,) = doc.iter("article")
    assert "could not be read" in text_of(article) and not list(doc.iter("img"))


def test_a_rotated_page_is_cropped_in_the_coordinates_it_is_shown_in(tmp_path: Path) -> None:
    """rotated.pdf: a page stored with /Rotate 90. The boxes are as shown; so must the crops be."""
    rotated = Path(__file__).parent / "fixtures" / "pdf" / "rotated.pdf"
    _, found = check([rotated], tmp_path / "report.html")
    doc = parse(tmp_path / "report.html")
    snaps = [d for d in doc.iter("div") if "snap" in classes(d) and d.find("img") is not None]
    assert snaps
    for snap in snaps:
        x0, top, x1, bottom = (float(v) for v in snap.get("data-region", "").split(","))
        img = snap.find("img")
        assert img is not None
        assert x1 == 595.0  # the page as shown is 595 points wide
        assert abs(int(img.get("width", 0)) / int(img.get("height", 1)) - (x1 - x0) / (bottom - top)) < 0.02
    heading = next(f for f in found["files"][0]["findings"] if f["location"].get("bbox"))
    assert heading["location"]["page"] == 1


def test_an_internal_error_in_one_files_evidence_is_said_and_the_page_still_lists_its_findings(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.formatters.html_report import page

    def broken(*args: object) -> str:
        raise RuntimeError("planted")

    monkeypatch.setattr(page.FileView, "snapshots", broken)
    result = engine.check_file(WRONG_TOTAL_PDF)
    doc = render_run([result, result])
    # in document order: X3 on the prose of 一 (page 1) before the table's A1, A2, A3
    assert [a.get("data-rule") for a in doc.iter("article")] == ["X3", "A1", "A2", "A3"] * 2
    assert "internal error while making this file's evidence" in text_of(doc) and "planted" in text_of(doc)
    assert not list(doc.iter("img"))
    assert "RuntimeError('planted')" in capsys.readouterr().err


def test_bound_tables_outline_the_cells_the_findings_are_about(pdf_report: tuple[Path, dict[str, Any]]) -> None:
    out, found = pdf_report
    doc = parse(out)
    wrong = next(f for f in found["files"] if f["path"].endswith("wrong-total.pdf"))
    section = next(s for s in doc.iter("section") if s.get("data-path") == wrong["path"])
    details = next(d for d in section.iter("details") if "tables" in classes(d))
    hit = {role: sorted(text_of(td) for td in details.iter("td") if f"hit-{role}" in classes(td)) for role in ("cell", "op")}
    # 表三 总计 column: 3119 (A1's cell) and 3051 (A2's, A3's) in red; every other operand in blue
    assert hit["cell"] == ["3051", "3119"]
    operands = {o["raw"] for f in arithmetic(wrong["findings"]) for o in f["operands"]} - {"3051", "3119"}
    assert set(hit["op"]) == operands


def test_a_thousand_file_run_where_most_pass_stays_small(engine: Engine) -> None:
    """Passing files of a big run are a summary row each; only the failing file is read again."""
    failing = engine.check_file(WRONG_TOTAL_PDF)
    passing = [FileResult(f"reports/r{i:04}.pdf", Status.PASS, "gov-2021", "pdf", [], 2024, "V2021", "某某局")
               for i in range(999)]
    out = io.StringIO()
    HtmlFormatter(out, "en").write(RunResult([*passing, failing], Severity.ERROR, "en"))
    page = out.getvalue()
    doc = parse(page)
    assert [s.get("data-path") for s in doc.iter("section")] == [str(WRONG_TOTAL_PDF)]
    assert len(list(next(iter(doc.iter("table"))).iter("tr"))) == 1001  # the head and a row a file
    assert len(page) < 1_500_000, len(page)


@pytest.mark.parametrize(("lang", "kind", "said"), [
    ("zh", "waiver", "已豁免（豁免清单）：办公室已认可"),
    ("en", "waiver", "suppressed (waiver): 办公室已认可"),
    ("zh", "baseline", "已豁免（基线）：办公室已认可"),
    ("zh", "plugin-kind", "已豁免（plugin-kind）：办公室已认可"),  # a plugin's own kind, as it is
])
def test_a_suppressed_finding_says_why_in_the_pages_language(lang: str, kind: str, said: str) -> None:
    from checker.finding import Suppression

    path = "r.txt"
    finding = Finding("A1", "sum", Severity.ERROR, Text("甲", "a"), path, Location(path, line=3),
                      suppression=Suppression(kind, "办公室已认可"))
    doc = render_run([FileResult(path, Status.PASS, "gov-2021", "text", [finding])], lang)
    (article,) = doc.iter("article")
    assert said in text_of(article)
