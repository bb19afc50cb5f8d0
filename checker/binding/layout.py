"""Text laid out with spaces (``pdftotext -layout``): a table's columns at fixed character offsets.

In such text a row whose label wraps inside its cell prints its values over two lines, and the
line a value lands on depends on where it sits in its cell: "（二）部分公开（区分处理的，只计这一情
… 454" then "447 7 0 0 0 0". Read in order, the total would be taken for the first column. The
rows printed whole on one line show where each column stands; a row printed over several lines
is then put in column order by where its values stand, when each stands in a column of its own;
and a row showing fewer values than columns has its empty cells where no value stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from checker.binding.tokens import Token


def _centre(token: Token) -> float:
    # The middle of the value: the template centres numbers in their cells, so values of
    # different widths in one column start at different offsets but centre alike.
    assert token.x is not None
    return token.x + len(token.text) / 2


def whole(values: Sequence[Token], columns: int) -> bool:
    """A row printed whole on one line of a text file: one value per column."""
    return (len(values) == columns and len({t.line for t in values}) == 1
            and all(t.x is not None for t in values))


def _spread(row: Sequence[Token]) -> bool:
    """Whether a row's values stand apart as columns do, not one space after another ("0 0 0 0"):
    they span half as much again as they would packed."""
    first, last = row[0], row[-1]
    assert first.x is not None and last.x is not None
    packed = sum(len(t.text) for t in row) + len(row) - 1
    return last.x + len(last.text) - first.x >= 1.5 * packed


def spans_lines(values: Sequence[Token]) -> bool:
    return len({t.line for t in values}) > 1


def _column_of(centre: float, offsets: Sequence[float], shifted: bool = True) -> int | None:
    """The column a value centred there stands in: the nearest, and nearer than any other.
    With ``shifted``, anything left of the first column is in it: ``pdftotext -layout`` counts a
    Chinese character as one column although it is printed two wide, so a value after a long
    label on its line stands left of where it is printed (the first column's values follow the
    labels). That holds only when every column has a value: with one left blank, the value after
    the label may be the second column's."""
    if shifted and centre <= offsets[0]:
        return 0
    if not shifted and centre < offsets[0] - (offsets[1] - offsets[0]) / 2:
        return None
    distances = sorted((abs(offset - centre), c) for c, offset in enumerate(offsets))
    if distances[0][0] == distances[1][0]:
        return None
    c = distances[0][1]
    # Not beyond the table: at most half a gap past its last column.
    if c == len(offsets) - 1 and distances[0][0] > (offsets[-1] - offsets[-2]) / 2:
        return None
    return c


def column_offsets(rows: Sequence[Sequence[Token]], columns: int) -> list[float] | None:
    """Each column's offset from rows printed whole on one line (the rows next to a row printed
    over several lines: a page of laid-out text has offsets of its own). None unless there are
    two, their values spread out as columns, and each of their values stands nearest its own
    column: text not laid out with spaces puts values one space apart right after labels of any
    length (two rows with labels as long would agree by chance)."""
    if columns < 2 or len(rows) < 2 or not all(whole(row, columns) and _spread(row) for row in rows):
        return None
    # The first column by its rightmost value: the others stand left of it after long labels.
    offsets = [max(_centre(row[0]) for row in rows),
               *(sum(_centre(row[c]) for row in rows) / len(rows) for c in range(1, columns))]
    if any(b <= a for a, b in pairwise(offsets)):
        return None
    if any(_column_of(_centre(row[c]), offsets) != c for row in rows for c in range(columns)):
        return None
    return offsets


def in_column_order(values: Sequence[Token], offsets: Sequence[float]) -> list[Token] | None:
    """A row's values in column order by where they stand, a blank cell where a column has none
    (laid out with spaces, an empty cell is spaces, not a dropped cell); None when one stands
    between columns or two stand in one column (the row does not fit the layout)."""
    if not values or len(values) > len(offsets) or any(t.x is None for t in values):
        return None
    whole_row = len(values) == len(offsets)
    placed: dict[int, Token] = {}
    for token in values:
        column = _column_of(_centre(token), offsets, shifted=whole_row)
        if column is None or column in placed:
            return None
        placed[column] = token
    line = values[0].line
    return [placed.get(c) or Token("", line, True, blank=True) for c in range(len(offsets))]
