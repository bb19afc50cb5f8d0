"""Table pieces (one per page), joining a table continued on the next page, and the RawTable.

A :class:`Piece` is the part of a table drawn on one page, as cells with row and column spans over
that page's own column edges. Pieces on consecutive pages are joined by the x-positions of their
column edges, never by column index: when 表三 splits, the merged label cells give the two pieces
different column counts.
"""

from __future__ import annotations

import re
from bisect import bisect
from collections.abc import Sequence

from msgspec import Struct, field

from checker.model import BBox, Location, RawCell, RawTable

EDGE_TOL = 4.0  # points: column edges of two pieces closer than this are the same edge

# A value as printed in a cell: "3", "1,196", "12.5", "+2", "12.5万元", "3 375", "/", "—".
_VALUE = re.compile(r"^(?:[+\-－]?\d[\d\s,，]*(?:[.．]\d+)?%?(?:万元|元|件)?|[/／—\-－]+)$")
# The numbering that starts a new row label: "（四）", "四、", "1.", "1、".
_ENUMERATOR = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\s*[.、．，,])")


def is_value(text: str) -> bool:
    return bool(_VALUE.match(text))


class Cell(Struct):
    """A cell of a piece: text, grid position and spans (in the piece's own edges), box."""

    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox
    uncertain: bool = False


class Piece(Struct):
    page: int
    bbox: BBox
    col_edges: list[float]  # sorted x positions; column i lies between edges i and i + 1
    nrows: int
    cells: list[Cell]
    # The top/bottom edge is a page-break cut through a row, with no line drawn (a browser's print):
    # the first row of a piece open at the top goes on from the last row of one open at the bottom.
    open_top: bool = False
    open_bottom: bool = False

    @property
    def ncols(self) -> int:
        return len(self.col_edges) - 1


class _Part(Struct):
    page: int
    bbox: BBox
    first_row: int
    last_row: int  # inclusive


class _Joined(Struct):
    """A cell of the joined table: spans in union columns and rows, one part per page it covers."""

    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    uncertain: bool
    parts: list[_Part] = field(default_factory=list)


def groups(values: Sequence[float], tol: float) -> list[list[float]]:
    """Sorted ``values`` in runs whose neighbours are at most ``tol`` apart."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def cluster(values: Sequence[float], tol: float) -> list[float]:
    """Sorted representatives of ``values``, merging those closer than ``tol`` (their mean)."""
    return [sum(g) / len(g) for g in groups(values, tol)]


def nearest(edges: Sequence[float], x: float) -> int:
    """Index of the value of sorted ``edges`` nearest to ``x``."""
    i = bisect(edges, x)
    if i == 0:
        return 0
    if i == len(edges):
        return i - 1
    return i if edges[i] - x < x - edges[i - 1] else i - 1


def continues(upper: Piece, lower: Piece) -> bool:
    """Whether ``lower`` (at the top of the next page) continues ``upper`` (at the bottom)."""
    if all(c.uncertain for c in upper.cells) and all(c.uncertain for c in lower.cells):
        # tables rebuilt from text positions: their label edges are guesses; compare the shape
        return upper.ncols == lower.ncols and abs(upper.col_edges[-1] - lower.col_edges[-1]) <= 3 * EDGE_TOL
    if abs(upper.col_edges[0] - lower.col_edges[0]) > 2 * EDGE_TOL:
        return False
    if abs(upper.col_edges[-1] - lower.col_edges[-1]) > 2 * EDGE_TOL:
        return False
    few, many = sorted((upper.col_edges[1:-1], lower.col_edges[1:-1]), key=len)
    if not few:
        return True
    hits = sum(1 for x in few if any(abs(x - y) <= EDGE_TOL for y in many))
    return hits * 2 >= len(few)


class _JoinedTable(Struct):
    cells: list[_Joined]
    nrows: int
    edges: list[float]  # column edges of the joined grid
    rows: dict[int, tuple[int, float, float]]  # row → (page, top, bottom)


def _is_text_piece(piece: Piece) -> bool:
    return all(c.uncertain for c in piece.cells)


def join(pieces: Sequence[Piece]) -> _JoinedTable:
    """Pieces of one table as joined cells over the union of their column edges.

    Pieces rebuilt from text positions have guessed label edges: when they have the same number
    of columns they are joined column by column instead.
    """
    by_index = all(_is_text_piece(p) and p.ncols == pieces[0].ncols for p in pieces)
    edges = list(pieces[0].col_edges) if by_index else cluster([x for p in pieces for x in p.col_edges], EDGE_TOL)
    cells: list[_Joined] = []
    grid: dict[tuple[int, int], _Joined] = {}
    rows: dict[int, tuple[int, float, float]] = {}
    offset = 0
    for number, piece in enumerate(pieces):
        placed: list[tuple[Cell, int, int]] = []
        for cell in piece.cells:
            if by_index:
                placed.append((cell, cell.col, cell.colspan))
                continue
            col = nearest(edges, piece.col_edges[cell.col])
            end = nearest(edges, piece.col_edges[cell.col + cell.colspan])
            placed.append((cell, col, max(end - col, 1)))
        # A row cut by the page break, with no line at the cut: its rest is this piece's first row.
        shift = int(number > 0 and pieces[number - 1].open_bottom and piece.open_top
                    and _rest_of_row(piece, placed, grid, offset))
        if shift:
            placed = [p for p in placed if p[0].row > 0]
        dropped = _repeated_header_rows(piece, placed, grid) if number and not shift else 0
        beside = {col: c.text for c, col, _ in placed if c.row == dropped}  # the first row's texts
        for cell, col, colspan in placed:
            if cell.row < dropped:
                continue
            row = offset + cell.row - dropped - shift
            rowspan = min(cell.rowspan, piece.nrows - cell.row)
            if rowspan == 1:
                _, top, _, bottom = cell.bbox
                page, low, high = rows.get(row, (piece.page, top, bottom))
                rows[row] = (page, min(low, top), max(high, bottom))
            part = _Part(piece.page, cell.bbox, row, row + rowspan - 1)
            above = grid.get((row - 1, col)) if number and cell.row == dropped else None
            if above is not None and _carries_over(above, cell, col, colspan, grid, offset, beside):
                above.text = above.text + cell.text if cell.text else above.text
                above.rowspan += rowspan
                above.parts.append(part)
                target = above
            else:
                target = _Joined(cell.text, row, col, rowspan, colspan, cell.uncertain, [part])
                cells.append(target)
            for r in range(row, row + rowspan):
                for c in range(col, col + colspan):
                    grid[(r, c)] = target
        for r in range(offset, offset + piece.nrows - dropped - shift):  # rows of merged cells only
            rows.setdefault(r, (piece.page, piece.bbox[1], piece.bbox[3]))
        offset += piece.nrows - dropped - shift
    return _JoinedTable(cells, offset, edges, rows)


def _rest_of_row(piece: Piece, placed: list[tuple[Cell, int, int]], grid: dict[tuple[int, int], _Joined], offset: int) -> bool:
    """Whether ``piece``'s first row, under the joined table's last row cell for cell (the same
    columns), is that row's rest; if so, each of its cells is added to the cell above (its text
    appended: "1.本机关不掌握相" + "关政府信息"), a cell merged further down extending it."""
    first = [(cell, col, colspan) for cell, col, colspan in placed if cell.row == 0]
    aboves = [grid.get((offset - 1, col)) for _, col, _ in first]
    if not first or any(a is None or a.col != col or a.colspan != span or a.row + a.rowspan != offset
                        for a, (_, col, span) in zip(aboves, first)):
        return False
    for above, (cell, col, colspan) in zip(aboves, first):
        assert above is not None
        above.text += cell.text
        above.parts.append(_Part(piece.page, cell.bbox, offset - 1, offset + cell.rowspan - 2))
        above.rowspan += cell.rowspan - 1
        for r in range(offset, offset + cell.rowspan - 1):
            for c in range(col, col + colspan):
                grid[(r, c)] = above
    return True


def _repeated_header_rows(
    piece: Piece, placed: list[tuple[Cell, int, int]], grid: dict[tuple[int, int], _Joined]
) -> int:
    """How many of ``piece``'s first rows repeat the table's first rows (a repeated header). A row
    is compared by every cell over it, so that a header cell merged down its rows counts in each."""
    dropped = 0
    for k in range(min(3, piece.nrows - 1)):
        mine = sorted({(col, cell.text) for cell, col, _span in placed if cell.row <= k < cell.row + cell.rowspan})
        theirs = sorted({(j.col, j.text) for (r, _c), j in grid.items() if r == k})
        if not mine or [t for _, t in mine] != [t for _, t in theirs] or not any(t for _, t in mine):
            break
        dropped += 1
    return dropped


def _carries_over(
    above: _Joined, cell: Cell, col: int, colspan: int, grid: dict[tuple[int, int], _Joined],
    offset: int, beside: dict[int, str],
) -> bool:
    """Whether a first-row cell of a continuation piece is the rest of the label cell above it.

    Only in the label columns (left of every value) and under a cell with the same columns; then
    either it is empty (a merged label cell running on: 三、本年度办理结果), or both it and the cell
    above are group labels (another label stands to their right) and it does not start a new
    numbered label (a group label wrapped across the page break: "（四）无" + "法提供"). A row's own
    label never continues: its row ends at the page break.
    """
    if above.col != col or above.colspan != colspan or not above.text or is_value(above.text):
        return False
    if any(is_value(j.text) for (r, c), j in grid.items() if c <= col and r < offset):
        return False
    if not cell.text:
        return True
    right = grid.get((offset - 1, col + colspan))
    grouped = right is not None and right is not above and bool(right.text) and not is_value(right.text)
    text_beside = beside.get(col + colspan, "")
    grouped = grouped and bool(text_beside) and not is_value(text_beside)
    return grouped and not is_value(cell.text) and not _ENUMERATOR.match(cell.text)


def to_raw_table(path: str, pieces: Sequence[Piece], index: int) -> RawTable:
    """The joined pieces as one RawTable: every grid position a cell, merged cells expanded.

    A grid position no cell covers (the union of two pieces' column edges has a column one piece
    does not draw) becomes an empty cell, so that a cell's list index is its grid column.
    """
    joined = join(pieces)
    edges = joined.edges
    grid: dict[tuple[int, int], _Joined] = {}
    for j in joined.cells:
        for r in range(j.row, j.row + j.rowspan):
            for c in range(j.col, j.col + j.colspan):
                grid.setdefault((r, c), j)
    rows: list[tuple[RawCell, ...]] = []
    for r in range(joined.nrows):
        row: list[RawCell] = []
        for c in range(len(edges) - 1):
            cell = grid.get((r, c))
            if cell is None:
                page, top, bottom = joined.rows[r]
                box = (edges[c], top, edges[c + 1], bottom)
                row.append(RawCell("", Location(path, page=page, bbox=box, table=index, row=r, col=c), None, True))
                continue
            part = next((p for p in cell.parts if p.first_row <= r <= p.last_row), cell.parts[0])
            merged = cell.rowspan > 1 or cell.colspan > 1
            location = Location(path, page=part.page, bbox=part.bbox, table=index, row=r, col=c)
            row.append(RawCell(cell.text, location, (cell.row, cell.col) if merged else None, cell.uncertain))
        rows.append(tuple(row))
    first = pieces[0]
    return RawTable(tuple(rows), Location(path, page=first.page, bbox=first.bbox, table=index), index)
