"""A table that is there in pieces: its header words and its figures, but not as a table.

Text taken out of a PDF in the order it was drawn (``pdftotext`` without ``-layout``, a copy from a
PDF viewer) can scatter a ruled table: every header cell's words on lines of their own ("行政复议",
"结果", "维持", …), the figures one to a line, in column order or none. No binder can read its
cells, but it is not missing either: reporting it as missing would fail a correct report on how
its text was taken. :func:`in_pieces` tells such a table from one left out or replaced by prose
("本年度未发生政府信息公开行政复议、行政诉讼。"): the header labels stand as short lines of their own
and at least half of the table's cells have a figure standing alone on a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.model import Block, Location, Paragraph
from checker.normalize import norm
from checker.packs.model import TableSpec

# A line of figures only ("72", "13 4 8 1"): a table's values, never prose.
_FIGURES = re.compile(r"\d+(?:\.\d+)?")
# Canonical characters of a line that stands for one header cell: a label, not a sentence.
SHORT_LINE = 12


def in_pieces(blocks: Sequence[Block], spec: TableSpec) -> Location | None:
    """Where ``spec``'s header words and figures begin among ``blocks`` (the lines of its
    section), or None when the table is not there in pieces."""
    wanted = {norm(label) for label in spec.header_labels}
    found: set[str] = set()
    figures = 0
    first: Location | None = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        words = block.text.split()
        if words and all(_FIGURES.fullmatch(w) for w in words):
            figures += len(words)
            continue
        text = norm(block.text)
        if len(text) <= SHORT_LINE:
            hits = {label for label in wanted if label in text}
            if hits and first is None:
                first = block.location
            found |= hits
    cells = sum(len(b.rows) * len(b.columns) for b in spec.blocks)
    if first is None or len(found) < min(2, len(wanted)) or 2 * figures < cells:
        return None
    return first
