"""Cell values as real reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.expr import ExprError, parse
from checker.values import CellType, ValueKind, parse_cell


@pytest.mark.parametrize(
    ("raw", "cell_type", "kind", "number", "unit"),
    [
        ("767", CellType.COUNT, ValueKind.NUMBER, "767", None),
        ("0", CellType.COUNT, ValueKind.ZERO, "0", None),
        ("", CellType.COUNT, ValueKind.BLANK, None, None),
        ("\u00a0 ", CellType.COUNT, ValueKind.BLANK, None, None),
        ("/", CellType.COUNT, ValueKind.NOT_APPLICABLE, None, None),
        ("—", CellType.COUNT, ValueKind.NOT_APPLICABLE, None, None),
        ("无", CellType.COUNT, ValueKind.NOT_APPLICABLE, None, None),
        ("１２３", CellType.COUNT, ValueKind.NUMBER, "123", None),
        ("3,375", CellType.COUNT, ValueKind.NUMBER, "3375", None),
        ("3 375", CellType.COUNT, ValueKind.NUMBER, "3375", None),
        ("12件", CellType.COUNT, ValueKind.NUMBER, "12", "件"),
        ("8（其中修订16件）", CellType.COUNT, ValueKind.NUMBER, "8", None),
        ("-1", CellType.COUNT, ValueKind.TEXT, None, None),
        ("1.5", CellType.COUNT, ValueKind.TEXT, None, None),
        ("若干", CellType.COUNT, ValueKind.TEXT, None, None),
        ("113.96万元", CellType.DECIMAL, ValueKind.NUMBER, "113.96", "万元"),
        ("96171.6", CellType.DECIMAL, ValueKind.NUMBER, "96171.6", "万元"),
        ("251000元", CellType.AMOUNT, ValueKind.NUMBER, "251000", "元"),
        ("1196.41 万元", CellType.AMOUNT, ValueKind.NUMBER, "1196.41", "万元"),
        ("+2", CellType.CHANGE, ValueKind.NUMBER, "2", None),
        ("-1", CellType.CHANGE, ValueKind.NUMBER, "-1", None),
        ("减4", CellType.CHANGE, ValueKind.NUMBER, "-4", None),
        ("--253", CellType.CHANGE, ValueKind.NUMBER, "-253", None),
        ("未增未减", CellType.CHANGE, ValueKind.ZERO, "0", None),
        ("减", CellType.CHANGE, ValueKind.TEXT, None, None),
    ],
)
def test_parse_cell(raw: str, cell_type: CellType, kind: ValueKind, number: str | None, unit: str | None) -> None:
    value = parse_cell(raw, cell_type, "万元" if cell_type is CellType.DECIMAL else None)
    assert value.kind is kind
    if kind in (ValueKind.NUMBER, ValueKind.ZERO):
        assert value.number == Decimal(number)  # type: ignore[arg-type]
        assert value.unit == unit
    assert value.raw == raw


def test_expressions_are_parsed_not_evaluated() -> None:
    cmp = parse("new + carried_in == total + carried_out")
    assert (cmp.op, cmp.names) == ("==", ["new", "carried_in", "total", "carried_out"])
    assert parse("a - b + 2 <= c").left[1].sign == -1
    for bad in ("__import__('os')", "a + b", "a == b == c", "a == ", "a * b == c", "a; b == c"):
        with pytest.raises(ExprError):
            parse(bad)
