"""Plain text and Markdown: text copied out of a PDF or a web page, or written by hand.

Every non-empty line becomes a :class:`Paragraph` (page breaks and page numbers dropped); only
tables the text itself marks as tables (Markdown pipe tables, rows joined with " | " or tabs)
become :class:`RawTable`s. Tables spread over lines one cell at a time are left as paragraphs:
recognising them needs the template's labels, which is the stream binder's job.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import ClassVar

from checker import hookimpl
from checker.extractors.base import Limits, extract_problem, unreadable
from checker.extractors.limits import LimitExceeded, check, limit_problem
from checker.finding import Severity
from checker.model import Block, Document, Location, Paragraph, RawCell, RawTable

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than the whitespace text legitimately holds (\t \n \v \f \r) and ESC.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SNIFF = 8192

# Page furniture of text taken out of a PDF: "- 3 -", "— 3 —", "第 3 页", "第3页 共6页", "3/6".
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]+\s*\d+\s*[-—–－~～]+"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，/]?\s*第\s*\d+\s*页"
    r"|(?P<n>\d+)\s*/\s*(?P<m>\d+))$"
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
# Control characters that survive decoding (a DOS end-of-file mark, stray escapes) are not text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Markdown: a whole line in bold ("**二、主动公开政府信息情况**"), a line break inside a cell.
_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
# A top-level section heading ("三、收到和处理…") ends a table even between two row lines.
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")


class TextExtractor:
    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text", ".md", ".markdown")
    priority: ClassVar[int] = 0

    def accepts(self, path: Path, head: bytes) -> bool:
        """Text-looking bytes: no binary markers and decodable in one of the encodings we read."""
        if not head:
            return path.suffix.lower() in self.suffixes
        if _is_binary(head):
            return False
        return _decode(head, partial=True) is not None

    def extract(self, path: Path, limits: Limits) -> Document:
        fmt = "markdown" if path.suffix.lower() in _MARKDOWN_SUFFIXES else "text"
        try:
            size = path.stat().st_size
            if size > limits.max_bytes:
                return limit_problem(path, fmt, LimitExceeded("max_bytes", size, limits.max_bytes))
            data = path.read_bytes()
        except OSError as exc:
            return unreadable(
                path, fmt, "EXTRACT-io", f"无法读取文件：{exc}", f"cannot read file: {exc}"
            )
        if not data.strip():
            return unreadable(path, fmt, "EXTRACT-empty", "文件为空", "the file is empty")
        if _is_binary(data):
            return unreadable(
                path,
                fmt,
                "EXTRACT-binary",
                "文件不是文本（含二进制数据），无法按文本读取",
                "the file is binary data, not text",
            )
        decoded = _decode(data)
        if decoded is None:
            return unreadable(
                path,
                fmt,
                "EXTRACT-encoding",
                "无法识别文件的文字编码（不是 UTF-8、GB18030/GBK 或其他可识别的编码）",
                "cannot determine the file's text encoding (not UTF-8, GB18030/GBK or another known one)",
            )
        text, bad = decoded
        try:
            check_lines(text, limits)
            blocks = parse_lines(text, str(path), fmt == "markdown", limits)
        except LimitExceeded as exc:
            return limit_problem(path, fmt, exc)
        doc = Document(path=str(path), format=fmt, blocks=blocks)
        if bad:
            doc.problems.append(
                extract_problem(
                    str(path),
                    "EXTRACT-encoding",
                    f"文件中有 {bad} 处字节不是有效的 UTF-8，已替换为“\ufffd”，其余内容照常读取",
                    f"{bad} invalid UTF-8 byte sequence(s) were replaced with U+FFFD; "
                    "the rest was read",
                    Severity.WARNING,
                )
            )
        if "\f" in text:
            # pdftotext ends every page with a form feed, the last one included.
            pages = text.split("\f")
            doc.page_count = len(pages) - (0 if pages[-1].strip() else 1)
        return doc


_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def check_lines(text: str, limits: Limits) -> None:
    """The line count and the longest line, before any per-line work (C-speed string methods)."""
    check(limits, "text_lines", text.count("\n") + text.count("\r") - text.count("\r\n") + 1)
    if len(text) > limits.text_line_chars:  # only then can a line be too long
        longest = max(len(line) for line in _LINE_BREAKS.split(text))
        check(limits, "text_line_chars", longest)


def parse_lines(text: str, path: str, markdown: bool = False, limits: Limits | None = None) -> list[Block]:
    """Blocks of decoded text: paragraphs, with explicit tables gathered into RawTables.

    In Markdown a blank line ends a table; text taken out of a PDF has blank lines between
    all its lines, so there only a line that is not a row does.
    """
    lines: list[tuple[int, str]] = []  # (1-based line number, stripped text), content only
    indents: dict[int, int] = {}  # line number -> spaces before its text
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        # A form feed is a page break; the text on either side stays on this line number.
        for piece in line.split("\f"):
            part = _CONTROLS.sub("", piece)
            stripped = part.strip()
            if "\t" in stripped:
                # A tab-separated row keeps its empty first and last cells ("3.其他\t108\t…\t0\t"):
                # only spaces are trimmed, the tabs are cell boundaries.
                stripped = part.strip(" \r\n\v\u3000\xa0")
            if markdown and "|" not in stripped:
                stripped = _EMPHASIS.sub(r"\2", stripped).strip()
            if stripped and not _is_page_number(stripped):
                lines.append((number, stripped))
                indents[number] = len(part) - len(part.lstrip())

    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        end = _table_run(lines, i, markdown)
        if limits is not None:
            check(limits, "table_rows", end - i, (f"第{lines[i][0]}行起的表格", f"the table at line {lines[i][0]}"))
        if end > i:
            index = sum(isinstance(b, RawTable) for b in blocks)
            blocks.append(_raw_table(lines[i:end], path, index, markdown))
            i = end
            continue
        number, content = lines[i]
        heading = _HEADING.match(content)
        if heading and heading.group(2):
            blocks.append(
                Paragraph(heading.group(2), Location(path, line=number), len(heading.group(1)))
            )
        else:
            blocks.append(Paragraph(content, Location(path, line=number), indent=indents[number]))
        i += 1
    return blocks


def _is_page_number(line: str) -> bool:
    match = _PAGE_NUMBER.match(line)
    if not match:
        return False
    if match.group("n") is not None:
        # "0/0" is a 本年增/减 value, not a page: a page number n/m has 1 <= n <= m.
        n, m = int(match.group("n")), int(match.group("m"))
        return 1 <= n <= m
    return True


def _is_row(line: str) -> bool:
    return "|" in line or "\t" in line


def _table_run(lines: list[tuple[int, str]], start: int, markdown: bool) -> int:
    """End (exclusive) of the table starting at ``start``, or ``start`` when no table starts there.

    A table is two or more consecutive row lines (cells joined by "|" or tabs). A single line
    without separators between two row lines is a caption row spanning the table (表二's
    "第二十条第（五）项"), so it stays inside the table; a section heading ("三、…") does not.
    """

    def joined(k: int) -> bool:  # line k continues the table: no blank line before it in Markdown
        return not markdown or lines[k][0] - lines[k - 1][0] <= 1

    if not _is_row(lines[start][1]):
        return start
    end = start + 1
    while end < len(lines) and joined(end):
        if _is_row(lines[end][1]):
            end += 1
        elif (
            end + 1 < len(lines)
            and joined(end + 1)
            and _is_row(lines[end + 1][1])
            and not _HEADING.match(lines[end][1])
            and not _SECTION.match(lines[end][1])
        ):
            end += 2
        else:
            break
    return end if end - start >= 2 else start


def split_cells(line: str) -> list[str]:
    """A row line's cells. Markdown's outer pipes are not cells; "\\|" is a literal pipe."""
    if "|" not in line:
        return [cell.strip() for cell in line.split("\t")]
    text = line.replace("\\|", "\x00")
    if text.startswith("|"):
        text = text[1:]
        text = text.removesuffix("|")
    return [cell.replace("\x00", "|").strip() for cell in text.split("|")]


def _is_separator(cells: list[str], k: int) -> bool:
    """A Markdown delimiter row: right under the header, or long dashes anywhere. A row of
    "-" cells further down is a row of "not applicable" values."""
    filled = [c for c in cells if c]
    if not filled or not all(_SEPARATOR_CELL.match(c) for c in filled):
        return False
    return k == 1 or all(len(c.strip(":")) >= 3 for c in filled)


def _raw_table(lines: list[tuple[int, str]], path: str, index: int, markdown: bool) -> RawTable:
    rows: list[tuple[RawCell, ...]] = []
    for k, (number, content) in enumerate(lines):
        cells = split_cells(content)
        if markdown:  # "商业<br>企业": the label's two halves, as a DOCX cell has them
            cells = [_EMPHASIS.sub(r"\2", _BREAK.sub("\n", c)).strip() for c in cells]
        if _is_separator(cells, k):
            continue  # the |---|:---:| line under a Markdown header row
        r = len(rows)
        rows.append(
            tuple(
                RawCell(text, Location(path, line=number, table=index, row=r, col=c))
                for c, text in enumerate(cells)
            )
        )
    return RawTable(tuple(rows), Location(path, line=lines[0][0], table=index), index)


# ---- decoding ----------------------------------------------------------------------------------


def _is_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16/32 text) or a high share of control bytes mean binary data."""
    head = data[:_SNIFF]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return _utf16_without_bom(data) is None
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    return controls > max(2, len(head) // 20)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: its ASCII characters leave NULs on one side of every pair."""
    if len(data) < 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    # Some CJK characters have a zero byte too (一 is U+4E00): one side must clearly dominate.
    if max(even_nuls, odd_nuls) < len(data) // 8 or min(even_nuls, odd_nuls) * 4 > max(
        even_nuls, odd_nuls
    ):
        return None
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        text = data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _printable_share(text) >= 0.95 else None


def _decode(data: bytes, partial: bool = False) -> tuple[str, int] | None:
    """Decoded text and how many bad bytes were replaced, or None when no encoding fits.

    ``partial``: ``data`` is the file's head and may end mid-character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding, "ignore" if partial else "strict"), 0
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:_SNIFF]:
        text = _utf16_without_bom(data)
        return (text, 0) if text is not None else None
    if partial:
        data = _trim_partial(data)
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        # GB18030 decodes many non-Chinese byte sequences (Big5, Latin-1) into rare characters:
        # accept it only when the result reads like ordinary Chinese.
        if _common_chinese_share(text) >= 0.8:
            return text, 0
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes (a download cut mid-character) is still that report; a
    # detector would rather pick a single-byte code page and turn all of it into mojibake.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(2, len(text) // 1000):
        return text, bad
    detected = _detect(data)
    return (detected, 0) if detected is not None else None


def _trim_partial(data: bytes) -> bytes:
    """A head cut at _SNIFF bytes may split a multi-byte character: drop up to 3 trailing bytes."""
    for cut in range(4):
        chunk = data[: len(data) - cut] if cut else data
        for encoding in ("utf-8", "gb18030"):
            try:
                chunk.decode(encoding)
                return chunk
            except UnicodeDecodeError:
                continue
    return data


def _detect(data: bytes) -> str | None:
    """The fallback: charset-normalizer's best guess, if it reads as text at all."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return text if _printable_share(text) >= 0.95 else None


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f\v")
    return ok / len(text)


def _common_chinese_share(text: str) -> float:
    """Share of non-ASCII characters that are GB2312 punctuation or level-1 (common) hanzi."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 1.0
    common = 0
    for ch in wide:
        try:
            lead = ch.encode("gb2312")[0]
        except UnicodeEncodeError:
            continue
        if 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7:
            common += 1
    return common / len(wide)


@hookimpl
def report_check_extractors() -> list[TextExtractor]:
    return [TextExtractor()]
