"""Cell values as real reports write them.

Blank is not zero, "/" is not a number, "251000元" is a number with a unit. :func:`parse_cell`
keeps the distinction so that rules can say "cannot verify: 总计 is blank" instead of reporting a
false mismatch, and so that a blank cell becomes a finding of its own.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache

from msgspec import Struct


class ValueKind(str, Enum):
    NUMBER = "number"
    ZERO = "zero"
    BLANK = "blank"
    NOT_APPLICABLE = "not_applicable"
    TEXT = "text"  # could not be read as a value of the column's type


class CellType(str, Enum):
    """What a template column holds (the pack's ``type`` for a column)."""

    COUNT = "count"  # an integer >= 0
    DECIMAL = "decimal"  # a decimal >= 0, optionally with the column's unit (万元)
    AMOUNT = "amount"  # a decimal >= 0 in whatever unit the cell names (采购总金额: "251000元")
    CHANGE = "change"  # a signed integer (本年增/减): "+2", "减4", "未增未减"


class CellValue(Struct, frozen=True):
    raw: str
    kind: ValueKind
    number: Decimal | None = None
    unit: str | None = None
    note: str | None = None  # "（其中修订16件）" and the like, kept but not used in arithmetic

    @property
    def is_numeric(self) -> bool:
        return self.kind in (ValueKind.NUMBER, ValueKind.ZERO)


NOT_APPLICABLE = {"/", "／", "—", "——", "-", "--", "－", "无", "不适用", "N/A", "n/a", "\\"}
NO_CHANGE = {"未增未减", "无增减", "持平", "不变", "0/0"}
UNITS = ("万元", "元", "件", "项", "个", "条", "次")
_NOTE = re.compile(r"[（(][^）)]*[）)]")
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)$")
_BLANKS = re.compile(r"[\s\u00a0\u3000]+")


def normalise_digits(text: str) -> str:
    """Full-width digits and signs to ASCII (NFKC), spaces and thousands separators removed."""
    text = unicodedata.normalize("NFKC", text)
    text = _BLANKS.sub("", text)
    # "1,196" / "1，196" / "1,196件": NFKC has already turned the full-width comma into ","; not
    # \b after the three digits: a unit (件, 万元) is a word character too
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def _parse_cell_uncached(raw: str, cell_type: CellType = CellType.COUNT, unit: str | None = None) -> CellValue:
    """Read one cell's text as the column's type. Never raises: unreadable text is ``TEXT``."""
    stripped = _BLANKS.sub("", unicodedata.normalize("NFKC", raw)) if raw else ""
    if not stripped:
        return CellValue(raw, ValueKind.BLANK)
    if stripped in NOT_APPLICABLE or raw.strip() in NOT_APPLICABLE:
        return CellValue(raw, ValueKind.NOT_APPLICABLE)
    if cell_type is CellType.CHANGE and stripped in NO_CHANGE:
        return CellValue(raw, ValueKind.ZERO, Decimal(0))

    text = normalise_digits(raw)
    note = None
    match = _NOTE.search(text)
    if match and match.start() > 0:
        note = match.group(0)
        text = (text[: match.start()] + text[match.end() :]).strip()

    sign = ""
    if cell_type is CellType.CHANGE:
        if text.startswith(("减", "减少")):
            sign, text = "-", text.lstrip("减少")
        elif text.startswith(("增", "增加")):
            sign, text = "+", text.lstrip("增加")
        elif text.startswith("--"):  # "--253" seen in real reports for a decrease
            sign, text = "-", text[2:]

    found_unit = None
    for candidate in UNITS:
        if text.endswith(candidate):
            found_unit, text = candidate, text[: -len(candidate)]
            break

    number = _NUMBER.match(text)
    if not number:
        return CellValue(raw, ValueKind.TEXT, note=note)
    sign = sign or number.group(1)
    try:
        value = Decimal(sign + number.group(2))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return CellValue(raw, ValueKind.TEXT, note=note)

    if cell_type is CellType.COUNT:
        if value != value.to_integral_value() or value < 0 or found_unit in ("万元", "元"):
            return CellValue(raw, ValueKind.TEXT, value, found_unit, note)
    elif cell_type is CellType.CHANGE:
        if value != value.to_integral_value():
            return CellValue(raw, ValueKind.TEXT, value, found_unit, note)
    elif cell_type is CellType.DECIMAL:
        if value < 0:
            return CellValue(raw, ValueKind.TEXT, value, found_unit, note)
        if found_unit == "元" and unit == "万元":
            value = value / Decimal(10000)
            found_unit = "万元"
    elif cell_type is CellType.AMOUNT and value < 0:
        return CellValue(raw, ValueKind.TEXT, value, found_unit, note)

    kind = ValueKind.ZERO if value == 0 else ValueKind.NUMBER
    return CellValue(raw, kind, value, found_unit or unit, note)


# Memoised outside the def, so that mutation testing (mutmut leaves decorated functions alone)
# still reaches the function itself. CellValue is frozen; binding asks about the same words again and again.
parse_cell = lru_cache(maxsize=1 << 16)(_parse_cell_uncached)


def format_number(value: Decimal | None) -> str | None:
    """A Decimal as a plain string without exponent or trailing zeros ("767", "113.96")."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text
