"""X3: figures the prose states against the tables, with no false error.

The pack lists the quantities (the words that name one, the table cells it may mean) and the scope
words. A sentence is read only when nothing in it widens or narrows its scope: 全市/全区, 各部门,
代表…受理, 累计, 备案 make the whole sentence out of scope; figures after 其中 are parts of
another figure; approximate figures (余, 多, 近, 约) are not compared. A figure is compared only
when its sentence states that quantity once; it agrees when it equals any of the quantity's
readings (受理 may or may not include 上年结转, as in "共处理46件（含上年度结转1件）"). Anything
else says nothing: an ambiguous sentence never becomes a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar

from msgspec import Struct

from checker.finding import Finding
from checker.model import Location, Paragraph
from checker.packs.model import RuleSpec, TableSpec
from checker.report import Report
from checker.rulekinds.base import RuleKind
from checker.values import format_number

_SENTENCE_END = re.compile(r"[。；;！？!?]")
_CLAUSE = "，,、：:（）()"  # a figure's words and its number stay within one clause
_GAP = 14  # characters allowed between a quantity's words and its number


class Sentence(Struct, frozen=True):
    text: str
    location: Location


def sentences(report: Report, section_id: str) -> list[Sentence]:
    """The section's prose as sentences; a sentence may run over several lines (text from a PDF)."""
    region = report.region(section_id) or []
    out: list[Sentence] = []
    text, where = "", None
    for block in region:
        if not isinstance(block, Paragraph):
            continue
        for piece in re.split(r"(?<=[。；;！？!?])", re.sub(r"\s+", "", block.text)):
            if not piece:
                continue
            if not text:
                where = block.location
            text += piece
            if _SENTENCE_END.search(piece[-1:]):
                out.append(Sentence(text, where or block.location))
                text, where = "", None
    if text and where is not None:
        out.append(Sentence(text, where))
    return out


_NEGATED = ("不予", "不", "未", "无法")  # "不予受理3件" is not the received count


def _tail_uncached(approx: tuple[str, ...]) -> re.Pattern[str]:
    """What follows a quantity's words in "受理申请46件": compiled once per ``approx``, not once per
    word (a class of CJK characters costs ~0.5 ms to compile; 48 patterns were a fifth of a text check)."""
    about = "|".join(map(re.escape, approx))
    return re.compile(rf"({_STOP}{{0,{_GAP}}}?)(\d+)\s*({about})?\s*[件起个]")


_tail = lru_cache(maxsize=64)(_tail_uncached)
_STOP = f"[^{re.escape(_CLAUSE)}\\d。；]"


def _figures(sentence: str, words: list[str], approx: list[str], others: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """(position, number) of each figure the words introduce: "受理申请46件" or "3件结转下年度".
    An approximate figure ("约100件", "100余件") is reported as -1: stated, but not comparable.
    A number with another quantity's word between it and ours is that one's ("答复不服提起行政复议2件")."""
    found = []
    about = ""  # built for the first word the sentence holds: most sentences hold none
    tail = _tail(tuple(approx))
    for word in words:
        if word not in sentence:  # both forms hold the word itself: nothing to compile or search
            continue
        about = about or "|".join(map(re.escape, approx))
        w = re.escape(word)
        before = rf"()(\d+)\s*({about})?\s*[件起个]{_STOP}{{0,3}}?{w}"
        # "word … number": the matches of rf"{w}{tail}" that finditer gives — each starts where the
        # word does, and the next is looked for from the end of the last one.
        after = []
        at = sentence.find(word)
        while at >= 0:
            match = tail.match(sentence, at + len(word))
            if match is None:
                at = sentence.find(word, at + 1)
            else:
                after.append((at, match))
                at = sentence.find(word, match.end())
        for at, match in after:
            if any(o in match.group(1) for o in others if o not in word):
                continue
            if sentence[:at].endswith(_NEGATED):
                continue
            rough = bool(match.group(3)) or any(match.group(1).endswith(a) for a in approx)
            found.append((match.start(2), -1 if rough else int(match.group(2))))
        for match in re.finditer(before, sentence):
            gap = sentence[match.end(2) : match.end() - len(word)]
            if any(o in gap for o in others if o not in word):
                continue
            at = match.end() - len(word)
            if sentence[:at].endswith(_NEGATED):
                continue
            rough = bool(match.group(3)) or any(match.group(1).endswith(a) for a in approx)
            found.append((match.start(2), -1 if rough else int(match.group(2))))
    return sorted(set(found))


class Prose(RuleKind):
    name = "prose"
    finding_kind = "prose"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["sections", "quantities", "out_of_scope"],
        "additionalProperties": False,
        "properties": {
            "sections": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "out_of_scope": {"type": "array", "items": {"type": "string"}, "description": "words that put a sentence out of the tables' scope"},
            "parts": {"type": "array", "items": {"type": "string"}, "description": "words after which figures are parts (其中)"},
            "approximate": {"type": "array", "items": {"type": "string"}},
            "quantities": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["words", "table", "readings"],
                    "additionalProperties": False,
                    "properties": {
                        "words": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        "table": {"type": "string"},
                        # each reading is a list of "row.column" cells whose sum the figure may be
                        "readings": {"type": "array", "minItems": 1, "items": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
                    },
                },
            },
        },
    }

    def validate(self, params: dict[str, Any], tables: dict[str, TableSpec]) -> str | None:
        for quantity in params["quantities"]:
            table = tables.get(quantity["table"])
            if table is None:
                return f"unknown table {quantity['table']!r}"
            for reading in quantity["readings"]:
                for ref in reading:
                    row, _, column = ref.partition(".")
                    block = table.block_of_row(row)
                    if block is None or block.column(column) is None:
                        return f"{ref} is not a cell of {table.id}"
        return None

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        params = rule.params
        approx = params.get("approximate", ["余", "多", "约", "近", "逾", "超过"])
        every_word = tuple(w for q in params["quantities"] for w in q["words"])
        for section_id in params["sections"]:
            match = report.section(section_id)
            for sentence in sentences(report, section_id):
                if any(word in sentence.text for word in params["out_of_scope"]):
                    continue
                cut = min((sentence.text.find(w) for w in params.get("parts", []) if w in sentence.text), default=-1)
                for quantity in params["quantities"]:
                    figures = [
                        (pos, n) for pos, n in _figures(sentence.text, quantity["words"], approx, every_word) if cut < 0 or pos < cut
                    ]
                    numbers = {n for _, n in figures}
                    if len(numbers) != 1 or -1 in numbers:
                        continue  # not stated, stated twice differently, or approximate: say nothing
                    finding = self._compare(report, rule, quantity, numbers.pop(), sentence, match.label if match else None)
                    if finding is not None:
                        yield finding

    def _compare(
        self, report: Report, rule: RuleSpec, quantity: dict[str, Any], figure: int, sentence: Sentence, section: str | None
    ) -> Finding | None:
        table = report.pack.table(quantity["table"])
        bound = report.tables.get(quantity["table"])
        if table is None or bound is None:
            return None
        values = []
        for reading in quantity["readings"]:
            total = Decimal(0)
            for ref in reading:
                row, _, column = ref.partition(".")
                cell = bound.get(row, column)
                if cell is None or not cell.value.is_numeric or cell.value.number is None:
                    return None  # a blank or unreadable cell has its own finding; nothing to compare
                total += cell.value.number
            values.append(total)
        if Decimal(figure) in values:
            return None
        first = quantity["readings"][0]
        row_id, _, column_id = first[0].partition(".")
        block = table.block_of_row(row_id)
        row_spec = block.row(row_id) if block else None
        column_spec = block.column(column_id) if block else None
        row_label = row_spec.display if row_spec and row_spec.label else None
        columns = [block.column(ref.partition(".")[2]) for ref in first] if block else []
        column_label = " + ".join(c.display for c in columns if c is not None) or None
        if len(first) == 1:
            column_label = column_spec.display if column_spec else None
        quote = sentence.text if len(sentence.text) <= 120 else sentence.text[:117] + "…"
        return self.finding(
            report, rule, sentence.location, table=table, section=section, row=row_label, column=column_label,
            expected=format_number(values[0]), actual=str(figure), sentence=quote, word=quantity["words"][0],
        )
