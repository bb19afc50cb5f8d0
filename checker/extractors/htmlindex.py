"""Indexes over a parsed page that the HTML extractor needs in one linear pass each.

Asking the tree per element ("what text is under this div?", "which parent is an article?")
costs elements x subtree size, which a deeply nested page turns into minutes. These helpers walk
the tree once and answer by ``id(element)``.
"""

from __future__ import annotations

import re

from checker.extractors.htmltree import Element

NUMBERED = re.compile(r"\s*([一二三四五六七八九十]{1,2})、")  # a numbered heading starting a text node
TITLE = re.compile(r"政府信息公开(?:工作)?年度报告")


class Marks:
    """What each element holds, found in one pass over the few strings and tables that matter:
    numbered headings ("一、" starting a text node), data tables, the report title. Keyed by
    ``id(element)``; costs (matches x depth), not (elements x subtree size)."""

    def __init__(self, root: Element) -> None:
        self.headings: dict[int, set[str]] = {}
        self.tables: dict[int, int] = {}
        self.titled: set[int] = set()
        for string, parent in root.strings():
            match = NUMBERED.match(string)
            if match:
                for key in up(parent, root):
                    self.headings.setdefault(key, set()).add(match.group(1))
            if TITLE.search(string):
                self.titled.update(up(parent, root))
        tables = root.find_all("table")
        holders = holding_tables(tables)
        for table in tables:
            if id(table) not in holders:
                for key in up(table, root):
                    self.tables[key] = self.tables.get(key, 0) + 1

    def of(self, el: Element) -> tuple[set[str], int, bool]:
        key = id(el)
        return self.headings.get(key, set()), self.tables.get(key, 0), key in self.titled


def up(node: Element | None, root: Element) -> list[int]:
    """ids of ``node`` and its ancestors up to ``root``."""
    out: list[int] = []
    while node is not None:
        out.append(id(node))
        if node is root:
            break
        node = node.parent
    return out


def holding_tables(tables: list[Element]) -> set[int]:
    """ids of the tables that hold another table (data tables are the rest): one walk up from
    each table, instead of a search down through every table's cells."""
    out: set[int] = set()
    for table in tables:
        node = table.parent
        while node is not None:
            if node.name == "table":
                if id(node) in out:
                    break  # marked by an earlier walk, which marked the tables above it too
                out.add(id(node))
            node = node.parent
    return out


def block_holders(root: Element, block_names: set[str]) -> set[int]:
    """ids of the elements that contain a block-level element (walked as containers)."""
    out: set[int] = set()
    for tag in root.find_all(block_names):
        node = tag.parent
        while node is not None and id(node) not in out:
            out.add(id(node))
            if node is root:
                break
            node = node.parent
    return out


def ordinals(document: Element) -> dict[int, int]:
    """id(tag) -> its 1-based nth-of-type among its siblings; a ``tr`` counts its table's rows."""
    out: dict[int, int] = {}
    counters: dict[int, dict[str, int]] = {}
    for tag in document.elements():
        seen = counters.setdefault(id(tag.parent), {})
        seen[tag.name] = seen.get(tag.name, 0) + 1
        out[id(tag)] = seen[tag.name]
    for table in document.find_all("table"):
        for i, tr in enumerate(own_rows(table), start=1):
            out[id(tr)] = i
    return out


def own_rows(tbl: Element) -> list[Element]:
    """The table's rows in document order, not those of a table nested in it: every ``tr`` whose
    nearest ``table`` is ``tbl``. A row is not looked into (in the parsed tree a ``tr`` holds
    another ``tr`` only inside a nested table), nor is a nested table: the walk stays out of the
    cells' contents, which are most of a table's nodes."""
    rows: list[Element] = []
    stack = [iter(tbl.children)]
    while stack:
        for node in stack[-1]:
            if not isinstance(node, Element):
                continue
            if node.name == "tr":
                rows.append(node)
            elif node.name != "table" and node.children:
                stack.append(iter(node.children))
                break
        else:
            stack.pop()
    return rows
