"""Characters, lines and segments: the geometry every other part of the PDF extractor works on.

Coordinates are pdfplumber's: PDF points, origin at the top-left of the page, ``x0 < x1`` and
``top < bottom``. Nothing here imports a PDF library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from msgspec import Struct

from checker.model import BBox

# Kangxi radicals and CJK compatibility ideographs that broken ToUnicode maps emit for ordinary
# characters ("⼀" for "一"); NFKC maps each to the character that is printed.
_FOLD_RANGES = ((0x2F00, 0x2FDF), (0xF900, 0xFAFF))


def fold_char(ch: str) -> str:
    """The printed character for a compatibility code point; any other character unchanged."""
    code = ord(ch)
    for lo, hi in _FOLD_RANGES:
        if lo <= code <= hi:
            return unicodedata.normalize("NFKC", ch)
    return ch


class Char(NamedTuple):
    """One character and its box (a tuple: a page holds a thousand of them)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class Segment(Struct, frozen=True):
    """A run of characters on one line with no wide gap inside: one cell's worth of text."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


class Line(Struct, frozen=True):
    """Characters sharing a baseline, left to right, with the segments they form."""

    chars: tuple[Char, ...]
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def bbox_union(boxes: Iterable[BBox]) -> BBox:
    xs0, tops, xs1, bottoms = zip(*boxes)
    return (min(xs0), min(tops), max(xs1), max(bottoms))


def inside(ch: Char, box: BBox) -> bool:
    """Whether a character's centre lies in ``box``."""
    return box[0] <= ch.cx <= box[2] and box[1] <= ch.cy <= box[3]


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%")


def segments(chars: Sequence[Char], gap: float) -> tuple[Segment, ...]:
    """Split one line's characters at gaps wider than ``gap``; spaces only where they are printed."""
    out: list[Segment] = []
    parts: list[str] = []
    run: list[Char] = []
    pending_space = False

    def close() -> None:
        if run:
            text = "".join(parts).strip()
            if text:
                out.append(Segment(text, run[0].x0, min(c.top for c in run), run[-1].x1,
                                   max(c.bottom for c in run)))

    for ch in chars:
        if ch.text.isspace():
            pending_space = bool(run)
            continue
        if run and ch.x0 - run[-1].x1 > gap:
            close()
            parts, run, pending_space = [], [], False
        if pending_space:
            parts.append(" ")  # a space the author typed ("第 711 号"), never one we guessed
        pending_space = False
        parts.append(ch.text)
        run.append(ch)
    close()
    return tuple(out)


def build_lines(chars: Iterable[Char], gap_factor: float = 1.0) -> list[Line]:
    """Group characters into lines (by baseline), top to bottom, each left to right.

    A gap wider than ``gap_factor`` times the line's character height splits a line into segments.
    """
    # Characters of one line share a baseline, so the bottoms of their (font-based) boxes agree;
    # their tops do not ("一" and "危" differ), nor do those of a vertical label's characters
    # printed half a line higher beside them.
    ordered = sorted((c for c in chars if c.text), key=lambda c: (c.bottom, c.x0))
    rows: list[list[Char]] = []
    base = 0.0
    for ch in ordered:
        if ch.text.isspace() and not rows:
            continue
        if rows and abs(ch.bottom - base) <= max(ch.height, 1.0) * 0.25:
            rows[-1].append(ch)
            continue
        rows.append([ch])
        base = ch.bottom
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        heights = sorted(c.height for c in row if not c.text.isspace()) or [10.0]
        found = segments(row, heights[len(heights) // 2] * gap_factor)
        if found:
            lines.append(Line(tuple(row), found))
    return lines


def join_wrapped(lines: Sequence[str]) -> str:
    """A cell's lines as one text: no space between wrapped Chinese, a space between two numbers."""
    out = ""
    for line in (s.strip() for s in lines):
        if not line:
            continue
        if out and _ascii_word(out[-1]) and _ascii_word(line[0]):
            out += " "
        out += line
    return out


def cell_text(chars: Iterable[Char]) -> str:
    """The text of the characters inside one table cell, wrapped lines joined."""
    lines = build_lines(chars, gap_factor=3.0)
    return join_wrapped([line.text for line in lines])


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """"- 3 -", "-3-", "第 3 页", "3/6", "Page 3"."""
    return bool(_PAGE_NUMBER.match(unicodedata.normalize("NFKC", text).strip()))


def running_keys(text: str, top: float) -> str:
    """How a running header or footer is recognised on several pages: digits do not count."""
    return f"{round(top / 4)}:{re.sub(r'[0-9]+', '#', unicodedata.normalize('NFKC', text))}"
