"""Amounts and the amount language (``checker.amounts``): Decimal parsing, the rounding slack,
and expressions that are parsed, never eval'd."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.amounts import (
    ExprError,
    Node,
    Value,
    evaluate,
    half_unit,
    holds,
    parse_amount,
    parse_comparison,
)
from checker.values import ValueKind


@pytest.mark.parametrize(
    ("raw", "kind", "number"),
    [
        ("9746.50", ValueKind.NUMBER, Decimal("9746.50")),
        ("2,940.05", ValueKind.NUMBER, Decimal("2940.05")),
        ("２，９４０．０５", ValueKind.NUMBER, Decimal("2940.05")),  # full width
        ("0.00", ValueKind.ZERO, Decimal("0.00")),
        ("", ValueKind.ZERO, Decimal(0)),  # blank is 0 in these tables
        ("-12.30", ValueKind.NUMBER, Decimal("-12.30")),
        ("(12.30)", ValueKind.NUMBER, Decimal("-12.30")),
        ("12.30万元", ValueKind.NUMBER, Decimal("12.30")),
        ("约12万", ValueKind.TEXT, None),
        ("-", ValueKind.NOT_APPLICABLE, None),
    ],
)
def test_parse_amount(raw: str, kind: ValueKind, number: Decimal | None) -> None:
    value = parse_amount(raw, unit="万元")
    assert value.kind is kind and value.number == number


def test_blank_kept_blank_when_the_table_says_so() -> None:
    assert parse_amount("  ", blank_is_zero=False).kind is ValueKind.BLANK


def test_half_unit_follows_the_printed_digits() -> None:
    assert half_unit(Decimal("12.34")) == Decimal("0.005")
    assert half_unit(Decimal("6.2")) == Decimal("0.05")
    assert half_unit(Decimal(12)) == Decimal("0.5")


def test_no_float_pitfall() -> None:
    # With floats abs(2946.26 - 2946.25) > 0.01 is True while abs(2940.06 - 2940.05) > 0.01 is not.
    for a, b in (("2946.26", "2946.25"), ("2940.06", "2940.05")):
        assert holds("==", Decimal(a), Decimal(b), Decimal("0.01"), strict=False)
    assert not holds("==", Decimal("2946.28"), Decimal("2946.25"), Decimal("0.02"), strict=False)


def values(**named: str) -> object:
    def resolve(node: Node) -> Value | None:
        raw = named.get(node.value)
        return Value(Decimal(raw), 1, half_unit(Decimal(raw))) if raw is not None else None

    return resolve


def test_expressions_evaluate_with_cells_counted() -> None:
    cmp = parse_comparison("pct == 100 * delta / (total - dir * delta)")
    resolve = values(pct="12.08", delta="1062.85", total="9859.38", dir="1")
    left, right = evaluate(cmp.left, resolve), evaluate(cmp.right, resolve)  # type: ignore[arg-type]
    assert left is not None and right is not None
    assert abs(left.number - right.number) < Decimal("0.01")
    total = evaluate(parse_comparison("a == b + c").right, values(b="1.00", c="2.00"))  # type: ignore[arg-type]
    assert total is not None and total.number == Decimal("3.00") and total.cells == 2


def test_division_by_zero_is_no_value() -> None:
    cmp = parse_comparison("r == 100 * a / b")
    assert evaluate(cmp.right, values(a="307.82", b="0")) is None  # type: ignore[arg-type]


def test_sign() -> None:
    cmp = parse_comparison("rel == sign(actual - budget)")
    right = evaluate(cmp.right, values(actual="446.11", budget="452.40"))  # type: ignore[arg-type]
    assert right is not None and right.number == -1


@pytest.mark.parametrize("bad", ["a +", "a == ", "__import__('os')", "a = b", "a == b ; c", "sum(a + b) == c"])
def test_bad_expressions_are_pack_errors(bad: str) -> None:
    with pytest.raises(ExprError):
        cmp = parse_comparison(bad)
        evaluate(cmp.left, values())  # type: ignore[arg-type]
