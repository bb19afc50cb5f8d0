"""Text shapes of template tables, as real reports reach us, for the stream binding tests.

Each generator writes 表三 from the pack's own labels, so the tests follow the packs: one cell
per line, or rows joined with " | " (optionally as a Markdown pipe table).
"""

from __future__ import annotations

from checker.model import Location, Paragraph
from checker.packs.model import TableSpec
from checker.report import BoundTable

PATH = "t.txt"


def lines_to_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs as the text extractor makes them, without its table detection."""
    return [
        Paragraph(line.strip(), Location(PATH, line=n))
        for n, line in enumerate(text.split("\n"), 1)
        if line.strip()
    ]


def region(paragraphs: list[Paragraph], heading: str, next_heading: str | None) -> list[Paragraph]:
    texts = [p.text for p in paragraphs]
    start = texts.index(heading) + 1
    return paragraphs[start : texts.index(next_heading) if next_heading else len(paragraphs)]


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there) replaced: a test edit that misses fails."""
    assert old in text, old
    return text.replace(old, new)


def values(table: BoundTable, row: str, columns: list[str]) -> list[str]:
    return [table.cells[(row, c)].value.raw for c in columns]


def column_ids(spec: TableSpec, block: int = 0) -> list[str]:
    return [c.id for c in spec.blocks[block].columns]


T3_HEADER = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]


def t3_values(spec: TableSpec) -> dict[str, list[str]]:
    return {
        row.id: [str(10 * r + c) for c in range(7)] for r, row in enumerate(spec.blocks[0].rows)
    }


def one_cell_per_line(spec: TableSpec, cells: dict[str, list[str]]) -> str:
    out = list(T3_HEADER)
    seen: set[str] = set()
    for row in spec.blocks[0].rows:
        out.extend(g for g in row.groups if g not in seen)
        seen.update(row.groups)
        out.append(row.label)
        out.extend(cells[row.id])
    return "\n".join(out) + "\n"


# The 3 header rows of 表三 in a 10-column grid (3 label columns, 7 value columns).
T3_GRID_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"]
    + [""] * 6,
    ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]


def pipe_rows(spec: TableSpec, cells: dict[str, list[str]], markdown: bool = False) -> str:
    width = 3 + 7
    head = [" | ".join(row) for row in T3_GRID_HEADER]
    out = [f"| {h} |" if markdown else h for h in head]
    if markdown:
        out.insert(1, "|" + "---|" * width)
    for row in spec.blocks[0].rows:
        labels = [*row.groups, row.label]
        labels += [""] * (3 - len(labels))  # a merged label cell flattened to an empty cell
        line = " | ".join(labels + cells[row.id])
        out.append(f"| {line} |" if markdown else line)
    return "\n".join(out) + "\n"


def assert_all_bound(
    table: BoundTable | None, spec: TableSpec, cells: dict[str, list[str]]
) -> None:
    assert table is not None
    assert table.problems == [] and table.missing_rows == [] and table.missing_columns == []
    for row in spec.blocks[0].rows:
        assert values(table, row.id, column_ids(spec)) == cells[row.id], row.id
