"""The committed office-suite PDFs (tests/fixtures/office-pdf/, made by make_office_pdfs.py: the
official template filled in and exported by LibreOffice, as agencies make their PDFs) give exactly
their findings; the script still makes files that give the same findings; and the reportlab report
set in the CID font STSong-Light (not embedded, as many PDF writers leave Chinese text) is checked
end to end as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.engine import Engine, Settings
from checker.finding import FileResult, Status
from checker.plugins import BUILTIN_PLUGINS
from tests.fixtures.make_office_pdfs import CASES, OUT, make_all
from tests.tools import require

PDF = Path(__file__).parent / "fixtures" / "pdf"
T3, T4 = "表三", "表四"
TOTAL = "（七）总计"

# (rule, severity, table, row, column, expected, actual, page) of every finding, in report order.
Summary = tuple[Any, ...]
EXPECTED: dict[str, list[Summary]] = {
    "clean-2021": [],
    "clean-2019": [],
    # 一 + 二 = （七）总计 + 四 is anchored at the column's first cell (一、本年新收, page 1);
    # the total itself is printed on page 2, where 表三 continues.
    "wrong-total": [
        ("X3", "warning", T3, TOTAL, "总计", "3051", "3050", 1),  # the prose still says 答复3050件
        ("A1", "error", T3, None, "总计", "3154", "3153", 1),
        ("A2", "error", T3, TOTAL, "总计", "3050", "3051", 2),
        ("A3", "error", T3, TOTAL, "总计", "3050", "3051", 2),
    ],
    # A blank cell: the sums cannot be made (expected and actual None; info, not an error) and
    # the blank is warned.
    "blank-total": [
        ("A1", "info", T3, None, "总计", None, None, 1),
        ("A2", "info", T3, TOTAL, "总计", None, None, 2),
        ("A3", "info", T3, TOTAL, "总计", None, None, 2),
        ("CELL-blank", "warning", T3, TOTAL, "总计", None, "", 2),
    ],
    # A missing section is reported where it belongs: at the next heading, 六 (page 2).
    "missing-section": [("W1-missing", "error", None, None, None, None, None, 2)],
    # 淮安市人民政府 is a people's government: its deadline is 31 March of the next year.
    "late-date": [("W4-late", "error", None, None, None, "2025年3月31日", "2025年4月2日", 2)],
    "wrong-total-2019": [("B1", "error", T4, None, "行政复议 / 总计", "0", "1", 3)],
}
IDENTITY = {  # name -> (pack, version, report year, agency)
    **{name: ("gov-2021", "V2021", 2024, "淮安市人民政府") for name in CASES if not name.endswith("2019")},
    "clean-2019": ("gov-2019", "V2019", 2020, "运城市交通运输局"),
    "wrong-total-2019": ("gov-2019", "V2019", 2020, "运城市交通运输局"),
}


@pytest.fixture(scope="module")
def pdf_engine() -> Engine:
    """The built-in plugins and the PDF extractor, registered directly: no installed plugin adds
    rules."""
    plugins = (*BUILTIN_PLUGINS, "checker.extractors.pdf")
    return Engine(Settings(plugins=plugins, entry_points=False))


def summary(result: FileResult) -> list[Summary]:
    return [(f.rule, f.severity.value, f.table, f.row, f.column, f.expected, f.actual,
             f.location.page) for f in sorted(result.findings)]


def without_path(value: Any) -> Any:
    """A finding's JSON with every ``path`` key dropped (the file's name is all that differs)."""
    if isinstance(value, dict):
        return {k: without_path(v) for k, v in value.items() if k != "path"}
    if isinstance(value, list):
        return [without_path(v) for v in value]
    return value


def test_every_case_is_committed_and_small() -> None:
    assert sorted(p.stem for p in OUT.glob("*.pdf")) == sorted(CASES) == sorted(EXPECTED)
    for name in CASES:
        data = (OUT / f"{name}.pdf").read_bytes()
        assert len(data) < 150_000, name
        assert b"/Producer<FEFF004C0069006200720065004F0066006600690063" in data  # "LibreOffice"


@pytest.mark.parametrize("name", sorted(CASES))
def test_committed_pdf_gives_exactly_its_findings(pdf_engine: Engine, name: str) -> None:
    result = pdf_engine.check_file(OUT / f"{name}.pdf")
    assert (result.pack, result.version, result.report_year, result.agency) == IDENTITY[name]
    assert result.format == "pdf"
    assert summary(result) == EXPECTED[name]
    assert not any(f.uncertain for f in result.findings)  # ruled tables: every cell read for sure
    failing = any(f[1] == "error" for f in EXPECTED[name])
    assert result.status is (Status.FAIL if failing else Status.PASS)


def test_regenerated_pdfs_give_the_committed_findings(pdf_engine: Engine, tmp_path: Path) -> None:
    require("soffice")
    fresh = make_all(tmp_path)
    assert sorted(fresh) == sorted(CASES)
    for name, path in fresh.items():
        committed = pdf_engine.check_file(OUT / f"{name}.pdf")
        regenerated = pdf_engine.check_file(path)
        assert summary(regenerated) == EXPECTED[name], name
        assert (without_path([f.to_dict() for f in sorted(regenerated.findings)])
                == without_path([f.to_dict() for f in sorted(committed.findings)])), name


# The reportlab report (tests/fixtures/pdfgen.py) sets every character in STSong-Light, a CID font
# the file names but does not embed: the text comes from the font's CMap (UniGB-UCS2-H), not from
# an embedded font's ToUnicode map. Its tables are consistent; it has no closing block and does not
# mention the processing fee although 表三 （六）2 counts unpaid fee notices, so it fails on exactly
# those three.
CID_EXPECTED = [
    ("W10-missing", "error", None, None, None, None, None, 3),
    ("W7-fee", "warning", None, None, None, None, None, 3),
    ("X5", "warning", None, None, None, None, "1", 3),
]


@pytest.mark.parametrize("name", ["report-ruled", "report-borderless"])
def test_cid_font_report_checked_end_to_end(pdf_engine: Engine, name: str) -> None:
    path = PDF / f"{name}.pdf"
    data = path.read_bytes()
    assert b"/CIDFontType0" in data and b"/STSong-Light" in data and b"/FontFile" not in data
    result = pdf_engine.check_file(path)
    assert (result.pack, result.version, result.report_year, result.agency) == (
        "gov-2021", "V2021", 2024, "某某市人民政府")
    assert summary(result) == CID_EXPECTED
    assert result.status is Status.FAIL
