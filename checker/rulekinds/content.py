"""Rule kinds about what a report says against what it could plausibly say:

- ``substantive`` (W8): a section is more than empty words ("无", "暂无") and above a minimum length;
- ``agency_level`` (W8): cells an agency of its level cannot fill (规章 from a county-level or
  township body; only provincial governments, governments of cities with districts and State
  Council departments make 规章);
- ``text_amount`` (X4): a section states an amount (信息处理费 380元) but a cell says nothing was charged;
- ``keywords_if`` (X5): a cell above 0 (fee notices issued) but the section does not mention it;
- ``no_applications`` (X6): 表三 says no application came in, yet the text says some did.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

from checker.finding import Finding
from checker.normalize import norm
from checker.packs.model import RuleSpec, TableSpec
from checker.report import BoundCell, Report
from checker.repository.identity import tokens
from checker.rulekinds.base import RuleKind, operand
from checker.rulekinds.prose import _figures, sentences
from checker.values import format_number

_STRING_LIST = {"type": "array", "items": {"type": "string"}, "minItems": 1}
_PUNCTUATION = re.compile(r"[\W_]+")


def _word_count(text: str) -> int:
    """The characters of ``text`` outside punctuation and spaces, counted without building the
    stripped copy (a substitution over a long section makes a string of every piece between two
    punctuation marks)."""
    return len(text) - sum(m.end() - m.start() for m in _PUNCTUATION.finditer(text))


def _cell(report: Report, ref: str, table_id: str) -> tuple[TableSpec | None, BoundCell | None]:
    table = report.pack.table(table_id)
    bound = report.tables.get(table_id)
    row, _, column = ref.partition(".")
    return table, bound.get(row, column) if bound else None


def _labels(table: TableSpec, ref: str) -> tuple[str | None, str | None]:
    row, _, column = ref.partition(".")
    block = table.block_of_row(row)
    row_spec = block.row(row) if block else None
    column_spec = block.column(column) if block else None
    return (row_spec.display if row_spec and row_spec.label else None), (column_spec.display if column_spec else None)


class Substantive(RuleKind):
    name = "substantive"
    finding_kind = "section"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["section", "min_chars"],
        "additionalProperties": False,
        "properties": {"section": {"type": "string"}, "min_chars": {"type": "integer", "minimum": 1}, "empty": _STRING_LIST},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        match = report.section(rule.params["section"])
        pieces = report.section_pieces(rule.params["section"])
        if match is None or pieces is None:
            return  # a missing section is W1's finding
        # counted piece by piece (punctuation never runs across a piece's first ideograph); the
        # whole stripped text is built only when it is short enough to be one of the empty words
        count = sum(_word_count(piece) for piece in pieces)
        empty = {_PUNCTUATION.sub("", norm(w)) for w in rule.params.get("empty", ["无"])}
        if count < rule.params["min_chars"] or (count <= max(map(len, empty), default=0)
                                                and _PUNCTUATION.sub("", report.section_text(rule.params["section"]) or "")
                                                in empty):
            yield self.finding(report, rule, match.location, section=match.label, label=match.label,
                               actual=str(count), expected=f">= {rule.params['min_chars']}")


# County-level and lower places: their governments and their departments make no 规章.
COUNTY_OR_LOWER = ("县", "区", "旗", "镇", "乡", "街道", "街道办事处", "县政府", "区政府", "旗政府", "镇政府", "乡政府")
NOT_COUNTY = ("自治区", "地区", "特别行政区")


def county_or_lower(agency: str) -> bool:
    """Is the agency a county-level or township body (or a department of one)?"""
    parts = tokens(agency)
    places = parts[:-1]
    body = parts[-1]
    lowest = places[-1] if places else ""
    if body.endswith(("镇政府", "乡政府", "街道办事处")):
        return True
    return bool(lowest) and lowest.endswith(("县", "区", "旗")) and not lowest.endswith(NOT_COUNTY)


class AgencyLevel(RuleKind):
    name = "agency_level"
    finding_kind = "cell"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["table", "row", "level"],
        "additionalProperties": False,
        "properties": {"table": {"type": "string"}, "row": {"type": "string"}, "level": {"enum": ["county_or_lower"]}},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        table = report.pack.table(rule.params["table"])
        bound = report.tables.get(rule.params["table"])
        if table is None or bound is None or not report.agency or not county_or_lower(report.agency):
            return
        block = table.block_of_row(rule.params["row"])
        if block is None:
            return
        for column in block.columns:
            cell = bound.get(rule.params["row"], column.id)
            if cell is not None and cell.value.is_numeric and cell.value.number and cell.value.number > 0:
                row_spec = block.row(rule.params["row"])
                yield self.finding(report, rule, cell.location, table=table, row=row_spec.display if row_spec else None,
                                   column=column.display, actual=format_number(cell.value.number), agency=report.agency,
                                   operands=(operand(column.display, cell),))
                return  # one finding per row: the agency's level is the point, not each cell


class TextAmount(RuleKind):
    """X4: the section states a positive amount after one of the words; the cell must be above 0."""

    name = "text_amount"
    finding_kind = "prose"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["section", "words", "table", "cell"],
        "additionalProperties": False,
        "properties": {"section": {"type": "string"}, "words": _STRING_LIST, "negations": _STRING_LIST,
                       "table": {"type": "string"}, "cell": {"type": "string"}},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        table, cell = _cell(report, rule.params["cell"], rule.params["table"])
        if table is None or cell is None or not cell.value.is_numeric or (cell.value.number or 0) > 0:
            return
        negations = rule.params.get("negations", ["未", "不", "无", "免"])
        words = "|".join(map(re.escape, rule.params["words"]))
        for sentence in sentences(report, rule.params["section"]):
            for clause in re.split(r"[，,；;]", sentence.text):
                match = re.search(rf"({words})[^\d。]{{0,12}}?(\d+(?:\.\d+)?)\s*(万元|元)", clause)
                if match is None or any(n in clause[: match.start(2)] for n in negations):
                    continue
                if Decimal(match.group(2)) > 0:
                    row, column = _labels(table, rule.params["cell"])
                    yield self.finding(report, rule, sentence.location, table=table, row=row, column=column,
                                       actual=format_number(cell.value.number), sentence=clause, amount=match.group(2) + match.group(3),
                                       operands=(operand(column or "", cell),))
                    return


class KeywordsIf(RuleKind):
    """X5: when a cell is above 0, the section mentions one of the words."""

    name = "keywords_if"
    finding_kind = "section"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["section", "any", "table", "cell"],
        "additionalProperties": False,
        "properties": {"section": {"type": "string"}, "any": _STRING_LIST, "table": {"type": "string"}, "cell": {"type": "string"}},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        table, cell = _cell(report, rule.params["cell"], rule.params["table"])
        match = report.section(rule.params["section"])
        text = report.section_text(rule.params["section"])
        if table is None or cell is None or match is None or text is None:
            return
        if cell.value.is_numeric and (cell.value.number or 0) > 0 and not any(norm(w) in text for w in rule.params["any"]):
            row, column = _labels(table, rule.params["cell"])
            yield self.finding(report, rule, match.location, section=match.label, label=match.label,
                               actual=format_number(cell.value.number), where_cell=" ".join(x for x in (table.name, row, column) if x),
                               operands=(operand(column or "", cell),))


class NoApplications(RuleKind):
    """X6: rows 一 and 二 of 表三 are 0 in every column, so the text claims no application received
    (figures in sentences out of scope excepted). That every other cell is then 0 too follows from
    A1 and A2 (results and carried-out add up to new + carried-in), so it needs no check here."""

    name = "no_applications"
    finding_kind = "prose"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["table", "rows"],
        "additionalProperties": False,
        "properties": {"table": {"type": "string"}, "rows": _STRING_LIST, "section": {"type": "string"},
                       "words": _STRING_LIST, "out_of_scope": {"type": "array", "items": {"type": "string"}}},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        table = report.pack.table(rule.params["table"])
        bound = report.tables.get(rule.params["table"])
        if table is None or bound is None:
            return
        rows = rule.params["rows"]
        incoming = [c for (r, _), c in bound.cells.items() if r in rows]
        if not incoming or any(not c.value.is_numeric or c.value.number != 0 for c in incoming):
            return
        yield from self._text(report, rule, table)

    def _text(self, report: Report, rule: RuleSpec, table: TableSpec) -> Iterator[Finding]:
        out_of_scope = rule.params.get("out_of_scope", [])
        match = report.section(rule.params.get("section", "S1"))
        for sentence in sentences(report, rule.params.get("section", "S1")):
            if any(w in sentence.text for w in out_of_scope):
                continue
            claimed = [n for _, n in _figures(sentence.text, rule.params.get("words", ["新收", "收到", "受理"]), ["余", "多", "约", "近"]) if n > 0]
            if claimed:
                yield self.finding(report, rule, sentence.location, table=table, section=match.label if match else None,
                                   expected="0", actual=str(claimed[0]), sentence=sentence.text)
                return
