"""Cell values as real reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.expr import ExprError, parse
from checker.values import (
    CellType,
    CellValue,
    ValueKind,
    format_number,
    normalise_digits,
    parse_cell,
)


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


D = Decimal


@pytest.mark.parametrize(
    ("raw", "cell_type", "unit", "expected"),
    [
        # what a value that is not one keeps: the number and unit read, and the note (NFKC-normalised)
        ("-1", CellType.COUNT, None, CellValue("-1", ValueKind.TEXT, D(-1))),
        ("1.5", CellType.COUNT, None, CellValue("1.5", ValueKind.TEXT, D("1.5"))),
        ("12万元", CellType.COUNT, None, CellValue("12万元", ValueKind.TEXT, D(12), "万元")),
        ("12元", CellType.COUNT, None, CellValue("12元", ValueKind.TEXT, D(12), "元")),
        ("若干（待核）", CellType.COUNT, None, CellValue("若干（待核）", ValueKind.TEXT, note="(待核)")),
        ("-1（注）", CellType.COUNT, None, CellValue("-1（注）", ValueKind.TEXT, D(-1), None, "(注)")),
        ("（1）", CellType.COUNT, None, CellValue("（1）", ValueKind.TEXT)),  # a bracket first is no note
        ("8（其中修订16件）", CellType.COUNT, None, CellValue("8（其中修订16件）", ValueKind.NUMBER, D(8), None, "(其中修订16件)")),
        ("12件", CellType.COUNT, None, CellValue("12件", ValueKind.NUMBER, D(12), "件")),
        ("N / A", CellType.COUNT, None, CellValue("N / A", ValueKind.NOT_APPLICABLE)),
        # changes: words for the sign
        ("增3", CellType.CHANGE, None, CellValue("增3", ValueKind.NUMBER, D(3))),
        ("增加3", CellType.CHANGE, None, CellValue("增加3", ValueKind.NUMBER, D(3))),
        ("减少2", CellType.CHANGE, None, CellValue("减少2", ValueKind.NUMBER, D(-2))),
        ("减X2", CellType.CHANGE, None, CellValue("减X2", ValueKind.TEXT)),
        ("增X2", CellType.CHANGE, None, CellValue("增X2", ValueKind.TEXT)),
        ("持平", CellType.CHANGE, None, CellValue("持平", ValueKind.ZERO, D(0))),
        ("+0", CellType.CHANGE, None, CellValue("+0", ValueKind.ZERO, D(0))),
        ("1.5", CellType.CHANGE, None, CellValue("1.5", ValueKind.TEXT, D("1.5"))),
        ("2件", CellType.CHANGE, None, CellValue("2件", ValueKind.NUMBER, D(2), "件")),
        ("增3", CellType.COUNT, None, CellValue("增3", ValueKind.TEXT)),  # words for a sign only in a change
        # decimals: 元 in a 万元 column, the column's unit, no negative amounts
        ("251000元", CellType.DECIMAL, "万元", CellValue("251000元", ValueKind.NUMBER, D("25.1"), "万元")),
        ("251000元", CellType.DECIMAL, None, CellValue("251000元", ValueKind.NUMBER, D(251000), "元")),
        ("0.5", CellType.DECIMAL, "万元", CellValue("0.5", ValueKind.NUMBER, D("0.5"), "万元")),
        ("0", CellType.DECIMAL, "万元", CellValue("0", ValueKind.ZERO, D(0), "万元")),
        ("-2", CellType.DECIMAL, "万元", CellValue("-2", ValueKind.TEXT, D(-2))),
        ("-2元（注）", CellType.DECIMAL, "万元", CellValue("-2元（注）", ValueKind.TEXT, D(-2), "元", "(注)")),
        ("-5元", CellType.AMOUNT, None, CellValue("-5元", ValueKind.TEXT, D(-5), "元")),
        ("-5元（注）", CellType.AMOUNT, None, CellValue("-5元（注）", ValueKind.TEXT, D(-5), "元", "(注)")),
        ("0.5", CellType.AMOUNT, None, CellValue("0.5", ValueKind.NUMBER, D("0.5"))),
        ("0元", CellType.AMOUNT, None, CellValue("0元", ValueKind.ZERO, D(0), "元")),
        ("-1.5", CellType.COUNT, None, CellValue("-1.5", ValueKind.TEXT, D("-1.5"))),
        ("1.5件（注）", CellType.COUNT, None, CellValue("1.5件（注）", ValueKind.TEXT, D("1.5"), "件", "(注)")),
        ("1.5件（注）", CellType.CHANGE, None, CellValue("1.5件（注）", ValueKind.TEXT, D("1.5"), "件", "(注)")),
        ("0.5", CellType.AMOUNT, "万元", CellValue("0.5", ValueKind.NUMBER, D("0.5"), "万元")),
    ],
)
def test_parse_cell_keeps_everything_it_read(raw: str, cell_type: CellType, unit: str | None, expected: CellValue) -> None:
    assert parse_cell(raw, cell_type, unit) == expected


def test_format_number() -> None:
    assert [format_number(D(x)) for x in ("767", "113.960", "1E+3", "0.00")] == ["767", "113.96", "1000", "0"]
    assert format_number(None) is None


def test_digits_are_normalised_before_reading() -> None:
    assert normalise_digits("１，１９６ 件") == "1196件"
    assert normalise_digits("1,19") == "1,19"  # not a thousands separator
    assert normalise_digits("1,1960") == "1,1960"


@pytest.mark.parametrize(("raw", "unit"), [("1,196件", "件"), ("1，196件", "件"), ("3,375万元", "万元")])
def test_a_thousands_separator_before_a_unit(raw: str, unit: str) -> None:
    value = parse_cell(raw, CellType.AMOUNT)
    assert (value.kind, value.number, value.unit) == (ValueKind.NUMBER, D(raw[0] + raw[2:5]), unit)


@pytest.mark.parametrize(
    ("text", "left", "op", "right"),
    [
        ("a == b", [(1, "a", None)], "==", [(1, "b", None)]),
        ("-a + b <= 2", [(-1, "a", None), (1, "b", None)], "<=", [(1, None, "2")]),
        ("a - - b >= -1.5", [(1, "a", None), (1, "b", None)], ">=", [(-1, None, "1.5")]),
        ("+a < a.b - c", [(1, "a", None)], "<", [(1, "a.b", None), (-1, "c", None)]),
        ("  a > 0  ", [(1, "a", None)], ">", [(1, None, "0")]),
    ],
)
def test_expression_terms(text: str, left: list[tuple[int, str | None, str | None]], op: str, right: list[tuple[int, str | None, str | None]]) -> None:
    cmp = parse(text)
    assert ([(t.sign, t.name, t.constant) for t in cmp.left], cmp.op, [(t.sign, t.name, t.constant) for t in cmp.right]) == (left, op, right)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a == b $", "unexpected '$' at column 8"),
        ("a == b * c d e f g h i j", "unexpected '* c d e f ' at column 8"),
        ("a + b", "an expression needs exactly one comparison (==, <=, >=, <, >)"),
        ("a == b == c", "an expression needs exactly one comparison (==, <=, >=, <, >)"),
        ("a == ", "an expression side is empty or ends with an operator"),
        ("a + == b", "an expression side is empty or ends with an operator"),
        ("a b == c", "expected + or -, found 'b'"),
        ("a 1 == c", "expected + or -, found '1'"),
        ("< a", "an expression side is empty or ends with an operator"),
        ("a == + <", "an expression needs exactly one comparison (==, <=, >=, <, >)"),
    ],
)
def test_expression_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ExprError) as info:
        parse(text)
    assert str(info.value) == message
