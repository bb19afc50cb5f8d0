"""The template-drift helpers of the binding at their boundaries: a table split at a heading row
keeps what its cells knew, ragged tables are read as lines, a group printed as one row stands in
for its sub-rows, and near-miss labels are only as near as their length allows."""

from __future__ import annotations

import pytest

from checker.binding.groups import bind_with_groups
from checker.binding.headings import split_heading_rows
from checker.binding.labels import allowed, edit_distance, near, unique
from checker.binding.shapes import is_ragged, split_shapes, table_lines
from checker.model import Location, Paragraph, RawCell, RawTable
from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, TableSpec
from checker.report import BoundCell, BoundTable, MergedGroup
from checker.values import CellType, parse_cell
from tests.conftest import default_engine

HEADING = "三、收到和处理政府信息公开申请情况"


def cell(text: str, r: int, c: int, origin: tuple[int, int] | None = None, uncertain: bool = False) -> RawCell:
    return RawCell(text, Location("t.docx", table=3, row=r, col=c), origin, uncertain)


# ---- a heading row taken out of a table ---------------------------------------------------------


def test_the_part_below_a_heading_row_keeps_origins_doubts_location_and_index() -> None:
    pack = default_engine().registry.load("gov-2021")
    rows = (
        (cell("规章", 0, 0), cell("1", 0, 1)),
        (cell(HEADING, 1, 0), cell("", 1, 1)),
        (cell("行政许可", 2, 0, (2, 0)), cell("3", 2, 1, None, True)),
        (cell("行政许可", 3, 0, (2, 0)), cell("4", 3, 1, (3, 1))),
    )
    table = RawTable(rows, Location("t.docx", table=3), 3)
    before, heading, after = split_heading_rows([table], pack)
    assert isinstance(before, RawTable) and isinstance(after, RawTable) and isinstance(heading, Paragraph)
    assert (before.location, before.index) == (Location("t.docx", table=3, row=0, col=0), 3)
    assert (after.location, after.index) == (Location("t.docx", table=3, row=2, col=0), 3)
    assert [[(c.text, c.origin, c.uncertain, c.location.row) for c in row] for row in after.rows] == [
        [("行政许可", (0, 0), False, 2), ("3", None, True, 2)],
        [("行政许可", (0, 0), False, 3), ("4", (1, 1), False, 3)],
    ]
    assert (heading.text, heading.location) == (HEADING, Location("t.docx", table=3, row=1, col=0))


def test_a_part_starting_with_an_empty_row_is_where_the_table_is() -> None:
    pack = default_engine().registry.load("gov-2021")
    table = RawTable(((cell(HEADING, 0, 0),), (), (cell("规章", 2, 0), cell("1", 2, 1))), Location("t.docx", table=3), 3)
    heading, after = split_heading_rows([table], pack)
    assert isinstance(heading, Paragraph) and isinstance(after, RawTable)
    assert (after.location, len(after.rows)) == (Location("t.docx", table=3), 2)


def test_an_origin_above_the_cut_is_clamped_to_the_parts_first_row() -> None:
    pack = default_engine().registry.load("gov-2021")
    # a label cell merged down across the heading row (origin in row 0) keeps column and top row
    rows = ((cell("规章", 0, 0), cell("1", 0, 1)), (cell(HEADING, 1, 0),), (cell("规章", 2, 0, (0, 0)), cell("2", 2, 1, (0, 1))))
    _, _, after = split_heading_rows([RawTable(rows, Location("t.docx", table=3), 3)], pack)
    assert isinstance(after, RawTable) and [c.origin for c in after.rows[0]] == [(0, 0), (0, 1)]


# ---- ragged tables as lines ---------------------------------------------------------------------


def test_a_ragged_tables_rows_are_lines_of_cells_each_cell_once() -> None:
    rows = (
        (cell("三、本年度办理结果", 0, 0), cell("（一）予以 公开", 0, 1), cell("5", 0, 2)),
        (cell("三、本年度办理结果", 1, 0, (0, 0)), cell("（二）部分公开", 1, 1), cell("6", 1, 2), cell("7", 1, 3)),
        (cell(" ", 2, 0), cell("", 2, 1)),
    )
    table = RawTable(rows, Location("t.docx", table=3), 3)
    assert is_ragged(table)
    assert [(p.text, p.location) for p in table_lines(table)] == [
        ("三、本年度办理结果 | （一）予以 公开 | 5", Location("t.docx", table=3, row=0, col=0)),
        ("（二）部分公开 | 6 | 7", Location("t.docx", table=3, row=1, col=0)),
    ]
    rectangular = RawTable((rows[0], rows[0], (cell("", 2, 0),)), Location("t.docx", table=4), 4)
    assert not is_ragged(rectangular)  # a blank row of another length does not count
    prose = Paragraph("正文", Location("t.docx", paragraph=1))
    grids, lines = split_shapes([prose, table, rectangular])
    assert grids == [rectangular]
    assert [p.text for p in lines] == ["正文", "三、本年度办理结果 | （一）予以 公开 | 5", "（二）部分公开 | 6 | 7"]


# ---- a group printed as one row ---------------------------------------------------------------

OTHER = ("三、本年度办理结果", "（六）其他处理")
SUBS = (RowSpec("o1", "1.申请人无正当理由逾期不补正", groups=OTHER), RowSpec("o2", "2.申请人逾期未缴纳费用", groups=OTHER))
TOTAL = RowSpec("total", "（七）总计")
GROUPED = TableSpec("T3", "表三", "S", (BlockSpec("b", None, (ColumnSpec("n", "自然人"),), (*SUBS, TOTAL)),))


def bound_cells(table: TableSpec, found: dict[str, str], line: int = 5) -> BoundTable:
    """What a binder gives: ``found`` row id → value; the other rows of ``table`` missing."""
    result = BoundTable(table.id, Location("t.txt", line=1))
    for n, (row, raw) in enumerate(found.items()):
        result.cells[(row, "n")] = BoundCell(row, "n", parse_cell(raw, CellType.COUNT), Location("t.txt", line=line + n))
    result.missing_rows = [r.id for b in table.blocks for r in b.rows if r.id not in found]
    return result


def test_a_group_printed_as_one_row_stands_for_its_sub_rows() -> None:
    seen: list[list[str]] = []

    def binder(spec: TableSpec) -> BoundTable:
        ids = [r.id for r in spec.blocks[0].rows]
        seen.append(ids)
        return bound_cells(spec, {"（六）其他处理": "3", "total": "3"} if "（六）其他处理" in ids else {"total": "3"})

    result = bind_with_groups(GROUPED, binder)
    assert result is not None
    # each group label with two rows or more is tried, outermost first
    assert seen == [["o1", "o2", "total"], ["三、本年度办理结果", "total"], ["（六）其他处理", "total"]]
    assert result.merged == {
        "（六）其他处理": MergedGroup(
            RowSpec("（六）其他处理", "（六）其他处理", groups=("三、本年度办理结果",)), ("o1", "o2"), "（六）其他处理",
            Location("t.txt", line=5),
        )
    }
    assert set(result.cells) == {("（六）其他处理", "n"), ("total", "n")}


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ({"o1": "1", "total": "3"}, None, "first"),  # a sub-row was found: no drift
        ({"total": "3"}, {"total": "3"}, "first"),  # the group row is not there either
        ({"total": "3", "x": "1"}, {"（六）其他处理": "2"}, "first"),  # the second reading reads less
        ({"total": "3"}, {"（六）其他处理": "2", "total": "3"}, "second"),
        ({"total": "3", "x": "1"}, {"（六）其他处理": "2", "total": "3"}, "second"),  # as much: taken
    ],
)
def test_the_group_reading_is_kept_only_when_it_finds_the_group_and_reads_as_much(
    first: dict[str, str], second: dict[str, str] | None, kept: str
) -> None:
    def binder(spec: TableSpec) -> BoundTable | None:
        grouped = "（六）其他处理" in [r.id for r in spec.blocks[0].rows]
        if not grouped:
            return bound_cells(spec, first)
        assert second is not None, "tried although a sub-row was found"
        return bound_cells(spec, second)

    result = bind_with_groups(GROUPED, binder)
    assert result is not None
    assert list(result.merged) == (["（六）其他处理"] if kept == "second" else [])
    assert set(result.cells) == {(row, "n") for row in (second if kept == "second" else first) or {}}


def test_a_table_with_every_row_missing_is_not_read_as_a_group_row() -> None:
    calls: list[int] = []

    def binder(spec: TableSpec) -> BoundTable:
        calls.append(1)
        return bound_cells(spec, {})

    only_subs = TableSpec("T3", "表三", "S", (BlockSpec("b", None, (ColumnSpec("n", "自然人"),), SUBS),))
    assert bind_with_groups(only_subs, binder) is not None and calls == [1]
    assert bind_with_groups(GROUPED, lambda spec: None) is None


# ---- near-miss labels ----------------------------------------------------------------------------


def test_edit_distance_and_its_early_stop() -> None:
    assert edit_distance("abc", "abc") == 0
    assert edit_distance("abc", "abd") == 1
    assert edit_distance("abc", "ab") == 1 and edit_distance("ab", "abc") == 1
    assert edit_distance("", "abc") == 3 and edit_distance("kitten", "sitting") == 3
    assert edit_distance("ab", "b") == 1 and edit_distance("xab", "ab") == 1  # deletions at the start
    assert edit_distance("kitten", "sitting", limit=3) == 3
    assert edit_distance("kitten", "sitting", limit=2) == 3  # stopped: more than the limit
    assert edit_distance("abcdef", "ab", limit=3) == 4  # lengths too far apart
    assert edit_distance("abcdef", "ab", limit=4) == 4
    assert edit_distance("abcdef", "ab", limit=0) == 1
    assert edit_distance("ab", "abcdef", limit=1) == 2  # stopped before the rows are compared
    assert edit_distance("abcdef", "uvwxyz", limit=2) == 3  # stopped in the third row: limit + 1


def test_how_near_a_label_must_be() -> None:
    assert [allowed("x" * n) for n in (5, 6, 7, 8, 11, 12)] == [0, 1, 1, 2, 2, 3]
    label = "1.属于国家秘密"  # 8 characters: 2 edits
    assert near("1.属于国家秘密", [label]) == 0
    assert near("1.属于国秘密", [label]) == 1
    assert near("1.属于秘密", [label]) == 2
    assert near("1.属秘密", [label]) is None
    assert near("1.属于国秘密", ["2.属于国家秘密文件", label]) == 1  # the closest of a row's labels
    assert near("1.属于国秘密", [label, "1.属于国秘密x"]) == 1
    assert near("规范", ["规章"]) is None and near("abcdef", []) is None
    assert near("1.属于国秘密", ["秘密", label]) == 1  # a label too short to be near-matched is passed over
    assert unique("1.属于国秘密", 1, ["2.属于国家秘密"]) is True  # 2 edits from the other
    assert unique("1.属于国秘密", 2, ["2.属于国家秘密"]) is False


def test_only_the_groups_block_is_collapsed() -> None:
    other = BlockSpec("b0", "表二", (ColumnSpec("n", "件数"),), (RowSpec("rules", "规章"),))
    two_blocks = TableSpec("T3", "表三", "S", (other, *GROUPED.blocks))
    seen: list[list[list[str]]] = []

    def binder(spec: TableSpec) -> BoundTable:
        seen.append([[r.id for r in b.rows] for b in spec.blocks])
        ids = [r.id for b in spec.blocks for r in b.rows]
        found = {"rules": "1", "（六）其他处理": "2", "total": "3"} if "（六）其他处理" in ids else {"rules": "1", "total": "3"}
        return bound_cells(spec, found)

    result = bind_with_groups(two_blocks, binder)
    assert result is not None and list(result.merged) == ["（六）其他处理"]
    assert seen[-1] == [["rules"], ["（六）其他处理", "total"]]


def test_a_row_of_one_text_is_a_heading_candidate_and_a_row_with_figures_is_not() -> None:
    from checker.binding.headings import _only_text

    heading, number = cell("2024年政府信息公开工作情况", 0, 0), cell("1", 0, 1)
    assert _only_text((heading,)) == ("2024年政府信息公开工作情况", heading)  # digits in the only text
    assert _only_text((heading, cell("", 0, 1))) == ("2024年政府信息公开工作情况", heading)
    assert _only_text((cell("规章", 0, 0), number)) is None  # a label and its value
    assert _only_text((cell("", 0, 0), cell(" ", 0, 1))) is None


def test_a_group_reading_that_reads_less_does_not_stop_the_next_group() -> None:
    def binder(spec: TableSpec) -> BoundTable:
        ids = [r.id for r in spec.blocks[0].rows]
        if "三、本年度办理结果" in ids:  # the outer group found, but as its one cell: less than before
            return bound_cells(spec, {"三、本年度办理结果": "3"})
        if "（六）其他处理" in ids:
            return bound_cells(spec, {"（六）其他处理": "2", "total": "3"})
        return bound_cells(spec, {"total": "3", "x": "1"})

    result = bind_with_groups(GROUPED, binder)
    assert result is not None and list(result.merged) == ["（六）其他处理"]


@pytest.mark.parametrize(
    ("locations", "first"),
    [
        ([Location("t.pdf", line=9, row=2), Location("t.pdf", line=8, row=4)], 1),  # the line first
        ([Location("t.pdf", line=9, row=4), Location("t.pdf", line=9, row=2)], 1),  # on one line, the row
        ([Location("t.docx", row=5), Location("t.docx", line=1, row=2)], 0),  # no line reads as 0
        ([Location("t.docx", line=3, row=1), Location("t.docx", line=3)], 1),  # no row reads as 0
    ],
)
def test_the_group_rows_location_is_its_earliest_cell(locations: list[Location], first: int) -> None:
    two = TableSpec("T3", "表三", "S", (BlockSpec("b", None, (ColumnSpec("n", "自然人"), ColumnSpec("m", "法人")), (*SUBS, TOTAL)),))

    def binder(spec: TableSpec) -> BoundTable:
        result = BoundTable(spec.id, Location("t.pdf", page=1))
        ids = [r.id for r in spec.blocks[0].rows]
        result.missing_rows = [i for i in ids if i not in ("（六）其他处理", "total")]
        if "（六）其他处理" in ids:
            for col, location in zip(("n", "m"), locations):
                result.cells[("（六）其他处理", col)] = BoundCell("（六）其他处理", col, parse_cell("1", CellType.COUNT), location)
        result.cells[("total", "n")] = BoundCell("total", "n", parse_cell("1", CellType.COUNT), Location("t.pdf", line=1))
        return result

    result = bind_with_groups(two, binder)
    assert result is not None and result.merged["（六）其他处理"].location == locations[first]


def test_a_table_without_a_heading_row_is_kept_as_it_is() -> None:
    pack = default_engine().registry.load("gov-2021")
    table = RawTable(((cell("信息内容", 0, 0), cell("本年制发件数", 0, 1)), (cell("规章", 1, 0), cell("0", 1, 1))), Location("t.docx", table=3), 3)
    paragraph = Paragraph(HEADING, Location("t.docx", paragraph=4))
    assert split_heading_rows([paragraph, table], pack) == [paragraph, table]
