"""Amounts as printed in financial tables and prose, and a small arithmetic language over them.

Amounts are ``Decimal``: with binary floats ``2946.26 - 2946.25 > 0.01`` is true while
``2940.06 - 2940.05 > 0.01`` is not, so a float tolerance passes or fails a 0.01 gap at random.

Each printed amount is its true value rounded to the last printed digit, so a printed total may
differ from the sum of its n printed parts by up to (n + 1) half-units; :func:`rounding_slack`
gives that bound. Expressions (``a + b - c``, ``100 * d / (t - d)``) are parsed here, never
evaluated by Python: names are resolved by the caller, nothing else is allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, DivisionByZero, InvalidOperation

from msgspec import Struct

from checker.values import CellValue, ValueKind, normalise_digits

_AMOUNT = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)$")
_PAREN_NEGATIVE = re.compile(r"^\((\d+(?:\.\d+)?)\)$")


def parse_amount(raw: str, *, blank_is_zero: bool = True, unit: str | None = None) -> CellValue:
    """One printed amount: ``9,746.50``, ``-12.00``, ``(12.00)``; blank is 0 when the table says so."""
    text = normalise_digits(raw or "")
    if not text:
        return CellValue(raw, ValueKind.ZERO, Decimal(0), unit) if blank_is_zero else CellValue(raw, ValueKind.BLANK)
    if unit and text.endswith(unit):
        text = text[: -len(unit)]
    paren = _PAREN_NEGATIVE.match(text)
    if paren:
        text = "-" + paren.group(1)
    match = _AMOUNT.match(text)
    if not match:
        if unicodedata.normalize("NFKC", text) in ("-", "--", "/", "—"):
            return CellValue(raw, ValueKind.NOT_APPLICABLE)
        return CellValue(raw, ValueKind.TEXT)
    try:
        value = Decimal(match.group(1) + match.group(2))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return CellValue(raw, ValueKind.TEXT)
    return CellValue(raw, ValueKind.ZERO if value == 0 else ValueKind.NUMBER, value, unit)


def half_unit(printed: Decimal) -> Decimal:
    """Half of the last printed digit: 0.005 for 12.34, 0.5 for 12."""
    exponent = printed.as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)


def rounding_slack(cells: int, half: Decimal) -> Decimal:
    """How far an identity over ``cells`` independently rounded printed values may miss."""
    return cells * half


# -- expressions ---------------------------------------------------------------------------------

class ExprError(ValueError):
    """An expression that does not parse (a pack error, reported at load time)."""


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ref>[A-Za-z_$][\w$.]*(?:\[[^\]]*\])?(?:\.[\w${}]+)?)|(?P<op>==|<=|>=|[-+*/()<>]))"
)
COMPARISONS = ("==", "<=", ">=", "<", ">")


class Node(Struct, frozen=True):
    op: str  # "num" | "ref" | "+" | "-" | "*" | "/" | "neg" | "sum" | "sign"
    value: str = ""
    args: tuple[Node, ...] = ()


class Comparison(Struct, frozen=True):
    left: Node
    op: str
    right: Node


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExprError(f"cannot read {text[pos:]!r}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens, self.pos, self.text = _tokens(text), 0, text

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExprError(f"unexpected end of {self.text!r}")
        self.pos += 1
        return token

    def expr(self) -> Node:
        node = self.term()
        while (t := self.peek()) and t[1] in "+-" and t[0] == "op":
            self.take()
            node = Node(t[1], args=(node, self.term()))
        return node

    def term(self) -> Node:
        node = self.factor()
        while (t := self.peek()) and t[1] in "*/" and t[0] == "op":
            self.take()
            node = Node(t[1], args=(node, self.factor()))
        return node

    def factor(self) -> Node:
        kind, value = self.take()
        if kind == "num":
            return Node("num", value)
        if kind == "ref":
            if value == "sign" and (t := self.peek()) and t[1] == "(":
                self.take()
                inner_node = self.expr()
                if self.take()[1] != ")":
                    raise ExprError(f"missing ')' in {self.text!r}")
                return Node("sign", args=(inner_node,))
            if value == "sum" and (t := self.peek()) and t[1] == "(":
                self.take()
                inner = self.take()
                if inner[0] != "ref" or self.take()[1] != ")":
                    raise ExprError(f"sum() takes one reference in {self.text!r}")
                return Node("sum", inner[1])
            return Node("ref", value)
        if value == "(":
            node = self.expr()
            if self.take()[1] != ")":
                raise ExprError(f"missing ')' in {self.text!r}")
            return node
        if value == "-":
            return Node("neg", args=(self.factor(),))
        raise ExprError(f"unexpected {value!r} in {self.text!r}")


def parse_comparison(text: str) -> Comparison:
    for op in ("==", "<=", ">="):
        if op in text:
            left, right = text.split(op, 1)
            return Comparison(parse_expr(left), op, parse_expr(right))
    raise ExprError(f"no comparison (==, <=, >=) in {text!r}")


def parse_expr(text: str) -> Node:
    parser = _Parser(text)
    node = parser.expr()
    if parser.peek() is not None:
        raise ExprError(f"unexpected {parser.peek()[1]!r} in {text!r}")  # type: ignore[index]
    return node


def references(node: Node) -> list[Node]:
    """Every ``ref`` and ``sum`` leaf, left to right."""
    if node.op in ("ref", "sum"):
        return [node]
    return [leaf for arg in node.args for leaf in references(arg)]


class Value(Struct):
    """An evaluated expression: its value, and how many printed amounts went into it."""

    number: Decimal
    cells: int = 0
    half: Decimal = Decimal(0)


Resolver = Callable[[Node], Value | None]


def evaluate(node: Node, resolve: Resolver) -> Value | None:
    """The value of an expression; None when a reference cannot be resolved (or a division by 0)."""
    if node.op == "num":
        return Value(Decimal(node.value))
    if node.op in ("ref", "sum"):
        return resolve(node)
    args = [evaluate(a, resolve) for a in node.args]
    if any(a is None for a in args):
        return None
    values = [a for a in args if a is not None]
    cells = sum(a.cells for a in values)
    half = max((a.half for a in values), default=Decimal(0))
    if node.op == "neg":
        return Value(-values[0].number, cells, half)
    if node.op == "sign":
        number = values[0].number
        return Value(Decimal((number > 0) - (number < 0)))
    a, b = values[0].number, values[1].number
    try:
        if node.op == "/":
            number = a / b
        elif node.op == "*":
            number = a * b
        else:
            number = a + b if node.op == "+" else a - b
    except (DivisionByZero, InvalidOperation):
        return None
    return Value(number, cells, half)


def holds(op: str, left: Decimal, right: Decimal, slack: Decimal, strict: bool) -> bool:
    """``left op right`` up to ``slack`` (strictly inside it when ``strict``)."""
    gap = left - right
    if op == "==":
        return abs(gap) < slack if strict else abs(gap) <= slack
    if op == "<=":
        return gap < slack if strict else gap <= slack
    return -gap < slack if strict else -gap <= slack
