"""What the producer matrix exposed, pinned down on its own: a printed web page's breadcrumb is not
the agency; a text layer garbled in places is reported, a few Latin letters are not; a border
drawn as a straight bezier curve is a ruling."""

from __future__ import annotations

from pathlib import Path

from checker.engine import Engine
from checker.extractors.pdf.problems import is_garbled
from checker.extractors.pdf.rulings import _straight
from tests.conftest import CORPUS
from tests.fixtures.content import huaian_2021
from tests.fixtures.render_text import to_text


def test_breadcrumb_before_the_title_is_not_the_agency(engine: Engine, tmp_path: Path) -> None:
    # What Chromium's print of a government page reads as, before the title (which wraps).
    site = ("淮安市人民政府门户网站\n搜索\n首页\n政务公开\n政府信息公开年报\n互动交流\n"
            "当前位置：首页 > 政务公开 > 政府信息公开年报 > 淮安市人民政府2024年政府信息公开工作年度报\n告\n")
    path = tmp_path / "printed.txt"
    path.write_text(site + to_text(huaian_2021()), encoding="utf-8")
    result = engine.check_file(path)
    assert (result.agency, result.report_year) == ("淮安市人民政府", 2024)
    assert [f.rule for f in result.findings] == []


def test_text_garbled_in_places_is_reported() -> None:
    good = to_text(huaian_2021())
    assert is_garbled(good)[0] is False
    # Ghostscript over Chromium: some glyphs mapped to Latin-1 letters and C1 controls.
    bad = good.replace("公", "|").replace("市", "ó").replace("报", "ç").replace("（", "ÿ").replace("）", "Ā")
    garbled, sample = is_garbled(bad)
    assert garbled
    assert sample == "淮安\\xf3人民政府2024年政府信息"  # the damage shown, the Chinese kept readable


def test_a_few_latin_letters_are_not_garbage() -> None:
    text = to_text(huaian_2021()) + "温度 20°C，面积 3×4 米，Café René Müller 来访。"
    assert is_garbled(text)[0] is False


def test_real_reports_are_not_garbled() -> None:
    from checker.extractors.base import Limits
    from checker.extractors.pdf import PdfExtractor

    for path in [CORPUS / "huaian-gov-2024.pdf", *sorted((CORPUS / "budget").glob("*.pdf"))]:
        doc = PdfExtractor().extract(path, Limits())
        assert is_garbled(doc.text())[0] is False, path.name


def test_straight_bezier_is_a_ruling_a_bulging_one_is_not() -> None:
    assert _straight((0, 10), (30, 10), (60, 10.2), (90, 10))  # control points on the border
    assert _straight((5, 0), (5, 40), (5, 80), (5, 120))
    assert not _straight((0, 10), (30, 40), (60, 40), (90, 10))  # an arc: a logo, not a ruling
    assert not _straight((0, 10), (-20, 10), (60, 10), (90, 10))  # overshoots its ends
