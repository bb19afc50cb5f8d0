"""The real seed report (text, 2019 format) passes; each seeded defect gives exactly its findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Engine
from checker.finding import FileResult, Status
from tests.seeded import DEFECTS, SEED, write_variant

T3, T4, T2 = "表三", "表四", "表二"
S5 = "五、存在的主要问题及改进情况"
S6 = "六、其他需要报告的事项"

# (rule, severity, table, row, column, expected, actual) for every finding, in output order.
EXPECTED: dict[str, list[tuple[object, ...]]] = {
    "section-removed": [("W1-missing", "error", None, None, None, None, None)],
    "section-reworded": [("W1-near-miss", "warning", None, None, None, None, None)],
    "section-duplicated": [("W1-duplicate", "error", None, None, None, None, None)],
    "extra-section": [("W1-extra", "warning", None, None, None, None, None)],
    "sections-reordered": [("W1-order", "error", None, None, None, None, None)],
    "t3-label-typo": [("W2-label", "warning", T3, "（三）不予公开 / 5.属于三类内部事务信息", None, None, None)],
    "t3-cell-changed": [
        ("A1", "error", T3, None, "自然人", "0", "1"),
        ("A3", "error", T3, "一、本年新收政府信息公开申请数量", "总计", "1", "0"),
    ],
    "t3-total-changed": [
        ("A1", "error", T3, None, "总计", "2", "0"),
        ("A2", "error", T3, "（七）总计", "总计", "0", "2"),
        ("A3", "error", T3, "（七）总计", "总计", "0", "2"),
    ],
    "t4-total-blanked": [
        ("B1", "info", T4, None, "行政复议 / 总计", None, None),  # cannot verify: "/" is not 0
        ("CELL-na", "warning", T4, None, "行政复议 / 总计", None, "/"),
    ],
    "t2-published-exceeds-total": [("C4", "warning", T2, "规范性文件", None, "5", "6")],
    "t2-count-invalid": [("C1", "error", T2, "行政强制", "处理决定数量", None, "-3")],
    "date-late": [("W4-late", "error", None, None, None, "2021年1月31日", "2021年2月26日")],
    "date-early": [("W4-early", "error", None, None, None, "2021年1月1日", "2020年12月26日")],
    "date-chinese-numerals-late": [("W4-late", "error", None, None, None, "2021年1月31日", "2021年2月1日")],
    "agency-changed": [("W10-agency", "error", None, None, None, "运城市交通运输局", "运城市公路管理局")],
    "closing-removed": [("W10-missing", "error", None, None, None, None, None)],
    "year-2022-with-2019-tables": [
        ("W12-version", "error", T2, None, None, "V2021", "V2019"),
        # 表三's （六） as the 2019 format's one row: bound as the group, one layout warning.
        ("W2-group-row", "warning", T3, "（六）其他处理", None, None, None),
        ("W7-fee", "warning", None, None, None, None, None),
    ],
}
FAILS = {name for name, rows in EXPECTED.items() if any(r[1] == "error" for r in rows)}


def summary(result: FileResult) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.severity.value, f.table, f.row, f.column, f.expected, f.actual)
        for f in sorted(result.findings)
    ]


def test_every_defect_has_expectations() -> None:
    assert set(EXPECTED) == set(DEFECTS)


def test_seed_passes_with_everything_read(engine: Engine) -> None:
    result = engine.check_file(SEED)
    assert result.findings == []
    assert result.status is Status.PASS
    assert (result.pack, result.version, result.report_year, result.agency) == (
        "gov-2019", "V2019", 2020, "运城市交通运输局"
    )


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_seeded_defect(defect: str, engine: Engine, tmp_path: Path) -> None:
    result = engine.check_file(write_variant(defect, tmp_path))
    assert summary(result) == EXPECTED[defect]
    assert result.status is (Status.FAIL if defect in FAILS else Status.PASS)


def test_findings_point_at_the_line(engine: Engine, tmp_path: Path) -> None:
    result = engine.check_file(write_variant("t3-total-changed", tmp_path))
    a2 = next(f for f in result.findings if f.rule == "A2")
    line = (tmp_path / "t3-total-changed.txt").read_text(encoding="utf-8").splitlines()[a2.location.line - 1]
    assert line.startswith("（七）总计")
    assert [(op.label, op.value) for op in a2.operands][:3] == [("（七）总计", "2"), ("（一）予以公开", "0"), (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0")]
    assert len(a2.operands) == 1 + 19  # the total and every result row of the 2019 format


def test_messages_in_both_languages(engine: Engine, tmp_path: Path) -> None:
    finding = engine.check_file(write_variant("t3-cell-changed", tmp_path)).findings[0]
    assert finding.message.zh.startswith("表三“自然人”列勾稽关系不成立")
    assert "column \"自然人\"" in finding.message.en


def test_gbk_copy_reads_the_same(engine: Engine, tmp_path: Path) -> None:
    path = write_variant("t3-cell-changed", tmp_path, encoding="gbk")
    assert summary(engine.check_file(path)) == EXPECTED["t3-cell-changed"]


def test_closing_rule_can_be_a_warning_or_off(tmp_path: Path) -> None:
    from checker.engine import Settings

    path = write_variant("closing-removed", tmp_path)
    warn = Engine(Settings(severities={"W10-missing": "warning"})).check_file(path)
    assert [(f.rule, f.severity.value) for f in warn.findings] == [("W10-missing", "warning")]
    assert warn.status is Status.PASS
    off = Engine(Settings(severities={"W10-missing": "off"})).check_file(path)
    assert off.findings == [] and off.status is Status.PASS


def test_government_deadline_is_31_march(tmp_path: Path) -> None:
    from checker.engine import Settings

    path = write_variant("date-late", tmp_path)
    result = Engine(Settings(params={"agency_type": "government"})).check_file(path)
    assert result.findings == []


def test_a_late_date_keeps_its_identity_when_the_date_changes(engine: Engine, tmp_path: Path) -> None:
    from tests.seeded import apply, seed_text

    first = write_variant("date-late", tmp_path)
    second = tmp_path / "later.txt"
    second.write_text(apply(seed_text(), [("2021 年 1 月 26 日", "2021 年 3 月 2 日")]), encoding="utf-8")
    a, b = (engine.check_file(p).findings[0] for p in (first, second))
    assert (a.rule, b.rule, a.section) == ("W4-late", "W4-late", "六、其他需要报告的事项")
    assert a.fingerprint == b.fingerprint and a.actual != b.actual
