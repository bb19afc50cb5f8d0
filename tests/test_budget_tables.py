"""The 部门决算 pack's tables on the real reports: the nine tables found, rows keyed by code and
label, amounts as Decimal; every identity of spec §4.1/§4.2 holds within the rounding tolerance on
the undoctored reports, and a seeded defect gives exactly its findings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from msgspec.structs import replace

from checker.binding import bind
from checker.model import Document, Location, Paragraph, RawCell, RawTable
from checker.rulekinds.amounts import CodeHierarchy
from tests.budget_seeds import (
    PLANNING,
    SOCIAL,
    TEMPLATE,
    budget_engine,
    check,
    extracted,
    remove_table,
    set_cell,
)

TABLE_RULES = ("T", "X", "L")  # rule-id prefixes of the table and cross-table rules


def bound(document: Document):  # type: ignore[no-untyped-def]
    engine = budget_engine()
    pack = engine.pack_for(document, engine.registry.load("budget-final"))
    return bind(document, pack)


@pytest.mark.parametrize(("path", "pages"), [(PLANNING, [7, 7, 8, 10, 12, 12, 14, 16, 17, 18, 19]), (SOCIAL, [5, 5, 6, 8, 10, 10, 12, 13, 14, 15, 16])])
def test_the_nine_tables_are_found_with_their_pages(path, pages) -> None:  # type: ignore[no-untyped-def]
    report = bound(extracted(path))
    assert report.pack.name == "budget-final-sh2024" and report.year == 2024
    ids = ["T1in", "T1out", "T2", "T3", "T4in", "T4out", "T5", "T6", "T7", "T8", "T9"]
    assert [report.ledgers[i].location.page for i in ids] == pages
    assert all(not report.ledgers[i].missing_columns for i in ids)


def test_rows_by_code_and_label_with_decimal_amounts() -> None:
    report = bound(extracted(PLANNING))
    t3 = report.ledgers["T3"]
    assert list(t3.rows)[:4] == ["total", "208", "20805", "2080501"]
    assert t3.cell("212", "total").value.number == Decimal("3845.24")
    assert t3.cell("2200199", "basic").value.number == Decimal("0.00")
    assert t3.cell("total", "remit").value.number == 0 and t3.cell("total", "remit").value.raw == ""  # blank is 0
    t1 = report.ledgers["T1out"]
    assert t1.cell("城乡社区支出", "amount").value.number == Decimal("3845.25")
    assert t1.cell("total", "amount").value.number == Decimal("9859.38")
    t6 = report.ledgers["T6"]
    assert t6.cell("302", "amount").value.number == Decimal("440.90")  # right-hand band
    assert t6.cell("personnel", "amount").value.number == Decimal("4884.09")
    assert t6.cell("public", "amount").value.number == Decimal("480.66")
    t7 = report.ledgers["T7"]
    assert t7.cell("row", "reception_budget").value.number == Decimal("2.85")
    assert t7.cell("row", "total_actual").value.number == Decimal("0.39")
    assert report.ledgers["T8"].empty and report.ledgers["T8"].statement is not None
    t5 = report.ledgers["T5"]
    assert t5.cell("total", "basic").value.number == Decimal("5364.75")  # the 合计 row at the bottom


def test_social_work_t7_is_empty_and_t1_has_26_class_rows() -> None:
    report = bound(extracted(SOCIAL))
    assert report.ledgers["T7"].empty
    assert "债务付息支出" in report.ledgers["T1out"].rows
    assert report.ledgers["T2"].cell("2013999", "fiscal").value.number == Decimal("202.24")


@pytest.mark.parametrize("path", [PLANNING, SOCIAL])
def test_real_reports_rounding_gaps_are_not_findings(path) -> None:  # type: ignore[no-untyped-def]
    result = check(extracted(path))
    assert [f for f in result.findings if f.rule.startswith(TABLE_RULES)] == []


def findings(document: Document) -> set[tuple[str, int | None, str | None, str | None, str | None, str | None]]:
    result = check(document)
    return {
        (f.rule, f.location.page, f.row, f.column, f.expected, f.actual)
        for f in result.findings
        if f.rule.startswith(TABLE_RULES)
    }


def test_a_cell_changed_by_three_hundredths() -> None:
    seeded = set_cell(extracted(PLANNING), 14, "2120101", "1092.80", "1092.83")
    assert findings(seeded) == {
        ("T5-a", 14, "2120101 行政运行", "合计", "1092.79", "1092.83"),  # row: 合计 = 基本 + 项目
        ("T5-b", 14, "21201 城乡社区管理事务", "合计", "1092.83", "1092.80"),  # 款 = Σ 项
    }


def test_a_class_total_off() -> None:
    seeded = set_cell(extracted(PLANNING), 10, "210", "236.64", "236.74")
    assert findings(seeded) == {
        ("T3-a", 10, "210 卫生健康支出", "本年支出合计", "236.64", "236.74"),
        ("T3-b", 10, "210 卫生健康支出", "本年支出合计", "236.64", "236.74"),
        ("T3-b", 10, "合计", "本年支出合计", "9759.48", "9759.38"),
        ("X-4", 7, "九、卫生健康支出", "决算数", "236.74", "236.63"),
    }


def test_a_table_removed() -> None:
    seeded = remove_table(extracted(PLANNING), "一般公共预算财政拨款基本支出决算表")
    assert findings(seeded) == {("L-missing", 16, None, None, None, None)}


def test_an_empty_table_without_its_statement() -> None:
    document = extracted(PLANNING)
    seeded = type(document)(document.path, document.format, [
        b for b in document.blocks if "没有政府性基金预算财政拨款" not in getattr(b, "text", "")
    ], document.page_count)
    assert findings(seeded) == {("L-empty-unexplained", 18, None, None, None, None)}


def test_the_template_tables_are_found_blank() -> None:
    report = bound(extracted(TEMPLATE))
    assert len(report.ledgers) == 11 and all(ledger.empty for ledger in report.ledgers.values())
    assert report.agency == "上海市XX局"


def split(document: Document, page: int, at: int, repeat_header: int, empty_page: bool = False) -> Document:
    """The table on ``page`` broken after row ``at``: the rest on the next page, with the first
    ``repeat_header`` rows printed again, optionally an empty ruled row spilled onto a page of its own."""
    blocks = list(document.blocks)
    index = next(i for i, b in enumerate(blocks) if isinstance(b, RawTable) and b.location.page == page)
    table = blocks[index]
    assert isinstance(table, RawTable)
    rest = table.rows[:repeat_header] + table.rows[at:]
    moved = Location(table.location.path, page=page + 1, bbox=table.location.bbox)
    pieces: list = [RawTable(table.rows[:at], table.location, table.index), Paragraph("- 9 -", moved), RawTable(rest, moved, table.index + 1)]
    if empty_page:
        blank = tuple(RawCell("", Location(table.location.path, page=page + 2)) for _ in table.rows[0])
        pieces.append(RawTable((blank,), Location(table.location.path, page=page + 2), table.index + 2))
    blocks[index : index + 1] = pieces
    return Document(document.path, document.format, blocks, document.page_count)


@pytest.mark.parametrize(("repeat", "spill"), [(2, False), (0, False), (2, True)])
def test_a_table_split_over_pages(repeat: int, spill: bool) -> None:
    document = extracted(PLANNING)
    whole = bound(document).ledgers["T2"]
    pieces = split(document, 8, 14, repeat, spill)
    report = bound(pieces)
    t2 = report.ledgers["T2"]
    assert list(t2.rows) == list(whole.rows)
    assert {k: {c: v.value.number for c, v in r.cells.items()} for k, r in t2.rows.items()} == {
        k: {c: v.value.number for c, v in r.cells.items()} for k, r in whole.rows.items()
    }
    assert t2.rows["2200150"].location.page == 9  # the real table already runs onto page 9: rows keep their page
    assert [f for f in check(pieces).findings if f.rule.startswith(TABLE_RULES)] == []


def _grid(rows: list[list[str]], page: int = 3) -> RawTable:
    path = "synthetic.pdf"
    return RawTable(
        tuple(
            tuple(RawCell(text, Location(path, page=page, bbox=(10.0 * c, 10.0 * r, 10.0 * c + 9, 10.0 * r + 9), row=r, col=c)) for c, text in enumerate(row))
            for r, row in enumerate(rows)
        ),
        Location(path, page=page),
    )


def test_codes_in_class_item_sub_item_columns_and_thousands_separators() -> None:
    """The 财政局 layout: the code printed in three columns 类 | 款 | 项, amounts with separators."""
    head = ["项目", "项目", "项目", "项目", "合计", "基本支出", "项目支出"]
    table = _grid([
        head,
        ["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "", "", "一般公共服务支出", "2,940.05", "2,336.91", "603.14"],
        ["201", "06", "", "财政事务", "2,940.05", "2,336.91", "603.14"],
        ["201", "06", "01", "行政运行", "2,336.91", "2,336.91", ""],
        ["201", "06", "99", "其他财政事务支出", "603.15", "", "603.15"],
        ["合计", "合计", "合计", "合计", "2,940.05", "2,336.91", "603.14"],
    ])
    document = Document("synthetic.pdf", "pdf", [Paragraph("一般公共预算财政拨款支出决算表", Location("synthetic.pdf", page=3)), table], 3)
    pack = budget_engine().registry.load("budget-final-sh2024")
    t5 = bind(document, pack).ledgers["T5"]
    assert list(t5.rows) == ["201", "20106", "2010601", "2010699", "total"]
    assert t5.cell("201", "total").value.number == Decimal("2940.05")
    report = bind(document, pack)
    rule = pack.rule("T5-b")
    assert rule is not None
    found = [(f.row, f.column, f.expected, f.actual) for f in CodeHierarchy().check(report, rule)]
    # 项目支出: 603.15 (one 项) against its 款 603.14 is a rounding gap (two printed cells, 0.01);
    # 合计: 2336.91 + 603.15 = 2940.06 against 2940.05: two cells, 0.01 - also within rounding.
    assert found == []
    worse = _grid([*[[c.text for c in row] for row in table.rows[:5]], ["201", "06", "99", "其他财政事务支出", "603.18", "", "603.18"], [c.text for c in table.rows[6]]])
    document.blocks[1] = worse
    report = bind(document, pack)
    found = [(f.row, f.column, f.expected, f.actual) for f in CodeHierarchy().check(report, rule)]
    assert found == [("20106 财政事务", "合计", "2940.09", "2940.05"), ("20106 财政事务", "项目支出", "603.18", "603.14")]


def test_tables_out_of_the_profiles_order() -> None:
    """The central order puts 三公 last: under the Shanghai profile that is out of order."""
    document = extracted(PLANNING)
    blocks = list(document.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == "财政拨款“三公”经费支出决算表" and i > 40)
    stop = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == "政府性基金预算财政拨款收入支出决算表" and i > 40)
    end = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.startswith("第三部分"))
    moved = blocks[:start] + blocks[stop:end] + [
        replace(b, location=replace(b.location, page=19)) if isinstance(b, Paragraph) else b for b in blocks[start:stop]
    ] + blocks[end:]
    t7 = next(i for i, b in enumerate(moved) if isinstance(b, RawTable) and b.location.page == 17)
    table = moved[t7]
    assert isinstance(table, RawTable)
    moved[t7] = RawTable(table.rows, replace(table.location, page=20), table.index)
    seeded = Document(document.path, document.format, moved, document.page_count)
    assert findings(seeded) == {("L-order", 18, None, None, None, None)}  # 政府性基金 (p18) before 三公 (now p20)


def test_every_reference_in_the_pack_names_a_known_ledger_row_and_column() -> None:
    """Rule kinds validate expressions at load time, but not what they name: check the shipped
    pack's references statically (a typo would otherwise make a rule silently check nothing)."""
    import re as regex

    from checker.amounts import parse_comparison, references
    from checker.rulekinds.amounts import split_ref

    pack = budget_engine().registry.load("budget-final-sh2024")
    ledgers = {spec.id: spec for spec in pack.ledgers}
    selectors = {"$", "*", "code", "unnamed", "row"}
    checked = 0
    for rule in pack.rules:
        texts: list[str] = []
        if rule.kind in ("amount_identity", "frame"):
            raw = rule.params.get("expr") or [c if isinstance(c, str) else c.get("expr", "") for c in rule.params.get("checks", [])]
            texts = [raw] if isinstance(raw, str) else [t for t in raw if t]
        for text in texts:
            cmp = parse_comparison(text)
            for node in references(cmp.left) + references(cmp.right):
                name, row, column = split_ref(node.value)
                if row is None:
                    continue  # a frame's slot
                assert name in ledgers, (rule.id, node.value)
                spec = ledgers[name]
                assert (
                    row in selectors
                    or row.startswith(("level=", "{"))
                    or all(spec.row(part) for part in row.split("/"))  # "opening/gpb": a part of a row
                    or regex.fullmatch(r"\d{3,7}", row)
                ), (rule.id, node.value)
                assert column is not None
                if "{" not in column:
                    options = {c.id for c in spec.columns}
                    assert column in options or any(column.replace("$", s) in options for s in ("budget", "actual", "total")), (rule.id, node.value)
                checked += 1
        for side in ("left", "right"):
            if rule.kind == "rows_match":
                ref = rule.params[side]
                assert ref["ledger"] in ledgers and ledgers[ref["ledger"]].column(ref["column"]), rule.id
                checked += 1
        if rule.kind == "code_hierarchy":
            spec = ledgers[rule.params["ledger"]]
            assert all(spec.column(c) for c in rule.params["columns"]), rule.id
    assert checked > 150
