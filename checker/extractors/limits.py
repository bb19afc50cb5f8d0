"""Extractor-level limits: what a hostile file may ask of an extractor, and the finding when it
asks for more.

An extractor raises :class:`LimitExceeded` where it counts (a zip member while it inflates, the
rows of a table, the lines of a text file) and turns it into :func:`limit_problem`: the file is
not read (status ``error``) and one ``EXTRACT-limit`` finding names the limit, what the file asked
for, and how to raise the limit in ``.report-check.yaml`` (``limits:``). Nothing is truncated
silently: a report read in part would give wrong findings.
"""

from __future__ import annotations

from pathlib import Path

from checker.extractors.base import Limits, unreadable
from checker.model import Document, RawTable

RULE = "EXTRACT-limit"

#: What each limit counts, for the message: (zh, en).
WHAT: dict[str, tuple[str, str]] = {
    "max_bytes": ("文件大小（字节）", "file size (bytes)"),
    "max_pages": ("页数", "pages"),
    "max_uncompressed_bytes": ("解压后总大小（字节）", "total uncompressed size (bytes)"),
    "time_seconds": ("处理时间（秒）", "wall time (seconds)"),
    "memory_bytes": ("内存（字节）", "memory (bytes)"),
    "zip_member_bytes": ("压缩包内单个部件解压后的大小（字节）", "uncompressed size of one zip member (bytes)"),
    "pdf_page_content_bytes": ("单页解压后的内容流大小（字节）", "decompressed content of one page (bytes)"),
    "pdf_page_chars": ("单页文字对象或字符数", "text objects or characters on one page"),
    "html_depth": ("网页元素嵌套层数", "nesting depth of HTML elements"),
    "html_elements": ("网页元素个数", "number of HTML elements"),
    "html_entities": ("网页中字符引用（如 &nbsp;）的个数", "character references (such as &nbsp;) in the page"),
    "table_rows": ("单个表格的行数", "rows of one table"),
    "table_cells": ("单个表格展开合并单元格后的格数", "cells of one table with merged cells expanded"),
    "text_line_chars": ("单行字符数", "characters in one line"),
    "text_lines": ("行数", "lines"),
    "list_number": ("列表编号的数值", "value of a list number"),
    "blocks": ("文档中段落和表格的个数", "paragraphs and tables in the document"),
    "tables": ("文档中表格的个数", "tables in the document"),
}


class LimitExceeded(Exception):
    """The file asks for more than ``limit`` allows; ``actual`` is what it asked (or a lower bound)."""

    def __init__(self, limit: str, actual: float, allowed: float, where: str | tuple[str, str] = "",
                 at_least: bool = False) -> None:
        self.limit, self.actual, self.allowed, self.where = limit, actual, allowed, where
        self.at_least = at_least  # counting stopped at the limit: the file asks for more still
        super().__init__(f"{limit}: {actual} > {allowed}")


def check(limits: Limits, name: str, actual: float, where: str | tuple[str, str] = "", at_least: bool = False) -> None:
    """Raise :class:`LimitExceeded` when ``actual`` is over the limit ``name``."""
    allowed = getattr(limits, name)
    if actual > allowed:
        raise LimitExceeded(name, actual, allowed, where, at_least)


def messages(exc: LimitExceeded) -> tuple[str, str]:
    what_zh, what_en = WHAT.get(exc.limit, (exc.limit, exc.limit))
    zh_where, en_where = exc.where if isinstance(exc.where, tuple) else (exc.where, exc.where)
    where_zh = f"（{zh_where}）" if zh_where else ""
    where_en = f" ({en_where})" if en_where else ""
    at_least = "至少" if exc.at_least else ""
    zh = (f"超出处理上限 {exc.limit}：{what_zh}为{at_least}{exc.actual}{where_zh}，上限 {exc.allowed}；文件未读取。"
          f"如确需读取，请在 .report-check.yaml 中设置 limits: {{{exc.limit}: 更大的值}}")
    en = (f"over the limit {exc.limit}: {what_en} is {'at least ' if at_least else ''}{exc.actual}{where_en}, "
          f"limit {exc.allowed}; the file was not read. To read it anyway, raise it in .report-check.yaml: "
          f"limits: {{{exc.limit}: <larger value>}}")
    return zh, en


def limit_problem(path: Path | str, fmt: str, exc: LimitExceeded) -> Document:
    zh, en = messages(exc)
    return unreadable(Path(path), fmt, RULE, zh, en)


def limit_names() -> list[str]:
    return list(Limits.__struct_fields__)


def bounded(document: Document, limits: Limits) -> Document:
    """The document, or a limit finding when it has more blocks than binding should be given
    (checked for every extractor, third-party ones included, by the engine)."""
    if document.unreadable:
        return document
    try:
        check(limits, "blocks", len(document.blocks))
        check(limits, "tables", sum(isinstance(b, RawTable) for b in document.blocks))
    except LimitExceeded as exc:
        return limit_problem(document.path, document.format, exc)
    return document
