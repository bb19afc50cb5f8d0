"""Which binder a block suits: a rectangular grid, or rows of text.

A table copied out of a web page as text ("一、本年新收… | 3001 | 53 | …", or tab-separated) keeps
each ``<tr>``'s own cells only: a merged cell appears once, in the first row it spans, so the
rows have different lengths and a grid column means nothing (the values of "三、本年度办理结果 |
（一）予以公开 | 1288 | …" sit one column further right than those of the row below). Such a
table is read like any other text row by row: its rows become lines for the stream binder, which
matches labels and takes a row's values in order.
"""

from __future__ import annotations

from checker.model import Block, Paragraph, RawTable


def is_ragged(table: RawTable) -> bool:
    """Rows of different lengths: merged cells were not repeated, grid columns do not line up."""
    widths = {len(row) for row in table.rows if any(cell.text.strip() for cell in row)}
    return len(widths) > 1


def table_lines(table: RawTable) -> list[Paragraph]:
    """The table's rows as " | "-joined lines, each cell once (a merged cell's copies dropped)."""
    lines: list[Paragraph] = []
    for r, row in enumerate(table.rows):
        texts = [
            " ".join(cell.text.split())
            for c, cell in enumerate(row)
            if cell.origin is None or cell.origin == (r, c)
        ]
        if any(texts):
            location = row[0].location if row else table.location
            lines.append(Paragraph(" | ".join(texts), location))
    return lines


def split_shapes(blocks: list[Block]) -> tuple[list[RawTable], list[Paragraph]]:
    """The grid tables for the grid binder, and the lines for the stream binder: paragraphs, and
    the rows of ragged tables in their place."""
    grids: list[RawTable] = []
    lines: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block)
        elif is_ragged(block):
            lines.extend(table_lines(block))
        else:
            grids.append(block)
    return grids, lines
