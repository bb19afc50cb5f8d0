"""Inputs and readers for the HTML evidence report's tests (tests/test_html_report*.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "huaian-gov-2024.pdf"
WRONG_TOTAL_PDF = ROOT / "tests" / "fixtures" / "office-pdf" / "wrong-total.pdf"


def wrong_total_files(folder: Path) -> list[Path]:
    """The seeded defect of wrong-total.pdf (表三 （七）总计 × 总计 3050 → 3051) as DOCX, HTML and text."""
    from tests.fixtures.content import huaian_2021, with_cell
    from tests.fixtures.render_docx import render_docx
    from tests.fixtures.render_html import render_html
    from tests.fixtures.render_text import render_text

    folder.mkdir(parents=True, exist_ok=True)
    content = with_cell(huaian_2021(), "T3", "total", "total", "3051")
    return [
        render_docx(content, folder / "wrong-total.docx"),
        render_html(content, folder / "wrong-total.html"),
        render_text(content, folder / "wrong-total.txt"),
    ]


def check(paths: list[Path], out: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """Run the CLI once with the HTML and the JSON format; the exit status and the JSON findings."""
    json_out = out.with_suffix(".json")
    status = main([*map(str, paths), "--format", f"html:{out}", "--format", f"json:{json_out}", "-j", "1", *extra])
    return status, json.loads(json_out.read_text(encoding="utf-8"))


def pdf_text_in(path: str, page: int, bbox: list[float]) -> str:
    """The text pypdfium2 finds inside a box (top-left origin, points) of a page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        p = pdf[page - 1]
        height = p.get_height()
        textpage = p.get_textpage()
        x0, top, x1, bottom = bbox
        return "".join(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top).split())
    finally:
        pdf.close()
