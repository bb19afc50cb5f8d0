"""One report content, three file formats: the same grids, the same findings through the engine.

DOCX, HTML and text fixtures are rendered from the same :class:`ReportContent`; each extractor must
read back the template's expanded grids, and the grid binder and rules must then say the same thing
about every file, pointing into each in its own terms (table/row/col, element path, line).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.engine import Engine, Settings
from checker.extractors.base import Limits
from checker.extractors.docx import DocxExtractor
from checker.extractors.html import HtmlExtractor
from checker.extractors.text import TextExtractor
from checker.finding import FileResult, Status
from checker.plugins import BUILTIN_PLUGINS
from tests.fixtures.content import (
    ReportContent,
    huaian_2021,
    seed_2019,
    table_grid,
    with_agency,
    with_cell,
    with_closing_date,
    without_closing,
    without_section,
    without_table,
)
from tests.fixtures.render_docx import render_docx
from tests.fixtures.render_html import render_html
from tests.fixtures.render_text import render_text

Renderer = Callable[..., Path]
RENDERERS: dict[str, Renderer] = {"docx": render_docx, "html": render_html, "txt": render_text}
EXTRACTORS = {"docx": DocxExtractor, "html": HtmlExtractor, "txt": TextExtractor}
FORMATS = {"docx": "docx", "html": "html", "txt": "text"}
T3, T4 = "表三", "表四"


@pytest.fixture(scope="module")
def engine() -> Engine:
    # The built-ins registered directly, so the test does not depend on an installed distribution.
    plugins = (*BUILTIN_PLUGINS, "checker.extractors.docx", "checker.extractors.html")
    return Engine(Settings(plugins=plugins, entry_points=False))


def summary(result: FileResult) -> list[tuple[object, ...]]:
    return [(f.rule, f.severity.value, f.table, f.row, f.column, f.expected, f.actual)
            for f in sorted(result.findings)]


@pytest.mark.parametrize("builder", [seed_2019, huaian_2021])
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_grids_read_back(builder: Callable[[], ReportContent], fmt: str, tmp_path: Path) -> None:
    content = builder()
    path = RENDERERS[fmt](content, tmp_path / f"r.{fmt}")
    doc = EXTRACTORS[fmt]().extract(path, Limits())
    assert [t.texts() for t in doc.tables] == [table_grid(content, t) for t in ("T2", "T3", "T4")]


@pytest.mark.parametrize(("builder", "expected"), [
    (seed_2019, ("gov-2019", "V2019", 2020, "运城市交通运输局")),
    (huaian_2021, ("gov-2021", "V2021", 2024, "淮安市人民政府")),
])
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_clean_fixture_passes(engine: Engine, builder: Callable[[], ReportContent],
                              expected: tuple[object, ...], fmt: str, tmp_path: Path) -> None:
    result = engine.check_file(RENDERERS[fmt](builder(), tmp_path / f"r.{fmt}"))
    assert result.findings == [] and result.status is Status.PASS
    assert (result.pack, result.version, result.report_year, result.agency) == expected
    assert result.format == FORMATS[fmt]


DEFECTS: dict[str, tuple[Callable[[], ReportContent], list[tuple[object, ...]]]] = {
    "t3-cell": (lambda: with_cell(seed_2019(), "T3", "new", "natural", "1"), [
        ("A1", "error", T3, None, "自然人", "0", "1"),
        ("A3", "error", T3, "一、本年新收政府信息公开申请数量", "总计", "1", "0"),
    ]),
    "t3-total": (lambda: with_cell(huaian_2021(), "T3", "total", "total", "3051"), [
        ("X3", "warning", T3, "（七）总计", "总计", "3051", "3050"),  # the prose still says 答复3050件
        ("A1", "error", T3, None, "总计", "3154", "3153"),
        ("A2", "error", T3, "（七）总计", "总计", "3050", "3051"),
        ("A3", "error", T3, "（七）总计", "总计", "3050", "3051"),
    ]),
    "t4-blank": (lambda: with_cell(huaian_2021(), "T4", "value", "review.total", ""), [
        ("B1", "info", T4, None, "行政复议 / 总计", None, None),
        ("CELL-blank", "warning", T4, None, "行政复议 / 总计", None, ""),
    ]),
    "late": (lambda: with_closing_date(seed_2019(), "2021年2月26日"),
             [("W4-late", "error", None, None, None, "2021年1月31日", "2021年2月26日")]),
    "agency": (lambda: with_agency(seed_2019(), "运城市公路管理局"),
               [("W10-agency", "error", None, None, None, "运城市交通运输局", "运城市公路管理局")]),
    "no-section-5": (lambda: without_section(seed_2019(), 5),
                     [("W1-missing", "error", None, None, None, None, None)]),
    "no-heading-3": (lambda: without_section(huaian_2021(), 3, keep_body=True),
                     [("W1-missing", "error", None, None, None, None, None)]),
    "no-table-3": (lambda: without_table(huaian_2021(), "T3"),
                   [("W2-table-missing", "error", T3, None, None, None, None)]),
    "no-closing": (lambda: without_closing(huaian_2021()),
                   [("W10-missing", "error", None, None, None, None, None)]),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_defect_findings(engine: Engine, defect: str, fmt: str, tmp_path: Path) -> None:
    builder, expected = DEFECTS[defect]
    result = engine.check_file(RENDERERS[fmt](builder(), tmp_path / f"{defect}.{fmt}"))
    # the same findings in every format; their order may differ (a DOCX paragraph and a table cell
    # have no common position)
    assert sorted(summary(result), key=str) == sorted(expected, key=str)
    # A blank total is a warning (the cell) and info (the sums it leaves unverified): it passes.
    assert result.status is (Status.FAIL if any(e[1] == "error" for e in expected) else Status.PASS)


def test_findings_point_into_each_file(engine: Engine, tmp_path: Path) -> None:
    content = with_cell(huaian_2021(), "T3", "total", "total", "3051")
    by_format = {}
    for fmt, render in RENDERERS.items():
        result = engine.check_file(render(content, tmp_path / f"r.{fmt}"))
        by_format[fmt] = next(f for f in result.findings if f.rule == "A2")
    docx_loc, html_loc = by_format["docx"].location, by_format["html"].location
    assert (docx_loc.table, docx_loc.row, docx_loc.col) == (1, 26, 9)
    # the row's <tr> holds the （七）总计 label cell and 7 values: 总计 is its 8th <td>
    assert html_loc.element == (
        "div#content > table:nth-of-type(2) > tr:nth-of-type(27) > td:nth-of-type(8)")
    text_line = (tmp_path / "r.txt").read_text(encoding="utf-8").splitlines()[by_format["txt"].location.line - 1]
    assert "（七）总计" in text_line and text_line.endswith("| 3051")
    assert len({f.fingerprint for f in by_format.values()}) == 1


@pytest.mark.parametrize("meta", ["charset", "http-equiv", None])
def test_gbk_page_passes_like_the_utf8_one(engine: Engine, meta: str | None, tmp_path: Path) -> None:
    path = render_html(seed_2019(), tmp_path / "gbk.html", encoding="gbk", meta=meta)
    result = engine.check_file(path)
    assert result.findings == [] and result.agency == "运城市交通运输局"


def test_table_images_are_reported_and_the_tables_missing(engine: Engine, tmp_path: Path) -> None:
    result = engine.check_file(render_html(huaian_2021(), tmp_path / "i.html", tables_as_images=True))
    rules = [f.rule for f in sorted(result.findings)]
    assert rules.count("EXTRACT-html-table-image") == 3
    assert rules.count("W2-table-missing") == 3
    assert result.status is Status.FAIL
