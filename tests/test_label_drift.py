"""Near-miss row labels bind to their template row only when that is the one sensible reading:
close (edit distance within a quarter of the label), unique among the table's labels, and in
its place between the rows found around it. Checked on both binders (grid and text stream)."""

from __future__ import annotations

import pytest

from checker.binding.grid import bind_grid
from checker.binding.labels import edit_distance, near, unique
from checker.binding.stream import bind_stream
from checker.model import Location, Paragraph, RawCell, RawTable
from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, TableSpec
from checker.report import BoundTable

A, B, C = "1.属于国家秘密信息", "2.属于国家秘密文件", "3.属于行政执法案卷"
SPEC = TableSpec(
    id="T", name="表", section="S",
    blocks=(BlockSpec("b", None, (ColumnSpec("n", "件数"),),
                      (RowSpec("a", A), RowSpec("b", B), RowSpec("c", C))),),
)


def _grid(rows: list[tuple[str, str]]) -> RawTable:
    cells = [("项目", "件数"), *rows]
    return RawTable(tuple(
        tuple(RawCell(text, Location("t.txt", line=r + 1, row=r, col=c)) for c, text in enumerate(row))
        for r, row in enumerate(cells)
    ), Location("t.txt", line=1))


def _lines(rows: list[tuple[str, str]]) -> list[Paragraph]:
    return [Paragraph(f"{label} {value}", Location("t.txt", line=n)) for n, (label, value) in enumerate(rows, 1)]


def _bound(how: str, rows: list[tuple[str, str]]) -> BoundTable:
    table = bind_grid([_grid(rows)], SPEC) if how == "grid" else bind_stream(_lines(rows), SPEC, "t.txt")
    assert table is not None
    return table


def test_distance_and_thresholds() -> None:
    assert edit_distance("2.其他法律行政止公开", "2.其他法律行政法规禁止公开") == 3
    assert near("2.其他法律行政止公开", ["2.其他法律行政法规禁止公开"]) == 3  # 3 <= 14 // 4
    assert near("2.其他法律止公开", ["2.其他法律行政法规禁止公开"]) is None  # 5 edits: too far
    assert near("规范", ["规章"]) is None  # short labels are never near-matched
    assert unique("2.属于国家秘密信件", 1, [A, C]) and not unique("1.属于国家秘密信件", 2, [A, C])


@pytest.mark.parametrize("how", ["grid", "stream"])
def test_typo_binds_to_its_row_with_a_variant(how: str) -> None:
    table = _bound(how, [(A, "1"), ("2.属于国家秘密信件", "2"), (C, "3")])
    assert table.missing_rows == []
    assert table.cells[("b", "n")].value.raw == "2"
    assert [(v.id, v.found) for v in table.variants] == [("b", "2.属于国家秘密信件")]


@pytest.mark.parametrize("how", ["grid", "stream"])
@pytest.mark.parametrize(
    "printed",
    [
        "2.属于国家秘密信文",  # as close to A (2 edits) as to B (2 edits): which row is this?
        "1.属于国家秘密信件",  # closer to A (already found) than to B
    ],
)
def test_label_close_to_another_row_is_not_taken(how: str, printed: str) -> None:
    table = _bound(how, [(A, "1"), (printed, "2"), (C, "3")])
    assert table.missing_rows == ["b"]
    assert ("b", "n") not in table.cells and table.variants == []


@pytest.mark.parametrize("how", ["grid", "stream"])
def test_near_miss_out_of_place_is_not_taken(how: str) -> None:
    """A near-miss of B printed before A (B comes after A in the template) is another row."""
    table = _bound(how, [("2.属于国家秘密文本", "5"), (A, "1"), (C, "3")])
    assert table.missing_rows == ["b"] and table.variants == []
