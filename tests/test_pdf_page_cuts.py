"""Tables a page break cuts with no line at the cut (a browser's print of a web page): the cut is
the table's edge (``rulings._cut_edges``), and a row cut in two is one row again
(``grid.join``). ``tests/fixtures/matrix.py``'s ``chromium-paged`` producer checks it end to end."""

from __future__ import annotations

from checker.extractors.pdf.grid import Cell, Piece, to_raw_table
from checker.extractors.pdf.rulings import _MIN_ROW, SNAP, Ruling, _cut_edges, table_cells

XS = (30.0, 100.0, 170.0, 250.0)


def _verticals(start: float, end: float, xs: tuple[float, ...] = XS) -> list[Ruling]:
    return [Ruling(False, x, start, end) for x in xs]


def _horizontals(*ys: float, x0: float = XS[0]) -> list[Ruling]:
    return [Ruling(True, y, x0, XS[-1]) for y in ys]


def _edges(rulings: list[Ruling]) -> list[tuple[float, float, float, str]]:
    assert all(r.horizontal for r in rulings)
    return [(r.pos, r.start, r.end, r.cut) for r in rulings]


def test_verticals_running_a_row_past_the_first_line_end_at_a_cut() -> None:
    hs = _horizontals(100.0, 150.0, 200.0)
    # the top: a cut where they end; the bottom: closed at its own line, as drawn
    assert _edges(_cut_edges(hs, _verticals(28.0, 200.0), [])) == [(28.0, XS[0], XS[-1], "top"), (200.0, XS[0], XS[-1], "")]
    assert _edges(_cut_edges(hs, _verticals(100.0, 280.0), [])) == [(100.0, XS[0], XS[-1], ""), (280.0, XS[0], XS[-1], "bottom")]


def test_verticals_overshooting_their_corner_close_the_table_at_its_line() -> None:
    # a group label's column has no line at the foot: the edge is the last line, across every column
    hs = [Ruling(True, 100.0, XS[0], XS[-1]), Ruling(True, 200.0, XS[1], XS[-1])]
    assert _edges(_cut_edges(hs, _verticals(100.0, 200.0 + _MIN_ROW - 1), []))[-1] == (200.0, XS[0], XS[-1], "")


def test_no_cut_without_three_verticals_ending_together() -> None:
    hs = _horizontals(100.0, 150.0)
    def tops(vs: list[Ruling]) -> list[tuple[float, float, float, str]]:
        return [e for e in _edges(_cut_edges(hs, vs, [])) if e[0] < 150.0]
    assert tops(_verticals(28.0, 150.0, XS[:2]) + _verticals(100.0, 150.0, XS[2:])) == []  # two run past it
    assert tops([Ruling(False, x, 28.0 + 3 * SNAP * i, 150.0) for i, x in enumerate(XS)]) == []
    assert tops(_verticals(28.0, 150.0, XS[:2])) == []  # two verticals: a frame, not a table


def test_a_lone_vertical_of_the_same_extent_takes_part() -> None:
    hs = [Ruling(True, y, 100.0, XS[-1]) for y in (100.0, 150.0)]
    vs = _verticals(28.0, 150.0, XS[1:])
    lone = [Ruling(False, XS[0], 28.0, 150.0), Ruling(False, 10.0, 0.0, 842.0)]  # the second: a page frame
    assert _edges(_cut_edges(hs, vs, lone))[0] == (28.0, XS[0], XS[-1], "top")


def test_table_cells_close_a_table_cut_at_the_top_and_say_so() -> None:
    [cells] = table_cells(_horizontals(100.0, 150.0) + _verticals(28.0, 150.0))
    assert cells.open_top and not cells.open_bottom
    assert sorted({c[1] for c in cells}) == [28.0, 100.0]  # the cut row is a row of cells
    [closed] = table_cells(_horizontals(28.0, 100.0, 150.0) + _verticals(28.0, 150.0))
    assert not closed.open_top and len(closed) == len(cells)


def _piece(page: int, rows: list[list[str]], open_top: bool = False, open_bottom: bool = False) -> Piece:
    cells = [Cell(text, r, c, 1, 1, (XS[c], 100.0 + 20 * r, XS[c + 1], 120.0 + 20 * r))
             for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Piece(page, (XS[0], 100.0, XS[-1], 100.0 + 20 * len(rows)), list(XS), len(rows), cells, open_top, open_bottom)


def test_a_row_cut_by_the_page_break_is_one_row() -> None:
    upper = _piece(1, [["（四）无法提供", "1.本机关不掌握相", "0"]], open_bottom=True)
    lower = _piece(2, [["", "关政府信息", ""], ["", "2.没有现成信息需要另行制作", "5"]], open_top=True)
    table = to_raw_table("t.pdf", [upper, lower], 0)
    assert [[c.text for c in row] for row in table.rows] == [
        ["（四）无法提供", "1.本机关不掌握相关政府信息", "0"],
        ["", "2.没有现成信息需要另行制作", "5"],
    ]
    assert table.rows[1][2].location.page == 2
    # a line drawn at the cut (either side): the rows are two
    for a, b in ((False, True), (True, False)):
        upper.open_bottom, lower.open_top = a, b
        assert len(to_raw_table("t.pdf", [upper, lower], 0).rows) == 3


def test_a_repeated_header_with_a_cell_merged_down_its_rows_is_dropped() -> None:
    def piece(page: int, data: list[str]) -> Piece:
        cells = [Cell("（本列数据的勾稽关系）", 0, 0, 2, 1, (XS[0], 100.0, XS[1], 140.0)),
                 Cell("申请人情况", 0, 1, 1, 2, (XS[1], 100.0, XS[3], 120.0)),
                 Cell("自然人", 1, 1, 1, 1, (XS[1], 120.0, XS[2], 140.0)),
                 Cell("总计", 1, 2, 1, 1, (XS[2], 120.0, XS[3], 140.0))]
        cells += [Cell(text, 2, c, 1, 1, (XS[c], 140.0, XS[c + 1], 160.0)) for c, text in enumerate(data)]
        return Piece(page, (XS[0], 100.0, XS[-1], 160.0), list(XS), 3, cells)

    table = to_raw_table("t.pdf", [piece(1, ["（一）予以公开", "5", "5"]), piece(2, ["（二）部分公开", "2", "2"])], 0)
    assert [[c.text for c in row] for row in table.rows] == [
        ["（本列数据的勾稽关系）", "申请人情况", "申请人情况"],
        ["（本列数据的勾稽关系）", "自然人", "总计"],
        ["（一）予以公开", "5", "5"],
        ["（二）部分公开", "2", "2"],
    ]
