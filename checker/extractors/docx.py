"""DOCX extractor: body paragraphs and tables, merged cells expanded, in body order.

python-docx opens the package (imported lazily); the walk itself reads the WordprocessingML tree,
because merged cells (``w:gridSpan``, ``w:vMerge``), tracked changes, content controls and text
boxes are not all visible through python-docx's object API.

What counts as content:

- runs, also inside hyperlinks, fields' results, smart tags, content controls and insertions
  (``w:ins``, ``w:moveTo``);
- not deleted text (``w:del``, ``w:moveFrom``, ``w:delText``), field instructions
  (``w:instrText``), comments (they live outside the body) or the ``mc:Fallback`` copy of a
  drawing (which repeats the ``mc:Choice`` text box);
- automatic list numbering: the printed label ("一、", "1.") is put before the paragraph's text
  (:mod:`checker.extractors.docx_numbering`);
- text boxes: their paragraphs and tables become blocks of their own right after the paragraph
  that anchors them; a table nested in a cell becomes a table of its own after its outer table.

``Location.paragraph`` is the 0-based index among body-level paragraphs (the ones
``python_docx.Document(path).paragraphs`` lists, plus those inside block-level content controls);
blocks from a text box carry their anchor paragraph's index; a table and its cells carry the index
of the last paragraph before it (-1 before the first), so findings sort in document order. Blank paragraphs are not emitted but
keep their index. ``Location.table`` is the table's 0-based position among emitted tables.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any, ClassVar

from checker import hookimpl
from checker.extractors.base import Limits, extract_problem, unreadable
from checker.extractors.deps import dependency_problem, missing
from checker.extractors.docx_numbering import Numbering
from checker.extractors.docx_package import check_package
from checker.extractors.limits import LimitExceeded, check, limit_problem
from checker.extractors.textutil import image_only_sections, join_lines, squash
from checker.finding import Severity
from checker.model import Block, Document, Location, Paragraph, RawCell, RawTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PICTURES = ("{http://schemas.openxmlformats.org/drawingml/2006/main}blip",
             "{urn:schemas-microsoft-com:vml}imagedata")

# Subtrees whose text is not content.
_SKIP = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "delInstrText",
         W + "commentReference", W + "footnoteReference", W + "endnoteReference", MC + "Fallback",
         W + "rPr", W + "pPr", W + "tcPr", W + "trPr", W + "tblPr", W + "sectPr"}
# Wrappers whose children are read as if they stood in their place.
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}

_INVALID_ZH = "文件不是有效的 Word（.docx）文档"
_INVALID_EN = "the file is not a valid Word (.docx) document"


class DocxExtractor:
    name: ClassVar[str] = "docx"
    suffixes: ClassVar[tuple[str, ...]] = (".docx",)
    priority: ClassVar[int] = 0
    requires: ClassVar[tuple[str, ...]] = ("docx",)  # python-docx
    extra: ClassVar[str] = "docx"

    def accepts(self, path: Path, head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(path) as zf:
                return "word/document.xml" in zf.namelist()
        except (OSError, zipfile.BadZipFile, ValueError):
            return False

    def extract(self, path: Path, limits: Limits) -> Document:
        problem = check_package(path, limits)
        if problem is not None:
            return problem
        if missing(self):
            return dependency_problem(path, self)
        import docx  # python-docx
        from docx.opc.exceptions import OpcError
        from lxml.etree import LxmlError

        try:
            package = docx.Document(str(path))
        # python-docx's own errors and those of what it parses with (zip and its deflate streams,
        # lxml; a missing part is a KeyError of the package, a wrong content type a ValueError);
        # anything else is our bug.
        except (OpcError, LxmlError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
                UnicodeDecodeError) as exc:
            return unreadable(path, "docx", "EXTRACT-docx-invalid", f"{_INVALID_ZH}：{exc}",
                              f"{_INVALID_EN}: {exc}")
        root = package.element
        body = root.find(W + "body") if getattr(root, "tag", None) == W + "document" else None
        if body is None:  # a wrong root element, or a document without a body
            return unreadable(path, "docx", "EXTRACT-docx-invalid", f"{_INVALID_ZH}（word/document.xml 中没有正文 w:body）",
                              f"{_INVALID_EN} (word/document.xml has no w:document/w:body)")
        numbering = _numbering(package, limits.list_number)
        walker = _Walker(str(path), _heading_levels(package), numbering, limits)
        try:
            walker.blocks_of(body)
        except RecursionError:
            return unreadable(path, "docx", "EXTRACT-docx-invalid",
                              f"{_INVALID_ZH}：嵌套过深", f"{_INVALID_EN}: nesting too deep")
        except LimitExceeded as exc:
            return limit_problem(path, "docx", exc)
        if numbering.over is not None:
            return limit_problem(path, "docx", LimitExceeded("list_number", numbering.over, limits.list_number))
        doc = Document(path=str(path), format="docx", blocks=walker.blocks)
        positions = [pos for pos, _ in walker.images]
        for heading, n in image_only_sections(walker.blocks, positions):
            doc.problems.append(extract_problem(
                str(path), "EXTRACT-docx-table-image",
                f"“{heading}”下的表格以图片插入，无法核验其中的数据",
                f"the table under \"{heading}\" is inserted as a picture; its figures cannot be checked",
                severity=Severity.WARNING,
                location=Location(str(path), paragraph=walker.images[n][1]),
            ))
        return doc


@hookimpl
def report_check_extractors() -> list[DocxExtractor]:
    return [DocxExtractor()]


def _numbering(package: Any, max_number: int) -> Numbering:
    try:
        root = package.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError, ValueError):
        root = None
    return Numbering(root, package.styles.element, max_number)


def _heading_levels(package: Any) -> dict[str, int]:
    """Style id -> heading level (1-based), from heading style names or outline levels."""
    levels: dict[str, int] = {}
    based_on: dict[str, str] = {}
    root = package.styles.element
    for style in root.iter(W + "style"):
        if style.get(W + "type") != "paragraph":
            continue
        sid = style.get(W + "styleId") or ""
        name_el = style.find(W + "name")
        name = (name_el.get(W + "val") if name_el is not None else "") or ""
        level = _level_from_name(name)
        ppr = style.find(W + "pPr")
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        if level is None and outline is not None:
            level = _outline(outline)
        if level is not None:
            levels[sid] = level
        parent = style.find(W + "basedOn")
        if parent is not None:
            based_on[sid] = parent.get(W + "val") or ""
    for sid in list(based_on):  # inherit through basedOn chains
        seen, cur = {sid}, based_on.get(sid)
        while sid not in levels and cur and cur not in seen:
            if cur in levels:
                levels[sid] = levels[cur]
            seen.add(cur)
            cur = based_on.get(cur)
    return levels


def _level_from_name(name: str) -> int | None:
    low = name.lower().replace(" ", "")
    for prefix in ("heading", "标题"):
        if low.startswith(prefix) and low[len(prefix):].isdecimal():  # "Heading ²" is a digit, not a number
            return int(low[len(prefix):])
    return None


def _outline(el: Any) -> int | None:
    try:
        value = int(el.get(W + "val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value <= 8 else None


class _Walker:
    """Turns the body tree into blocks, keeping the paragraph and table counters."""

    def __init__(self, path: str, heading_styles: dict[str, int], numbering: Numbering, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.heading_styles = heading_styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraph_index = -1
        self.table_index = -1
        self.images: list[tuple[int, int]] = []  # (blocks emitted before it, paragraph index)

    # ---- block level ----------------------------------------------------------------------------
    def blocks_of(self, container: Any, anchor: int | None = None) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child, anchor)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in _WRAPPERS:
                self.blocks_of(child, anchor)

    def paragraph(self, p: Any, anchor: int | None) -> None:
        if anchor is None:
            self.paragraph_index += 1
        index = self.paragraph_index if anchor is None else anchor
        pieces: list[str] = [self.numbering.label(p)]
        boxes: list[Any] = []
        pictures: list[Any] = []
        _collect(p, pieces, boxes, pictures)
        level = self._level(p)
        location = Location(self.path, paragraph=index)
        for line in "".join(pieces).split("\n"):
            text = squash(line)
            if text:
                self.blocks.append(Paragraph(text, location, level))
        self.images.extend((len(self.blocks), index) for _ in pictures)
        for box in boxes:
            self.blocks_of(box, index)

    def _level(self, p: Any) -> int | None:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return None
        outline = ppr.find(W + "outlineLvl")
        if outline is not None:
            return _outline(outline)
        style = ppr.find(W + "pStyle")
        if style is not None:
            return self.heading_styles.get(style.get(W + "val") or "")
        return None

    def table(self, tbl: Any) -> None:
        self.table_index += 1
        index = self.table_index
        nested: list[Any] = []
        rows: list[list[RawCell]] = []
        origins: list[list[tuple[int, int]]] = []
        texts: dict[tuple[int, int], str] = {}
        all_rows = _rows(tbl)
        check(self.limits, "table_rows", len(all_rows), (f"第{index + 1}个表格", f"table {index + 1}"))
        # The table's real width: its grid's columns (w:tblGrid), or its widest row's cells. A span
        # or gridBefore is clipped to it, so `w:gridSpan="100000000"` cannot make a huge row.
        width = max(len(_grid_columns(tbl)), max((len(_cells(tr)) for tr in all_rows), default=0), 1)
        check(self.limits, "table_cells", len(all_rows) * width, (f"第{index + 1}个表格", f"table {index + 1}"))
        for r, tr in enumerate(all_rows):
            row: list[RawCell] = []
            row_origins: list[tuple[int, int]] = []
            col = max(0, min(_int_val(tr, W + "trPr", W + "gridBefore", 0), width - 1))
            for _ in range(col):  # cells the row leaves out on the left
                row.append(RawCell("", Location(self.path, paragraph=self.paragraph_index, table=index, row=r,
                                                col=len(row))))
                row_origins.append((r, len(row) - 1))
            for tc in _cells(tr):
                props = tc.find(W + "tcPr")  # once: each lookup builds python-docx's element proxy
                span = max(1, min(_int_prop(props, W + "gridSpan", 1), width - col))
                origin = (r, col)
                if _merge(props, W + "vMerge") == "continue" and r > 0 and col < len(origins[r - 1]):
                    origin = origins[r - 1][col]
                elif _merge(props, W + "hMerge") == "continue" and row_origins:
                    origin = row_origins[-1]
                if origin == (r, col):
                    texts[origin] = _cell_text(tc, nested, self.numbering)
                text = texts.get(origin, "")
                for k in range(span):
                    loc = Location(self.path, paragraph=self.paragraph_index, table=index, row=r, col=col + k)
                    row.append(RawCell(text, loc, origin))
                    row_origins.append(origin)
                col += span
            rows.append(row)
            origins.append(row_origins)
        where = Location(self.path, paragraph=self.paragraph_index, table=index)
        self.blocks.append(RawTable(tuple(tuple(r) for r in rows), where, index))
        for inner in nested:
            self.table(inner)


def _rows(tbl: Any) -> list[Any]:
    """The table's rows, through content controls; rows deleted as a tracked change are left out."""
    out: list[Any] = []
    for child in tbl.iterchildren():
        if child.tag == W + "tr":
            trpr = child.find(W + "trPr")
            if trpr is None or trpr.find(W + "del") is None:
                out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_rows(child))
    return out


def _grid_columns(tbl: Any) -> list[Any]:
    grid = tbl.find(W + "tblGrid")
    return grid.findall(W + "gridCol") if grid is not None else []


def _cells(tr: Any) -> list[Any]:
    out: list[Any] = []
    for child in tr.iterchildren():
        if child.tag == W + "tc":
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_cells(child))
    return out


def _int_val(el: Any, props: str, name: str, default: int) -> int:
    return _int_prop(el.find(props), name, default)


def _int_prop(props: Any, name: str, default: int) -> int:
    """The integer ``w:val`` of the ``name`` property in ``props`` (a ``w:tcPr`` or ``w:trPr``)."""
    item = props.find(name) if props is not None else None
    if item is None:
        return default
    try:
        return int(item.get(W + "val"))
    except (TypeError, ValueError):
        return default


def _merge(props: Any, name: str) -> str | None:
    """A cell's ``w:vMerge`` or ``w:hMerge``: "restart", "continue" (the value left out), or None."""
    item = props.find(name) if props is not None else None
    if item is None:
        return None
    return "restart" if item.get(W + "val") == "restart" else "continue"


def _cell_text(tc: Any, nested: list[Any], numbering: Numbering) -> str:
    """A cell's paragraphs and line breaks joined (no space between Chinese lines)."""
    lines: list[str] = []

    def visit(container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == W + "p":
                pieces: list[str] = [numbering.label(child)]
                boxes: list[Any] = []
                _collect(child, pieces, boxes)
                lines.extend("".join(pieces).split("\n"))
                for box in boxes:
                    visit(box)
            elif child.tag == W + "tbl":
                nested.append(child)
            elif child.tag in _WRAPPERS:
                visit(child)

    visit(tc)
    return join_lines(lines)


def _collect(el: Any, out: list[str], boxes: list[Any], pictures: list[Any] | None = None) -> None:
    """Text of a paragraph's runs in order; text boxes are set aside as separate containers, and
    pictures (drawings without a text box) are listed in ``pictures``."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in (W + "drawing", W + "pict") and pictures is not None:
            has_box = next(child.iter(W + "txbxContent"), None) is not None
            if not has_box and any(next(child.iter(p), None) is not None for p in _PICTURES):
                pictures.append(child)
                continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            out.append(" ")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "txbxContent":
            boxes.append(child)
        else:
            _collect(child, out, boxes, pictures)
