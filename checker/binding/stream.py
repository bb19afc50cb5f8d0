"""Binding a template table onto a run of text lines (text taken out of a PDF or a web page).

Such text has no grid: a row's label may be broken over several lines, its values may come
before the rest of a wrapped label, a vertical group label ("三、本年度办理结果") arrives a
character or two per line between other rows, and empty cells may be dropped. So the lines are
read as one token stream: label text is matched on the concatenation of the text tokens (values
taken out), and a row's values are the value tokens from its label's start up to the next label.
A row is bound only when it shows exactly as many values as its block has columns; anything else
is reported instead of guessed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.finding import Finding, Severity, Text
from checker.model import Location, Paragraph
from checker.normalize import norm
from checker.packs.model import BlockSpec, RowSpec, TableSpec
from checker.report import BoundCell, BoundTable
from checker.values import UNITS, CellType, ValueKind, parse_cell

# "1、" "1," inside a run of text (norm folds numbering only at the start of a string).
_NUMBERING = re.compile(r"(?<![\d.])(\d+)[、,]")
# Worded "no value" cells that are also ordinary characters of labels ("（四）无法提供").
_WORDED = {"无", "不适用"}
_COUNTING = (ValueKind.NUMBER, ValueKind.ZERO, ValueKind.NOT_APPLICABLE)


def _key(text: str) -> str:
    return _NUMBERING.sub(r"\1.", norm(text))


@dataclass
class _Token:
    text: str
    line: int | None
    value: bool
    blank: bool = False  # an explicitly empty cell between two "|"
    key: str = ""  # the canonical form of a text token


def _is_value(word: str) -> bool:
    if parse_cell(word, CellType.CHANGE).kind in _COUNTING:  # counts, "+2", "减4", "/", "未增未减"
        return True
    return parse_cell(word, CellType.AMOUNT).kind in _COUNTING  # "1196.41万元"


def _words(text: str, line: int | None) -> list[_Token]:
    words = text.split()
    out: list[_Token] = []
    i = 0
    while i < len(words):
        word = words[i]
        # "1196.41 万元": a number and its unit, printed apart, are one value.
        if i + 1 < len(words) and words[i + 1] in UNITS and _is_value(word + words[i + 1]):
            out.append(_Token(f"{word} {words[i + 1]}", line, True))
            i += 2
            continue
        value = _is_value(word)
        out.append(_Token(word, line, value, key="" if value else _key(word)))
        i += 1
    return out


def _cells(text: str) -> list[str]:
    """Cells of a line joined with "|" or tabs; Markdown's outer pipes are not cells."""
    if "|" not in text:
        return text.split("\t")
    if text.startswith("|"):
        text = text[1:-1] if text.endswith("|") and len(text) > 1 else text[1:]
    return text.split("|")


def tokenize(paragraphs: Iterable[Paragraph]) -> list[_Token]:
    tokens: list[_Token] = []
    for paragraph in paragraphs:
        line = paragraph.location.line
        if "|" in paragraph.text or "\t" in paragraph.text:
            for cell in _cells(paragraph.text):
                if cell.strip():
                    tokens.extend(_words(cell, line))
                else:
                    tokens.append(_Token("", line, True, blank=True))
        else:
            tokens.extend(_words(paragraph.text, line))
    return tokens


class _Text:
    """The concatenated keys of some text tokens, each character knowing its token."""

    def __init__(self, tokens: Sequence[_Token], keep: Iterable[int]) -> None:
        parts: list[str] = []
        self.owner: list[int] = []
        for i in keep:
            parts.append(tokens[i].key)
            self.owner.extend([i] * len(tokens[i].key))
        self.text = "".join(parts)

    def find(self, key: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """First (first token, last token) spelling ``key`` within tokens [start, end)."""
        if not key:
            return None
        lo = bisect.bisect_left(self.owner, start)
        hi = len(self.text) if end is None else bisect.bisect_left(self.owner, end)
        pos = self.text.find(key, lo, hi)
        if pos < 0:
            return None
        return self.owner[pos], self.owner[pos + len(key) - 1]


@dataclass
class _RowMatch:
    row: RowSpec
    block: BlockSpec
    start: int
    end: int


class _Binder:
    def __init__(self, paragraphs: Sequence[Paragraph], spec: TableSpec, path: str) -> None:
        self.spec, self.path = spec, path
        self.tokens = tokenize(paragraphs)
        groups = {_key(g) for b in spec.blocks for r in b.rows for g in r.groups}
        self._groups = [g for g in groups if g]
        self._rescue_words(self._all_label_keys())
        texts = [i for i, t in enumerate(self.tokens) if not t.value]
        self.full = _Text(self.tokens, texts)
        # The same text without fragments of the group labels, for a label that a vertical
        # group label's characters were interleaved into.
        self.clean = _Text(self.tokens, [i for i in texts if not self._noise(i)])

    def _all_label_keys(self) -> list[str]:
        labels: list[str] = [*self.spec.header_labels]
        for block in self.spec.blocks:
            labels.extend(x for x in (block.caption,) if x)
            for column in block.columns:
                labels.extend((column.label, *column.aliases, *((column.group,) if column.group else ())))
            for row in block.rows:
                labels.extend((row.label, *row.aliases, *row.groups))
        return [k for k in (_key(x) for x in labels) if k]

    def _rescue_words(self, labels: list[str]) -> None:
        """"无" next to "法提供" is label text, not a "无" cell."""
        for i, token in enumerate(self.tokens):
            if not (token.value and token.text in _WORDED):
                continue
            prev = next((t.key for t in reversed(self.tokens[:i]) if not t.value), "")
            after = next((t.key for t in self.tokens[i + 1 :] if not t.value), "")
            word = _key(token.text)
            if any((prev and prev[-2:] + word in k) or (after and word + after[:2] in k) for k in labels):
                token.value, token.key = False, word

    def _noise(self, i: int) -> bool:
        key = self.tokens[i].key
        return bool(key) and any(key in g for g in self._groups)

    def find(self, labels: Iterable[str], start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        for label in labels:
            key = _key(label)
            found = self.full.find(key, start, end) or self.clean.find(key, start, end)
            if found:
                return found
        return None

    # ---- rows and values ------------------------------------------------------------------------

    def bind(self) -> BoundTable | None:
        spec = self.spec
        anchors = [f for f in (self.find((x,)) for x in spec.header_labels) if f]
        captions: dict[str, tuple[int, int]] = {}
        cursor = 0
        for block in spec.blocks:
            found = self.find((block.caption,), cursor) if block.caption else None
            if found:
                captions[block.id] = found
                cursor = found[1] + 1
        anchors.extend(captions.values())
        start = min((a[0] for a in anchors), default=0)

        matches = self._find_rows(start, captions)
        missing_columns = self._missing_columns(captions)
        if not (anchors or matches or self._distinctive_column()):
            return None

        first = min([start, *(m.start for m in matches)]) if self.tokens else 0
        line = self.tokens[first].line if self.tokens else None
        table = BoundTable(id=spec.id, location=Location(self.path, line=line))
        table.missing_columns = missing_columns
        found_ids = {m.row.id for m in matches}
        table.missing_rows = [r.id for b in spec.blocks for r in b.rows if r.label and r.id not in found_ids]

        bounds = sorted([m.start for m in matches] + [c[0] for c in captions.values()])
        for match in matches:
            end = next((b for b in bounds if b > match.start), len(self.tokens))
            self._bind_row(table, match, self._row_values(match, end))
        for block in spec.blocks:
            for row in block.rows:
                if not row.label:
                    anchor = captions.get(block.id, (start, start))[1]
                    self._bind_row(table, _RowMatch(row, block, anchor, anchor), self._free_values(anchor, block))
        return table

    def _find_rows(self, start: int, captions: dict[str, tuple[int, int]]) -> list[_RowMatch]:
        matches: list[_RowMatch] = []
        cursor = start
        for block in self.spec.blocks:
            if block.id in captions:
                cursor = max(cursor, captions[block.id][1] + 1)
            for row in block.rows:
                if not row.label:
                    continue
                found = self.find((row.label, *row.aliases), cursor)
                if found:
                    matches.append(_RowMatch(row, block, *found))
                    cursor = found[1] + 1
        # Rows out of the template's order: anywhere after the table's start, on free text.
        found_ids = {m.row.id for m in matches}
        for block in self.spec.blocks:
            for row in block.rows:
                if not row.label or row.id in found_ids:
                    continue
                at = start
                while (found := self.find((row.label, *row.aliases), at)) is not None:
                    if not any(m.start <= found[1] and found[0] <= m.end for m in matches):
                        matches.append(_RowMatch(row, block, *found))
                        break
                    at = found[0] + 1
        return sorted(matches, key=lambda m: m.start)

    def _row_values(self, match: _RowMatch, end: int) -> list[_Token]:
        """Values from the label's start to ``end``: inside the label's span (printed before its
        wrapped rest), then the run after it. Text ends the run unless it is a group label's
        fragment; text before the first value is the label's unmatched rest (a shortened alias)."""
        values: list[_Token] = []
        for i in range(match.start + 1, end):
            token = self.tokens[i]
            if token.value:
                values.append(token)
            elif i > match.end and values and not self._noise(i):
                break
        return values

    def _free_values(self, anchor: int, block: BlockSpec) -> list[_Token]:
        """表四's unlabelled row: the first run of values after the header with a cell in each
        column (or, failing that, the longest run) — header text may hold stray numbers too."""
        runs: list[list[_Token]] = []
        current: list[_Token] = []
        for token in self.tokens[anchor:]:
            if token.value:
                current.append(token)
                continue
            if current:
                runs.append(current)
            current = []
        if current:
            runs.append(current)
        runs = [r for r in runs if any(not t.blank for t in r)]  # a pipe header row's empty cells
        full = [r for r in runs if len(r) >= len(block.columns)]
        if full:
            return full[0]
        return max(runs, key=len, default=[])

    def _bind_row(self, table: BoundTable, match: _RowMatch, values: list[_Token]) -> None:
        columns = match.block.columns
        # A "|"-joined row repeats or blanks a merged label cell before its values.
        while len(values) > len(columns) and values[0].blank:
            values = values[1:]
        line = values[0].line if values else self.tokens[match.start].line if self.tokens else None
        if len(values) < len(columns):
            table.problems.append(self._problem(match, values, len(columns), line, uncertain=False))
            return
        uncertain = len(values) > len(columns)
        if uncertain:
            table.problems.append(self._problem(match, values, len(columns), line, uncertain=True))
        for column, token in zip(columns, values):
            table.cells[(match.row.id, column.id)] = BoundCell(
                row=match.row.id,
                column=column.id,
                value=parse_cell(token.text, column.type, column.unit),
                location=Location(self.path, line=token.line),
                uncertain=uncertain,
            )

    def _problem(
        self, match: _RowMatch, values: list[_Token], expected: int, line: int | None, uncertain: bool
    ) -> Finding:
        name, label = self.spec.name, match.row.display
        where_zh = f"{name}“{label}”" if label else name
        where_en = f"{name} row \"{label}\"" if label else name
        found = " ".join(t.text or "（空）" for t in values) or "（无）"
        if uncertain:
            zh = f"{where_zh}（第{line}行）读到{len(values)}个数值（{found}），多于{expected}列；已取前{expected}个，结果不确定"
            en = (f"{where_en} (line {line}): {len(values)} values ({found}) for {expected} columns; "
                  f"the first {expected} were taken and are uncertain")
        else:
            zh = (f"{where_zh}（第{line}行）只读到{len(values)}个数值（{found}），应有{expected}个；"
                  "空白单元格可能被省略，无法确定各数值所属的列，未采用")
            en = (f"{where_en} (line {line}): {len(values)} values ({found}) for {expected} columns; "
                  "empty cells were probably dropped, so which column each value belongs to is "
                  "unknown and none were used")
        return Finding(
            rule="EXTRACT-row-values",
            kind="extract",
            severity=Severity.WARNING,
            message=Text(zh, en),
            path=self.path,
            location=Location(self.path, line=line),
            table=self.spec.name,
            row=match.row.display,
            uncertain=True,
        )

    # ---- columns ---------------------------------------------------------------------------------

    def _missing_columns(self, captions: dict[str, tuple[int, int]]) -> list[str]:
        """Columns whose header label is nowhere in the block's stretch (or the whole text)."""
        missing: list[str] = []
        spans = sorted(captions.values())
        for block in self.spec.blocks:
            lo, hi = 0, None
            if block.id in captions:
                lo = captions[block.id][0]
                hi = next((s[0] for s in spans if s[0] > lo), None)
            for column in block.columns:
                if self.find((column.label, *column.aliases), lo, hi) is None and column.id not in missing:
                    missing.append(column.id)
        return missing

    def _distinctive_column(self) -> bool:
        """A column label long enough not to turn up by chance in prose ("总计" and "其他" do)."""
        return any(
            len(_key(c.label)) >= 3 and self.find((c.label, *c.aliases)) is not None
            for b in self.spec.blocks
            for c in b.columns
        )


def bind_stream(paragraphs: Sequence[Paragraph], spec: TableSpec, path: str) -> BoundTable | None:
    """Bind ``spec`` onto the text lines of its region; None when none of its labels is there.

    ``paragraphs`` are the lines between the table's section heading and the next section
    heading. Cells get the line of their value; rows whose values cannot be placed with
    certainty are left out and reported in ``BoundTable.problems`` (``EXTRACT-row-values``).
    """
    return _Binder(paragraphs, spec, path).bind()
