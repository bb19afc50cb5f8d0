"""Ruled (lattice) tables from the page's drawn lines, read with pypdfium2.

The same idea as pdfplumber's default table finder, on a grid: take every horizontal and vertical
line segment the page draws (stroked lines, thin filled rectangles, rectangle sides), snap them,
group touching ones into tables, lay a grid over each group's distinct x and y positions, and merge
neighbouring grid positions wherever no ruling separates them. Every enclosed rectangle of merged
positions is a cell. pdfplumber needs ~70 ms to parse a page for this; this needs ~2 ms.
``tests/test_pdf_extractor.py`` checks both give the same cells on the real report.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from typing import Any

from msgspec import Struct

from checker.extractors.pdf.grid import cluster, nearest
from checker.model import BBox

SNAP = 2.0  # points: rulings closer than this are one ruling
_MIN_LEN = 3.0  # shorter segments are ticks, not rulings
_THIN = 2.0  # a path object at most this thick is a single ruling
_MIN_ROW = 6.0  # points: verticals running this far past a table's outer line reach a row beyond it


class Ruling(Struct):
    """A horizontal (``pos`` = y, from ``start`` to ``end`` in x) or vertical ruling, top-left origin."""

    horizontal: bool
    pos: float
    start: float
    end: float
    cut: str = ""  # "top" or "bottom": no line drawn, the edge where a page break cut the table


class CellBoxes(list[BBox]):
    """One ruled table's cell boxes; ``open_top``/``open_bottom``: that edge is a page-break cut
    with no line drawn, through a row (the row goes on across the break: see ``grid.join``)."""

    open_top = False
    open_bottom = False


def page_rulings(page: Any, raw: Any, height: float) -> tuple[list[Ruling], int]:
    """The page's axis-aligned line segments, and its number of image objects."""
    out: list[Ruling] = []
    images = 0
    # ctypes out-parameters for FPDFPathSegment_GetPoint; never rebind these names below.
    cx, cy = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    bounds = [ctypes.c_float() for _ in range(4)]
    matrix = raw.FS_MATRIX()
    for handle, object_type, outer in _objects(raw, page.raw):
        if object_type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if object_type != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke))
        if not fill.value and not stroke.value:
            continue  # a clipping path draws nothing
        if not raw.FPDFPageObj_GetBounds(handle, *(ctypes.byref(v) for v in bounds)):
            raise _pdfium_error("Failed to locate pageobject.")
        left, bottom, right, top = _floats((v.value for v in bounds), 4)
        if outer is not IDENTITY:  # inside a form XObject: its bounds are in the form's space
            left, bottom, right, top = _box_on_page((left, bottom, right, top), outer)
        if right - left > _THIN >= top - bottom:  # one ruling (how WPS and Word draw them)
            mid_y = height - (top + bottom) / 2
            _add(out, (left, mid_y), (right, mid_y))
            continue
        if top - bottom > _THIN >= right - left:
            mid_x = (left + right) / 2
            _add(out, (mid_x, height - top), (mid_x, height - bottom))
            continue
        if not raw.FPDFPageObj_GetMatrix(handle, matrix):
            raise _pdfium_error("Failed to get matrix of pageobject.")
        a, b, c, d, e, f = _compose(_floats((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), 6), outer)
        start: tuple[float, float] | None = None
        here: tuple[float, float] | None = None  # the current point
        curve: list[tuple[float, float]] = []  # a cubic bezier's points so far (pdfium: 3 segments)
        for i in range(raw.FPDFPath_CountSegments(handle)):
            seg = raw.FPDFPath_GetPathSegment(handle, i)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(cx), ctypes.byref(cy))
            point = (a * cx.value + c * cy.value + e, height - (b * cx.value + d * cy.value + f))
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO or here is None:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO:
                _add(out, here, point)
            elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                curve.append(point)
                if len(curve) < 3:
                    continue  # a control point: the current point moves at the curve's end
                # Some producers draw borders as curves whose control points lie on the border.
                if _straight(here, *curve):
                    _add(out, here, point)
                curve.clear()
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add(out, point, start)
            here = point
    return out, images


MAX_DEPTH = 3  # form XObjects within form XObjects: how deep rulings are looked for


Matrix = tuple[float, float, float, float, float, float]  # PDF's (a, b, c, d, e, f)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _objects(raw: Any, parent: Any, form: bool = False, level: int = 0,
             outer: Matrix = IDENTITY) -> Iterator[tuple[Any, int, Matrix]]:
    """Every page object's handle and type, form XObjects' contents after each form, down to
    MAX_DEPTH levels: what pypdfium2's ``page.get_objects(max_depth=3)`` walks, without a wrapper
    object for each (a third of the walk's time on pages of many paths). With each object, the
    matrix from its form's space to the page's (``IDENTITY`` itself outside any form): pdfium
    gives a form's contents in the form's space, and stamping or page-fitting tools place a page
    in a form XObject scaled or turned."""
    count = (raw.FPDFFormObj_CountObjects if form else raw.FPDFPage_CountObjects)(parent)
    if count < 0:
        raise _pdfium_error("Failed to get number of pageobjects.")
    get = raw.FPDFFormObj_GetObject if form else raw.FPDFPage_GetObject
    for i in range(count):
        handle = get(parent, i)
        if not handle:
            raise _pdfium_error("Failed to get pageobject.")
        kind = raw.FPDFPageObj_GetType(handle)
        yield handle, kind, outer
        if kind == raw.FPDF_PAGEOBJ_FORM and level < MAX_DEPTH - 1:
            matrix = raw.FS_MATRIX()
            if not raw.FPDFPageObj_GetMatrix(handle, matrix):
                raise _pdfium_error("Failed to get matrix of pageobject.")
            placed = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            inner = outer if placed == IDENTITY else _compose(_floats(placed, 6), outer)
            yield from _objects(raw, handle, True, level + 1, inner)


def _compose(first: tuple[float, ...], then: Matrix) -> Matrix:
    """The matrix applying ``first``, then ``then`` (PDF's row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = first
    if then is IDENTITY:
        return (a1, b1, c1, d1, e1, f1)
    a2, b2, c2, d2, e2, f2 = then
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _box_on_page(box: tuple[float, float, float, float], m: Matrix) -> tuple[float, float, float, float]:
    """A (left, bottom, right, top) box in a form's space, as the box around it on the page."""
    left, bottom, right, top = box
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (left, right) for y in (bottom, top)]
    ys = [b * x + d * y + f for x in (left, right) for y in (bottom, top)]
    return min(xs), min(ys), max(xs), max(ys)


def _pdfium_error(message: str) -> Exception:
    """pypdfium2's own error, which the extractor reports as a damaged page (as it would have
    raised it from ``get_objects``)."""
    from pypdfium2 import PdfiumError

    error: Exception = PdfiumError(message)
    return error


def _straight(*points: tuple[float, float]) -> bool:
    """Whether a bezier's points (start, two controls, end) lie on one horizontal or vertical line
    between its ends: the curve is drawn as a straight ruling."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    (x0, y0), (x3, y3) = points[0], points[-1]
    if max(ys) - min(ys) <= 0.5:
        return min(x0, x3) - 0.5 <= min(xs) and max(xs) <= max(x0, x3) + 0.5
    if max(xs) - min(xs) <= 0.5:
        return min(y0, y3) - 0.5 <= min(ys) and max(ys) <= max(y0, y3) + 0.5
    return False


def _floats(values: Iterable[Any], n: int) -> tuple[float, ...]:
    """pdfium's numbers as floats: typed values, so that mypy sees a float rebinding a name that
    holds a ctypes out-parameter (pypdfium2 is untyped; its Any would hide that)."""
    out = tuple(float(v) for v in values)
    if len(out) != n:
        raise ValueError(f"expected {n} numbers from pdfium, got {len(out)}")
    return out


def _add(out: list[Ruling], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= _MIN_LEN:
        out.append(Ruling(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= _MIN_LEN:
        out.append(Ruling(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _snap(rulings: list[Ruling]) -> list[Ruling]:
    """Snap positions to clusters and merge collinear rulings that touch or overlap."""
    if not rulings:
        return []
    centres = cluster([r.pos for r in rulings], SNAP)
    snapped = sorted(
        (Ruling(r.horizontal, centres[nearest(centres, r.pos)], r.start, r.end) for r in rulings),
        key=lambda r: (r.pos, r.start),
    )
    merged = [snapped[0]]
    for r in snapped[1:]:
        last = merged[-1]
        if r.pos == last.pos and r.start <= last.end + SNAP:
            last.end = max(last.end, r.end)
        else:
            merged.append(r)
    return merged


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _covers(at: dict[float, list[Ruling]], pos: float, lo: float, hi: float) -> bool:
    """Whether a ruling at snapped position ``pos`` runs from ``lo`` to ``hi``."""
    return any(r.start <= lo + SNAP and r.end >= hi - SNAP for r in at.get(pos, ()))


def table_cells(rulings: list[Ruling]) -> list[CellBoxes]:
    """Cell boxes of each ruled table the rulings draw (2 × 2 cells or more, or one row of 3 or
    more: the last row of a table that a page break left alone on its page)."""
    hs = _snap([r for r in rulings if r.horizontal])
    vs = _snap([r for r in rulings if not r.horizontal])
    groups = _groups(hs, vs)
    lone = [v for h, vertical in groups if not h for v in vertical]
    cuts = [edge for h, v in groups if h and v for edge in _cut_edges(h, v, lone)]
    if cuts:  # the cut edges join a column that no ruling of the table touched on this page
        groups = _groups(hs + cuts, vs)
    tables = [_grid_cells(h, v) for h, v in groups if h and v]
    return [t for t in tables if t]


def _groups(hs: list[Ruling], vs: list[Ruling]) -> list[tuple[list[Ruling], list[Ruling]]]:
    """The rulings in groups that touch one another: one group per table (or stray line)."""
    sets = _Sets(len(hs) + len(vs))
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - SNAP <= v.pos <= h.end + SNAP and v.start - SNAP <= h.pos <= v.end + SNAP:
                sets.union(i, len(hs) + j)
    groups: dict[int, tuple[list[Ruling], list[Ruling]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(sets.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(sets.find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _cut_edges(hs: list[Ruling], vs: list[Ruling], lone: list[Ruling]) -> list[Ruling]:
    """The top and bottom edges of a table cut by a page break, where the cut has no line.

    A browser prints a collapsed border with the row it belongs to: on the page where a table goes
    on, its first rows have no line above them, and a cell merged down the rows (a group label)
    has no line below it at the foot of the page. The table's verticals still end together at the
    cut. So where three or more verticals end within SNAP of the outermost (top or bottom) end,
    that end is an edge of the table, across them: at the outermost horizontal ruling when they
    end within a text line's height of it (a line overshooting its corner), else where they end (a
    row beyond the last ruling). A vertical touching no ruling of the table (``lone``: the left
    side of a group label's cell, merged down the whole page) takes part when it runs exactly as
    far as the table's verticals, both ways.
    """
    top, bottom = min(h.pos for h in hs), max(h.pos for h in hs)
    first, last = min(v.start for v in vs), max(v.end for v in vs)
    vs = vs + [v for v in lone if abs(v.start - first) <= SNAP and abs(v.end - last) <= SNAP]
    out: list[Ruling] = []
    for ends, outer, beyond in (([v.start for v in vs], top, -1.0), ([v.end for v in vs], bottom, 1.0)):
        extreme = min(ends) if beyond < 0 else max(ends)
        reaching = [v.pos for v, end in zip(vs, ends) if abs(end - extreme) <= SNAP]
        if len(reaching) < 3 or (extreme - outer) * beyond < -SNAP:
            continue  # no three verticals end together, or they end inside the table
        if (extreme - outer) * beyond > _MIN_ROW:  # a row beyond the last line: cut through
            out.append(Ruling(True, extreme, min(reaching), max(reaching), "top" if beyond < 0 else "bottom"))
        else:
            out.append(Ruling(True, outer, min(reaching), max(reaching)))
    return out


def _grid_cells(hs: list[Ruling], vs: list[Ruling]) -> CellBoxes:
    cells = CellBoxes(_grid_boxes(hs, vs))
    cells.open_top = any(h.cut == "top" for h in hs)
    cells.open_bottom = any(h.cut == "bottom" for h in hs)
    return cells


def _grid_boxes(hs: list[Ruling], vs: list[Ruling]) -> list[BBox]:
    ys = sorted({h.pos for h in hs})
    xs = sorted({v.pos for v in vs})
    if len(xs) < 3 or len(ys) < 2 or (len(ys) == 2 and len(xs) < 4):
        return []  # a frame round a paragraph or a text box; one row of 3+ cells is a table piece
    h_at: dict[float, list[Ruling]] = {}
    v_at: dict[float, list[Ruling]] = {}
    for h in hs:
        h_at.setdefault(h.pos, []).append(h)
    for v in vs:
        v_at.setdefault(v.pos, []).append(v)
    nr, nc = len(ys) - 1, len(xs) - 1
    sets = _Sets(nr * nc)
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covers(v_at, xs[c + 1], ys[r], ys[r + 1]):
                sets.union(r * nc + c, r * nc + c + 1)
            if r + 1 < nr and not _covers(h_at, ys[r + 1], xs[c], xs[c + 1]):
                sets.union(r * nc + c, (r + 1) * nc + c)
    regions: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            regions.setdefault(sets.find(r * nc + c), []).append((r, c))
    cells: list[BBox] = []
    for members in regions.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        if len(members) != (r1 - r0 + 1) * (c1 - c0 + 1):
            continue  # not a rectangle: the space round an irregular table
        x0, x1, y0, y1 = xs[c0], xs[c1 + 1], ys[r0], ys[r1 + 1]
        if (_covers(h_at, y0, x0, x1) and _covers(h_at, y1, x0, x1)
                and _covers(v_at, x0, y0, y1) and _covers(v_at, x1, y0, y1)):
            cells.append((x0, y0, x1, y1))
    return cells
