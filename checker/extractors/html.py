"""HTML extractor: the report's main content out of a government web page.

The page is decoded by :mod:`checker.extractors.encoding` and parsed by a real HTML5 parser
(lexbor through selectolax, imported lazily, into the small tree of
:mod:`checker.extractors.htmltree`). Then:

1. Boilerplate goes: ``script``/``style``/``nav``/``aside`` and friends, page-level ``header`` and
   ``footer``, and containers (div, ul, table, td, ...; never paragraphs, spans or data-table cells)
   whose id or class reads like navigation, menu, breadcrumb, header, footer or sidebar -- unless
   they hold the report's numbered headings (a header also stays when it carries the report title).
2. The main content is the deepest element that still holds all numbered headings (一、 … 六、),
   all data tables and the report title ("…政府信息公开工作年度报告") found in the page.
3. It is walked in document order: one :class:`Paragraph` per line of a block element's own text
   (``<br>`` splits lines; ``h1``-``h6`` set ``heading_level``), one :class:`RawTable` per data
   table with ``rowspan``/``colspan`` expanded (``origin`` set). A table that contains tables is a
   layout table: its cells are walked as containers.

Locations: ``element`` is a CSS-selector-like path from the nearest ancestor with an id
("div#content > table:nth-of-type(2) > tr:nth-of-type(5) > td:nth-of-type(3)"; ``tbody`` is left
out and ``tr`` counts the table's rows); ``table``/``row``/``col`` are grid positions. ``line`` is
the source line: lexbor records none, so the start tags are also read from the source with their
lines (:func:`~checker.extractors.htmlscan.start_tag_lines`) and elements are matched by tag name
and ordinal; for a tag name whose count differs between the two (the parser repaired the markup)
no line is given rather than a wrong one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

from checker import hookimpl
from checker.extractors.base import Limits, extract_problem, unreadable
from checker.extractors.deps import dependency_problem, missing
from checker.extractors.encoding import decode_html
from checker.extractors.htmlindex import Marks, block_holders, holding_tables, ordinals, own_rows
from checker.extractors.htmlscan import BLOCK_TAGS, start_tag_lines, tag_counts
from checker.extractors.htmltree import Element, parse, source_lines
from checker.extractors.limits import LimitExceeded, check, limit_problem
from checker.extractors.textutil import image_only_sections, join_lines, squash
from checker.finding import Severity
from checker.model import Block, Document, Location, Paragraph, RawCell, RawTable

_DROP = {"script", "style", "noscript", "template", "nav", "aside", "iframe", "object", "embed",
         "svg", "canvas", "select", "button", "input", "textarea", "map", "audio", "video", "head"}
_BLOCK = BLOCK_TAGS
_NAV_WORDS = {"nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "crumb",
              "crumbs", "sidebar", "sidenav", "subnav", "topnav", "mainnav", "footer", "copyright",
              "topbar", "toolbar", "share"}
_HEAD_WORDS = {"header", "head", "banner", "top", "logo"}
# Elements whose id/class can mark page furniture; others (p, span, data cells) are never dropped.
_CONTAINERS = {"div", "section", "header", "footer", "ul", "ol", "dl", "table", "tr", "td", "th",
               "form", "center", "article", "main"}
_BREAK = "\u2028"  # a <br> inside running text, until the text is split into lines
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MAX_PATH = 24  # steps in an element path; deeper paths are cut at the top with "…"


class HtmlExtractor:
    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".shtml", ".xhtml")
    priority: ClassVar[int] = 0
    requires: ClassVar[tuple[str, ...]] = ("selectolax",)
    extra: ClassVar[str] = "html"

    def accepts(self, path: Path, head: bytes) -> bool:
        sniff = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return sniff.startswith((b"<!doctype html", b"<html")) or b"<html" in sniff

    def extract(self, path: Path, limits: Limits) -> Document:
        try:
            size = path.stat().st_size
            if size > limits.max_bytes:
                return limit_problem(path, "html", LimitExceeded("max_bytes", size, limits.max_bytes))
            data = path.read_bytes()
        except OSError as exc:
            return unreadable(path, "html", "EXTRACT-html-invalid", f"无法读取文件：{exc}",
                              f"cannot read the file: {exc}")
        if missing(self):  # selectolax is imported lazily by htmltree.parse
            return dependency_problem(path, self)
        from selectolax.lexbor import SelectolaxError

        decoded = decode_html(data)
        del data  # the bytes are not needed once decoded: a large page would be held twice
        text, encoding, guessed = decoded.text, decoded.encoding, decoded.source in ("detected", "replace")
        del decoded
        try:
            # counted on the source first: the walks over the tree grow with its size and depth
            elements, depth, blocks = tag_counts(text)
            check(limits, "html_elements", elements)
            check(limits, "html_depth", depth)
            check(limits, "blocks", blocks)  # an upper bound of the paragraphs the walk would emit
            check(limits, "html_entities", text.count("&"))
            starts = start_tag_lines(text)
            holder = [text]
            del text  # parse() takes the page's one reference: it is held once while lexbor parses
            soup = parse(holder)
            doc = _Page(str(path), soup, source_lines(starts, soup), limits).document()
        except RecursionError:
            return unreadable(path, "html", "EXTRACT-html-invalid", "网页嵌套过深，无法解析",
                              "the page is nested too deeply to parse")
        except SelectolaxError as exc:  # lexbor parses any text; it fails only when it gets no memory
            return unreadable(path, "html", "EXTRACT-html-invalid", f"HTML 解析器无法解析此网页（{exc}）",
                              f"the HTML parser could not parse the page ({exc})")
        except LimitExceeded as exc:
            return limit_problem(path, "html", exc)
        if guessed and not doc.unreadable:
            doc.problems.append(extract_problem(
                str(path), "EXTRACT-html-encoding",
                f"网页未声明可用的字符编码，按 {encoding} 猜测读取，个别字符可能有误",
                f"the page declares no usable encoding; read as {encoding} by guess, "
                "so some characters may be wrong",
                severity=Severity.WARNING,
            ))
        return doc


@hookimpl
def report_check_extractors() -> list[HtmlExtractor]:
    return [HtmlExtractor()]


def _words(tag: Element) -> set[str]:
    values = [tag.get("id") or "", tag.get("class") or ""]
    return {w for v in values for w in re.split(r"[\s_\-]+", str(v).lower()) if w}


class _Page:
    """One parsed page: boilerplate removal, main-content choice, the walk."""

    def __init__(self, path: str, soup: Element, lines: dict[int, int], limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.soup = soup
        self.lines = lines
        self.blocks: list[Block] = []
        self.images: list[tuple[int, Element]] = []
        self.table_index = -1
        self._paths: dict[int, str] = {}
        self._nth = ordinals(soup)  # taken before boilerplate removal shifts the counts
        self._holders: set[int] = set()
        self._layouts: set[int] = set()  # tables holding a table, in the main content
        self._marks: Marks | None = None

    # ---- top level ------------------------------------------------------------------------------
    def document(self) -> Document:
        everything = self.soup.elements()
        had_scripts = any(el.name == "script" for el in everything)
        embedded = next((str(t.get("src") or t.get("data") or "") for t in everything
                         if t.name in ("iframe", "embed", "object") and (t.get("src") or t.get("data"))), "")
        body = self.soup.find("body") or self.soup
        self._strip(body, Marks(body))
        marks = Marks(body)
        headings, tables, _ = marks.of(body)
        if not tables and not headings and len(_CJK.findall(body.get_text())) < 200:
            if had_scripts:
                zh = "网页中没有报告正文：内容由脚本加载，不在此文件中（请保存浏览器渲染后的页面或下载原始附件）"
                en = ("the page holds no report text: its content is loaded by scripts and is not in "
                      "this file (save the page as rendered by a browser, or get the original attachment)")
            else:
                zh, en = "网页中没有报告正文", "the page holds no report text"
            if embedded:
                zh += f"；页面嵌入了 {embedded[:200]}，报告可能在其中"
                en += f"; the page embeds {embedded[:200]}, which may hold the report"
            return unreadable(Path(self.path), "html", "EXTRACT-html-no-content", zh, en)
        root = self._main(body, marks)
        self._marks = marks
        self._holders = block_holders(root, _BLOCK)
        self._layouts = holding_tables(root.find_all("table"))
        self.walk(root)
        problems = self._image_tables()
        title = self._page_title()
        if title is not None:
            self.blocks.insert(0, title)
        doc = Document(path=self.path, format="html", blocks=self.blocks)
        doc.problems.extend(problems)
        return doc

    def _page_title(self) -> Paragraph | None:
        """The page's ``<title>`` when the content shows no report title of its own (sites often
        print the article title outside the content area): "XX局2023年…年度报告_XX市人民政府"."""
        if any("年度报告" in b.text for b in self.blocks[:8] if isinstance(b, Paragraph)):
            return None
        tag = self.soup.find("title")
        text = tag.get_text() if tag is not None else ""
        parts = [p.strip() for p in re.split(r"[_|｜]| - | — ", text) if "年度报告" in p]
        if not parts:
            return None
        return Paragraph(parts[0], Location(self.path, line=self.lines.get(id(tag)), element="title"))

    def _strip(self, body: Element, marks: Marks) -> None:
        tables = body.find_all("table")
        holders = holding_tables(tables)
        in_data_tables = {id(t) for table in tables if id(table) not in holders for t in table.elements()}
        for tag in list(body.elements()):
            if tag.parent is None:  # inside an element already removed
                continue
            name = tag.name
            if name in _DROP:
                tag.decompose()
                continue
            if name not in _CONTAINERS or id(tag) in in_data_tables:
                continue  # class names on paragraphs, spans and data cells say nothing about the page
            words = _words(tag)
            nav_like = bool(words & _NAV_WORDS) or any(w.endswith(("nav", "menu")) for w in words)
            head_like = bool(words & _HEAD_WORDS) or (
                name in ("header", "footer") and tag.find_parent(["article", "main"]) is None)
            if not (nav_like or head_like):
                continue
            headings, _, titled = marks.of(tag)
            if len(headings) >= 2:
                continue  # the report itself, whatever its wrapper is called
            if head_like and not nav_like and titled:
                continue  # a page header that carries the report title
            tag.decompose()

    def _main(self, body: Element, marks: Marks) -> Element:
        """The deepest container holding every numbered heading, data table and title of the page."""
        headings, tables, titled = marks.of(body)
        depth = {id(body): 0}
        best, best_depth = body, 0
        for tag in body.elements():
            depth[id(tag)] = depth.get(id(tag.parent), 0) + 1
            if tag.name not in ("div", "article", "main", "section", "td", "form", "center"):
                continue
            own_headings, own_tables, own_titled = marks.of(tag)
            if (titled and not own_titled) or not headings <= own_headings or own_tables < tables:
                continue
            if depth[id(tag)] > best_depth:
                best, best_depth = tag, depth[id(tag)]
        return best

    # ---- the walk -------------------------------------------------------------------------------
    def walk(self, el: Element) -> None:
        buf: list[str] = []
        for child in el.children:
            if isinstance(child, str):
                buf.append(child)
                continue
            name = child.name
            if name in _DROP:
                continue
            if name == "br":
                buf.append(_BREAK)
            elif name == "img":
                self.flush(buf, el)
                self.images.append((len(self.blocks), child))
            elif name == "table":
                self.flush(buf, el)
                if self._is_layout(child):
                    for row in own_rows(child):
                        for cell in _own_cells(row):
                            self.walk(cell)
                else:
                    self.table(child)
            elif name in _BLOCK or id(child) in self._holders:
                self.flush(buf, el)
                self.walk(child)
            else:
                buf.append(_inline_text(child))
        self.flush(buf, el)

    def flush(self, buf: list[str], el: Element) -> None:
        if not buf:
            return
        level = int(el.name[1]) if re.fullmatch(r"h[1-6]", el.name or "") else None
        location = Location(self.path, line=self.lines.get(id(el)), element=self.element(el))
        for line in "".join(buf).split(_BREAK):
            text = squash(line)
            if text:
                self.blocks.append(Paragraph(text, location, level))
        buf.clear()

    def table(self, tbl: Element) -> None:
        for caption in tbl.find_all("caption", recursive=False):
            self.flush([_inline_text(caption)], caption)
        self.table_index += 1
        index = self.table_index
        nested: list[Element] = []
        rows = own_rows(tbl)
        place = (f"第{index + 1}个表格", f"table {index + 1}")
        check(self.limits, "table_rows", len(rows), place)
        row_cells = [_own_cells(tr) for tr in rows]
        most = max((len(cells) for cells in row_cells), default=0)
        check(self.limits, "table_cells", len(rows) * most, place)
        # a span may reach a few times the most cells a row has (a header over sub-columns), never
        # more than the cell limit leaves per row
        cap = max(most, min(max(4 * most, 16), self.limits.table_cells // max(1, len(rows))))
        table_width = _real_width(row_cells, cap)
        budget = 2 * len(rows) * table_width  # spans that overlap cost more than the grid holds
        grid: dict[tuple[int, int], tuple[str, tuple[int, int], Element | None]] = {}
        widths = [0] * len(rows)
        for r, cells_of_row in enumerate(row_cells):
            c = 0
            for cell in cells_of_row:
                while (r, c) in grid:
                    c += 1
                if c >= table_width:
                    break  # pushed past the table's real width by spans from above: no room
                rowspan = _span(cell.get("rowspan"), len(rows) - r, len(rows) - r)
                colspan = _span(cell.get("colspan"), 1, table_width - c)
                budget -= rowspan * colspan
                if budget < 0:
                    raise LimitExceeded("table_cells", 2 * len(rows) * table_width - budget,
                                        2 * len(rows) * table_width, place, at_least=True)
                text = join_lines(_cell_lines(cell, nested))
                for dr in range(rowspan):
                    widths[r + dr] = max(widths[r + dr], c + colspan)
                    for dc in range(colspan):
                        grid.setdefault((r + dr, c + dc), (text, (r, c), cell))
                c += colspan
        out_rows: list[tuple[RawCell, ...]] = []
        for r in range(len(rows)):
            width = widths[r]
            cells: list[RawCell] = []
            for c in range(width):
                text, origin, source = grid.get((r, c), ("", (r, c), None))
                loc = Location(self.path, line=self.lines.get(id(source)) if source is not None else None,
                               table=index, row=r, col=c,
                               element=self.element(source) if source is not None else None)
                cells.append(RawCell(text, loc, origin))
            out_rows.append(tuple(cells))
        where = Location(self.path, line=self.lines.get(id(tbl)), table=index, element=self.element(tbl))
        self.blocks.append(RawTable(tuple(out_rows), where, index))
        for inner in nested:
            self.table(inner)

    # ---- locations ------------------------------------------------------------------------------
    def element(self, el: Element) -> str:
        key = id(el)
        if key not in self._paths:
            parts: list[str] = []
            node: Element | None = el
            while node is not None and node.name not in (None, "[document]", "html"):
                if len(parts) >= _MAX_PATH:
                    parts.append("…")
                    break
                if node.name in ("tbody", "thead", "tfoot"):
                    node = node.parent
                    continue
                if node.get("id"):
                    parts.append(f"{node.name}#{node.get('id')}")
                    break
                if node.name == "body":
                    parts.append("body")
                    break
                parts.append(f"{node.name}:nth-of-type({self._nth.get(id(node), 1)})")
                node = node.parent
            self._paths[key] = " > ".join(reversed(parts))
        return self._paths[key]

    # ---- tables published as images -------------------------------------------------------------
    def _image_tables(self) -> list[Any]:
        problems = []
        positions = [pos for pos, _ in self.images]
        for heading, n in image_only_sections(self.blocks, positions):
            img = self.images[n][1]
            src = str(img.get("src") or "")[:120]
            problems.append(extract_problem(
                self.path, "EXTRACT-html-table-image",
                f"“{heading}”下的表格以图片发布（{src}），无法核验其中的数据",
                f"the table under \"{heading}\" is published as an image ({src}); its figures cannot be checked",
                severity=Severity.WARNING,
                location=Location(self.path, line=self.lines.get(id(img)), element=self.element(img)),
            ))
        return problems

    def _is_layout(self, tbl: Element) -> bool:
        """A table that lays out the page rather than holding data: it holds tables, has a single
        column, or a cell holds the report's numbered headings."""
        if id(tbl) in self._layouts:
            return True
        rows = [_own_cells(tr) for tr in own_rows(tbl)]
        if all(len(cells) <= 1 for cells in rows):
            return True
        marks = self._marks
        return marks is not None and any(len(marks.of(cell)[0]) >= 2 for cells in rows for cell in cells)


def _own_cells(tr: Element) -> list[Element]:
    return tr.find_all(["td", "th"], recursive=False)


def _real_width(rows: list[list[Element]], cap: int) -> int:
    """The table's real width: its widest row, spans included, but at most ``cap`` columns. A
    header's colspan over sub-columns is kept; `colspan="100000000"` is clipped to the width."""
    return max((min(cap, sum(_span(c.get("colspan"), 1, cap) for c in cells)) for cells in rows), default=0)


def _span(value: str | None, fallback_zero: int, cap: int) -> int:
    try:
        number = int(str(value).strip().split(".")[0]) if value is not None else 1
    except ValueError:
        return 1
    if number == 0:
        return max(1, fallback_zero)  # rowspan="0": to the end of the table
    return max(1, min(number, cap))


def _inline_text(el: Element) -> str:
    out: list[str] = []
    for node in el.descendants:
        if isinstance(node, str):
            out.append(node)
        elif node.name == "br":
            out.append(_BREAK)
    return "".join(out)


def _cell_lines(cell: Element, nested: list[Element]) -> list[str]:
    """A cell's text as lines: ``<br>`` and block children break lines, nested tables are set aside."""
    lines = [""]

    def visit(node: Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                lines[-1] += child
            elif child.name == "br":
                lines.append("")
            elif child.name == "table":
                nested.append(child)
                lines.append("")
            elif child.name in _DROP:
                continue
            elif child.name in _BLOCK:
                lines.append("")
                visit(child)
                lines.append("")
            else:
                visit(child)

    visit(cell)
    return lines
