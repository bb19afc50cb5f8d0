"""The 部门决算 rule kinds (narrative and amount identities) reject a bad rule when the pack loads, saying what is wrong.

``frame`` (a template sentence read into slots and checked) and ``text_pattern`` (residue, wrong
years, wrong names): what each accepts and the exact message for what it does not.
"""

from __future__ import annotations

import pytest

from checker.rulekinds.frames import Frame, TextPattern

KNOWN_SLOTS = "amount, int, year, label, text, word"


@pytest.mark.parametrize(("params", "problem"), [
    ({"pattern": "收入{total:amount}万元"}, None),
    ({"pattern": "{_:word}{n:int}个{y:year}年{l:label}{t:text}", "words": {"增加": 1}}, None),
    ({"pattern": "收入{total:amount}万元", "checks": ["total == 1", {"expr": "total >= 0"}, {"note": "x"}]}, None),
    ({"pattern": "收入{total:money}万元"}, f"unknown slot type 'money' (known: {KNOWN_SLOTS})"),
    ({"pattern": "{a:int}{b:float}{c:bogus}"}, f"unknown slot type 'float' (known: {KNOWN_SLOTS})"),
    ({"pattern": "收入(({total:amount}万元"}, "missing ), unterminated subpattern at position 3"),
    ({"pattern": "{a:int}", "checks": ["a 1"]}, "no comparison (==, <=, >=) in 'a 1'"),
    ({"pattern": "{a:int}", "checks": [{"expr": "a = 1"}]}, "no comparison (==, <=, >=) in 'a = 1'"),
])
def test_a_frame_is_checked_when_its_pack_loads(params: dict[str, object], problem: str | None) -> None:
    assert Frame().validate(params, {}) == problem


@pytest.mark.parametrize(("params", "problem"), [
    ({"patterns": ["（此处填写.*?）", "XX单位"]}, None),
    ({"patterns": [r"(?P<year>20\d\d)年度"], "year_offsets": [0, -1]}, None),
    ({"patterns": [r"(?P<name>\S+?)部门决算"], "agency": True}, None),
    ({"patterns": [r"(?P<name>\S+?)部门决算"], "agency": False}, None),
    ({"patterns": ["ok", "(unclosed"]}, "'(unclosed': missing ), unterminated subpattern at position 0"),
    ({"patterns": [r"20\d\d年度"], "year_offsets": [0]}, r"'20\\d\\d年度' has no (?P<year>…) group"),
    ({"patterns": [r"(?P<year>20\d\d)", r"(\S+)部门决算"], "agency": True},
     r"'(?P<year>20\\d\\d)' has no (?P<name>…) group"),
])
def test_a_text_pattern_is_checked_when_its_pack_loads(params: dict[str, object], problem: str | None) -> None:
    assert TextPattern().validate(params, {}) == problem


@pytest.mark.parametrize(("params", "problem"), [
    ({"expr": "T1in[a].amount == T1in[b].amount + 2"}, None),
    ({"expr": ["T1in[a].amount >= 0", "3 <= T1in[b].amount"]}, None),
    ({"expr": ["T1in[a].amount >= 0", "1 == 2"]}, "'1 == 2' names no cells"),
    ({"expr": "T1in[a].amount 1"}, "expr: no comparison (==, <=, >=) in 'T1in[a].amount 1'"),
])
def test_an_amount_identity_is_checked_when_its_pack_loads(params: dict[str, object], problem: str | None) -> None:
    from checker.rulekinds.amounts import AmountIdentity

    assert AmountIdentity().validate(params, {}) == problem
