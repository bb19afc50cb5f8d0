"""The zip-level checks of a DOCX before python-docx opens it: a zip at all, a Word body inside,
every member inflated once within the limits (the sizes in a zip's headers are not trusted)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from checker.extractors.base import Limits, unreadable
from checker.extractors.limits import LimitExceeded, check, limit_problem
from checker.model import Document

_INVALID_ZH = "文件不是有效的 Word（.docx）文档"
_INVALID_EN = "the file is not a valid Word (.docx) document"


def check_package(path: Path, limits: Limits) -> Document | None:
    """The zip-level checks: a zip at all, a Word body inside, sizes within the limits."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return unreadable(path, "docx", "EXTRACT-docx-invalid", f"无法读取文件：{exc}",
                          f"cannot read the file: {exc}")
    if size > limits.max_bytes:
        return limit_problem(path, "docx", LimitExceeded("max_bytes", size, limits.max_bytes))
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            return unreadable(
                path, "docx", "EXTRACT-docx-invalid",
                "文件是加密文档或旧版 Word（.doc）格式，不是 .docx",
                "the file is an encrypted document or a legacy Word (.doc) file, not .docx",
            )
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        return unreadable(path, "docx", "EXTRACT-docx-invalid", f"{_INVALID_ZH}（不是 zip 包）",
                          f"{_INVALID_EN} (not a zip package: {exc})")
    if not any(info.filename == "word/document.xml" for info in infos):
        return unreadable(path, "docx", "EXTRACT-docx-invalid", f"{_INVALID_ZH}（缺少 word/document.xml）",
                          f"{_INVALID_EN} (no word/document.xml)")
    try:
        _inflate_all(path, infos, limits)
    except LimitExceeded as exc:
        return limit_problem(path, "docx", exc)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        # zlib's own text ("Error -3 while decompressing data") means nothing to a reader
        detail = "" if isinstance(exc, zlib.error) else f": {exc}"
        return unreadable(path, "docx", "EXTRACT-docx-invalid", f"{_INVALID_ZH}（压缩数据已损坏）",
                          f"{_INVALID_EN} (its compressed data is damaged{detail})")
    return None


def _inflate_all(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Inflate every member once, counting the bytes as they come out: a zip header's declared
    size may lie, so only the count decides (python-docx then reads members of a known size)."""
    total = 0
    with zipfile.ZipFile(path) as zf:
        for info in infos:
            size = 0
            with zf.open(info) as member:
                while chunk := member.read(1 << 20):
                    size += len(chunk)
                    total += len(chunk)
                    check(limits, "zip_member_bytes", size, info.filename, at_least=True)
                    check(limits, "max_uncompressed_bytes", total, at_least=True)
