"""Binding a template table onto a run of text lines (text taken out of a PDF or a web page).

Such text has no grid: a row's label may be broken over several lines, its values may come
before the rest of a wrapped label, a vertical group label ("三、本年度办理结果") arrives a
character or two per line between other rows, and empty cells may be dropped. So the lines are
read as one token stream: label text is matched on the concatenation of the text tokens (values
taken out), and a row's values are the value tokens from its label's start up to the next label.
Values are placed in column order, so a row is bound with certainty only when it shows exactly
as many values as its block has columns; a row showing fewer (empty cells dropped) is reported
instead of guessed. In text laid out with spaces, a row printed over several lines is put in
column order by where its values stand (:mod:`checker.binding.layout`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec import Struct
from msgspec.structs import replace

from checker.binding.labels import near, unique
from checker.binding.layout import column_offsets, in_column_order, spans_lines, whole
from checker.binding.tokens import WORDED, TextIndex, Token, canonical, tokenize
from checker.finding import Finding, Severity, Text
from checker.model import Location, Paragraph
from checker.packs.model import BlockSpec, RowSpec, TableSpec
from checker.report import BoundCell, BoundTable, LabelVariant
from checker.values import parse_cell

# Labels at least this long are specific to the table: shorter ones ("规章", "行政许可") turn up
# in prose, so they neither prove that the table is there nor are near-matched.
LONG_LABEL = 6
# How far apart the characters of a column label may be printed in a header (see
# TextIndex.find_scattered): about one header row of 表三's or 表四's text.
HEADER_GAP = 30
# Rows showing more values than their block has columns, from which a table's text is taken to be
# out of reading order: values of several rows ran together (pdftotext's default mode over a PDF
# table, which reads a row's vertically centred total, or a column, before the row's label).
SCRAMBLED_ROWS = 2


class _RowMatch(Struct):
    row: RowSpec
    block: BlockSpec
    start: int
    end: int
    fuzzy: bool = False  # found by similarity: the label is misspelt


class _Binder:
    def __init__(self, paragraphs: Sequence[Paragraph], spec: TableSpec, path: str) -> None:
        self.spec, self.path = spec, path
        self.tokens = tokenize(paragraphs)
        groups = {canonical(g) for b in spec.blocks for r in b.rows for g in r.groups}
        self._groups = [g for g in groups if g]
        self._rescue_words(self._all_label_keys())
        texts = [i for i, t in enumerate(self.tokens) if not t.value]
        self.full = TextIndex(self.tokens, texts)
        # The same text without fragments of the group labels, for a label that a vertical
        # group label's characters were interleaved into.
        self.clean = TextIndex(self.tokens, [i for i in texts if not self._noise(i)])

    def _all_label_keys(self) -> list[str]:
        labels: list[str] = [*self.spec.header_labels]
        for block in self.spec.blocks:
            labels.extend(x for x in (block.caption,) if x)
            for column in block.columns:
                labels.extend(
                    (column.label, *column.aliases, *((column.group,) if column.group else ()))
                )
            for row in block.rows:
                labels.extend((row.label, *row.aliases, *row.groups))
        return [k for k in (canonical(x) for x in labels) if k]

    def _rescue_words(self, labels: list[str]) -> None:
        """A worded cell ("无") that spells a label with its neighbours ("法提供") is label text."""
        for i, token in enumerate(self.tokens):
            if not (token.value and token.text in WORDED):
                continue
            prev = self.tokens[i - 1].key if i > 0 else ""
            after = self.tokens[i + 1].key if i + 1 < len(self.tokens) else ""
            word = canonical(token.text)
            if any(
                (prev and prev[-2:] + word in k) or (after and word + after[:2] in k)
                for k in labels
            ):
                token.value, token.key = False, word

    def _noise(self, i: int) -> bool:
        key = self.tokens[i].key
        return bool(key) and any(key in g for g in self._groups)

    def find(
        self, labels: Iterable[str], start: int = 0, end: int | None = None
    ) -> tuple[int, int] | None:
        for label in labels:
            key = canonical(label)
            found = self.full.find(key, start, end) or self.clean.find(key, start, end)
            if found:
                return found
        return None

    # ---- rows and values ------------------------------------------------------------------------

    def bind(self) -> BoundTable | None:
        spec = self.spec
        if not self.tokens:
            return None
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
        first = min([*(a[0] for a in anchors), *(m.start for m in matches)], default=0)
        table = BoundTable(id=spec.id, location=Location(self.path, line=self.tokens[first].line))
        found_ids = {m.row.id for m in matches}
        table.missing_rows = [
            r.id for b in spec.blocks for r in b.rows if r.label and r.id not in found_ids
        ]

        bounds = sorted([m.start for m in matches] + [c[0] for c in captions.values()])
        header_ends: dict[str, int] = {}  # block id → where its header text ends
        rows: list[tuple[_RowMatch, list[Token]]] = []
        overfull = 0
        for match in matches:
            end = next((b for b in bounds if b > match.start), len(self.tokens))
            values = self._row_values(match, end)
            if len(values) < len(match.block.columns):
                values = self._worded_row(match, end) or values
            rows.append((match, values))
        for k, (match, read) in enumerate(rows):
            if match.fuzzy:
                label_text = "".join(t.text for t in self.tokens[match.start : match.end + 1] if not t.value)
                where = Location(self.path, line=self.tokens[match.start].line)
                table.variants.append(LabelVariant("row", match.row.id, label_text, where))
            values, doubt = read, False
            short = 0 < len(read) < len(match.block.columns)
            if (short or spans_lines(read)) and (offsets := self._laid_out(rows, k)) is not None:
                # Text laid out with spaces: a row printed over lines, or with empty cells, goes
                # by where its values stand; a row printed over lines that fits no column is bound
                # as read, in doubt (a short one is reported as before).
                ordered = in_column_order(read, offsets)
                values, doubt = (ordered, False) if ordered is not None else (read, not short)
            overfull += self._bind_row(table, match, values, doubt)
            block_id = match.block.id
            header_ends[block_id] = min(match.start, header_ends.get(block_id, match.start))
        for block in spec.blocks:
            for row in block.rows:
                if not row.label:  # 表四: one row of values under the header
                    anchor = captions.get(block.id, (start, start))[1]
                    values, run_start = self._free_values(anchor, block)
                    self._bind_row(table, _RowMatch(row, block, anchor, anchor), values)
                    if values:
                        header_ends.setdefault(block.id, run_start)
        if overfull >= SCRAMBLED_ROWS:
            # Out of reading order, a row's values may be another row's even where their count
            # fits: no cell is certain, nor is a row label not found (it may be split around
            # other rows' text).
            self._scramble(table)
        table.missing_columns = self._missing_columns(start, captions, header_ends)
        # Prose names rows and columns too ("其中自然人4件、法人或其他组织1件", "行政许可3项"):
        # a table published as an image must read as missing, not as a table with no rows.
        # Only long row labels count as evidence ("一、本年新收政府信息公开申请数量", not "规章").
        long = [r for b in spec.blocks for r in b.rows if len(canonical(r.label)) >= LONG_LABEL]
        long_found = sum(1 for m in matches if m.row in long)
        if not (captions or long_found >= min(2, len(long)) > 0 or self._header_read(table)):
            return None
        # Values go by order, the header only confirms the table: a column whose values were
        # read is there, whatever became of its header label in the text (misspelt, cut,
        # scattered). Only a column without values is missing. Its header is reported unread
        # where the block's other headers were read (drift); a block with none read (no header
        # in the text) says nothing per column.
        with_values = {column for _, column in table.cells}
        missing = table.missing_columns
        for block in spec.blocks:
            ids = [c.id for c in block.columns]
            if any(i not in missing for i in ids):
                table.unread_headers.extend(i for i in ids if i in missing and i in with_values)
        table.missing_columns = [c for c in missing if c not in with_values]
        last = max((m.end for m in matches), default=None)
        if last is not None and any(self._stands_after(c, last) for c in table.missing_columns):
            # A header label on a line of its own below every row: the text runs column by
            # column (a browser's PDF through pdftotext), so its values are not the rows' either.
            self._scramble(table)
        return table

    def _scramble(self, table: BoundTable) -> None:
        if table.scrambled:
            return
        table.scrambled = True
        table.cells = {key: replace(cell, uncertain=True) for key, cell in table.cells.items()}
        name = self.spec.name
        table.problems.append(Finding(
            rule="EXTRACT-text-order",
            kind="extract",
            severity=Severity.WARNING,
            message=Text(
                f"{name}的文字不是按阅读顺序排列的（例如不带 -layout 的 pdftotext 从PDF取出的文字）："
                "其数值与行列的对应无法确定，缺行和计算问题只作提示；请检查PDF原件或用 pdftotext -layout 取出的文字",
                f"{name}'s text is not in reading order (as pdftotext without -layout takes a PDF's text): "
                "which value is in which row and column cannot be told, so its missing rows and sums only "
                "warn; check the PDF itself, or its text taken with pdftotext -layout",
            ),
            path=self.path,
            location=table.location,
            table=name,
            uncertain=True,
        ))

    def _stands_after(self, column_id: str, after: int) -> bool:
        """Whether a label of column ``column_id`` is a whole line of the text after token ``after``."""
        column = next(c for b in self.spec.blocks for c in b.columns if c.id == column_id)
        labels = {canonical(x) for x in (column.label, *column.aliases)}
        by_line: dict[int | None, list[Token]] = {}
        for token in self.tokens[after + 1 :]:
            by_line.setdefault(token.line, []).append(token)
        return any(
            not any(t.value for t in line) and "".join(t.key for t in line) in labels
            for line in by_line.values()
        )

    @staticmethod
    def _laid_out(rows: list[tuple[_RowMatch, list[Token]]], k: int) -> list[float] | None:
        """The column offsets of laid-out text around row ``k``: from the nearest rows of its
        block printed whole on one line, one before it and one after (or two on one side)."""
        block = rows[k][0].block
        n = len(block.columns)
        before = [v for m, v in reversed(rows[:k]) if m.block is block and whole(v, n)]
        after = [v for m, v in rows[k + 1 :] if m.block is block and whole(v, n)]
        near = [*before[:1], *after[:1]] if before and after else (before or after)[:2]
        return column_offsets(near, n)

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
                    if not self._overlaps(found, matches):
                        matches.append(_RowMatch(row, block, *found))
                        break
                    at = found[0] + 1
        self._fuzzy_rows(matches, start)
        return sorted(matches, key=lambda m: m.start)

    @staticmethod
    def _overlaps(span: tuple[int, int], matches: list[_RowMatch]) -> bool:
        return any(m.start <= span[1] and span[0] <= m.end for m in matches)

    def _fuzzy_rows(self, matches: list[_RowMatch], start: int) -> None:
        """Misspelt labels ("属于三类内容事务信息"): near-misses (see ``checker.binding.labels``),
        sought only between the neighbouring rows that were found, and taken only when no other
        label of the table is as close."""
        order = [(b, r) for b in self.spec.blocks for r in b.rows if r.label]
        keys = {r.id: [canonical(x) for x in (r.label, *r.aliases)] for _, r in order}
        for k, (block, row) in enumerate(order):
            by_id = {m.row.id: m for m in matches}
            key = canonical(row.label)
            if row.id in by_id or len(key) < LONG_LABEL:
                continue
            before = [by_id[r.id].end for _, r in order[:k] if r.id in by_id]
            after = [by_id[r.id].start for _, r in order[k + 1 :] if r.id in by_id]
            lo, hi = max(before, default=start - 1) + 1, min(after, default=len(self.tokens))
            texts = [i for i in range(lo, hi) if not self.tokens[i].value and not self._noise(i)]
            others = [x for other, xs in keys.items() if other != row.id for x in xs]
            best: tuple[int, int, int] | None = None
            for a, first in enumerate(texts):
                joined = ""
                for last in texts[a:]:
                    joined += self.tokens[last].key
                    if len(joined) > 1.5 * len(key):
                        break
                    d = near(joined, keys[row.id])
                    if d is not None and (best is None or d < best[0]) and unique(joined, d, others):
                        best = (d, first, last)
            if best and not self._overlaps(best[1:], matches):
                matches.append(_RowMatch(row, block, best[1], best[2], fuzzy=True))

    def _row_values(self, match: _RowMatch, end: int) -> list[Token]:
        """Values from the label's start to ``end``: inside the label's span (printed before its
        wrapped rest), then the run after it. Text ends the run unless it is a group label's
        fragment; text before the first value is the label's unmatched rest (a shortened alias)."""
        values: list[Token] = []
        for i in range(match.start + 1, end):
            token = self.tokens[i]
            if token.value:
                values.append(token)
            elif i > match.end and values and not self._noise(i):
                break
        return values

    def _worded_row(self, match: _RowMatch, end: int) -> list[Token] | None:
        """A row printed on one line with a word among its numbers ("（一）予以公开 若干 0 0 0 0
        0 0"): when the words after the label are exactly one per column, the word is that
        column's cell (and the cell rules report it), not a stray to drop. Only a whole row on
        the label's own line counts, with at least one number when there are several columns."""
        if not self.tokens:
            return None
        line = self.tokens[match.end].line
        after = self.tokens[match.end + 1 : end]
        n = len(match.block.columns)
        if len(after) != n or any(t.line != line or (not t.value and self._noise(i)) for i, t in
                                  enumerate(after, match.end + 1)):
            return None
        if n > 1 and not any(t.value and not t.blank for t in after):
            return None
        return list(after)

    def _free_values(self, anchor: int, block: BlockSpec) -> tuple[list[Token], int]:
        """表四's unlabelled row, and where it starts: the first run of values after the header
        with a cell for each column (or, failing that, the longest run), since prose and header
        text may hold stray numbers too."""
        runs: list[tuple[list[Token], int]] = []
        current: list[Token] = []
        for i in range(anchor, len(self.tokens)):
            token = self.tokens[i]
            if token.value:
                if not current:
                    runs.append((current, i))
                current.append(token)
            else:
                current = []
        # A pipe header row's empty cells are no row of values.
        runs = [r for r in runs if any(not t.blank for t in r[0])]
        full = [r for r in runs if len(r[0]) >= len(block.columns)]
        if full:
            return full[0]
        return max(runs, key=lambda r: len(r[0]), default=([], len(self.tokens)))

    def _bind_row(self, table: BoundTable, match: _RowMatch, values: list[Token], doubt: bool = False) -> bool:
        """Bind one row's values to its columns; whether the row showed more values than columns."""
        columns = match.block.columns
        # A "|"-joined row repeats or blanks a merged label cell before its values.
        while len(values) > len(columns) and values[0].blank:
            values = values[1:]
        # A whole row on one line is complete: a number on a later line (a bare page number,
        # prose after the table) is not an extra cell of it.
        n = len(columns)
        if len(values) > n and values[0].line == values[n - 1].line != values[n].line:
            values = values[:n]
        line = values[0].line if values else self.tokens[match.start].line if self.tokens else None
        if len(values) < len(columns):
            table.problems.append(self._problem(match, values, len(columns), line, uncertain=False))
            return False
        overfull = len(values) > len(columns)
        if overfull:
            table.problems.append(self._problem(match, values, len(columns), line, uncertain=True))
        for column, token in zip(columns, values):
            table.cells[(match.row.id, column.id)] = BoundCell(
                row=match.row.id,
                column=column.id,
                value=parse_cell(token.text, column.type, column.unit),
                location=Location(self.path, line=token.line),
                uncertain=doubt or overfull,
            )
        return overfull

    def _problem(
        self,
        match: _RowMatch,
        values: list[Token],
        expected: int,
        line: int | None,
        uncertain: bool,
    ) -> Finding:
        name, label = self.spec.name, match.row.display
        where_zh = f"{name}“{label}”" if label else name
        where_en = f'{name} row "{label}"' if label else name
        found = " ".join(t.text or "（空）" for t in values) or "（无）"
        if uncertain:
            zh = f"{where_zh}（第{line}行）读到{len(values)}个数值（{found}），多于{expected}列；已取前{expected}个，结果不确定"
            en = (
                f"{where_en} (line {line}): {len(values)} values ({found}) for {expected} columns; "
                f"the first {expected} were taken and are uncertain"
            )
        else:
            zh = (
                f"{where_zh}（第{line}行）只读到{len(values)}个数值（{found}），应有{expected}个；"
                "空白单元格可能被省略，无法确定各数值所属的列，未采用"
            )
            en = (
                f"{where_en} (line {line}): {len(values)} values ({found}) for {expected} columns; "
                "empty cells were probably dropped, so which column each value belongs to is "
                "unknown and none were used"
            )
        return Finding(
            rule="EXTRACT-row-values",
            kind="extract",
            severity=Severity.WARNING,
            message=Text(zh, en),
            path=self.path,
            location=Location(self.path, line=line),
            table=self.spec.name,
            row=match.row.display or None,
            uncertain=True,
        )

    # ---- columns ---------------------------------------------------------------------------------

    def _missing_columns(
        self, start: int, captions: dict[str, tuple[int, int]], header_ends: dict[str, int]
    ) -> list[str]:
        """Columns whose header label cannot be read: not in the block's stretch of text, and
        not scattered over its header either (labels of neighbouring columns interleaved)."""
        missing: list[str] = []
        spans = sorted(captions.values())
        for block in self.spec.blocks:
            lo, hi = 0, None
            if block.id in captions:
                lo = captions[block.id][0]
                hi = next((s[0] for s in spans if s[0] > lo), None)
            # Scattered characters are looked for only in a header known to end (at the first
            # row): over open prose they would turn up by chance.
            head_lo = lo if block.id in captions else start
            head_hi = header_ends.get(block.id)
            for column in block.columns:
                labels = [canonical(x) for x in (column.label, *column.aliases)]
                # Before the first row: row labels hold column words too ("2.其他…", "（七）总计").
                if self.find(labels, lo, head_hi if head_hi is not None else hi) is not None:
                    continue
                if head_hi is not None and any(
                    self.full.find_scattered(x, head_lo, head_hi, HEADER_GAP) for x in labels
                ):
                    continue
                if column.id not in missing:
                    missing.append(column.id)
        return missing

    def _header_read(self, table: BoundTable) -> bool:
        """Most of the header's distinct labels were read (表四: 结果维持, 结果纠正, …)."""
        labels = {canonical(c.label) for b in self.spec.blocks for c in b.columns}
        found = {
            canonical(c.label)
            for b in self.spec.blocks
            for c in b.columns
            if c.id not in table.missing_columns
        }
        return len(found) >= max(2, (len(labels) + 1) // 2)


def bind_stream(paragraphs: Sequence[Paragraph], spec: TableSpec, path: str) -> BoundTable | None:
    """Bind ``spec`` onto the text lines of its region, or None when the table is not there.

    ``paragraphs`` are the lines between the table's section heading and the next section
    heading. The table is there when a block caption is found, or two of its long row labels,
    or most of its header's labels; prose that merely names a row or a column is not a table.
    Cells get the line of their value. A row showing fewer values than its block has columns
    is left out and reported in ``BoundTable.problems`` (``EXTRACT-row-values``, a warning);
    one showing more is bound from its first values, cells marked ``uncertain``, and reported.
    Rows not found are ``missing_rows``; columns whose header label cannot be read at all are
    ``missing_columns`` (headers only confirm the table: values are placed by order).
    """
    return _Binder(paragraphs, spec, path).bind()
