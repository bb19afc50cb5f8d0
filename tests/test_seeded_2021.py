"""The 2021 format: the bundled example (Markdown pipe tables, bound as grids) passes, and each
seeded defect gives exactly its findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Engine
from checker.finding import Status
from tests.seeded import apply
from tests.test_seeded_text import summary

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example-2021.md"
T2, T3, T4 = "表二", "表三", "表四"
TOTAL_ROW = "| （七）总计 | 40 | 3 | 0 | 0 | 2 | 0 | 45 |"

DEFECTS: dict[str, tuple[list[tuple[str, str]], list[tuple[object, ...]]]] = {
    "t3-total-blanked": (
        [(TOTAL_ROW, "| （七）总计 | 40 | 3 | 0 | 0 | 2 | 0 |  |")],
        # A blank is no arithmetic error: the identities cannot be verified (info); the blank
        # cell itself is the warning.
        [
            ("A1", "info", T3, None, "总计", None, None),
            ("A2", "info", T3, "（七）总计", "总计", None, None),
            ("A3", "info", T3, "（七）总计", "总计", None, None),
            ("CELL-blank", "warning", T3, "（七）总计", "总计", None, ""),
        ],
    ),
    "t3-cell-changed": (
        [("（一）予以公开 | 20 |", "（一）予以公开 | 21 |")],
        [
            ("A3", "error", T3, "（一）予以公开", "总计", "24", "23"),
            ("A2", "error", T3, "（七）总计", "自然人", "41", "40"),
        ],
    ),
    "t4-total-wrong": (
        [("| 2 | 0 | 0 | 1 | 3 |", "| 2 | 0 | 0 | 1 | 4 |")],
        [("B1", "error", T4, None, "行政复议 / 总计", "3", "4")],
    ),
    "t2-fee-invalid": (
        [("| 行政事业性收费 | 0 |", "| 行政事业性收费 | 若干 |")],
        [("C1", "error", T2, "行政事业性收费", "本年收费金额（单位：万元）", None, "若干")],
    ),
    "fee-not-reported": ([("本年度未收取信息处理费。", "无。")], [("W7-fee", "warning", None, None, None, None, None)]),
    "late-for-a-department": (
        [("2024年1月22日", "2024年3月2日")],
        [("W4-late", "error", None, None, None, "2024年1月31日", "2024年3月2日")],
    ),
}


def test_example_passes(engine: Engine) -> None:
    result = engine.check_file(EXAMPLE)
    assert (result.status, result.findings, result.pack, result.version) == (Status.PASS, [], "gov-2021", "V2021")


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_seeded_defect_2021(defect: str, engine: Engine, tmp_path: Path) -> None:
    edits, expected = DEFECTS[defect]
    path = tmp_path / f"{defect}.md"
    path.write_text(apply(EXAMPLE.read_text(encoding="utf-8"), edits), encoding="utf-8")
    result = engine.check_file(path)
    assert summary(result) == expected
    assert result.status is (Status.FAIL if any(e[1] == "error" for e in expected) else Status.PASS)


def test_blank_total_says_cannot_verify(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text(apply(EXAMPLE.read_text(encoding="utf-8"), DEFECTS["t3-total-blanked"][0]), encoding="utf-8")
    a2 = next(f for f in engine.check_file(path).findings if f.rule == "A2")
    assert a2.message.en.startswith("cannot verify A2 (表三 （七）总计 总计): （七）总计 is blank")
    assert (a2.expected, a2.actual) == (None, None)
    assert a2.location.line == 54


def test_table_split_in_two_is_joined(engine: Engine, tmp_path: Path) -> None:
    """表三 continued in a second table without its header (a page break in the source)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    at = text.index("| （四）无法提供 1.本机关不掌握相关政府信息")
    split = text[:at] + "\n" + text[at:]
    path = tmp_path / "split.md"
    path.write_text(split, encoding="utf-8")
    assert engine.check_file(path).findings == []
    path.write_text(apply(split, [(TOTAL_ROW, "| （七）总计 | 40 | 3 | 0 | 0 | 2 | 0 | 46 |")]), encoding="utf-8")
    result = engine.check_file(path)
    assert summary(result) == [
        ("A1", "error", T3, None, "总计", "49", "48"),
        ("A2", "error", T3, "（七）总计", "总计", "45", "46"),
        ("A3", "error", T3, "（七）总计", "总计", "45", "46"),
    ]
    # The continuation has no header, but it is as wide as the piece above: the header's columns.
    assert [f.uncertain for f in result.findings] == [False, False, False]
