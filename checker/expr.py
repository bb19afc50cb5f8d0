"""A tiny expression language for rule packs: sums of cell ids compared with ==, <=, >=, <, >.

``new + carried_in == total + carried_out``. Parsed here, by a tokenizer and two loops; nothing
from a rule file ever reaches eval or exec.
"""

from __future__ import annotations

import re

from msgspec import Struct

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<id>[A-Za-z_][A-Za-z0-9_.]*)|(?P<op>==|<=|>=|<|>|\+|-))")
COMPARATORS = ("==", "<=", ">=", "<", ">")


class ExprError(ValueError):
    pass


class Term(Struct, frozen=True):
    sign: int  # +1 or -1
    name: str | None  # a cell id, or None for a constant
    constant: str | None = None


class Comparison(Struct, frozen=True):
    left: tuple[Term, ...]
    op: str
    right: tuple[Term, ...]

    @property
    def names(self) -> list[str]:
        return [t.name for t in (*self.left, *self.right) if t.name]


def parse(text: str) -> Comparison:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].strip() == "":
                break
            rest = text[pos:]
            column = pos + len(rest) - len(rest.lstrip()) + 1  # of the character, not the blank before it
            raise ExprError(f"unexpected {rest.strip()[:10]!r} at column {column}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    ops = [i for i, (k, v) in enumerate(tokens) if k == "op" and v in COMPARATORS]
    if len(ops) != 1:
        raise ExprError("an expression needs exactly one comparison (==, <=, >=, <, >)")
    split = ops[0]
    return Comparison(_side(tokens[:split]), tokens[split][1], _side(tokens[split + 1 :]))


def _side(tokens: list[tuple[str, str]]) -> tuple[Term, ...]:
    terms: list[Term] = []
    sign = 1
    expect_operand = True
    for kind, value in tokens:
        if expect_operand:
            if kind == "op" and value in "+-":
                sign = -sign if value == "-" else sign
                continue
            if kind == "id":
                terms.append(Term(sign, value))
            elif kind == "num":
                terms.append(Term(sign, None, value))
            else:
                raise ExprError(f"expected a cell id or number, found {value!r}")
            sign, expect_operand = 1, False
        else:
            if kind != "op" or value not in "+-":
                raise ExprError(f"expected + or -, found {value!r}")
            sign, expect_operand = (-1 if value == "-" else 1), True
    if expect_operand:
        raise ExprError("an expression side is empty or ends with an operator")
    return tuple(terms)
