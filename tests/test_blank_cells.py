"""Blank cells are cell findings, grouped: a wholly blank row or a column's blanks make one
finding naming the rows; blank operands never make an arithmetic error; a house that wants blanks
to fail raises CELL-blank with --severity."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from checker.cli import main
from checker.engine import Engine, Settings
from checker.finding import Status
from tests.fixtures.content import ReportContent, huaian_2021
from tests.fixtures.render_docx import render_docx
from tests.fixtures.render_text import render_text
from tests.test_template_drift import _blank_totals, summary


def _blanked(rows: dict[str, dict[str, tuple[str, ...]]]) -> ReportContent:
    content = huaian_2021()
    return replace(content, tables={t: {**content.tables[t], **rows.get(t, {})} for t in content.tables})


def test_blank_table4_is_one_finding(engine: Engine, tmp_path: Path) -> None:
    path = render_docx(_blanked({"T4": {"value": ("",) * 15}}), tmp_path / "t4.docx")
    result = engine.check_file(path)
    # B1 holds with blanks read as 0: nothing to say about the sums.
    assert summary(result) == [("CELL-blank", "warning", "表四", None, None, None, "")]
    (finding,) = result.findings
    assert finding.message.en == "表四 row, every column is blank; write 0 when there is nothing"
    assert finding.message.zh == "表四整行各列 为空白，应填写数字（无则填0）"
    assert len(finding.operands) == 15 and {op.kind for op in finding.operands} == {"blank"}


def test_two_blank_rows_are_one_finding_naming_them(engine: Engine, tmp_path: Path) -> None:
    rows = {"noproc_3": ("",) * 7, "noproc_4": ("",) * 7}  # both all zeros in the real figures
    result = engine.check_file(render_text(_blanked({"T3": rows}), tmp_path / "rows.txt"))
    named = "（五）不予处理 / 3.要求提供公开出版物、（五）不予处理 / 4.无正当理由大量反复申请"
    assert summary(result) == [("CELL-blank", "warning", "表三", named, None, None, "")]
    assert result.findings[0].message.zh == f"表三的2行（{named}）各列 为空白，应填写数字（无则填0）"
    assert result.status is Status.PASS


def test_blank_totals_fail_only_when_the_house_says_so(tmp_path: Path) -> None:
    path = render_text(_blank_totals(), tmp_path / "blank.txt")
    default = Engine(Settings()).check_file(path)
    assert default.status is Status.PASS and {f.severity.value for f in default.findings} == {"warning", "info"}
    strict = Engine(Settings(severities={"CELL-blank": "error"})).check_file(path)
    assert strict.status is Status.FAIL
    assert [(f.rule, f.severity.value) for f in strict.findings if f.severity.value != "info"] == [
        ("CELL-blank", "error")]
    assert main([str(path), "--severity", "CELL-blank=error"]) == 1
    assert main([str(path)]) == 0
