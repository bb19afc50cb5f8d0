"""Word's automatic list numbering, rendered as text.

A heading typed as "总体情况" with a Chinese-counting list level "%1、" prints as "一、总体情况"; a
table label "属于国家秘密" in a decimal list prints as "1.属于国家秘密". The checker matches the
printed form, so the DOCX extractor prefixes each numbered paragraph with its label.

Supported: ``w:numPr`` on the paragraph or on its style (through ``basedOn``), ``w:start``,
``w:startOverride``, ``w:lvlRestart`` semantics by default (a level restarts when a shallower level
advances), number formats decimal, Chinese counting, circled digits, letters, roman numerals and
heavenly stems; bullets print nothing. Counters are kept per abstract list, as Word does.
"""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_MAX_LVL_TEXT = 255


def chinese_counting(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _CN[rest] if rest < 10 else
                                      (_CN[1] if rest < 20 else "") + chinese_counting(rest))
        return _CN[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_counting(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalEnclosedParen",):
        return f"({n})"
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 780:  # Word stops at "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= 3999:  # beyond, Word prints decimal too
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _int(value: str | None, default: int, low: int = 0, high: int | None = None) -> int:
    """A decimal attribute value of untrusted XML: ``abc``, ``restart``, ``1.5`` or ``NaN`` give
    ``default`` (as Word ignores them); the value is kept within ``low``..``high``."""
    try:
        number = int(str(value).strip()) if value is not None else default
    except ValueError:
        number = default
    number = max(low, number)
    return number if high is None else min(number, high)


def _val(el: Any, name: str) -> str | None:
    child = el.find(W + name) if el is not None else None
    return child.get(W + "val") if child is not None else None


class Numbering:
    """Renders list labels in document order; call :meth:`label` once per paragraph, in order."""

    def __init__(self, numbering_root: Any | None, styles_root: Any | None, max_number: int = 100_000) -> None:
        self.max_number = max_number
        self.over: int | None = None  # the first list number over ``max_number`` (a limit finding)
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (abstract, lvl) -> start, fmt, text
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        if numbering_root is not None:
            self._read_numbering(numbering_root)
        if styles_root is not None:
            self._read_styles(styles_root)

    def _read_numbering(self, root: Any) -> None:
        for abstract in root.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId") or ""
            for lvl in abstract.iter(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0, 0, 8)
                start = self._number(_int(_val(lvl, "start"), 1))
                text = (_val(lvl, "lvlText") or "")[:_MAX_LVL_TEXT]  # Word keeps at most 255 characters
                self.levels[(aid, ilvl)] = (start, _val(lvl, "numFmt") or "decimal", text)
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId") or ""
            self.num_abstract[nid] = _val(num, "abstractNumId") or ""
            for override in num.iter(W + "lvlOverride"):
                start_override = _val(override, "startOverride")
                if start_override is not None:
                    level = _int(override.get(W + "ilvl"), 0, 0, 8)
                    self.overrides[(nid, level)] = self._number(_int(start_override, 1))

    def _number(self, value: int) -> int:
        """A list counter within ``max_number``; the first one over it is remembered (the DOCX
        extractor reports it as EXTRACT-limit) and the counter is held at the limit."""
        if value > self.max_number:
            if self.over is None:
                self.over = value
            return self.max_number
        return value

    def _read_styles(self, root: Any) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}
        based_on: dict[str, str] = {}
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId") or ""
            num_pr = style.find(W + "pPr/" + W + "numPr")
            if num_pr is not None:
                level = _val(num_pr, "ilvl")
                own[sid] = (_val(num_pr, "numId"), _int(level, 0, 0, 8) if level is not None else None)
            parent = _val(style, "basedOn")
            if parent:
                based_on[sid] = parent
        for sid in set(own) | set(based_on):
            chain: list[str] = []
            cur, seen = sid, set()
            while cur and cur not in seen:
                seen.add(cur)
                chain.append(cur)
                cur = based_on.get(cur, "")
            num_id = next((own[s][0] for s in chain if s in own and own[s][0] is not None), None)
            ilvl = next((lvl for s in chain if s in own and (lvl := own[s][1]) is not None), 0)
            if num_id is not None:
                self.style_num[sid] = (num_id, ilvl)

    def label(self, p: Any) -> str:
        """The printed list label of paragraph ``p`` ("一、", "1.", ""), advancing the counters."""
        p_pr = p.find(W + "pPr")
        if p_pr is None:
            return ""
        num_pr = p_pr.find(W + "numPr")
        style = _val(p_pr, "pStyle")
        num_id, ilvl = self.style_num.get(style or "", (None, 0))
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            ilvl = _int(_val(num_pr, "ilvl"), ilvl or 0, 0, 8)
        if not num_id or num_id == "0" or num_id not in self.num_abstract:
            return ""
        aid = self.num_abstract[num_id]
        if (aid, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(aid, [None] * 9)
        start = self.overrides.get((num_id, ilvl), self.levels[(aid, ilvl)][0])
        current = counters[ilvl]
        counters[ilvl] = start if current is None else self._number(current + 1)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        _, fmt, text = self.levels[(aid, ilvl)]
        if fmt == "bullet":
            return ""
        for level in range(9):
            placeholder = f"%{level + 1}"
            if placeholder in text:
                value = counters[level]
                if value is None:
                    value = self.overrides.get((num_id, level), self.levels.get((aid, level), (1,))[0])
                level_fmt = self.levels.get((aid, level), (1, "decimal", ""))[1]
                text = text.replace(placeholder, format_number(value, level_fmt))
        return text
