"""Binding a grid table (DOCX, HTML, PDF, Markdown) to a template table, at each boundary of the
grid binder: which grid row is a template row, which grid column a template column, what is
placed by position (and then uncertain), and how a table split in two is put together again."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.binding.grid import bind_grid, match_block
from checker.model import Location, RawCell, RawTable
from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, TableSpec
from checker.report import BoundTable
from checker.values import CellType, ValueKind

Origins = dict[tuple[int, int], tuple[int, int]]


def grid(rows: list[list[str]], origins: Origins | None = None, line: int = 1, index: int = 0) -> RawTable:
    """A table of ``rows``; ``origins`` gives merged cells' top-left positions."""
    origins = origins or {}
    return RawTable(
        tuple(
            tuple(
                RawCell(text, Location("t.docx", table=index, row=r, col=c), origins.get((r, c)))
                for c, text in enumerate(row)
            )
            for r, row in enumerate(rows)
        ),
        Location("t.docx", line=line, table=index),
        index,
    )


def spec(*blocks: BlockSpec) -> TableSpec:
    return TableSpec(id="T", name="表", section="S", blocks=blocks)


def block(columns: tuple[ColumnSpec, ...], rows: tuple[RowSpec, ...], caption: str | None = None, id: str = "b") -> BlockSpec:
    return BlockSpec(id, caption, columns, rows)


COUNT_AMOUNT = (ColumnSpec("n", "件数"), ColumnSpec("m", "金额", type=CellType.DECIMAL, unit="万元"))
PERMIT = RowSpec("permit", "行政许可")
PENALTY = RowSpec("penalty", "行政处罚")


def bound(table_spec: TableSpec, *tables: RawTable) -> BoundTable:
    table = bind_grid(list(tables), table_spec)
    assert table is not None
    return table


def cells(table: BoundTable) -> dict[tuple[str, str], tuple[str, int | None, int | None, bool]]:
    """Each bound cell as (raw text, grid row, grid column, uncertain), checking that it knows its
    own row and column."""
    assert all((c.row, c.column) == key for key, c in table.cells.items())
    return {k: (c.value.raw, c.location.row, c.location.col, c.uncertain) for k, c in table.cells.items()}


# ---- rows and columns by label ------------------------------------------------------------------


def test_rows_by_label_and_columns_by_header_with_the_columns_type_and_unit() -> None:
    table = grid([["项目", "件数", "金额"], ["行政处罚", "4", "3000元"], ["行政许可", "3", "1.5"]], line=7)
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT, PENALTY))), table)
    assert cells(result) == {
        ("permit", "n"): ("3", 2, 1, False), ("permit", "m"): ("1.5", 2, 2, False),
        ("penalty", "n"): ("4", 1, 1, False), ("penalty", "m"): ("3000元", 1, 2, False),
    }
    # 元 in a 万元 column is converted: the column's type and unit are those of the pack
    amount = result.cells[("penalty", "m")].value
    assert (amount.kind, amount.number, amount.unit) == (ValueKind.NUMBER, Decimal("0.3"), "万元")
    assert result.cells[("permit", "n")].value.number == 3
    assert (result.id, result.location) == ("T", Location("t.docx", line=7, table=0))
    assert (result.missing_rows, result.missing_columns, result.variants, result.misplaced) == ([], [], [], False)


def test_a_label_of_six_characters_or_more_matches_the_start_of_a_longer_cell() -> None:
    six, five = RowSpec("six", "1.属于国家"), RowSpec("five", "2.属于国")
    assert (len(six.label), len(five.label)) == (6, 5)
    table = grid([["项目", "件数"], ["1.属于国家秘密", "1"], ["2.属于国家机密", "2"]])
    result = bound(spec(block((ColumnSpec("n", "件数"),), (six, five))), table)
    assert cells(result) == {("six", "n"): ("1", 1, 1, False)}
    assert result.missing_rows == ["five"] and result.variants == []  # a prefix, not a near-miss


def test_rows_by_alias_and_with_their_group_labels_in_their_own_cell() -> None:
    rows = (
        RowSpec("secret", "1.属于国家秘密", groups=("三、本年度办理结果", "(三)不予公开")),
        RowSpec("law", "2.其他法律行政法规禁止公开", groups=("三、本年度办理结果", "(三)不予公开")),
        RowSpec("other", "其他事项", aliases=("其他",)),
    )
    table = grid([
        ["项目", "件数"],
        ["三、本年度办理结果（三）不予公开1.属于国家秘密", "1"],
        # the inner group first: each group label is taken off wherever it stands
        ["（三）不予公开三、本年度办理结果2.其他法律行政法规禁止公开", "2"],
        ["其他", "3"],
    ])
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), table)
    assert cells(result) == {
        ("secret", "n"): ("1", 1, 1, False), ("law", "n"): ("2", 2, 1, False), ("other", "n"): ("3", 3, 1, False),
    }
    assert result.variants == []


def test_each_template_row_takes_the_first_free_grid_row_with_its_label() -> None:
    rows = (RowSpec("a", "其他"), RowSpec("b", "其他"))
    table = grid([["项目", "件数"], ["其他", "1"], ["其他", "2"], ["其他", "3"]])
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), table)
    assert cells(result) == {("a", "n"): ("1", 1, 1, False), ("b", "n"): ("2", 2, 1, False)}


# ---- columns -----------------------------------------------------------------------------------


REVIEW_SUIT = (
    ColumnSpec("review.upheld", "结果维持", group="行政复议"),
    ColumnSpec("review.corrected", "结果纠正", group="行政复议"),
    ColumnSpec("suit.upheld", "结果维持", group="行政诉讼"),
    ColumnSpec("suit.corrected", "结果纠正", group="行政诉讼"),
)


def test_grouped_columns_are_told_apart_by_the_header_above_them() -> None:
    table = grid(
        [
            ["项目", "行政诉讼", "行政诉讼", "行政复议", "行政复议"],
            ["项目", "结果维持", "结果纠正", "结果维持", "结果纠正"],
            ["合计", "1", "2", "3", "4"],
        ],
        {(0, 2): (0, 1), (0, 4): (0, 3), (1, 0): (0, 0)},
    )
    result = bound(spec(block(REVIEW_SUIT, (RowSpec("total", "合计"),))), table)
    assert {k[1]: v[0] for k, v in cells(result).items()} == {
        "suit.upheld": "1", "suit.corrected": "2", "review.upheld": "3", "review.corrected": "4",
    }
    assert not any(c.uncertain for c in result.cells.values())


def test_a_header_cell_printing_group_and_label_names_its_column() -> None:
    # A flattened header (Markdown, a web page): "行政复议 结果维持" in the column's own cell,
    # in another order than the template's, so that placing by position would be wrong.
    table = grid([
        ["项目", "行政诉讼 结果维持", "行政诉讼 结果纠正", "行政复议 结果维持", "行政复议 结果纠正"],
        ["合计", "1", "2", "3", "4"],
    ])
    result = bound(spec(block(REVIEW_SUIT, (RowSpec("total", "合计"),))), table)
    assert {k[1]: v[0] for k, v in cells(result).items()} == {
        "suit.upheld": "1", "suit.corrected": "2", "review.upheld": "3", "review.corrected": "4",
    }
    assert not any(c.uncertain for c in result.cells.values())


def test_a_grouped_column_whose_id_has_no_dot_needs_no_group_header() -> None:
    # 2019's 表三 columns under 法人或其他组织 ("business") are read from a flattened header.
    columns = (ColumnSpec("natural", "自然人"), ColumnSpec("business", "商业企业", group="法人或其他组织"))
    table = grid([["申请人情况", "自然人", "商业企业"], ["一、本年新收政府信息公开申请数量", "5", "6"]])
    result = bound(spec(block(columns, (RowSpec("new", "一、本年新收政府信息公开申请数量"),))), table)
    assert cells(result) == {("new", "natural"): ("5", 1, 1, False), ("new", "business"): ("6", 1, 2, False)}
    # with a dotted id the group header is required: without it the columns go by position
    dotted = (ColumnSpec("natural", "自然人"), ColumnSpec("legal.business", "商业企业", group="法人或其他组织"))
    result = bound(spec(block(dotted, (RowSpec("new", "一、本年新收政府信息公开申请数量"),))), table)
    assert cells(result)[("new", "legal.business")] == ("6", 1, 2, True)


def test_a_header_label_matches_the_start_of_a_longer_header() -> None:
    table = grid([["项目", "件数（件）", "金额（万元）"], ["行政许可", "3", "1.5"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT,))), table)
    assert cells(result) == {("permit", "n"): ("3", 1, 1, False), ("permit", "m"): ("1.5", 1, 2, False)}


def test_a_header_over_the_label_column_names_no_value_column() -> None:
    # "件数" merged over the label column and the value column
    table = grid([["件数", "件数"], ["行政许可", "3"]], {(0, 1): (0, 0)})
    result = bound(spec(block((ColumnSpec("n", "件数"),), (PERMIT,))), table)
    assert cells(result) == {("permit", "n"): ("3", 1, 1, False)}
    # nor does one over a group label's column
    grouped = RowSpec("secret", "1.属于国家秘密", groups=("(三)不予公开",))
    table = grid([["件数", "件数", "件数"], ["（三）不予公开", "1.属于国家秘密", "3"]], {(0, 1): (0, 0), (0, 2): (0, 0)})
    result = bound(spec(block((ColumnSpec("n", "件数"),), (grouped,))), table)
    assert cells(result) == {("secret", "n"): ("3", 1, 2, False)}
    # a label cell is known by its row's label, its group label, or the start of either (six
    # characters or more)
    for printed, row in (("（三）不予公开1.属于国家秘密", grouped), ("1.属于国家秘密", RowSpec("secret", "1.属于国家"))):
        table = grid([["件数", "件数"], [printed, "3"]], {(0, 1): (0, 0)})
        assert cells(bound(spec(block((ColumnSpec("n", "件数"),), (row,))), table)) == {("secret", "n"): ("3", 1, 1, False)}, printed


def test_one_merged_header_cell_names_one_ungrouped_column() -> None:
    # "本年新收" over two value columns: the second template column is not taken from the same
    # header cell, it goes by position instead (and then the block's cells are all uncertain)
    columns = (ColumnSpec("a", "本年新收"), ColumnSpec("b", "本年新收"))
    table = grid([["项目", "本年新收", "本年新收"], ["行政许可", "3", "4"]], {(0, 2): (0, 1)})
    result = bound(spec(block(columns, (PERMIT,))), table)
    assert cells(result) == {("permit", "a"): ("3", 1, 1, True), ("permit", "b"): ("4", 1, 2, True)}
    # the next header cell with that text is the second column
    table = grid([["项目", "本年新收", "本年新收", "本年新收"], ["行政许可", "3", "4", "5"]], {(0, 2): (0, 1)})
    assert cells(bound(spec(block(columns, (PERMIT,))), table)) == {
        ("permit", "a"): ("3", 1, 1, False), ("permit", "b"): ("5", 1, 3, False),
    }
    # two header cells with the same text are two columns
    table = grid([["项目", "本年新收", "本年新收"], ["行政许可", "3", "4"]])
    assert cells(bound(spec(block(columns, (PERMIT,))), table)) == {
        ("permit", "a"): ("3", 1, 1, False), ("permit", "b"): ("4", 1, 2, False),
    }


def test_the_header_cell_is_the_lowest_non_blank_one_above_the_column() -> None:
    # row 1's "本年新收" cells are two (no origin), so both columns bind by header, although
    # row 0's "合计" above them is one merged cell
    columns = (ColumnSpec("a", "本年新收"), ColumnSpec("b", "本年新收"))
    table = grid([["项目", "合计", "合计"], ["项目", "本年新收", "本年新收"], ["行政许可", "3", "4"]], {(0, 2): (0, 1)})
    assert cells(bound(spec(block(columns, (PERMIT,))), table)) == {
        ("permit", "a"): ("3", 2, 1, False), ("permit", "b"): ("4", 2, 2, False),
    }
    # a blank cell below the merged one does not hide it
    table = grid([["项目", "本年新收", "本年新收"], ["项目", "", " "], ["行政许可", "3", "4"]], {(0, 2): (0, 1)})
    assert cells(bound(spec(block(columns, (PERMIT,))), table))[("permit", "b")] == ("4", 2, 2, True)


def test_a_header_row_shorter_than_the_table_is_read_where_it_has_cells() -> None:
    table = grid([["项目", "件数", "金额"], ["项目"], ["行政许可", "1", "2"]])
    assert cells(bound(spec(block(COUNT_AMOUNT, (PERMIT,))), table)) == {
        ("permit", "n"): ("1", 2, 1, False), ("permit", "m"): ("2", 2, 2, False),
    }


def test_a_text_in_a_data_row_is_no_column_header() -> None:
    # only "件数" is in the header; "金额待定" below it does not name the 金额 column
    table = grid([["项目", "件数", ""], ["行政许可", "1", "2"], ["行政处罚", "3", "金额待定"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT, PENALTY))), table)
    assert cells(result)[("permit", "m")] == ("2", 1, 2, True)  # placed by position


def test_columns_without_a_readable_header_go_by_position_and_are_uncertain() -> None:
    table = grid([["行政处罚", "4", "3000元"], ["行政许可", "3", "1.5"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT, PENALTY))), table)
    assert cells(result) == {
        ("permit", "n"): ("3", 1, 1, True), ("permit", "m"): ("1.5", 1, 2, True),
        ("penalty", "n"): ("4", 0, 1, True), ("penalty", "m"): ("3000元", 0, 2, True),
    }
    assert result.missing_columns == []


def test_positional_columns_count_a_merged_value_cell_once_and_need_one_slot_per_column() -> None:
    # "3" merged over two grid columns: two distinct values for two columns
    merged = grid([["行政许可", "3", "3", "5"]], {(0, 2): (0, 1)})
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT,))), merged)
    assert cells(result) == {("permit", "n"): ("3", 0, 1, True), ("permit", "m"): ("5", 0, 3, True)}
    # three values for two columns: which is which cannot be told
    three = grid([["行政许可", "3", "4", "5"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT,))), three)
    assert (result.cells, result.missing_columns, result.missing_rows) == ({}, ["n", "m"], ["permit"])


def test_a_column_named_by_its_header_keeps_its_place_when_the_others_go_by_position() -> None:
    # the header names the second column: the first takes the other slot, and once one column
    # went by position none of the block's cells is certain
    columns = (ColumnSpec("x", "其他"), ColumnSpec("n", "件数"))
    table = grid([["项目", "", "件数"], ["行政许可", "3", "4"]])
    assert cells(bound(spec(block(columns, (PERMIT,))), table)) == {
        ("permit", "x"): ("3", 1, 1, True), ("permit", "n"): ("4", 1, 2, True),
    }


def test_a_short_row_has_an_uncertain_blank_where_its_cells_end() -> None:
    table = grid([["项目", "件数", "金额"], ["行政许可", "3"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT,))), table)
    cell = result.cells[("permit", "m")]
    assert (cell.value.kind, cell.value.raw, cell.location, cell.uncertain) == (
        ValueKind.BLANK, "", table.location, True,
    )
    assert cells(result)[("permit", "n")] == ("3", 1, 1, False)


def test_an_extractors_doubt_about_a_cell_is_kept() -> None:
    table = grid([["项目", "件数"], ["行政许可", "3"]])
    doubtful = RawTable((table.rows[0], (table.rows[1][0], RawCell("3", table.rows[1][1].location, None, True))), table.location)
    assert cells(bound(spec(block((ColumnSpec("n", "件数"),), (PERMIT,))), doubtful)) == {("permit", "n"): ("3", 1, 1, True)}


# ---- captions and the unlabelled row (表四) -----------------------------------------------------


def test_a_captioned_block_is_read_below_its_caption_only() -> None:
    captioned = block((ColumnSpec("n", "件数"),), (PERMIT,), caption="第二部分")
    table = grid([["项目", "件数"], ["行政许可", "1"], ["第二部分（续）", ""], ["项目", "件数"], ["行政许可", "2"]])
    assert cells(bound(spec(captioned), table)) == {("permit", "n"): ("2", 4, 1, False)}
    # the header is the one below the caption, not one above it
    table = grid([["项目", "件数", "金额"], ["第二部分"], ["项目", "金额", "件数"], ["行政许可", "3", "4"]])
    assert cells(bound(spec(block(COUNT_AMOUNT, (PERMIT,), caption="第二部分")), table)) == {
        ("permit", "n"): ("4", 3, 2, False), ("permit", "m"): ("3", 3, 1, False),
    }
    # a row right below the caption is the block's
    assert match_block(grid([["第二部分"], ["行政许可", "5"]]), captioned).rows == {"permit": 1}
    # without its caption the block is not in this table
    assert bind_grid([grid([["项目", "件数"], ["行政许可", "2"]])], spec(captioned)) is None
    assert match_block(table, block((ColumnSpec("n", "件数"),), (PERMIT,), caption="第三部分")).rows == {}


T4_COLUMNS = tuple(ColumnSpec(f"c{i}", label) for i, label in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结")))
T4 = block(T4_COLUMNS, (RowSpec("value", ""),))


def test_the_unlabelled_row_is_the_first_row_of_values_under_the_header() -> None:
    table = grid([["说明 1", "", "", ""], ["结果维持", "结果纠正", "其他结果", "尚未审结"], ["1", "2", "3", "4"], ["5", "6", "7", "8"]])
    result = bound(spec(T4), table)
    assert {k: v[:2] for k, v in cells(result).items()} == {
        ("value", "c0"): ("1", 2), ("value", "c1"): ("2", 2), ("value", "c2"): ("3", 2), ("value", "c3"): ("4", 2),
    }
    assert result.missing_rows == []


def test_the_unlabelled_row_needs_values_in_half_its_columns() -> None:
    header = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    half = grid([header, ["1", "", "", ""], ["1", "2", "", ""]])
    assert match_block(half, T4).rows == {"value": 2}
    assert match_block(grid([header, ["1", "2", "x", ""]]), T4).rows == {}  # text is no value
    one_column = block((ColumnSpec("c0", "结果维持"),), (RowSpec("value", ""),))
    assert match_block(grid([["结果维持"], ["1"]]), one_column).rows == {"value": 1}
    three = block(T4_COLUMNS[:3], (RowSpec("value", ""),))  # half of three columns: one value
    assert match_block(grid([header[:3], ["1", "", ""]]), three).rows == {"value": 1}


def test_a_blank_row_under_the_header_is_the_unfilled_unlabelled_row() -> None:
    header = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    assert match_block(grid([header, ["", "", "", ""]]), T4).rows == {"value": 1}
    assert match_block(grid([header, ["", "", ""]]), T4).rows == {}  # too short for the block
    assert match_block(grid([["说明"], ["", "", "", ""]]), T4).rows == {}  # no header above it
    captioned = block(T4_COLUMNS, (RowSpec("value", ""),), caption="行政复议")
    table = grid([["1", "2", "3", "4"], ["行政复议", "", "", ""], header, ["5", "6", "7", "8"]])
    assert match_block(table, captioned).rows == {"value": 3}


# ---- choosing and joining tables ---------------------------------------------------------------


def test_the_table_with_the_most_rows_found_is_bound() -> None:
    two = spec(block((ColumnSpec("n", "件数"),), (PERMIT, PENALTY)))
    one_row = grid([["项目", "件数"], ["行政许可", "9"]], index=0)
    both = grid([["项目", "件数"], ["行政许可", "1"], ["行政处罚", "2"]], index=1)
    result = bound(two, one_row, both)
    assert {k: v.value.raw for k, v in result.cells.items()} == {("permit", "n"): "1", ("penalty", "n"): "2"}
    assert result.location == both.location
    # a row counts twice a column: two rows and one column beat one row and two columns
    wide = spec(block(COUNT_AMOUNT, (PERMIT, PENALTY)))
    rows_table = grid([["项目", "件数"], ["行政许可", "1"], ["行政处罚", "2"]], index=0)
    cols_table = grid([["项目", "件数", "金额"], ["行政许可", "8", "9"]], index=1)
    assert bound(wide, cols_table, rows_table).location == rows_table.location


def test_a_table_split_in_two_takes_the_missing_rows_from_the_other_part() -> None:
    rows = (PERMIT, PENALTY, RowSpec("coercion", "行政强制"))
    first = grid([["项目", "件数"], ["行政许可", "1"], ["行政处罚", "2"]], index=0)
    rest = grid([["项目", "件数"], ["行政许可", "7"], ["行政强制", "3"]], index=1)
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), first, rest)
    assert {k[0]: (v.value.raw, v.location.table) for k, v in result.cells.items()} == {
        "permit": ("1", 0), "penalty": ("2", 0), "coercion": ("3", 1),
    }
    assert result.missing_rows == []
    # a part whose columns cannot be read adds nothing
    headless = grid([["行政强制", "3", "4"]], index=1)
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), first, headless)
    assert set(result.cells) == {("permit", "n"), ("penalty", "n")} and result.missing_rows == ["coercion"]


def test_a_continuation_as_wide_as_the_headed_piece_takes_its_columns_and_brings_its_own_variants() -> None:
    rows = (PERMIT, PENALTY, RowSpec("c", "3.属于行政执法案卷"), RowSpec("d", "4.属于国家秘密文件"))
    first = grid([["项目", "件数"], ["行政许可", "1"], ["行政处罚", "2"]], index=0)
    rest = grid([["3.属于行政执法案卷", "5"], ["4.属于国家秘密文什", "6"]], index=1)  # no header; a typo
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), first, rest)
    assert {k[0]: (v.value.raw, v.uncertain) for k, v in result.cells.items()} == {
        "permit": ("1", False), "penalty": ("2", False), "c": ("5", False), "d": ("6", False),
    }
    assert [(v.kind, v.id, v.found, v.location.table) for v in result.variants] == [("row", "d", "4.属于国家秘密文什", 1)]


@pytest.mark.parametrize("order", ["headed first", "continuation first"])
def test_a_continuation_of_another_width_goes_by_position_uncertain(order: str) -> None:
    rows = (PERMIT, PENALTY, RowSpec("c", "3.属于行政执法案卷"))
    first = grid([["项目", "件数", "备注"], ["行政许可", "1", ""], ["行政处罚", "2", ""]], index=0)
    rest = grid([["3.属于行政执法案卷", "5"]], index=1)  # two columns, not three: not the same table's
    tables = (first, rest) if order == "headed first" else (rest, first)
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), *tables)
    assert result.cells[("c", "n")].value.raw == "5"
    assert result.cells[("c", "n")].uncertain
    assert not result.cells[("permit", "n")].uncertain


def test_a_headed_piece_after_the_continuation_lends_it_no_columns() -> None:
    rows = (PERMIT, PENALTY, RowSpec("c", "3.属于行政执法案卷"))
    rest = grid([["3.属于行政执法案卷", "5"]], index=0)
    headed = grid([["项目", "件数"], ["行政许可", "1"], ["行政处罚", "2"]], index=1)
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), rest, headed)
    assert result.cells[("c", "n")].uncertain


def test_missing_rows_and_columns_over_every_block() -> None:
    blocks = (
        block(COUNT_AMOUNT, (PERMIT, PENALTY), id="b1"),
        block((ColumnSpec("n", "件数"), ColumnSpec("k", "其他")), (RowSpec("x", "行政强制"), RowSpec("y", "行政征收")), caption="部分二", id="b2"),
    )
    table = grid([["项目", "件数", "金额"], ["行政许可", "1", "2"], ["部分二"], ["项目", "件数", "金额", "x"], ["行政强制", "3", "4", "5"]])
    result = bound(spec(*blocks), table)
    assert {k: v.value.raw for k, v in result.cells.items()} == {
        ("permit", "n"): "1", ("permit", "m"): "2", ("x", "n"): "3",
    }
    assert result.missing_rows == ["penalty", "y"]
    assert result.missing_columns == ["k"]  # "n" of block two was found, "m" of block one too


def test_a_block_not_found_does_not_stop_the_next_one() -> None:
    blocks = (
        block((ColumnSpec("n", "件数"),), (PERMIT,), id="b1"),
        block((ColumnSpec("n", "件数"),), (RowSpec("x", "行政强制"),), id="b2"),
    )
    result = bound(spec(*blocks), grid([["项目", "件数"], ["行政强制", "3"]]))
    assert (cells(result), result.missing_rows) == ({("x", "n"): ("3", 1, 1, False)}, ["permit"])


def test_no_block_found_is_no_table() -> None:
    assert bind_grid([grid([["项目", "件数"], ["行政征收", "1"]])], spec(block((ColumnSpec("n", "件数"),), (PERMIT,)))) is None
    assert bind_grid([], spec(block((ColumnSpec("n", "件数"),), (PERMIT,)))) is None


def test_a_column_left_missing_does_not_stop_the_next_one() -> None:
    # the header names only the second column, and three values for two columns: no positions
    columns = (ColumnSpec("x", "其他"), ColumnSpec("n", "件数"))
    table = grid([["项目", "", "件数", ""], ["行政许可", "3", "4", "5"]])
    result = bound(spec(block(columns, (PERMIT,))), table)
    assert (cells(result), result.missing_columns) == ({("permit", "n"): ("4", 1, 2, False)}, ["x"])


def test_the_unlabelled_rows_values_may_be_amounts_or_changes() -> None:
    two = block((ColumnSpec("a", "金额"), ColumnSpec("c", "增减")), (RowSpec("value", ""),))
    for row in (["1.5", "减4"], ["未增未减", "1.5"]):
        assert match_block(grid([["金额", "增减"], row]), two).rows == {"value": 1}, row
    # a negative decimal is neither an amount nor a change (those are whole numbers)
    assert match_block(grid([["金额", "增减"], ["-1.5", "2"]]), two).rows == {}


# ---- near-miss rows in a grid ------------------------------------------------------------------

A, B, C = "1.属于国家秘密信息", "2.属于国家秘密文件", "3.属于行政执法案卷"
NEAR = spec(block((ColumnSpec("n", "件数"),), (RowSpec("a", A), RowSpec("b", B), RowSpec("c", C))))


def near_bound(labels: list[str]) -> BoundTable:
    return bound(NEAR, grid([["项目", "件数"], *([label, str(i)] for i, label in enumerate(labels, 1))]))


def test_a_near_miss_is_taken_in_its_place_only() -> None:
    # the first template row misspelt on the first grid row: sought from the top
    first = near_bound(["1.属于国家秘密信件", B, C])
    assert ([(v.id, v.found) for v in first.variants], cells(first)[("a", "n")]) == ([("a", "1.属于国家秘密信件")], ("1", 1, 1, False))
    # after the next row found, it is out of place
    late = near_bound([B, "1.属于国家秘密信件", C])
    assert (late.variants, late.missing_rows) == ([], ["a"])
    last = near_bound([B, C, "1.属于国家秘密信件"])  # nor is the search wrapped round to the end
    assert (last.variants, last.missing_rows) == ([], ["a"])


def test_the_closest_near_miss_wins_and_a_tie_between_rows_is_no_reading() -> None:
    closest = near_bound([A, "2.属于国家秘密文什", "2.属于国家机密文什", C])  # 1 and 2 edits
    assert [(v.id, v.found) for v in closest.variants] == [("b", "2.属于国家秘密文什")]
    assert cells(closest)[("b", "n")] == ("2", 2, 1, False)
    tie = near_bound([A, "2.属于国家秘密文什", "2.属于国家秘密文牛", C])  # 1 edit each
    assert (tie.variants, tie.missing_rows) == ([], ["b"])
    # a tie for one row does not stop the next row's near-miss
    both = near_bound(["1.属于国家秘密信件", "1.属于国家秘密信牛", B, "3.属于行政执法案件"])
    assert [(v.id, v.found) for v in both.variants] == [("c", "3.属于行政执法案件")]


def test_a_near_miss_behind_a_blank_cell_is_read() -> None:
    table = grid([["", "项目", "件数"], ["", A, "1"], ["", "2.属于国家秘密文什", "2"], ["", C, "3"]])
    result = bound(NEAR, table)
    assert [(v.id, v.found, v.location.col) for v in result.variants] == [("b", "2.属于国家秘密文什", 1)]


def test_each_row_comes_from_the_first_part_that_has_it() -> None:
    rows = (PERMIT, PENALTY, RowSpec("expro", "行政征用"), RowSpec("coercion", "行政强制"), RowSpec("levy", "行政征收"))
    first = grid([["项目", "件数"], ["行政许可", "1"], ["行政处罚", "2"], ["行政征用", "5"]], index=0)
    second = grid([["项目", "件数"], ["行政强制", "3"]], index=1)
    third = grid([["项目", "件数"], ["行政许可", "7"], ["行政强制", "8"], ["行政征收", "4"]], index=2)
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), first, second, third)
    assert {k[0]: (v.value.raw, v.location.table) for k, v in result.cells.items()} == {
        "permit": ("1", 0), "penalty": ("2", 0), "expro": ("5", 0), "coercion": ("3", 1), "levy": ("4", 2),
    }
    # a part whose columns cannot be read does not take a row from a later part that can
    headless = grid([["行政强制", "5", "6"]], index=1)
    result = bound(spec(block((ColumnSpec("n", "件数"),), rows)), first, headless, third)
    assert {k[0]: v.value.raw for k, v in result.cells.items()} == {
        "permit": "1", "penalty": "2", "expro": "5", "coercion": "8", "levy": "4",
    }


# ---- a row a page break cut in two, with a line drawn at the cut ----------------------------------

LONG = RowSpec("other_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", groups=("（六）其他处理",))
NEXT = RowSpec("other_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", groups=("（六）其他处理",))


def test_a_row_whose_label_ends_in_the_next_row_is_one_row() -> None:
    header = ["", "", "件数", "金额"]
    table = grid([header,
                  ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开", "67", "1.5"],
                  ["（六）其他处理", "申请", "", ""],
                  ["（六）其他处理", NEXT.label, "6", "0"]])
    result = bound(spec(block(COUNT_AMOUNT, (LONG, NEXT))), table)
    assert not result.missing_rows and not result.variants
    assert cells(result) == {
        ("other_1", "n"): ("67", 1, 2, False), ("other_1", "m"): ("1.5", 1, 3, False),
        ("other_2", "n"): ("6", 3, 2, False), ("other_2", "m"): ("0", 3, 3, False),
    }


def test_a_next_row_with_a_value_or_no_label_rest_is_its_own_row() -> None:
    for rest in (["（六）其他处理", "申请", "3", ""], ["（六）其他处理", "另一行", "", ""]):
        table = grid([["", "", "件数", "金额"],
                      ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开", "67", "1.5"],
                      rest])
        result = bound(spec(block(COUNT_AMOUNT, (LONG,))), table)
        # not the exact label: found as a near miss (a W2-label warning), never as the row cut in two
        assert [v.found for v in result.variants] == ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开"], rest


def test_a_row_whose_label_ends_in_the_tables_last_row_is_one_row() -> None:
    table = grid([["", "", "件数", "金额"],
                  ["（六）其他处理", NEXT.label, "6", "0"],
                  ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开", "67", "1.5"],
                  ["（六）其他处理", "申请", "", ""]])  # the rest, cut by the page's end, last
    result = bound(spec(block(COUNT_AMOUNT, (LONG, NEXT))), table)
    assert not result.missing_rows and not result.variants
    assert cells(result)[("other_1", "n")] == ("67", 2, 2, False)


def test_a_next_row_longer_than_the_row_is_not_its_labels_rest() -> None:
    # The next row has a cell where the row has none: not the same row's cells continued.
    table = grid([["", "", "件数", "金额"],
                  ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开", "67"],
                  ["（六）其他处理", "申请", "", "注"]])
    result = bound(spec(block(COUNT_AMOUNT, (LONG,))), table)
    assert [v.found for v in result.variants] == ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开"]


def test_a_column_placed_by_position_has_its_header_unread() -> None:
    # "金钱" is neither header: the two value cells still go to the two columns by position.
    table = grid([["项目", "件数", "金钱"], ["行政许可", "1", "2"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT,))), table)
    assert (result.missing_columns, result.unread_headers) == ([], ["m"])
    assert cells(result)[("permit", "m")] == ("2", 1, 2, True)


def test_columns_all_placed_by_position_say_nothing_of_their_headers() -> None:
    # No header cell reads as the format's (a header the extraction could not read, or none):
    # the cells are uncertain, and there is no read header to call drift.
    table = grid([["项目", "甲", "乙"], ["行政许可", "1", "2"]])
    result = bound(spec(block(COUNT_AMOUNT, (PERMIT,))), table)
    assert (result.missing_columns, result.unread_headers) == ([], [])
    assert cells(result)[("permit", "n")] == ("1", 1, 1, True)


def test_a_figure_is_a_value_whatever_its_length() -> None:
    """Short texts are remembered, long ones parsed each time: both give the parser's answer."""
    from checker.binding.grid import _is_value

    assert _is_value("0") and _is_value("0")  # the second from the cache
    assert _is_value("12,345,678,901,234,567,890,123,456,789,012.5")  # 44 characters
    assert _is_value("1" * 41 + "项")
    assert not _is_value("一" * 50) and not _is_value("其他")
