"""The PDF fixture: the DOCX fixture through LibreOffice (installed by .ci/run)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from tests.fixtures.content import huaian_2021, seed_2019, with_cell
from tests.fixtures.render_pdf import render_pdf
from tests.tools import require


def pdf_text(path: Path) -> tuple[str, int]:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages), len(pdf.pages)


def test_pdf_fixture_carries_the_report(tmp_path: Path) -> None:
    require("soffice")
    content = with_cell(huaian_2021(), "T3", "total", "total", "3051")
    path = render_pdf(content, tmp_path / "huaian.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    text, pages = pdf_text(path)
    flat = text.replace(" ", "")
    assert pages >= 2
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in flat
    for heading in ("一、总体情况", "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"):
        assert heading in flat
    assert "3051" in text and "96171.6" in text and "2025年3月20日" in flat


def test_pdf_fixture_2019_layout(tmp_path: Path) -> None:
    require("soffice")
    text, _ = pdf_text(render_pdf(seed_2019(), tmp_path / "seed.pdf"))
    flat = text.replace(" ", "")
    assert "第二十条第（九）项" in flat and "1196.41万元" in flat and "运城市交通运输局" in flat
