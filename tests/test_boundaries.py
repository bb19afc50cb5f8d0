"""One boundary, one test: each of these states a behaviour that a small slip in the code breaks.

Every test here was checked by planting the bug it names (docs/testing.md lists them) and seeing it
fail. They are unit tests of the boundary itself, so a failure points at the slip, not at a snapshot.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from checker.binding.sections import find_sections
from checker.engine import Engine, Settings
from checker.extractors.pdf.grid import EDGE_TOL, Cell, Piece, continues
from checker.finding import Finding, Severity, Text
from checker.formatters.sarif import sarif_result
from checker.model import Location, Paragraph
from checker.rulekinds.meta import same_agency
from checker.values import CellType, ValueKind, parse_cell
from tests.conftest import default_engine
from tests.seeded import apply, seed_text

# ---- values: 元 in a 万元 column ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "in_wan"),
    [("251000元", "25.1"), ("10000元", "1"), ("5元", "0.0005"), ("96171.6万元", "96171.6"), ("1.5", "1.5")],
)
def test_yuan_in_a_wanyuan_column_is_divided_by_ten_thousand(raw: str, in_wan: str) -> None:
    value = parse_cell(raw, CellType.DECIMAL, "万元")
    assert (value.kind, value.number, value.unit) == (ValueKind.NUMBER, Decimal(in_wan), "万元")


def test_yuan_in_an_amount_column_keeps_its_own_unit() -> None:
    value = parse_cell("251000元", CellType.AMOUNT)
    assert (value.number, value.unit) == (Decimal(251000), "元")


# ---- binding: section headings ----------------------------------------------------------------


def sections_of(*lines: str) -> tuple[list[tuple[str, bool]], list[str]]:
    pack = default_engine().registry.load("gov-2021")
    blocks = [Paragraph(text, Location("r.txt", line=i + 1)) for i, text in enumerate(lines)]
    matches, extras = find_sections(list(blocks), pack)
    return [(m.id, m.exact) for m in matches], [e.text for e in extras]


def test_a_heading_contained_in_the_templates_is_that_section_not_an_extra() -> None:
    # "其他" is a fifth of "其他需要报告的事项" (similarity 0.36): only containment makes it 六.
    assert sections_of("六、其他") == ([("S6", False)], [])
    assert sections_of("五、政府信息公开工作存在的主要问题及改进情况") == ([("S5", False)], [])


def test_a_numbered_line_sharing_nothing_with_the_template_is_an_extra_heading() -> None:
    assert sections_of("七、附加说明") == ([], ["七、附加说明"])


def test_a_heading_run_into_its_first_sentence_is_the_exact_section() -> None:
    line = "一、总体情况2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。"
    assert len(line) > 40  # longer than a heading: recognised only as the format's heading plus prose
    assert sections_of(line) == ([("S1", True)], [])


def test_a_long_numbered_sentence_that_starts_with_no_heading_is_not_a_section() -> None:
    line = "一、我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作，取得了明显成效。"
    assert sections_of(line) == ([], [])


# ---- formatters: SARIF line -------------------------------------------------------------------


@pytest.mark.parametrize("line", [1, 2, 57])
def test_sarif_start_line_is_the_findings_own_line(line: int) -> None:
    finding = Finding("A2", "sum", Severity.ERROR, Text("x", "x"), "r.txt", Location("r.txt", line=line))
    region = sarif_result(finding, 0, "en")["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": line}


def test_sarif_points_a_finding_without_a_line_at_line_1_with_its_page_in_properties() -> None:
    # GitHub's ingestion rules require a region with startLine >= 1 on every result (issue #10)
    finding = Finding("A2", "sum", Severity.ERROR, Text("x", "x"), "r.pdf", Location("r.pdf", page=2))
    result = sarif_result(finding, 0, "en")
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert result["properties"]["page"] == 2


# ---- PDF: joining a table continued on the next page -------------------------------------------

LEFT, RIGHT = 50.0, 550.0
INNER = [150.0, 250.0, 350.0, 450.0]


def piece(page: int, edges: list[float]) -> Piece:
    """A ruled piece (certain cells) with these column edges."""
    cells = [Cell("1", 0, i, 1, 1, (edges[i], 100.0, edges[i + 1], 120.0)) for i in range(len(edges) - 1)]
    return Piece(page, (edges[0], 100.0, edges[-1], 120.0), edges, 1, cells)


def test_pieces_with_the_same_edges_join() -> None:
    assert continues(piece(1, [LEFT, *INNER, RIGHT]), piece(2, [LEFT + EDGE_TOL, *INNER, RIGHT - EDGE_TOL]))


def test_pieces_whose_left_edges_differ_do_not_join() -> None:
    upper = piece(1, [LEFT, *INNER, RIGHT])
    assert not continues(upper, piece(2, [LEFT - 3 * EDGE_TOL, *INNER, RIGHT]))
    assert not continues(upper, piece(2, [LEFT + 3 * EDGE_TOL, *INNER, RIGHT]))


def test_pieces_whose_right_edges_differ_do_not_join() -> None:
    assert not continues(piece(1, [LEFT, *INNER, RIGHT]), piece(2, [LEFT, *INNER, RIGHT + 3 * EDGE_TOL]))


def test_pieces_sharing_only_one_inner_edge_of_four_do_not_join() -> None:
    lower = [LEFT, INNER[0], 190.0, 290.0, 390.0, RIGHT]  # one inner edge in common, three not
    assert not continues(piece(1, [LEFT, *INNER, RIGHT]), piece(2, lower))


def test_pieces_sharing_half_their_inner_edges_join() -> None:
    # 表三 split over two pages: the merged label cells give the pieces different columns
    lower = [LEFT, INNER[0], 190.0, INNER[2], 390.0, RIGHT]
    assert continues(piece(1, [LEFT, *INNER, RIGHT]), piece(2, lower))


# ---- rule kinds: the closing block's agency ---------------------------------------------------


@pytest.mark.parametrize(
    ("closing", "title", "same"),
    [
        ("XX市人民政府办公室", "XX市人民政府", True),  # the general office signs for its government
        ("XX市人民政府办公室", "XX市", True),  # a place alone in the title is its government
        ("XX市人民政府", "XX市政府", True),
        ("XX市交通运输局", "XX市交通运输局", True),
        ("XX市人民政府", "XX市人民政府办公室", False),  # the office's own report: the office signs
        ("XX市人民政府办公室", "XX市交通运输局", False),
        ("XX市人民政府", "XX市交通运输局", False),
        ("YY市人民政府", "XX市人民政府", False),
        ("政府", "人民政府", False),  # a bare suffix is no agency
    ],
)
def test_only_the_government_and_its_office_sign_for_each_other(closing: str, title: str, same: bool) -> None:
    assert same_agency(closing, title) is same


# ---- rule kinds: arithmetic tolerance ---------------------------------------------------------


TOLERANT_RULE = """rules:
  - id: Z2
    kind: sum
    table: T3
    for_each: column
    total: total
    parts: {{group: 三、本年度办理结果, exclude: [total]}}
    tolerance: {tolerance}
    severity: error
    summary: {{zh: 总计约等于各项之和, en: the total is about the sum}}
    message: {{zh: "应为{{expected}}，实为{{actual}}", en: "expected {{expected}}, found {{actual}}"}}
"""


def tolerant_pack(tmp_path: Path, tolerance: object) -> Path:
    pack = tmp_path / "tolerant.yaml"
    pack.write_text(
        "schema: report-check/pack/v1\nname: tolerant\nextends: gov-2019\nversion: V2019\n"
        + TOLERANT_RULE.format(tolerance=tolerance),
        encoding="utf-8",
    )
    return pack


@pytest.mark.parametrize(("total", "fires"), [("1", False), ("2", False), ("3", True)])
def test_a_sum_within_its_tolerance_passes(total: str, fires: bool, tmp_path: Path) -> None:
    """A sum with ``tolerance: 2``: a （七）总计 off by 1 or 2 from its parts (0) passes, by 3 does not."""
    engine = Engine(Settings(pack=str(tolerant_pack(tmp_path, 2))))
    path = tmp_path / "r.txt"
    path.write_text(apply(seed_text(), [("（七）总计 0 0 0 0 0 0 0", f"（七）总计 0 0 0 0 0 0 {total}")]), encoding="utf-8")
    a2 = [(f.column, f.expected, f.actual) for f in engine.check_file(path).findings if f.rule == "Z2"]
    assert a2 == ([("总计", "0", total)] if fires else [])


def test_tolerance_is_validated_by_the_pack_schema(tmp_path: Path) -> None:
    from checker.packs.loader import PackError

    with pytest.raises(PackError) as info:
        Engine(Settings()).registry.load(str(tolerant_pack(tmp_path, -1)))
    assert "tolerance" in json.dumps(info.value.message, ensure_ascii=False)


# ---- rule kinds: the closing date's deadline and new year ---------------------------------------


@pytest.mark.parametrize(
    ("closing_date", "rules"),
    [
        ("2020 年 12 月 31 日", ["W4-early"]),  # still in the report year
        ("2021 年 1 月 1 日", []),  # the first day after it
        ("2021 年 1 月 31 日", []),  # a department's deadline day itself (01-31)
        ("2021 年 2 月 1 日", ["W4-late"]),  # the day after
    ],
)
def test_the_closing_date_boundaries(closing_date: str, rules: list[str], engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(apply(seed_text(), [("2021 年 1 月 26 日", closing_date)]), encoding="utf-8")
    assert [f.rule for f in engine.check_file(path).findings] == rules


@pytest.mark.parametrize(("closing_date", "fires"), [("2021 年 3 月 31 日", False), ("2021 年 4 月 1 日", True)])
def test_a_governments_deadline_is_the_end_of_march(closing_date: str, fires: bool, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    text = seed_text().replace("运城市交通运输局", "运城市人民政府")
    path.write_text(apply(text, [("2021 年 1 月 26 日", closing_date)]), encoding="utf-8")
    late = [(f.expected, f.actual) for f in engine.check_file(path).findings if f.rule == "W4-late"]
    assert late == ([("2021年3月31日", closing_date.replace(" ", ""))] if fires else [])


@pytest.mark.parametrize(("closing_agency", "closing_date", "late"), [
    ("运城市交通运输局", "2021 年 2 月 1 日", "2021年1月31日"),  # a department signs: 31 January
    ("运城市人民政府", "2021 年 3 月 31 日", None),  # a government signs: 31 March
    ("运城市人民政府", "2021 年 4 月 1 日", "2021年3月31日"),
    (None, "2021 年 2 月 1 日", None),  # no agency anywhere: not called late on a guess
    (None, "2021 年 4 月 1 日", "2021年3月31日"),  # but late under either deadline
])
def test_without_the_titles_agency_the_deadline_is_the_closing_agencys(
    closing_agency: str | None, closing_date: str, late: str | None, engine: Engine, tmp_path: Path
) -> None:
    # The report's body copied without the agency line of its title ("2020 年政府信息公开工作年度报告").
    lines = seed_text().split("\n")
    signed = max(i for i, line in enumerate(lines) if line == "运城市交通运输局")
    assert lines[1] == "运城市交通运输局" and lines[signed + 2] == "2021 年 1 月 26 日"
    lines[1] = ""
    lines[signed] = closing_agency or ""
    path = tmp_path / "r.txt"
    path.write_text(apply("\n".join(lines), [("2021 年 1 月 26 日", closing_date)]), encoding="utf-8")
    found = [f.expected for f in engine.check_file(path).findings if f.rule == "W4-late"]
    assert found == ([late] if late else [])
