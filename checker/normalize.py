"""Label normalisation: how two spellings of one template label are made equal.

Real reports write the template's labels with full- or half-width punctuation, spaces and line
breaks inside cells ("商业\\n企业"), "1." / "1．" / "1、" numbering and assorted quote marks.
:func:`norm` maps all of these to one canonical form; matching always compares canonical forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from functools import lru_cache

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
# After NFKC, full-width punctuation is ASCII; fold the rest by hand.
_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"', "'": '"',
        "‘": '"', "’": '"', "〔": "(", "〕": ")", "【": "(", "】": ")", "［": "(", "］": ")",
        "[": "(", "]": ")", "，": ",", "、": "、", "．": ".", "。": ".", "：": ":", "；": ";",
        "－": "-", "—": "-", "–": "-", "﹝": "(", "﹞": ")",
    }
)
# "1." "1、" "1," "1．" at the start of a sub-row label all mean the same numbering.
_NUMBERING = re.compile(r"^(\d+)[.、,]\s*")
# "五." / "五，" / "五．" at the start of a heading all mean the format's "五、".
_CN_NUMBERING = re.compile(r"^([一二三四五六七八九十]{1,3})[.,]")
# Traditional forms seen in this domain's labels (sources in traditional characters).
_TRADITIONAL = str.maketrans(
    {"開": "开", "請": "请", "處": "处", "數": "数", "總": "总", "計": "计", "機": "机", "關": "关",
     "與": "与", "結": "结", "複": "复", "議": "议", "訟": "讼", "維": "维", "糾": "纠",
     "審": "审", "轉": "转", "實": "实", "規": "规", "範": "范", "費": "费", "況": "况", "內": "内",
     "資": "资", "訊": "讯", "報": "报", "項": "项", "條": "条", "無": "无", "經": "经", "職": "职"}
)


#: Texts longer than this (a whole section, not a label) are normalised in pieces and not memoised.
LONG = 4096


@lru_cache(maxsize=1)
def _piece_start() -> re.Pattern[str]:
    # CJK ideographs: never part of a composition nor reordered, so NFKC never reaches across one
    # and a text split before one normalises to the same as the whole. Compiled on first use: the
    # class of 21,000 characters costs more than a millisecond, and most files have no long text.
    return re.compile(r"[\u4e00-\u9fff]")


def _norm_uncached(text: str) -> str:
    """The canonical form of a label: NFKC, no spaces, folded punctuation and numbering."""
    return _numbering(_fold(text)) if len(text) <= LONG else "".join(norm_pieces((text,)))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).translate(_TRADITIONAL)
    return _SPACE.sub("", text)


def _numbering(text: str) -> str:
    text = _CN_NUMBERING.sub(r"\1、", text)
    return _NUMBERING.sub(r"\1.", text)


_LEADING_DIGITS = re.compile(r"\d*")


def norm_pieces(texts: Iterable[str]) -> Iterator[str]:
    """``norm("".join(texts))`` in pieces (joined, they are exactly that) without joining the
    texts: a section of millions of characters is never held whole before it is normalised, and
    NFKC, which builds a buffer of 4 bytes a character, sees one piece at a time. Every piece but
    the first starts with an ideograph (so a pattern that takes none matches the same piecewise)."""
    head: str | None = ""  # the start, until it is long enough for the numbering patterns
    for piece in _cut(texts):
        folded = _fold(piece)
        if head is not None:
            head += folded
            # both patterns look at most at the first 4 characters or the leading digits and one more
            match = _LEADING_DIGITS.match(head)
            if len(head) < max(4, (match.end() if match else 0) + 2):
                continue
            folded, head = _numbering(head), None
        if folded:
            yield folded
    if head is not None:
        yield _numbering(head)


def _cut(texts: Iterable[str]) -> Iterator[str]:
    """The concatenation of ``texts`` in pieces of about LONG characters (or one text's worth
    more), each but the first starting with an ideograph."""
    buffer: list[str] = []
    size = 0
    for text in texts:
        start = 0
        while len(text) > (cut := start + max(0, LONG - size)) and (match := _piece_start().search(text, cut)):
            buffer.append(text[start:match.start()])
            yield "".join(buffer)
            buffer, size, start = [], 0, match.start()
        buffer.append(text[start:])
        size += len(text) - start
    if buffer:
        yield "".join(buffer)


class _Memo:
    """:func:`norm`: memoised for labels (binding asks for the same ones thousands of times per
    file), computed afresh for long texts, which would otherwise stay in the cache after the file."""

    def __init__(self) -> None:
        # wrapped outside the def, so that mutation testing (mutmut leaves decorated functions
        # alone) still reaches the function itself. A worker lives for thousands of files: 8,192
        # texts hold one report's labels and paragraphs (~300 + ~2,000) and stay under ~130 MB
        # even if every one were LONG characters (65,536 could reach a gigabyte).
        self._cached = lru_cache(maxsize=1 << 13)(_norm_uncached)

    def __call__(self, text: str) -> str:
        return self._cached(text) if len(text) <= LONG else _norm_uncached(text)

    def cache_clear(self) -> None:
        self._cached.cache_clear()


norm = _Memo()


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """Similarity of two labels' canonical forms, 0..1 (difflib's ratio); 0.0 when it is below
    ``at_least``, which difflib's cheap upper bounds often tell without the ratio itself."""
    matcher = SequenceMatcher(None, norm(a), norm(b), autojunk=False)
    if at_least and (matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least):
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= at_least else 0.0


CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "两": 2}


def cn_number(text: str) -> int | None:
    """A number written in Chinese numerals: digit by digit ("二〇二一") or with 十 ("二十六")."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = CN_DIGITS.get(tens, None) if tens else 1
        o = CN_DIGITS.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    digits = [CN_DIGITS.get(ch) for ch in text]
    if any(d is None for d in digits):
        return None
    value = 0
    for d in digits:
        value = value * 10 + d  # type: ignore[operator]
    return value
