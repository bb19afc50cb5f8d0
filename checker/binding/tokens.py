"""Text lines as one stream of tokens: label text and values, each knowing its line.

Used by the stream binder (``checker.binding.stream``): label text is matched on the
concatenation of the text tokens' canonical forms, with values taken out, so a label broken
over lines, or with its values printed in the middle, still reads as one label.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence

from msgspec import Struct

from checker.extractors.text import split_cells
from checker.model import Paragraph
from checker.normalize import norm
from checker.values import NO_CHANGE, NOT_APPLICABLE, UNITS, CellType, ValueKind, parse_cell

# "1、" "1," inside a run of text (norm folds numbering only at the start of a string).
_NUMBERING = re.compile(r"(?<![\d.])(\d+)[、,]")
# Worded "no value" cells that are also ordinary characters of labels ("（四）无法提供").
WORDED = {"无", "不适用"}
_COUNTING = (ValueKind.NUMBER, ValueKind.ZERO, ValueKind.NOT_APPLICABLE)
_WORDS = NOT_APPLICABLE | NO_CHANGE
_NOTE = re.compile(r"^[（(][^（()）]*[）)]$")
_WORD = re.compile(r"\S+")


def canonical(text: str) -> str:
    """A label's canonical form: :func:`checker.normalize.norm`, numbering folded anywhere."""
    return _NUMBERING.sub(r"\1.", norm(text))


class Token(Struct):
    """A word of a line: a value ("0", "1196.41 万元", an empty cell) or label text."""

    text: str
    line: int | None
    value: bool
    blank: bool = False  # an explicitly empty cell between two "|"
    key: str = ""  # the canonical form of a text token
    x: int | None = None  # characters before it on its line (None: a "|" or tab row's cell)


def is_value(word: str) -> bool:
    """Whether a word reads as a cell value of some column type."""
    if not any(ch.isdigit() for ch in word):
        # Without a digit only the worded cells qualify ("/", "—", "无", "未增未减"); checked
        # directly because prose is most of the words and parse_cell is the expensive part.
        folded = unicodedata.normalize("NFKC", word)
        return word in _WORDS or folded in _WORDS
    if parse_cell(word, CellType.CHANGE).kind in _COUNTING:  # counts, "+2", "减4", "/", "未增未减"
        return True
    return parse_cell(word, CellType.AMOUNT).kind in _COUNTING  # "1196.41万元"


def _words(text: str, line: int | None, indent: int | None = None) -> list[Token]:
    # Where each word stands only matters for a text file's line (laid-out text); a PDF's or a
    # web page's lines take the plain split.
    if indent is None:
        words, starts = text.split(), None
    else:
        found = list(_WORD.finditer(text))
        words, starts = [m.group() for m in found], [indent + m.start() for m in found]
    out: list[Token] = []
    i = 0
    while i < len(words):
        word = words[i]
        x = None if starts is None else starts[i]
        # "1196.41 万元": a number and its unit, printed apart, are one value.
        if i + 1 < len(words) and words[i + 1] in UNITS and is_value(word + words[i + 1]):
            out.append(Token(f"{word} {words[i + 1]}", line, True, x=x))
            i += 2
            continue
        # "8 （其中修订16件）": a note printed apart from its value still belongs to it.
        if out and out[-1].value and not out[-1].blank and _NOTE.match(word):
            out[-1].text = f"{out[-1].text} {word}"
            i += 1
            continue
        value = is_value(word)
        out.append(Token(word, line, value, key="" if value else canonical(word), x=x))
        i += 1
    return out


def tokenize(paragraphs: Iterable[Paragraph]) -> list[Token]:
    tokens: list[Token] = []
    for paragraph in paragraphs:
        line = paragraph.location.line
        if "|" in paragraph.text or "\t" in paragraph.text:
            for cell in split_cells(paragraph.text):
                if cell:
                    tokens.extend(_words(cell, line))
                else:
                    tokens.append(Token("", line, True, blank=True))
        else:
            tokens.extend(_words(paragraph.text, line, paragraph.indent))
    return tokens


class TextIndex:
    """The concatenated keys of some text tokens, each character knowing its token."""

    def __init__(self, tokens: Sequence[Token], keep: Iterable[int]) -> None:
        parts: list[str] = []
        self.owner: list[int] = []
        for i in keep:
            parts.append(tokens[i].key)
            self.owner.extend([i] * len(tokens[i].key))
        self.text = "".join(parts)

    def find(self, key: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """First (first token, last token) spelling ``key`` within tokens [start, end)."""
        if not key:
            return None
        lo = bisect.bisect_left(self.owner, start)
        hi = len(self.text) if end is None else bisect.bisect_left(self.owner, end)
        pos = self.text.find(key, lo, hi)
        if pos < 0:
            return None
        return self.owner[pos], self.owner[pos + len(key) - 1]

    def find_scattered(self, key: str, start: int, end: int, gap: int) -> bool:
        """Whether ``key``'s characters occur in order within tokens [start, end), at most ``gap``
        characters apart: header labels of neighbouring columns printed interleaved
        ("商业企 科研机 … 业 构")."""
        if not key:
            return False
        lo = bisect.bisect_left(self.owner, start)
        hi = bisect.bisect_left(self.owner, end)
        pattern = f".{{0,{gap}}}?".join(re.escape(ch) for ch in key)
        return re.search(pattern, self.text[lo:hi], re.DOTALL) is not None
