"""PDF through the whole engine: extract, bind to the 2021 pack, run the rules.

The real WPS report binds completely and passes every table rule; a seeded arithmetic error in a
synthetic report is reported at its page and box, and, in the table drawn without ruling lines,
flagged as resting on an uncertain reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.binding import bind
from checker.engine import Engine, Settings
from checker.finding import Status
from checker.plugins import BUILTIN_PLUGINS
from tests.fixtures import pdfgen
from tests.test_pdf_extractor import CORPUS, T3, T4_VALUES, extract

T3_COLUMNS = ["natural", "commercial", "research", "welfare", "legal", "other", "total"]
T3_ROWS = ["new", "carried_in", "open", "partial", *[f"deny_{i}" for i in range(1, 9)],
           *[f"unable_{i}" for i in range(1, 4)], *[f"noproc_{i}" for i in range(1, 6)],
           *[f"other_{i}" for i in range(1, 4)], "total", "carried_out"]
T4_COLUMNS = [f"{g}.{r}" for g in ("review", "direct", "after")
              for r in ("upheld", "corrected", "other", "pending", "total")]


@pytest.fixture(scope="module")
def pdf_engine() -> Engine:
    """The built-in plugins and the PDF extractor, registered directly (no installed package)."""
    return Engine(Settings(plugins=(*BUILTIN_PLUGINS, "checker.extractors.pdf"), entry_points=False))


def test_huaian_binds_every_cell_with_page_and_box(pdf_engine: Engine) -> None:
    document = extract(CORPUS)
    report = bind(document, pdf_engine.registry.load("gov-2021"))
    assert report.year == 2024 and report.agency == "淮安市人民政府"
    assert [s.id for s in report.sections] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    t3 = report.tables["T3"]
    assert not t3.missing_rows and not t3.missing_columns
    for row_id, (_, values) in zip(T3_ROWS, T3):
        for column_id, printed in zip(T3_COLUMNS, values.split()):
            cell = t3.get(row_id, column_id)
            assert cell is not None and cell.value.raw == printed, (row_id, column_id)
            assert cell.location.page in (4, 5) and cell.location.bbox is not None
            assert not cell.uncertain
    total = t3.get("total", "natural")
    assert total is not None and total.location.page == 5 and total.value.raw == "2932"
    t4 = report.tables["T4"]
    assert [c.value.raw for c in (t4.get("value", col) for col in T4_COLUMNS) if c] == T4_VALUES
    t2 = report.tables["T2"]
    assert len(t2.cells) == 10 and {c.location.page for c in t2.cells.values()} == {3, 4}


def test_huaian_only_lacks_its_closing_block(pdf_engine: Engine) -> None:
    result = pdf_engine.check_file(CORPUS)
    assert (result.format, result.version, result.report_year) == ("pdf", "V2021", 2024)
    assert [(f.rule, f.location.page) for f in result.findings] == [("W10-missing", 6)]
    assert result.status is Status.FAIL


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_seeded_error_is_found_at_its_page_and_box(pdf_engine: Engine, tmp_path: Path, ruled: bool) -> None:
    values = [list(row) for row in pdfgen.T3_VALUES]
    values[2][0] = 61  # （一）予以公开 × 自然人: 60 → 61, so its row total and the column total break
    path = pdfgen.write_report(tmp_path / "seeded.pdf", ruled=ruled, t3_values=values)
    result = pdf_engine.check_file(path)
    table = {(f.rule, f.row, f.column, f.expected, f.actual): f for f in result.findings if f.table == "表三"}
    assert set(table) == {
        ("A3", "（一）予以公开", "总计", "66", "65"),
        ("A2", "（七）总计", "自然人", "126", "125"),
    }
    a3 = table[("A3", "（一）予以公开", "总计", "66", "65")]
    a2 = table[("A2", "（七）总计", "自然人", "126", "125")]
    assert a3.location.page == 2 and a2.location.page == 3  # 表三 splits over pages 2 and 3
    assert a3.location.bbox is not None
    x0, _, x1, _ = a3.location.bbox
    assert x0 > 450 and x1 < 530  # the 总计 column, right-hand side of the table
    assert a3.uncertain is (not ruled) and a2.uncertain is (not ruled)
    others = sorted(f.rule for f in result.findings if f.table != "表三")
    # no closing block, no fee mentioned although 表三 （六）2 counts unpaid fee notices (X5)
    assert others == ["W10-missing", "W7-fee", "X5"]


def test_unreadable_pdf_is_status_error_not_missing_sections(pdf_engine: Engine) -> None:
    scan = Path(__file__).parent / "fixtures" / "pdf" / "scan.pdf"
    result = pdf_engine.check_file(scan)
    assert result.status is Status.ERROR
    assert [f.rule for f in result.findings] == ["EXTRACT-pdf-no-text"]
