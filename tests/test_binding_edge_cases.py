"""Shapes of correct reports that must not raise a false error."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.binding import bind
from checker.engine import Engine
from checker.values import ValueKind
from tests.conftest import CORPUS
from tests.seeded import apply, seed_text

PASSING_VARIANTS = {
    # "五．" with a full-width full stop is the format's "五、".
    "heading-fullwidth-stop": [("五、存在的主要问题及改进情况", "五．存在的主要问题及改进情况")],
    # The seal's place printed after the agency.
    "closing-seal": [("运城市交通运输局\n\n2021 年 1 月 26 日", "运城市交通运输局（印章）\n\n2021 年 1 月 26 日")],
    # Agency and date on one line.
    "closing-one-line": [("运城市交通运输局\n\n2021 年 1 月 26 日", "运城市交通运输局 2021年1月26日")],
    # The date in Chinese numerals.
    "closing-chinese-date": [("2021 年 1 月 26 日", "二〇二一年一月二十六日")],
}


@pytest.mark.parametrize("variant", sorted(PASSING_VARIANTS))
def test_correct_variants_pass(variant: str, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / f"{variant}.txt"
    path.write_text(apply(seed_text(), PASSING_VARIANTS[variant]), encoding="utf-8")
    assert engine.check_file(path).findings == []


def test_blank_table4_is_blank_cells_not_a_missing_table(engine: Engine) -> None:
    template = CORPUS / "template-2021.docx"
    document = engine.extract(template)
    report = bind(document, engine.registry.load("gov-2021"))
    t4 = report.tables["T4"]
    assert len(t4.cells) == 15
    assert {cell.value.kind for cell in t4.cells.values()} == {ValueKind.BLANK}



@pytest.mark.parametrize(
    ("heading", "rule"),
    [("五 存在的主要问题及改进情况", "W1-near-miss"), ("存在的主要问题及改进情况", "W1-near-miss")],
)
def test_heading_without_its_numbering_is_a_near_miss(heading: str, rule: str, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "heading.txt"
    path.write_text(apply(seed_text(), [("五、存在的主要问题及改进情况", heading)]), encoding="utf-8")
    result = engine.check_file(path)
    assert [(f.rule, f.section) for f in result.findings] == [(rule, "五、存在的主要问题及改进情况")]


def test_html_title_outside_the_content_comes_from_the_page_title(engine: Engine, tmp_path: Path) -> None:
    import re

    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_html import render_html

    page = render_html(huaian_2021(), tmp_path / "page.html")
    html = re.sub(r'<h1 class="article-title">.*?</h1>', "", page.read_text(encoding="utf-8"))
    assert "<title>淮安市人民政府2024年政府信息公开工作年度报告_淮安市人民政府</title>" in html
    page.write_text(html, encoding="utf-8")
    result = engine.check_file(page)
    # The agency (a government: due 31 March) comes from <title>, so its 20 March date is on time.
    assert (result.agency, result.report_year, result.findings) == ("淮安市人民政府", 2024, [])


def test_second_numbering_inside_section_one_is_extra_not_duplicate(engine: Engine, tmp_path: Path) -> None:
    """Sub-topics numbered 一、二、 inside 总体情况, one close to a section's own heading."""
    anchor = "一是建立健全信息公开机构。"
    path = tmp_path / "sub.txt"
    path.write_text(apply(seed_text(), [(anchor, "二、主动公开政府信息\n\n" + anchor)]), encoding="utf-8")
    result = engine.check_file(path)
    assert [(f.rule, f.severity.value) for f in result.findings] == [("W1-extra", "warning")]


def test_table_of_contents_is_not_the_sections(engine: Engine, tmp_path: Path) -> None:
    headings = [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    contents = "目录\n\n" + "\n".join(headings) + "\n\n"
    path = tmp_path / "toc.txt"
    path.write_text(apply(seed_text(), [("一、总体情况\n", contents + "一、总体情况\n")]), encoding="utf-8")
    assert engine.check_file(path).findings == []
