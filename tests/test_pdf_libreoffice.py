"""PDFs an office suite makes from the official template: the DOCX fixture through LibreOffice
(``tests/fixtures/render_pdf.py``), checked end to end. Clean reports pass; each seeded defect gives
exactly its findings, at the page and box where the cell is printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.engine import Engine
from checker.finding import Status
from tests.fixtures.content import ReportContent, huaian_2021, seed_2019, with_cell
from tests.fixtures.render_pdf import render_pdf
from tests.tools import require

CASES: dict[str, Callable[[], ReportContent]] = {
    "clean-2021": huaian_2021,
    "clean-2019": seed_2019,
    "t3-total": lambda: with_cell(huaian_2021(), "T3", "total", "total", "3051"),
    "t4-total": lambda: with_cell(huaian_2021(), "T4", "value", 4, "350"),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require("soffice")
    out = tmp_path_factory.mktemp("libreoffice")
    return {name: render_pdf(make(), out / f"{name}.pdf") for name, make in CASES.items()}


@pytest.mark.parametrize(("name", "version", "year"), [("clean-2021", "V2021", 2024), ("clean-2019", "V2019", 2020)])
def test_clean_office_pdf_passes(engine: Engine, pdfs: dict[str, Path], name: str, version: str, year: int) -> None:
    result = engine.check_file(pdfs[name])
    assert (result.format, result.version, result.report_year) == ("pdf", version, year)
    assert result.findings == [] and result.status is Status.PASS


def test_office_pdf_table3_split_and_joined(pdfs: dict[str, Path]) -> None:
    from checker.extractors.base import Limits
    from checker.extractors.pdf import PdfExtractor

    doc = PdfExtractor().extract(pdfs["clean-2021"], Limits())
    t3 = doc.tables[1]
    assert len(t3.rows) == 28 and {row[3].location.page for row in t3.rows[3:]} == {1, 2}
    assert {row[0].text for row in t3.rows[5:27]} == {"三、本年度办理结果"}
    assert [c.text for c in t3.rows[26][3:]] == ["2932", "53", "0", "0", "61", "4", "3050"]


def test_seeded_table3_total_found_at_its_cell(engine: Engine, pdfs: dict[str, Path]) -> None:
    result = engine.check_file(pdfs["t3-total"])
    found = {(f.rule, f.row, f.column, f.expected, f.actual): f for f in result.findings}
    assert set(found) == {
        ("A1", None, "总计", "3154", "3153"),
        ("A2", "（七）总计", "总计", "3050", "3051"),
        ("A3", "（七）总计", "总计", "3050", "3051"),
        ("X3", "（七）总计", "总计", "3051", "3050"),  # the prose still says 答复3050件
    }
    cell = found[("A3", "（七）总计", "总计", "3050", "3051")].location
    assert cell.page == 2 and cell.bbox is not None
    x0, top, x1, bottom = cell.bbox
    assert x0 > 480 and x1 < 560 and bottom - top < 30  # the 总计 column, one row high
    assert not any(f.uncertain for f in result.findings)


def test_seeded_table4_total_found_at_its_cell(engine: Engine, pdfs: dict[str, Path]) -> None:
    result = engine.check_file(pdfs["t4-total"])
    assert [(f.rule, f.column, f.expected, f.actual) for f in result.findings] == [
        ("B1", "行政复议 / 总计", "351", "350")]
    assert result.findings[0].location.page == 2 and result.findings[0].location.bbox is not None
