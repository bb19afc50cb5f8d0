"""Tables drawn as HTML: a raw grid with findings' cells outlined (DOCX, HTML, text evidence), and
a bound table as the values the rules used (every format)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from checker.formatters.html_report.texts import text
from checker.model import RawCell, RawTable

# (grid row, grid col) → outlines: (role "cell"|"op", finding id or None for always shown)
Marks = dict[tuple[int, int], list[tuple[str, str | None]]]
CONTEXT_ROWS = 1  # rows shown above and below the outlined ones in a finding's excerpt
HEADER_ROWS = 3  # a table's first rows (its column heads) always start an excerpt


def _cell(grid: RawTable, r: int, c: int) -> RawCell | None:
    row = grid.rows[r] if r < len(grid.rows) else ()
    return row[c] if c < len(row) else None


def _origin(grid: RawTable, r: int, c: int) -> tuple[int, int]:
    cell = _cell(grid, r, c)
    return cell.origin if cell is not None and cell.origin is not None else (r, c)


def mark_origin(grid: RawTable, r: int, c: int) -> tuple[int, int]:
    """Where a cell is drawn: a merged cell's copies are drawn as its top-left position."""
    return _origin(grid, r, c)


def boxes(marks: Iterable[tuple[str, str | None]]) -> str:
    out = []
    for role, fid in sorted(marks, key=lambda m: m[0] != "op"):  # the finding's own outline on top
        extra = f" f{fid}" if fid is not None else ""
        out.append(f'<span class="box {role}{extra}"></span>')
    return "".join(out)


def excerpt_rows(grid: RawTable, marks: Marks, whole: bool = False) -> list[int]:
    """The rows a finding's excerpt shows: the heads, and the outlined rows with some context."""
    count = len(grid.rows)
    if whole or not marks:
        return list(range(count))
    keep = set(range(min(HEADER_ROWS, count)))
    for r, _ in marks:
        keep.update(range(max(0, r - CONTEXT_ROWS), min(count, r + CONTEXT_ROWS + 1)))
    return sorted(keep)


def raw_grid(grid: RawTable, marks: Marks, rows: list[int]) -> str:
    """The grid's ``rows`` as an HTML table, merged cells spanned again, gaps shown as ⋯."""
    width = max((len(r) for r in grid.rows), default=0)
    covered: set[tuple[int, int]] = set()
    out = ['<table class="grid raw">']
    for i, r in enumerate(rows):
        if i and r != rows[i - 1] + 1:
            out.append(f'<tr class="gap"><td colspan="{width}">⋯</td></tr>')
        out.append("<tr>")
        for c in range(width):
            if (r, c) in covered:
                continue
            origin = _origin(grid, r, c)
            colspan = 1
            while c + colspan < width and _cell(grid, r, c + colspan) is not None and _origin(grid, r, c + colspan) == origin:
                colspan += 1
            rowspan = 1
            while (
                i + rowspan < len(rows)
                and rows[i + rowspan] == r + rowspan
                and _origin(grid, r + rowspan, c) == origin
                and _cell(grid, r + rowspan, c) is not None
            ):
                rowspan += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    covered.add((r + dr, c + dc))
            cell = _cell(grid, r, c)
            spans = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            cls = ' class="unc"' if cell is not None and cell.uncertain else ""
            body = escape(cell.text) if cell is not None else ""
            out.append(f"<td{spans}{cls}>{body}{boxes(marks.get(origin, ()))}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _shown(cell: dict[str, Any]) -> str:
    """What a bound cell shows: the value the rules used, else the text as found."""
    if cell["value"] is not None:
        return str(cell["value"])
    return str(cell["raw"])


def cell_key(location: dict[str, Any]) -> tuple[Any, ...]:
    """A cell's place as its location's JSON gives it (grid position, page and box)."""
    bbox = location.get("bbox")
    return (location.get("table_index"), location.get("grid_row"), location.get("grid_col"), location.get("page"),
            tuple(bbox) if bbox else None)


def bound_table(table: dict[str, Any], lang: str, hits: dict[tuple[Any, ...], str] | None = None) -> str:
    """One bound table (``checker.extract`` shape) as a grid per block: the values the rules used,
    the raw text on hover, each kind of cell (number, zero, blank, "/", text) styled apart, and the
    cells findings are about (``hits``: cell key → "cell" or "op") outlined as in the snapshots."""
    hits = hits or {}
    blocks: dict[str, list[dict[str, Any]]] = {}
    for cell in table["cells"]:
        blocks.setdefault(cell["block"], []).append(cell)
    out = []
    for cells in blocks.values():
        columns = list(dict.fromkeys((c["column_id"], c["column"]) for c in cells))
        rows = list(dict.fromkeys((c["row_id"], c["row"]) for c in cells))
        by_pos = {(c["row_id"], c["column_id"]): c for c in cells}
        out.append('<table class="grid bound"><tr><th></th>')
        out.extend(f'<th title="{escape(cid)}">{escape(label)}</th>' for cid, label in columns)
        out.append("</tr>")
        for rid, label in rows:
            out.append(f'<tr><th title="{escape(rid)}">{escape(label)}</th>')
            for cid, _ in columns:
                cell = by_pos.get((rid, cid))
                if cell is None:
                    out.append("<td></td>")
                    continue
                classes = f"num k-{escape(cell['kind'])}" + (" unc" if cell.get("uncertain") else "")
                hit = hits.get(cell_key(cell["location"]))
                if hit is not None:
                    classes += f" hit-{hit}"
                hover = f"{text('kind_' + cell['kind'], lang) if ('kind_' + cell['kind']) in _KINDS else cell['kind']}: "
                hover += repr(cell["raw"])
                if cell.get("uncertain"):
                    hover += f" ({text('uncertain', lang)})"
                out.append(f'<td class="{classes}" title="{escape(hover)}">{escape(_shown(cell))}</td>')
            out.append("</tr>")
        out.append("</table>")
    return "".join(out)


_KINDS = {"kind_number", "kind_zero", "kind_blank", "kind_not_applicable", "kind_text"}
