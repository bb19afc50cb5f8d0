"""Small text helpers shared by the structured extractors (DOCX, HTML)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from checker.model import Block, Paragraph, RawTable

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


_TOP_HEADING = re.compile(r"\s*([一二三四五六七八九十]{1,2})、")
TABLE_SECTIONS = ("二", "三", "四")  # the numbered parts of the report that carry a table


def image_only_sections(blocks: Sequence[Block], images: Sequence[int]) -> list[tuple[str, int]]:
    """Sections 二/三/四 holding an image but no table: (heading text, index into ``images``).

    ``blocks`` are a Document's blocks; ``images`` the block positions at which images were met
    (the number of blocks emitted before each image). A section runs from a paragraph starting
    "二、" to the next paragraph starting with a Chinese numeral and 、. Only the first image of a
    section is named.
    """
    marks = [(i, m.group(1), b.text) for i, b in enumerate(blocks)
             if isinstance(b, Paragraph) and (m := _TOP_HEADING.match(b.text))]
    out: list[tuple[str, int]] = []
    for k, (start, numeral, heading) in enumerate(marks):
        if numeral not in TABLE_SECTIONS:
            continue
        end = marks[k + 1][0] if k + 1 < len(marks) else len(blocks)
        if any(isinstance(b, RawTable) for b in blocks[start + 1: end]):
            continue
        inside = [n for n, pos in enumerate(images) if start < pos <= end]
        if inside:
            out.append((heading, inside[0]))
    return out
