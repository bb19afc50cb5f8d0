"""Section headings that an extractor put inside a table.

A heading printed right above a table can end up as the table's first row: a PDF table finder
takes a line drawn inside the table's frame (or close above its first ruling) for a row, a report
puts the heading in a merged first row of the table itself, and text run together with a table
keeps a heading without its 、 ("三.收到和处理…") as a caption row. The heading is then no
paragraph and the section reads as missing. A table row holding one text only, which is a
section heading, is taken back out: the table is split there into the rows above, the heading as
a paragraph, and the rows below.
"""

from __future__ import annotations

from checker.binding.sections import match_heading, table_labels
from checker.model import Block, Paragraph, RawCell, RawTable
from checker.packs.model import Pack


def _only_text(row: tuple[RawCell, ...]) -> tuple[str, RawCell] | None:
    """The row's text when it holds nothing else: one merged full-width cell, one cell and the
    rest empty, or a heading a table finder cut into cells ("二、主动公开" | "政府信息情况")."""
    texts = list(dict.fromkeys(cell.text.strip() for cell in row if cell.text.strip()))
    if not texts or any(any(ch.isdigit() for ch in t) and len(texts) > 1 for t in texts):
        return None  # a row with numbers is a row of values
    return "".join(texts), next(cell for cell in row if cell.text.strip())


def _part(table: RawTable, start: int, stop: int) -> RawTable | None:
    """Rows [start, stop) as a table of their own, merged-cell origins moved with them."""
    if start >= stop:
        return None
    rows = []
    for row in table.rows[start:stop]:
        rows.append(tuple(
            RawCell(c.text, c.location, (max(c.origin[0] - start, 0), c.origin[1]) if c.origin else None, c.uncertain)
            for c in row
        ))
    return RawTable(tuple(rows), rows[0][0].location if rows[0] else table.location, table.index)


def split_heading_rows(blocks: list[Block], pack: Pack) -> list[Block]:
    """``blocks`` with every table row that is a section heading turned back into a paragraph."""
    labels = table_labels(pack)
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, RawTable):
            out.append(block)
            continue
        start = 0
        for r, row in enumerate(block.rows):
            found = _only_text(row)
            if found is None or not match_heading(found[0], pack, labels):
                continue
            part = _part(block, start, r)
            if part is not None:
                out.append(part)
            out.append(Paragraph(found[0], found[1].location))
            start = r + 1
        if start == 0:
            out.append(block)
        else:
            rest = _part(block, start, len(block.rows))
            if rest is not None:
                out.append(rest)
    return out
