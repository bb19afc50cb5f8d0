"""Section headings an extractor put inside a table row are taken back out (the table is split
there); table rows that only look like headings stay in the table."""

from __future__ import annotations

from checker.binding.headings import split_heading_rows
from checker.engine import Engine
from checker.model import Location, Paragraph, RawCell, RawTable


def _table(rows: list[list[str]]) -> RawTable:
    return RawTable(tuple(
        tuple(RawCell(text, Location("t.pdf", page=1, row=r, col=c)) for c, text in enumerate(row))
        for r, row in enumerate(rows)
    ), Location("t.pdf", page=1))


def test_heading_rows_split_the_table(engine: Engine) -> None:
    pack = engine.registry.load("gov-2021")
    table = _table([
        ["规章", "1", "0", "11"],
        ["三、收到和处理", "政府信息公开申请情况", "", ""],  # a heading cut into two cells
        ["（本列数据的勾稽关系为：…）", "申请人情况", "申请人情况", "申请人情况"],
        ["一、本年新收政府信息公开申请数量", "", "", ""],  # a row label with blank values: kept
        ["三、本年度办理结果", "（一）予以公开", "1", "1"],
    ])
    blocks = split_heading_rows([table], pack)
    assert [type(b).__name__ for b in blocks] == ["RawTable", "Paragraph", "RawTable"]
    before, heading, after = blocks
    assert isinstance(heading, Paragraph) and heading.text == "三、收到和处理政府信息公开申请情况"
    assert heading.location.row == 1
    assert isinstance(before, RawTable) and isinstance(after, RawTable)
    assert [[c.text for c in row] for row in before.rows] == [["规章", "1", "0", "11"]]
    assert [row[0].text for row in after.rows] == [
        "（本列数据的勾稽关系为：…）", "一、本年新收政府信息公开申请数量", "三、本年度办理结果"]


def test_merged_heading_row_keeps_the_origins_of_the_rest(engine: Engine) -> None:
    pack = engine.registry.load("gov-2021")
    rows = [["二、主动公开政府信息情况"] * 4, ["第二十条第（一）项"] * 4, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
    table = RawTable(tuple(
        tuple(RawCell(t, Location("t.docx", table=0, row=r, col=c), (r, 0) if r < 2 else None) for c, t in enumerate(row))
        for r, row in enumerate(rows)
    ), Location("t.docx", table=0))
    heading, rest = split_heading_rows([table], pack)
    assert isinstance(heading, Paragraph) and heading.text == "二、主动公开政府信息情况"
    assert isinstance(rest, RawTable) and [c.origin for c in rest.rows[0]] == [(0, 0)] * 4
