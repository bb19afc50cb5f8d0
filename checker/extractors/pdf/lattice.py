"""Ruled tables as pieces: cell boxes (from ``rulings.py`` or from pdfplumber) filled with text.

The text of each cell comes from the page's characters read by ``pdfium.py``, whichever finder gave
the boxes, so every page's text is read one way. pdfplumber's lattice finder (its default "lines"
strategy) is kept as the reference engine: ``PdfExtractor(engine="pdfplumber")``.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Sequence
from typing import Any

from checker.extractors.pdf.grid import Cell, Piece, cluster, nearest
from checker.extractors.pdf.layout import Char, cell_text
from checker.model import BBox

_EDGE_TOL = 1.5


def piece_from_cells(page: int, boxes: Sequence[BBox], chars: Sequence[Char]) -> Piece | None:
    """A table piece from its cell boxes; ``None`` for a frame of one column, or of one row of
    fewer than three cells."""
    col_edges = cluster([b[0] for b in boxes] + [b[2] for b in boxes], _EDGE_TOL)
    row_edges = cluster([b[1] for b in boxes] + [b[3] for b in boxes], _EDGE_TOL)
    if len(col_edges) < 3 or len(row_edges) < 2 or (len(row_edges) == 2 and len(col_edges) < 4):
        return None  # a framed paragraph or a text box, not a table (one row of 3+ cells is one)
    spans: list[tuple[BBox, int, int, int, int]] = []
    cover: dict[tuple[int, int], int] = {}
    for box in boxes:
        col, end = nearest(col_edges, box[0]), nearest(col_edges, box[2])
        row, bottom = nearest(row_edges, box[1]), nearest(row_edges, box[3])
        if end <= col or bottom <= row:
            continue
        for r in range(row, bottom):
            for c in range(col, end):
                cover[(r, c)] = len(spans)
        spans.append((box, row, col, bottom - row, end - col))
    owned: list[list[Char]] = [[] for _ in spans]
    table_box = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    x_min, y_min, x_max, y_max = table_box
    for ch in chars:  # every character of the page, for every table: ``inside`` spelled out
        cx, cy = ch.cx, ch.cy
        if x_min <= cx <= x_max and y_min <= cy <= y_max:
            key = (bisect(row_edges, cy) - 1, bisect(col_edges, cx) - 1)
            if key in cover:
                owned[cover[key]].append(ch)
    cells = [
        Cell(cell_text(mine) if mine else "", row, col, rowspan, colspan, box)
        for (box, row, col, rowspan, colspan), mine in zip(spans, owned)
    ]
    cells.sort(key=lambda c: (c.row, c.col))
    return Piece(page, table_box, col_edges, len(row_edges) - 1, cells,
                 getattr(boxes, "open_top", False), getattr(boxes, "open_bottom", False))


def pieces(page: int, tables: Sequence[Sequence[BBox]], chars: Sequence[Char]) -> list[Piece]:
    """The ruled tables on one page, top to bottom, from each table's cell boxes."""
    found = [piece_from_cells(page, boxes, chars) for boxes in tables]
    return sorted((p for p in found if p is not None), key=lambda p: p.bbox[1])


def plumber_tables(plumber_page: Any) -> list[list[BBox]]:
    """Cell boxes of the tables pdfplumber's default lattice finder sees on a page."""
    return [[tuple(float(v) for v in cell) for cell in table.cells]  # type: ignore[misc]
            for table in plumber_page.find_tables()]
