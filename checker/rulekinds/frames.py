"""Rule kinds over prose: sentence frames with named slots, and text patterns.

``frame``: a fill-in sentence of a template, written as a regular expression over the canonical
text (``checker.normalize.norm``: no spaces, ASCII punctuation, so "（类）" is written ``\\(类\\)``)
with named slots ``{name:type}``: ``amount`` (12.30), ``int``, ``year``, ``label`` (a run of
words without punctuation), ``word`` (one of the rule's ``words``, which give each word a number:
增加 1, 减少 -1, 持平 0) and ``text`` (up to 60 characters of anything). Each match is checked
against ``checks``: comparisons in the amount language (``checker.amounts``) over the slots and
ledger cells, where ``{slot}`` inside a reference is replaced by the slot's text
(``T5[{name}].total``: the row labelled like the sentence names it), and ``label_in`` checks that
a slot names a row of a ledger. Amounts compare within their printed rounding; a check may set
its own ``tolerance`` (percentages: 0.01 percentage points).

``text_pattern``: a regular expression over the canonical text of the paragraphs; each match is a
finding (template residue), or only matches whose ``year`` group is not the report year plus an
allowed offset, or whose ``name`` group differs from the report's agency.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

from msgspec import Struct

from checker.amounts import ExprError, Node, Value, evaluate, half_unit, holds, parse_comparison
from checker.finding import Finding
from checker.model import Location, Paragraph
from checker.normalize import norm
from checker.packs.model import RuleSpec, TableSpec
from checker.report import Report
from checker.rulekinds.amounts import _Refs, select_rows, strip_numbering
from checker.rulekinds.base import RuleKind
from checker.values import format_number

_SLOT = re.compile(r"\{(\w+):(\w+)\}")
_TYPES = {
    "amount": r"-?\d+(?:\.\d+)?",
    "int": r"\d+",
    "year": r"(?:19|20)\d{2}",
    "label": r"[^(),.:;、\"%\d]+?",
    "text": r".{0,60}?",
}
_SUBST = re.compile(r"\{(\w+)\}")
_RESERVED = {
    "table", "where", "row", "column", "expected", "actual", "operands", "found", "check", "label", "message",
    "location", "section", "uncertain", "report", "rule",
}


class _Text(Struct):
    """The canonical text of a run of paragraphs, with where each paragraph starts in it."""

    text: str
    starts: list[tuple[int, Location]]

    def location(self, offset: int) -> Location | None:
        where = None
        for start, location in self.starts:
            if start > offset:
                break
            where = location
        return where


def region_text(report: Report, section: str | None) -> _Text | None:
    blocks = report.region(section) if section else report.document.blocks
    if blocks is None:
        return None
    parts: list[str] = []
    starts: list[tuple[int, Location]] = []
    size = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            text = norm(block.text)
            starts.append((size, block.location))
            parts.append(text)
            size += len(text)
    return _Text("".join(parts), starts)


def compile_frame(pattern: str, words: dict[str, Any]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(norm(w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    def slot(match: re.Match[str]) -> str:
        name, kind = match.group(1), match.group(2)
        body = f"(?:{alternatives})" if kind == "word" else _TYPES[kind]
        return body if name == "_" else f"(?P<{name}>{body})"

    return re.compile(_SLOT.sub(slot, pattern))


class Frame(RuleKind):
    """A template sentence read into named values and checked against the tables."""

    name = "frame"
    finding_kind = "narrative"
    _CHECK: ClassVar[dict[str, Any]] = {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "expr": {"type": "string"},
                    "tolerance": {"type": "number", "minimum": 0},
                    "label_in": {
                        "type": "object",
                        "required": ["slot", "ledger"],
                        "additionalProperties": False,
                        "properties": {"slot": {"type": "string"}, "ledger": {"type": "string"}, "rows": {"type": "string"}},
                    },
                },
            },
        ]
    }
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["pattern"],
        "anyOf": [{"required": ["checks"]}, {"required": ["covers"]}],
        "additionalProperties": False,
        "properties": {
            "pattern": {"type": "string"},
            "section": {"type": "string"},
            "words": {"type": "object", "additionalProperties": {"type": "number"}},
            "checks": {"type": "array", "items": _CHECK},
            "covers": {
                "type": "object",
                "required": ["slot", "ledger"],
                "additionalProperties": False,
                "properties": {"slot": {"type": "string"}, "ledger": {"type": "string"}, "rows": {"type": "string"}},
            },
        },
    }

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        unknown = [k for _, k in _SLOT.findall(params["pattern"]) if k not in _TYPES and k != "word"]
        if unknown:
            return f"unknown slot type {unknown[0]!r} (known: {', '.join([*_TYPES, 'word'])})"
        try:
            compile_frame(params["pattern"], params.get("words", {}))
            for check in params.get("checks", []):
                text = check if isinstance(check, str) else check.get("expr")
                if text:
                    parse_comparison(text)
        except (re.error, ExprError) as exc:
            return str(exc)
        return None

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        region = region_text(report, rule.params.get("section"))
        if region is None:
            return
        words = {norm(k): Decimal(str(v)) for k, v in rule.params.get("words", {}).items()}
        pattern = compile_frame(rule.params["pattern"], rule.params.get("words", {}))
        named: set[str] = set()
        covers = rule.params.get("covers")
        for match in pattern.finditer(region.text):
            slots = {k: v for k, v in match.groupdict().items() if v is not None}
            if covers and covers["slot"] in slots:
                named.add(strip_numbering(slots[covers["slot"]]))
            location = region.location(match.start())
            for check in rule.params.get("checks", []):
                finding = self._check_one(report, rule, check, slots, words, match.group(0), location)
                if finding is not None:
                    yield finding
        if covers:
            yield from self._uncovered(report, rule, covers, named)

    def _uncovered(self, report: Report, rule: RuleSpec, covers: dict[str, str], named: set[str]) -> Iterator[Finding]:
        """Rows of a table the sentences should each name (one item per 项), and do not."""
        ledger = report.ledgers.get(covers["ledger"])
        if ledger is None:
            return
        for entry in select_rows(ledger, covers.get("rows", "*")):
            if strip_numbering(entry.label) not in named:
                label = f"{entry.code} {entry.label}" if entry.code else entry.label
                yield self.finding(report, rule, entry.location, row=label, label=label, expected=ledger.spec.name)

    def _check_one(
        self, report: Report, rule: RuleSpec, check: str | dict[str, Any], slots: dict[str, str],
        words: dict[str, Decimal], found: str, location: Location | None,
    ) -> Finding | None:
        spec: dict[str, Any] = {"expr": check} if isinstance(check, str) else check
        if "label_in" in spec:
            target: dict[str, str] = spec["label_in"]
            ledger = report.ledgers.get(target["ledger"])
            name = slots.get(target["slot"])
            if ledger is None or name is None:
                return None
            rows = select_rows(ledger, target.get("rows", "*"))
            if strip_numbering(name) in {strip_numbering(r.label) for r in rows}:
                return None
            return self.finding(
                report, rule, location, actual=name, found=found, label=name,
                expected=ledger.spec.name, check=f"{target['slot']} ∈ {ledger.spec.name}",
            )
        text = spec["expr"]
        refs = _Refs(report, strict=True)
        types = dict(_SLOT.findall(rule.params["pattern"]))

        def resolve(node: Node) -> Value | None:
            if "[" in node.value:
                return refs(Node(node.op, _SUBST.sub(lambda m: slots.get(m.group(1), m.group(0)), node.value)))
            raw = slots.get(node.value)
            if raw is None:
                return None
            if norm(raw) in words:
                return Value(words[norm(raw)])
            value = Decimal(raw)
            counted = types.get(node.value) in ("int", "year")  # counts are exact, not rounded
            return Value(value, 1, Decimal(0) if counted else half_unit(value))

        cmp = parse_comparison(text)
        left, right = evaluate(cmp.left, resolve), evaluate(cmp.right, resolve)
        if left is None or right is None:
            return None
        if "tolerance" in spec:
            slack = Decimal(str(spec["tolerance"]))
        else:
            slack = (left.cells + right.cells) * max(left.half, right.half)
        if holds(cmp.op, left.number, right.number, slack, strict=False):
            return None
        named: dict[str, Any] = {k: v for k, v in slots.items() if k not in _RESERVED}  # a message may quote a slot: {rate}
        return self.finding(
            report, rule, location, expected=_show(right), actual=_show(left),
            found=found if len(found) <= 80 else found[:78] + "…", check=text, **named,
        )


def _show(value: Value) -> str:
    """As printed: the decimals of the amounts that went in (a ratio to two decimals)."""
    if value.cells == 1 and value.half:
        return str(value.number.quantize((value.half * 2).normalize()))
    number = value.number
    return format_number(number.quantize(Decimal("0.01")) if number != number.to_integral_value() else number) or "0"


class TextPattern(RuleKind):
    """Template residue, wrong years, wrong names: a pattern over the paragraphs' text."""

    name = "text_pattern"
    finding_kind = "narrative"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["patterns"],
        "additionalProperties": False,
        "properties": {
            "patterns": {"type": "array", "minItems": 1, "items": {"type": "string"}},
            "section": {"type": "string"},
            "year_offsets": {"type": "array", "items": {"type": "integer"}},
            "agency": {"type": "boolean"},
            "min_count": {"type": "integer", "minimum": 1},
        },
    }

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        for pattern in params["patterns"]:
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                return f"{pattern!r}: {exc}"
            if "year_offsets" in params and "year" not in compiled.groupindex:
                return f"{pattern!r} has no (?P<year>…) group"
            if params.get("agency") and "name" not in compiled.groupindex:
                return f"{pattern!r} has no (?P<name>…) group"
        return None

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        region = region_text(report, rule.params.get("section"))
        if region is None:
            return
        offsets = rule.params.get("year_offsets")
        hits: list[Finding] = []
        for pattern in rule.params["patterns"]:
            for match in re.finditer(pattern, region.text):
                found = match.group(0)
                expected = None
                if offsets is not None:
                    if report.year is None:
                        return
                    year = int(match.group("year"))
                    if year - report.year in offsets:
                        continue
                    expected = "/".join(str(report.year + o) for o in offsets)
                if rule.params.get("agency"):
                    if not report.agency or match.group("name") == norm(report.agency):
                        continue
                    expected, found = norm(report.agency), match.group("name")
                hits.append(self.finding(report, rule, region.location(match.start()), found=found, actual=found, expected=expected))
        minimum = rule.params.get("min_count")
        if minimum is not None:
            if len(hits) >= minimum:
                yield self.finding(report, rule, hits[0].location, count=str(len(hits)), found=hits[0].actual)
            return
        yield from hits
