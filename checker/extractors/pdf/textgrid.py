"""Tables drawn without ruling lines, rebuilt from where their text stands (every cell uncertain).

A run of lines whose segments include numbers standing apart is taken as a table. Value columns
come from the x-extent of the numbers; label columns from where the labels to their left start.
Lines above the first value row are header rows (wrapped header text joined by tight leading).
Lines without values inside the run are pieces of labels: a wrapped label's other line (printed
above or below the row's values) joins the nearest value row; single characters in the first label
column are a vertical label (三、本年度办理结果 one character per line) spanning the rows beside them.
"""

from __future__ import annotations

import re
from bisect import bisect
from collections.abc import Sequence
from itertools import pairwise

from msgspec import Struct, field

from checker.extractors.pdf.grid import Cell, Piece, groups, is_value
from checker.extractors.pdf.layout import Line, Segment, bbox_union, join_wrapped, segments
from checker.model import BBox

_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_SHORT = 12  # a one-segment line this short may be a header or label fragment
_VERTICAL = 2  # characters per line of a vertical label


class _Slot(Struct):
    parts: list[tuple[float, str]] = field(default_factory=list)  # (top, text)
    boxes: list[BBox] = field(default_factory=list)
    colspan: int = 1

    def add(self, seg: Segment, colspan: int = 1) -> None:
        self.parts.append((seg.top, seg.text))
        self.boxes.append(seg.bbox)
        self.colspan = max(self.colspan, colspan)

    @property
    def text(self) -> str:
        """Parts in reading order: lines top to bottom (tops within 3 pt are one line), then x."""
        order = sorted(range(len(self.parts)), key=lambda i: self.parts[i][0])
        lines: list[list[int]] = []
        for i in order:
            if lines and self.parts[i][0] - self.parts[lines[-1][0]][0] <= 3:
                lines[-1].append(i)
            else:
                lines.append([i])
        ordered = [self.parts[i][1] for line in lines for i in sorted(line, key=lambda k: self.boxes[k][0])]
        return join_wrapped(ordered)


def _is_data(line: Line) -> bool:
    return len(line.segments) >= 2 and any(is_value(s.text) for s in line.segments)


def _is_fragment(line: Line) -> bool:
    """A line inside a text table that holds no value: label pieces, never a line of prose."""
    return len(line.segments) >= 2 or len(line.text) <= 2 * _SHORT


def _runs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """[start, end) index ranges of lines that form a text table (two value rows at least)."""
    data = [i for i, line in enumerate(lines) if _is_data(line)]
    runs: list[list[int]] = []
    for i in data:
        between = range(runs[-1][-1] + 1, i) if runs else range(0)
        if runs and len(between) <= 6 and all(_is_fragment(lines[k]) for k in between):
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[tuple[int, int]] = []
    for run in runs:
        values = sum(1 for s in lines[run[0]].segments if is_value(s.text))
        if len(run) < 2 and values < 3:
            continue
        start, end = run[0], run[-1] + 1
        while start > 0 and run[0] - start < 6:
            above = lines[start - 1]
            if lines[start].top - above.bottom > 3 * above.height:
                break
            if len(above.segments) < 2 and (len(above.text) > _SHORT or _HEADING.match(above.text)):
                break
            start -= 1
        while end < len(lines) and end - run[-1] <= 2 and len(lines[end].segments) == 1 \
                and len(lines[end].text) <= _VERTICAL and lines[end].top - lines[end - 1].bottom < lines[end].height:
            end += 1  # the last characters of a vertical label below the last row
        out.append((start, end))
    return out


def find_text_tables(page: int, lines: Sequence[Line]) -> tuple[list[Piece], set[int]]:
    """Tables on a page's lines that no ruling drew, and the indexes of the lines they used."""
    pieces: list[Piece] = []
    used: set[int] = set()
    for start, end in _runs(lines):
        piece = _build(page, lines[start:end])
        if piece is not None:
            pieces.append(piece)
            used.update(range(start, end))
    return pieces, used


def _columns(lines: Sequence[Line]) -> list[float] | None:
    numbers = sorted((s.x0, s.x1) for ln in lines if _is_data(ln) for s in ln.segments if is_value(s.text))
    spans: list[list[float]] = []
    for x0, x1 in numbers:
        if spans and x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    if not spans:
        return None
    height = sorted(ln.height for ln in lines)[len(lines) // 2]
    edges = _label_edges(lines, spans[0][0], height)
    label_ends = [s.x1 for ln in lines if _is_data(ln) for s in ln.segments
                  if not is_value(s.text) and s.x1 < spans[0][0]]
    # the first value column starts half-way between the labels and its numbers: a centred
    # header wider than the numbers ("自然人") still falls in its column
    edges.append((max(label_ends) + spans[0][0]) / 2 if label_ends else spans[0][0] - 1)
    edges += [(a[1] + b[0]) / 2 for a, b in pairwise(spans)]
    right = max(ln.x1 for ln in lines)
    edges.append(max(spans[-1][1], right) + 1)
    return edges


def _label_edges(lines: Sequence[Line], limit: float, height: float) -> list[float]:
    """Left edges of the label columns, left of ``limit`` (the first value column).

    Labels are often centred, so where one starts says little: a column starts where some label
    starts, at an x-position that (almost) no other label crosses.
    """
    labels = [s for ln in lines for s in ln.segments if not is_value(s.text) and s.x1 <= limit]
    if not labels:
        return []
    left = min(s.x0 for s in labels) - 1
    starts = [s.x0 - 1 for s in labels if s.x0 - 1 > left + height]
    tolerated = max(1, len(labels) // 7)
    accepted = [x for x in starts if sum(1 for t in labels if t.x0 < x < t.x1) <= tolerated]
    return [left] + [min(g) for g in groups(accepted, height)]


def _min_value_x(lines: Sequence[Line]) -> float:
    return min(s.x0 for ln in lines if _is_data(ln) for s in ln.segments if is_value(s.text))


def _build(page: int, lines: Sequence[Line]) -> Piece | None:
    edges = _columns(lines)
    if edges is None or len(edges) < 3:
        return None
    ncols = len(edges) - 1

    def col_of(x: float) -> int:
        return min(max(bisect(edges, x) - 1, 0), ncols - 1)

    first = next(i for i, ln in enumerate(lines) if _is_data(ln))
    rows: list[dict[int, _Slot]] = []
    row_lines: list[list[Line]] = []
    for i, line in enumerate(lines[:first]):  # header rows; wrapped header text joins by leading
        if i and line.top - lines[i - 1].bottom < 0.35 * line.height:
            row_lines[-1].append(line)
        else:
            rows.append({})
            row_lines.append([line])
        # neighbouring header cells stand closer than data cells: split at narrower gaps
        for seg in segments(line.chars, 0.4 * line.height):
            inset = min(0.5 * line.height, (seg.x1 - seg.x0) / 3)
            c0, c1 = col_of(seg.x0 + inset), col_of(seg.x1 - inset)
            rows[-1].setdefault(c0, _Slot()).add(seg, c1 - c0 + 1)
    data_rows: list[int] = []
    vertical: list[Segment] = []
    loose: list[tuple[Segment, int]] = []
    placed: list[tuple[Segment, _Slot]] = []  # label pieces and the cell each went to
    values_from = edges[len([e for e in edges if e < _min_value_x(lines)]) - 1]
    for line in lines[first:]:
        labels = [s for s in line.segments if not is_value(s.text)]
        if not _is_data(line) and any(s.x1 > values_from + 1 for s in labels):
            rows.append({})  # a caption or header row between blocks (表二): a row of its own
            row_lines.append([line])
            for seg in line.segments:
                c0, c1 = col_of(seg.x0 + 0.5), col_of(seg.x1 - 0.5)
                rows[-1].setdefault(c0, _Slot()).add(seg, c1 - c0 + 1)
            continue
        if _is_data(line):
            data_rows.append(len(rows))
            rows.append({})
            row_lines.append([line])
        for seg in line.segments:
            c0 = col_of(seg.cx if is_value(seg.text) else seg.x0 + 0.5)
            if ncols > 1 and c0 == 0 and len(seg.text) <= _VERTICAL and not is_value(seg.text) \
                    and (len(labels) > 1 or not _is_data(line)) and edges[1] < edges[-1]:
                vertical.append(seg)
            elif _is_data(line):
                slot = rows[-1].setdefault(c0, _Slot())
                slot.add(seg, col_of(seg.x1 - 0.5) - c0 + 1)
                placed.append((seg, slot))
            else:
                loose.append((seg, c0))
    if not data_rows or (len(data_rows) < 2 and len(rows[data_rows[0]]) < 3):
        return None

    def centre(r: int) -> float:
        return sum((ln.top + ln.bottom) / 2 for ln in row_lines[r]) / len(row_lines[r])

    def nearest_row(seg: Segment) -> int:
        mid = (seg.top + seg.bottom) / 2
        return min(data_rows, key=lambda r: (abs(centre(r) - mid), -centre(r)))

    for seg, c0 in sorted(loose, key=lambda item: item[0].top):
        colspan = col_of(seg.x1 - 0.5) - c0 + 1
        slot = _wrapped_from(seg, placed) or rows[nearest_row(seg)].setdefault(c0, _Slot())
        slot.add(seg, colspan)
        placed.append((seg, slot))
    span: tuple[int, int] | None = None
    if vertical:
        span = (nearest_row(vertical[0]), nearest_row(vertical[-1]))
        slot = _Slot()
        for seg in vertical:
            slot.add(seg)
        rows[span[0]][0] = slot
    _widen_lone_values(rows, data_rows)
    return _piece(page, edges, rows, row_lines, span)


def _wrapped_from(seg: Segment, placed: Sequence[tuple[Segment, _Slot]]) -> _Slot | None:
    """The cell of the label piece printed just above ``seg`` at tight leading (a wrapped label's
    previous line), or None: then ``seg`` joins the nearest row."""
    height = seg.bottom - seg.top
    best: tuple[Segment, _Slot] | None = None
    for other, slot in placed:
        gap = seg.top - other.bottom
        overlap = min(seg.x1, other.x1) - max(seg.x0, other.x0)
        if -1 <= gap < 0.6 * height and overlap > 0 and (best is None or other.bottom > best[0].bottom):
            best = (other, slot)
    return best[1] if best else None


def _widen_lone_values(rows: list[dict[int, _Slot]], data_rows: list[int]) -> None:
    """A value alone under a header that spans several columns ("本年收费金额（单位：万元）" over
    three) stands for the whole span, as the merged cell a ruled table would draw."""
    header: dict[int, _Slot] = {}
    for r, slots in enumerate(rows):
        if r not in data_rows:
            header = slots
            continue
        for c0, head in header.items():
            if head.colspan < 2:
                continue
            inside = [c for c in slots if c0 <= c < c0 + head.colspan]
            if len(inside) == 1 and inside[0] != c0 and c0 not in slots:
                slot = slots.pop(inside[0])
                slot.colspan = head.colspan
                slots[c0] = slot


def _piece(page: int, edges: list[float], rows: list[dict[int, _Slot]], row_lines: list[list[Line]],
           span: tuple[int, int] | None) -> Piece:
    ncols = len(edges) - 1
    cells: list[Cell] = []
    for slots in rows:
        _merge_covered(slots)
    for r, slots in enumerate(rows):
        top = min(ln.top for ln in row_lines[r])
        bottom = max(ln.bottom for ln in row_lines[r])
        c = 0
        while c < ncols:
            if span and c == 0 and span[0] < r <= span[1]:
                c += 1
                continue  # covered by the vertical label
            slot = slots.get(c)
            if slot is None:
                cells.append(Cell("", r, c, 1, 1, (edges[c], top, edges[c + 1], bottom), True))
                c += 1
                continue
            colspan = min(slot.colspan, ncols - c)
            rowspan = span[1] - span[0] + 1 if span and c == 0 and r == span[0] else 1
            cells.append(Cell(slot.text, r, c, rowspan, colspan, bbox_union(slot.boxes), True))
            c += colspan
    tops = [min(ln.top for ln in lines) for lines in row_lines]
    bottoms = [max(ln.bottom for ln in lines) for lines in row_lines]
    return Piece(page, (edges[0], min(tops), edges[-1], max(bottoms)), edges, len(rows), cells)


def _merge_covered(slots: dict[int, _Slot]) -> None:
    """A label wide enough to cover the next column takes in the label pieces standing there; a
    value there cuts the label's span short instead."""
    wide: tuple[int, _Slot] | None = None
    for col in sorted(slots):
        if wide is not None and col < wide[0] + wide[1].colspan:
            if is_value(slots[col].text):
                wide[1].colspan = col - wide[0]
            else:
                inner = slots.pop(col)
                wide[1].parts += inner.parts
                wide[1].boxes += inner.boxes
                continue
        wide = (col, slots[col])
