"""Binding ledger tables (rows keyed by code or label) at their boundaries, on small tables built
here: the title found and kept, how far after its title a table may start, bands of a side-by-side
table, code levels, the "no data" statement's window. The real 部门决算 reports are in
tests/test_budget_tables.py."""

from __future__ import annotations

from decimal import Decimal

from msgspec.structs import replace

from checker.binding.coded import TITLE_GAP, bind_ledgers, strip_numbering
from checker.model import Block, Location, Paragraph, RawCell, RawTable
from checker.packs.ledgers import LedgerColumn, LedgerRow, LedgerSpec

PATH = "l.pdf"
INCOME = LedgerSpec(
    id="T2", name="收入决算表", titles=("收入决算表",), signature=("本年收入合计",),
    columns=(LedgerColumn("total", "本年收入合计"), LedgerColumn("fiscal", "财政拨款收入")),
    rows=(LedgerRow("total", "合计"),), label_columns=("科目名称",), code_columns=("科目编码",), no_data=r"本表无数据",
)
SIDES = LedgerSpec(
    id="T1out", name="收入支出决算总表（支出）", titles=("收入支出决算总表",), signature=("收入", "支出"),
    columns=(LedgerColumn("amount", "决算数"),), rows=(LedgerRow("total", "总计"),), label_columns=("项目",), band=2,
)


def table(rows: list[list[str]], page: int = 2) -> RawTable:
    return RawTable(
        tuple(tuple(RawCell(t, Location(PATH, page=page, row=r, col=c)) for c, t in enumerate(row)) for r, row in enumerate(rows)),
        Location(PATH, page=page),
    )


def para(text: str, page: int = 2) -> Paragraph:
    return Paragraph(text, Location(PATH, page=page))


T2 = [
    ["科目编码", "科目名称", "本年收入合计", "财政拨款收入"],
    ["208", "社会保障和就业支出", "10.50", "10.50"],
    ["20805", "行政事业单位养老支出", "3", ""],
    ["2080501", "行政单位离退休", "1.25", "1.25"],
    ["20805011", "八位编码", "9", "9"],
    ["", "合计", "10.50", "10.50"],
]


def test_a_ledger_after_its_title_with_rows_by_code_and_label() -> None:
    title = para("表二、收入决算表")
    blocks: list[Block] = [para("前言"), title, para("单位：万元"), table(T2)]
    ledger = bind_ledgers(blocks, (INCOME,))["T2"]
    assert ledger.title is title and ledger.location == Location(PATH, page=2)
    # a code of another length than the levels is no code: that row is keyed by its label
    assert list(ledger.rows) == ["208", "20805", "2080501", "八位编码", "total"]
    entry = ledger.rows["20805"]
    assert (entry.label, entry.code, entry.location) == ("行政事业单位养老支出", "20805", Location(PATH, page=2, row=2, col=0))
    assert ledger.cell("2080501", "total").value.number == Decimal("1.25")  # type: ignore[union-attr]
    blank = ledger.cell("20805", "fiscal")
    assert blank is not None and (blank.value.raw, blank.value.number, blank.row, blank.column) == ("", 0, "20805", "fiscal")
    assert ledger.rows["total"].code is None and ledger.missing_columns == [] and ledger.statement is None


def test_numbering_is_stripped_from_titles_and_labels() -> None:
    assert [strip_numbering(x) for x in ("一、收入", "(一)收入", "（十二）收入", "1.收入", "12、收入", "表3 收入", "表三、收入", "表二:收入")] == ["收入"] * 8
    assert strip_numbering("一、二、收入") == "二、收入"  # only the first numbering


def test_the_table_may_follow_its_title_by_at_most_six_paragraphs() -> None:
    assert TITLE_GAP == 6
    near = [para("收入决算表"), *(para("注") for _ in range(TITLE_GAP)), table(T2)]
    assert "T2" in bind_ledgers(near, (INCOME,))
    far = [para("收入决算表"), *(para("注") for _ in range(TITLE_GAP + 1)), table(T2)]
    assert bind_ledgers(far, (INCOME,)) == {}


def test_a_table_without_the_signature_after_the_title_is_not_the_ledger() -> None:
    other = table([["项目", "金额"], ["合计", "1"]])
    assert bind_ledgers([para("收入决算表"), other, table(T2)], (INCOME,)) == {}
    # the next title found: the search goes on from there
    blocks: list[Block] = [para("收入决算表"), other, para("收入决算表"), table(T2)]
    assert list(bind_ledgers(blocks, (INCOME,))["T2"].rows) == ["208", "20805", "2080501", "八位编码", "total"]


def test_the_no_data_statement_is_sought_in_the_few_paragraphs_below_the_table() -> None:
    empty = table([T2[0], ["", "合计", "", ""]])
    for gap, found in ((0, True), (TITLE_GAP, True), (TITLE_GAP + 1, False)):
        blocks: list[Block] = [para("收入决算表"), empty, *(para("说明") for _ in range(gap)), para("注：本表无数据。")]
        ledger = bind_ledgers(blocks, (INCOME,))["T2"]
        assert (ledger.statement is not None) is found, gap
        assert ledger.empty
    blocks = [para("收入决算表"), empty, table([["x"]]), para("本表无数据")]
    assert bind_ledgers(blocks, (INCOME,))["T2"].statement is None  # not past the next table


def test_a_side_by_side_table_gives_the_band_asked_for() -> None:
    sides = table([
        ["收入", "收入", "支出", "支出"],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "5", "一般公共服务支出", "4"],
        ["", "", "总计", "5"],
    ])
    ledger = bind_ledgers([para("收入支出决算总表"), sides], (SIDES,))["T1out"]
    assert {k: r.cells["amount"].value.number for k, r in ledger.rows.items()} == {"一般公共服务支出": 4, "total": 5}
    assert ledger.rows["total"].location == Location(PATH, page=2, row=3, col=2)
    third = replace(SIDES, band=3)
    assert bind_ledgers([para("收入支出决算总表"), sides], (third,)) == {}


def test_a_signature_inside_a_longer_header_and_a_code_printed_with_a_space() -> None:
    # "本年收入合计（万元）" carries the signature 本年收入合计 (the column itself is then unnamed)
    wide = table([["科目编码", "科目名称", "本年收入合计（万元）", "财政拨款收入"], ["208", "社会保障和就业支出", "1", "1"]])
    ledger = bind_ledgers([para("收入决算表"), wide], (INCOME,))["T2"]
    assert (list(ledger.rows), ledger.missing_columns) == (["208"], ["total"])
    # a first body row with no amount yet: its code ends the header, spaces and all
    spaced = table([T2[0], ["2 08", "社会保障和就业支出", "", ""], ["20805", "行政事业单位养老支出", "3", "3"]])
    assert list(bind_ledgers([para("收入决算表"), spaced], (INCOME,))["T2"].rows) == ["208", "20805"]


# -- where a ledger's header ends, and what its columns and rows are called (mutation testing) -------

HEAD = ["科目编码", "科目名称", "本年收入合计", "财政拨款收入"]


def test_the_header_ends_at_the_first_row_of_codes_amounts_or_known_labels() -> None:
    from checker.binding.coded import _header_size

    assert _header_size(table([HEAD, ["208 05", "行政事业单位养老支出", "/", "/"]]), INCOME) == 1  # a code PDF text spaced out
    assert _header_size(table([HEAD, ["", "其他收入", "10.50", "/"]]), INCOME) == 1  # amounts, under no known label
    assert _header_size(table([HEAD, ["", "合计", "/", "/"]]), INCOME) == 1  # a known label
    assert _header_size(table([HEAD, ["", "", "", ""], ["208", "x", "1", "1"]]), INCOME) == 1  # a blank row
    # a blank cell in the header is no amount; a header row of labels is not the data
    assert _header_size(table([["科目编码", "科目名称", "", "本年收入合计"], ["", "类", "款", "项"], ["208", "x", "1", "1"]]), INCOME) == 2
    assert _header_size(table([HEAD]), INCOME) == 1  # no data row at all


def test_a_columns_path_leaves_out_blank_and_repeated_header_texts() -> None:
    from checker.binding.coded import _paths

    grid = table([["项目", "本年收入合计", "财政拨款收入"], ["", "本年收入合计", "其中：小计"], ["", "", "x"]])
    assert _paths(grid, 3) == [["项目"], ["本年收入合计"], ["财政拨款收入", "其中:小计", "x"]]


def test_the_signature_is_sought_in_the_first_six_rows() -> None:
    from checker.binding.coded import _has_signature

    rows = [["x", "y"]] * 5
    assert _has_signature(table([*rows, ["本年收入合计", "1"]]), INCOME)
    assert not _has_signature(table([*rows, ["y", "x"], ["本年收入合计", "1"]]), INCOME)


def test_a_rows_label_is_its_id_with_or_without_numbering() -> None:
    from checker.binding.coded import _row_id

    assert [_row_id(label, INCOME) for label in ("合计", "1.合计", "一、合计", "其他收入")] == ["total", "total", "total", "其他收入"]


PARTS = LedgerSpec(
    id="T4in", name="财政拨款收支总表", titles=("财政拨款收支总表",), signature=("项目", "金额"),
    columns=(LedgerColumn("amount", "金额"),),
    rows=(LedgerRow("gpb", "一般公共预算财政拨款"), LedgerRow("gov", "政府性基金预算财政拨款"), LedgerRow("opening", "年初财政拨款结转和结余")),
    label_columns=("项目",),
)


def test_numbered_rows_again_under_an_unnumbered_row_are_its_parts() -> None:
    """"一、一般公共预算财政拨款" printed again under 年初财政拨款结转和结余 is that row's part
    (``opening/gpb``); the first reading of each row keeps the plain id."""
    grid = table([
        ["项目", "金额"],
        ["一、一般公共预算财政拨款", "1.00"],
        ["一、一般公共预算财政拨款", "9.00"],  # again before any unnumbered row: no parent, the first kept
        ["二、政府性基金预算财政拨款", "2.00"],
        ["年初财政拨款结转和结余", "3.00"],
        ["一、一般公共预算财政拨款", "0.50"],
        ["二、政府性基金预算财政拨款", "2.50"],
    ])
    ledger = bind_ledgers([para("财政拨款收支总表"), grid], (PARTS,))["T4in"]
    rows = {row_id: (entry.cells["amount"].row, entry.cells["amount"].value.number) for row_id, entry in ledger.rows.items()}
    assert rows == {
        "gpb": ("gpb", Decimal("1.00")), "gov": ("gov", Decimal("2.00")), "opening": ("opening", Decimal("3.00")),
        "opening/gpb": ("opening/gpb", Decimal("0.50")), "opening/gov": ("opening/gov", Decimal("2.50")),
    }


def test_a_ledger_without_key_columns_is_its_first_rows_one_row() -> None:
    spec = LedgerSpec(
        id="T7", name="三公经费表", titles=("三公经费表",), signature=("预算数",),
        columns=(LedgerColumn("budget", "预算数"), LedgerColumn("actual", "决算数")),
        rows=(LedgerRow("three", "三公经费"), LedgerRow("other", "其他")),
    )
    ledger = bind_ledgers([para("三公经费表"), table([["预算数", "决算数"], ["2.85", "0.39"]])], (spec,))["T7"]
    assert list(ledger.rows) == ["three"]  # the spec's first row
    entry = ledger.rows["three"]
    assert entry.location == Location(PATH, page=2, row=1, col=0)  # at the row's first cell
    assert {k: c.value.number for k, c in entry.cells.items()} == {"budget": Decimal("2.85"), "actual": Decimal("0.39")}


def test_a_ledgers_cells_keep_their_unit_blanks_and_doubts() -> None:
    spec = replace(INCOME, blank_is_zero=False, unit="万元", columns=INCOME.columns[::-1])  # columns not in printed order
    grid = table([HEAD, ["", "合计", "12.30万元", ""], ["", "其他收入", "1"]])  # the last row is short
    grid = RawTable(
        (*grid.rows[:2], (*grid.rows[2][:2], replace(grid.rows[2][2], uncertain=True))), grid.location,
    )
    ledger = bind_ledgers([para("收入决算表"), grid], (spec,))["T2"]
    total, other = ledger.rows["total"].cells, ledger.rows["其他收入"].cells
    assert (total["total"].value.number, total["fiscal"].value.kind.value) == (Decimal("12.30"), "blank")
    assert (set(other), other["total"].uncertain, total["total"].uncertain) == ({"total"}, True, False)


def test_a_row_without_a_label_is_no_row() -> None:
    grid = table([["项目", "金额"], ["", "5.00"], ["一、", "6.00"], ["一、一般公共预算财政拨款", "1.00"]])
    ledger = bind_ledgers([para("财政拨款收支总表"), grid], (PARTS,))["T4in"]
    assert {k: e.cells["amount"].value.number for k, e in ledger.rows.items()} == {"gpb": Decimal("1.00")}


def test_codes_and_labels_beside_a_column_without_a_header() -> None:
    grid = table([  # an unnamed column after the label
        ["科目编码", "科目名称", "", "本年收入合计", "财政拨款收入"],
        ["208", "", "", "10.50", "10.50"],  # a code without its label
        ["20805011", "八位编码", "", "9", "9"],  # a code of no level: the row goes by its label
        ["", "合计", "", "10.50", "10.50"],
    ])
    ledger = bind_ledgers([para("收入决算表"), grid], (INCOME,))["T2"]
    assert {k: (e.code, e.label, e.location.col, e.cells["total"].value.number) for k, e in ledger.rows.items()} == {
        "208": ("208", "", 0, Decimal("10.50")),
        "八位编码": (None, "八位编码", 0, Decimal(9)),  # at its first key cell, the code
        "total": (None, "合计", 1, Decimal("10.50")),  # at its label, not at the blank code
    }
