"""Why a PDF cannot be read (or read only in part), as findings in both languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from checker.extractors.base import extract_problem, unreadable
from checker.extractors.limits import LimitExceeded, limit_problem
from checker.finding import Finding, Severity
from checker.model import Document, Location

FORMAT = "pdf"

# Characters every report of the format prints many times (section headings, table labels, title).
TEMPLATE_CHARS = frozenset("政府信息公开申请年度报告情况行政复议诉讼结果处理本机关主动数量总计")
_MIN_TEXT = 20  # fewer printed characters than this is "no text", not "mojibake"


def page_list(pages: Sequence[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    out: list[str] = []
    start = prev = None
    for p in sorted(pages):
        if prev is not None and p == prev + 1:
            prev = p
            continue
        if start is not None:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
        start = prev = p
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def encrypted(path: Path) -> Document:
    return unreadable(
        path, FORMAT, "EXTRACT-pdf-encrypted",
        "PDF已加密（需要密码才能打开），无法读取内容",
        "the PDF is encrypted (it needs a password to open); its content cannot be read",
    )


def broken(path: Path, detail: str) -> Document:
    return unreadable(
        path, FORMAT, "EXTRACT-pdf-broken",
        f"PDF文件已损坏，无法打开（{detail}）",
        f"the PDF is damaged and cannot be opened ({detail})",
    )


def broken_page(path: Path, page: int, detail: str) -> Finding:
    return extract_problem(
        str(path), "EXTRACT-pdf-broken",
        f"第{page}页已损坏，未能读取（{detail}）",
        f"page {page} is damaged and could not be read ({detail})",
        Severity.WARNING, Location(str(path), page=page),
    )


def empty(path: Path) -> Document:
    doc = unreadable(path, FORMAT, "EXTRACT-pdf-empty", "PDF文件没有任何页面", "the PDF has no pages")
    doc.page_count = 0
    return doc


def too_large(path: Path, size: int, limit: int) -> Document:
    return limit_problem(path, FORMAT, LimitExceeded("max_bytes", size, limit))


def too_many_pages(path: Path, pages: int, limit: int) -> Document:
    doc = limit_problem(path, FORMAT, LimitExceeded("max_pages", pages, limit))
    doc.page_count = pages
    return doc


def no_text(path: Path, pages: Sequence[int], total: int) -> Finding:
    """Pages without a text layer: the whole file (a scan, unreadable) or some pages (images)."""
    listed = page_list(pages)
    first = Location(str(path), page=min(pages))
    if len(pages) == total:
        return extract_problem(
            str(path), "EXTRACT-pdf-no-text",
            f"PDF没有文字层（扫描件或图片），无法读取内容；无文字的页：{listed}。请发布可复制文字的PDF",
            f"the PDF has no text layer (a scan or images), so nothing can be checked; pages without text: {listed}. Publish a PDF with selectable text",
            location=first,
        )
    return extract_problem(
        str(path), "EXTRACT-pdf-no-text",
        f"第{listed}页没有文字层（图片），其中的内容（如以图片发布的表格）无法核验",
        f"page(s) {listed} have no text layer (images only); what they show (a table published as an image) cannot be checked",
        Severity.WARNING, first,
    )


def mojibake(path: Path, sample: str) -> Finding:
    return extract_problem(
        str(path), "EXTRACT-pdf-mojibake",
        f"PDF的文字层是乱码（字体编码映射损坏），提取到的文字不是报告的汉字，例如“{sample}”；无法核验",
        f"the PDF's text layer is garbled (a broken font encoding map): the extracted text is not the report's Chinese characters, e.g. \"{sample}\"; it cannot be checked",
    )


_JUNK = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\u2e80-\u2fdf]")
_SPACE = re.compile(r"\s+")
_LATIN_JUNK = re.compile("[\x80-\x9f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")  # not × ÷


def is_garbled(text: str) -> tuple[bool, str]:
    """Whether extracted text is unusable: it lacks the template's characters, or is mostly junk.

    Junk is private-use code points, U+FFFD, control characters and radicals that folding did not
    map back. Returns a short sample. Counted with C-speed string methods, not a Python loop.
    """
    printed_text = _SPACE.sub("", text)
    printed = len(printed_text)
    if printed < _MIN_TEXT:
        return False, ""
    junk = len(_JUNK.findall(printed_text))
    hits = sum(printed_text.count(ch) for ch in TEMPLATE_CHARS)
    garbled = hits < max(3, printed // 200) or junk * 4 > printed
    sample = printed_text[:16].encode("unicode_escape" if junk * 4 > printed else "utf-8")
    if not garbled:
        # Damaged in places: a re-distilled file (Ghostscript over a browser's PDF) whose ToUnicode
        # maps send some glyphs to Latin-1 letters and C1 controls ("政ó|开"). Read on, the report
        # would "lack" rows and sections it prints; a Chinese report has almost no such letters.
        latin = _LATIN_JUNK.search(printed_text)
        count = len(_LATIN_JUNK.findall(printed_text))
        if latin is not None and count >= 10 and count * 50 > printed:
            start = max(0, latin.start() - 8)
            window = printed_text[start:start + 16]
            return True, _LATIN_JUNK.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), window)
    return garbled, sample.decode("utf-8", "replace")
