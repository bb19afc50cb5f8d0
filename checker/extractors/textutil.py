"""Small text helpers shared by the structured extractors (DOCX, HTML)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u200b\ufeff]+")


def _is_wide(ch: str) -> bool:
    """A character after or before which a line break needs no space (CJK, full-width forms)."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # extension planes
    )


def squash(text: str) -> str:
    """Runs of white space (non-breaking and ideographic spaces included) to one space, stripped."""
    return _SPACES.sub(" ", text).strip()


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one cell: no space where either side is Chinese, one space otherwise.

    "商业" + "企业" -> "商业企业"; "Total" + "amount" -> "Total amount".
    """
    out = ""
    for raw in lines:
        line = squash(raw)
        if not line:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(line[0])):
            out += " "
        out += line
    return out
