"""The text-stream binder's rows, at their boundaries: which values a row takes, when a row is
bound with certainty, what it reports when it cannot be, and how the unlabelled row (表四) and a
header-only table are found. Small tables built here; the real packs' tables are in
tests/test_stream_binding.py."""

from __future__ import annotations

from decimal import Decimal

from checker.binding.stream import bind_stream
from checker.finding import Severity
from checker.model import Location, Paragraph
from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, TableSpec
from checker.report import BoundTable
from checker.values import CellType, ValueKind

PATH = "s.txt"
NEW = RowSpec("new", "一、本年新收政府信息公开申请数量")
CARRIED = RowSpec("carried", "二、上年结转政府信息公开申请数量")
DENY = RowSpec("deny", "1.属于国家秘密", groups=("三、本年度办理结果", "（三）不予公开"))
COLUMNS = (ColumnSpec("n", "自然人"), ColumnSpec("m", "金额", type=CellType.DECIMAL, unit="万元"))
TABLE = TableSpec("T", "表三", "S", (BlockSpec("b", None, COLUMNS, (NEW, CARRIED, DENY)),))
T4_COLUMNS = tuple(ColumnSpec(f"c{i}", x) for i, x in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结")))
T4 = TableSpec("T4", "表四", "S", (BlockSpec("b", None, T4_COLUMNS, (RowSpec("value", ""),)),), header_labels=("行政复议",))


def lines(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, Location(PATH, line=n)) for n, text in enumerate(texts, 1)]


def bound(spec: TableSpec, *texts: str) -> BoundTable:
    table = bind_stream(lines(*texts), spec, PATH)
    assert table is not None
    return table


def cells(table: BoundTable) -> dict[tuple[str, str], tuple[str, int | None, bool]]:
    """Each cell as (raw text, line, uncertain), checking that it knows its own row and column."""
    for (row, column), cell in table.cells.items():
        assert (cell.row, cell.column, cell.location.path) == (row, column, PATH)
    return {k: (c.value.raw, c.location.line, c.uncertain) for k, c in table.cells.items()}


def test_each_row_takes_its_values_in_column_order_with_the_columns_type() -> None:
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 3 251000元", "二、上年结转政府信息公开申请数量 4 1.5")
    assert cells(table) == {
        ("new", "n"): ("3", 2, False), ("new", "m"): ("251000元", 2, False),
        ("carried", "n"): ("4", 3, False), ("carried", "m"): ("1.5", 3, False),
    }
    amount = table.cells[("new", "m")].value
    assert (amount.number, amount.unit) == (Decimal("25.1"), "万元")
    assert (table.missing_rows, table.missing_columns, table.problems) == (["deny"], [], [])
    assert table.location == Location(PATH, line=2)  # no header label in the spec: the first row


def test_a_row_with_too_few_values_is_reported_and_left_out() -> None:
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 3", "二、上年结转政府信息公开申请数量 4 5")
    assert set(table.cells) == {("carried", "n"), ("carried", "m")}
    (problem,) = table.problems
    assert (problem.rule, problem.kind, problem.severity, problem.path, problem.location) == (
        "EXTRACT-row-values", "extract", Severity.WARNING, PATH, Location(PATH, line=2),
    )
    assert (problem.table, problem.row, problem.uncertain) == ("表三", "一、本年新收政府信息公开申请数量", True)
    assert problem.message.zh == (
        "表三“一、本年新收政府信息公开申请数量”（第2行）只读到1个数值（3），应有2个；"
        "空白单元格可能被省略，无法确定各数值所属的列，未采用"
    )
    assert problem.message.en == (
        '表三 row "一、本年新收政府信息公开申请数量" (line 2): 1 values (3) for 2 columns; '
        "empty cells were probably dropped, so which column each value belongs to is unknown and none were used"
    )


def test_a_row_without_any_value_is_reported_at_its_label() -> None:
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量 4 5")
    (problem,) = table.problems
    assert problem.location == Location(PATH, line=2)
    assert "（第2行）只读到0个数值（（无）），应有2个" in problem.message.zh
    assert "(line 2): 0 values (（无）) for 2 columns" in problem.message.en


def test_a_row_with_too_many_values_takes_the_first_ones_uncertain() -> None:
    # wrapped over lines, so the extra number may be a cell: nothing is cut
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 3", "| | 4", "9")
    assert cells(table) == {("new", "n"): ("3", 2, True), ("new", "m"): ("", 3, True)}
    (problem,) = table.problems
    assert (problem.row, problem.location, problem.uncertain) == ("一、本年新收政府信息公开申请数量", Location(PATH, line=2), True)
    assert problem.message.zh == (
        "表三“一、本年新收政府信息公开申请数量”（第2行）读到4个数值（3 （空） 4 9），多于2列；已取前2个，结果不确定"
    )
    assert problem.message.en == (
        '表三 row "一、本年新收政府信息公开申请数量" (line 2): 4 values (3 （空） 4 9) for 2 columns; '
        "the first 2 were taken and are uncertain"
    )


def test_a_number_on_a_later_line_is_cut_only_after_a_whole_row_on_one_line() -> None:
    three = TableSpec("T", "表三", "S", (BlockSpec("b", None, (*COLUMNS, ColumnSpec("k", "其他")), (NEW,)),))
    whole = bound(three, "自然人 金额 其他", "一、本年新收政府信息公开申请数量 1 2 3", "4")
    assert (cells(whole)[("new", "k")], whole.problems) == (("3", 2, False), [])
    # the row's values over two lines: the number after them may be its own, so it stays, uncertain
    for split in (("一、本年新收政府信息公开申请数量 1", "2 3"), ("一、本年新收政府信息公开申请数量 1 2", "3")):
        table = bound(three, "自然人 金额 其他", *split, "4")
        assert [c[2] for c in cells(table).values()] == [True, True, True], split
        assert len(table.problems) == 1


def test_a_blank_cell_before_the_values_is_dropped_only_when_there_are_too_many() -> None:
    # "| label | | 3 | 4 |": a merged label cell left blank before the values
    extra = bound(TABLE, "自然人 金额", "| 一、本年新收政府信息公开申请数量 | | 3 | 4 |")
    assert (cells(extra), extra.problems) == ({("new", "n"): ("3", 2, False), ("new", "m"): ("4", 2, False)}, [])
    # exactly one cell per column: the blank is the first column's cell
    exact = bound(TABLE, "自然人 金额", "| 一、本年新收政府信息公开申请数量 | | 4 |")
    assert (cells(exact), exact.problems) == ({("new", "n"): ("", 2, False), ("new", "m"): ("4", 2, False)}, [])


def test_a_row_shown_with_its_group_prefix_is_named_by_its_display_label() -> None:
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 1 2", "1.属于国家秘密 7")
    (problem,) = table.problems
    assert problem.row == "（三）不予公开 / 1.属于国家秘密"
    assert problem.message.zh.startswith("表三“（三）不予公开 / 1.属于国家秘密”（第3行）")


# ---- a word among the numbers ------------------------------------------------------------------


def test_a_whole_row_on_its_line_with_a_word_among_its_numbers_keeps_the_word_as_a_cell() -> None:
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 若干 5")
    assert cells(table) == {("new", "n"): ("若干", 2, False), ("new", "m"): ("5", 2, False)}
    assert table.cells[("new", "n")].value.kind is ValueKind.TEXT


def test_words_after_a_label_are_cells_only_on_the_labels_line_and_one_per_column() -> None:
    # the word's line differs from the label's: not a row of cells
    assert bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 5", "若干").cells == {}
    # two words and a number for two columns: not a row either
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 若干 5 较多")
    assert table.cells == {} and [p.row for p in table.problems] == ["一、本年新收政府信息公开申请数量"]
    # only words: with several columns that is prose, not a row
    assert bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 若干 较多").cells == {}


def test_a_single_column_row_may_be_one_word() -> None:
    one = TableSpec("T", "表三", "S", (BlockSpec("b", None, (ColumnSpec("n", "自然人"),), (NEW, CARRIED)),))
    table = bound(one, "自然人", "一、本年新收政府信息公开申请数量 若干", "二、上年结转政府信息公开申请数量 2")
    assert cells(table) == {("new", "n"): ("若干", 2, False), ("carried", "n"): ("2", 3, False)}


def test_a_group_labels_fragment_between_the_label_and_its_word_is_no_cell() -> None:
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息公开申请数量 度办 5")
    assert table.cells == {} and len(table.problems) == 1


# ---- the unlabelled row (表四) and a table known by its header ----------------------------------


def test_the_unlabelled_row_is_the_first_run_with_a_value_per_column() -> None:
    table = bound(T4, "上年 3 4 5 6 7", "行政复议", "结果维持 结果纠正 其他结果 尚未审结", "1 2 3 4", "说明", "5 6 7 8 9")
    assert cells(table) == {(("value", f"c{i}")): (str(i + 1), 4, False) for i in range(4)}
    assert table.problems == [] and table.missing_columns == []


def test_the_unlabelled_row_without_a_full_run_is_the_longest_one_and_reported() -> None:
    table = bound(T4, "结果维持 结果纠正 其他结果 尚未审结", "1 2", "说明", "3 4 5")
    assert table.cells == {}
    (problem,) = table.problems
    assert (problem.row, problem.location) == (None, Location(PATH, line=4))
    assert problem.message.zh.startswith("表四（第4行）只读到3个数值（3 4 5），应有4个")
    assert problem.message.en.startswith("表四 (line 4): 3 values (3 4 5) for 4 columns")


def test_an_unlabelled_row_with_no_value_at_all_is_reported_at_the_header() -> None:
    table = bound(T4, "结果维持 结果纠正 其他结果 尚未审结", "说明")
    (problem,) = table.problems
    assert problem.location == Location(PATH, line=1)
    assert "0个数值（（无））" in problem.message.zh


def test_an_unlabelled_single_column_takes_a_single_value() -> None:
    spec = TableSpec("T4", "表四", "S", (BlockSpec("b", "行政复议", (ColumnSpec("c", "总计"),), (RowSpec("value", ""),)),))
    table = bound(spec, "行政复议", "总计", "7", "说明")
    assert cells(table) == {("value", "c"): ("7", 3, False)}


def test_a_table_read_from_half_its_header_labels() -> None:
    # no caption and no row label: the header is the only evidence, and half of it is enough
    half = bound(T4, "结果维持 结果纠正", "1 2 3 4")
    assert (half.missing_columns, half.unread_headers) == ([], ["c2", "c3"])  # their values were read
    assert [c[0] for c in cells(half).values()] == ["1", "2", "3", "4"]
    assert bind_stream(lines("结果维持", "1 2 3 4"), T4, PATH) is None
    # bare numbers without any header are no table
    assert bind_stream(lines("1 2 3 4"), T4, PATH) is None


def test_values_printed_inside_a_wrapped_label_and_after_it_are_one_row() -> None:
    # "一、本年新收政府信息 3" / "公开申请数量 4": the label's rest after its first value
    table = bound(TABLE, "自然人 金额", "一、本年新收政府信息 3", "公开申请数量 4", "二、上年结转政府信息公开申请数量 5 6")
    assert cells(table) == {
        ("new", "n"): ("3", 2, False), ("new", "m"): ("4", 3, False),
        ("carried", "n"): ("5", 4, False), ("carried", "m"): ("6", 4, False),
    }
    assert table.problems == []


# ---- when the lines hold the table at all -------------------------------------------------------


def test_two_long_row_labels_or_the_only_one_are_evidence_of_the_table() -> None:
    six = (RowSpec("a", "行政许可事项"), RowSpec("b", "行政处罚事项"), RowSpec("c", "规章"))
    spec = TableSpec("T", "表二", "S", (BlockSpec("b", None, (ColumnSpec("n", "件数"),), six),))
    table = bound(spec, "行政许可事项 1", "行政处罚事项 2")  # six characters: long enough
    assert cells(table) == {("a", "n"): ("1", 1, False), ("b", "n"): ("2", 2, False)}
    assert (table.missing_columns, table.unread_headers) == ([], [])  # no header: the rows alone identify the table
    assert bind_stream(lines("行政许可事项 1", "规章 3"), spec, PATH) is None  # one of two
    five = (RowSpec("a", "行政许可项"), RowSpec("b", "行政处罚项"))
    spec = TableSpec("T", "表二", "S", (BlockSpec("b", None, (ColumnSpec("n", "件数"),), five),))
    assert bind_stream(lines("行政许可项 1", "行政处罚项 2"), spec, PATH) is None  # short labels are prose words
    only = (RowSpec("a", "行政许可事项"), RowSpec("c", "规章"))
    spec = TableSpec("T", "表二", "S", (BlockSpec("b", None, (ColumnSpec("n", "件数"),), only),))
    assert cells(bound(spec, "行政许可事项 1")) == {("a", "n"): ("1", 1, False)}


def test_a_worded_cell_that_ends_a_label_with_the_words_before_it_is_label_text() -> None:
    spec = TableSpec("T", "表", "S", (BlockSpec("b", None, (ColumnSpec("n", "自然人"),), (NEW, RowSpec("fee", "收费情况有无"))),))
    table = bound(spec, "自然人", "一、本年新收政府信息公开申请数量 3", "收费情况有 无 1")
    assert cells(table) == {("new", "n"): ("3", 2, False), ("fee", "n"): ("1", 3, False)}
    assert (table.variants, table.problems) == ([], [])


def test_a_worded_cell_last_in_the_text_is_a_value() -> None:
    table = bound(T4, "结果维持 结果纠正 其他结果 尚未审结", "1 2 3 无")
    assert [c[0] for c in cells(table).values()] == ["1", "2", "3", "无"]
    assert table.cells[("value", "c3")].value.kind is ValueKind.NOT_APPLICABLE


# ---- where the table is, and rows found out of order or misspelt --------------------------------

WITH_HEADER = TableSpec("T", "表三", "S", TABLE.blocks, header_labels=("申请人情况",))


def test_the_table_is_where_its_first_header_label_starts() -> None:
    table = bound(WITH_HEADER, "申请人情况", "自然人 金额", "一、本年新收政府信息公开申请数量 1 2")
    assert (table.id, table.location) == ("T", Location(PATH, line=1))
    split = bound(WITH_HEADER, "申请人", "情况", "自然人 金额", "一、本年新收政府信息公开申请数量 1 2")
    assert split.location == Location(PATH, line=1)
    # known by its header alone: where the header starts
    assert bound(T4, "结果维持", "结果纠正", "1 2 3 4").location == Location(PATH, line=1)


def test_a_row_label_named_in_a_note_above_the_rows_is_not_the_row() -> None:
    table = bound(
        WITH_HEADER, "申请人情况", "注：二、上年结转政府信息公开申请数量见说明", "自然人 金额",
        "一、本年新收政府信息公开申请数量 1 2", "二、上年结转政府信息公开申请数量 3 4",
    )
    assert cells(table) == {
        ("new", "n"): ("1", 4, False), ("new", "m"): ("2", 4, False),
        ("carried", "n"): ("3", 5, False), ("carried", "m"): ("4", 5, False),
    }
    assert table.problems == []


A, B, C = "1.属于国家秘密信息", "2.属于国家秘密文件", "3.属于行政执法案卷"
NEAR = TableSpec("T", "表三", "S", (BlockSpec("b", None, (ColumnSpec("n", "件数"),), (RowSpec("a", A), RowSpec("b", B), RowSpec("c", C))),))


def test_a_misspelt_label_over_two_lines_is_reported_as_printed_where_it_starts() -> None:
    table = bound(NEAR, "件数", f"{A} 1", "2.属于国家", "秘密信件 2", f"{C} 3")
    assert [(v.kind, v.id, v.found, v.location) for v in table.variants] == [("row", "b", "2.属于国家秘密信件", Location(PATH, line=3))]
    assert cells(table)[("b", "n")] == ("2", 4, False)


def test_a_misspelt_label_is_sought_only_before_the_next_row_found() -> None:
    table = bound(NEAR, "件数", f"{B} 2", "1.属于国家秘密信件 1", f"{C} 3")
    assert (table.variants, table.missing_rows) == ([], ["a"])


def test_a_six_character_label_may_be_misspelt() -> None:
    rows = (RowSpec("a", "行政许可事项"), RowSpec("b", "行政处罚事项"), RowSpec("c", "行政强制事项"))
    spec = TableSpec("T", "表二", "S", (BlockSpec("b", None, (ColumnSpec("n", "件数"),), rows),))
    table = bound(spec, "件数", "行政许可事项 1", "行政处罚事务 2", "行政强制事项 3")
    assert [(v.id, v.found) for v in table.variants] == [("b", "行政处罚事务")]
    assert cells(table)[("b", "n")] == ("2", 3, False)
