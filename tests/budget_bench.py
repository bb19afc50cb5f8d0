"""One 部门决算 rule kind at a time on a bound real report, with cells and sentences edited in place.

The real reports (``../shared/corpus/budget``) are extracted and bound once per test session;
a :class:`Bench` edits that bound report (a cell's text, a paragraph's text, a table removed, an
attribute of a bound table), runs one rule's kind on it, and undoes every edit when the test ends.
A test then costs milliseconds instead of a whole check of the report, which keeps the mutation
testing of ``checker/rulekinds/amounts.py`` and ``frames.py`` short (``tools/mutate.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from checker.amounts import parse_amount
from checker.binding import bind
from checker.finding import Finding
from checker.model import Paragraph
from checker.packs.model import RuleSpec
from checker.report import Report
from checker.rulekinds.amounts import AmountIdentity, CodeHierarchy, Ledger, RowsMatch
from checker.rulekinds.base import RuleKind
from checker.rulekinds.frames import Frame, TextPattern
from tests.budget_seeds import PLANNING, SOCIAL, budget_engine, extracted

KINDS: dict[str, RuleKind] = {k.name: k for k in (Ledger(), AmountIdentity(), CodeHierarchy(), RowsMatch(), Frame(), TextPattern())}

Row = tuple[str, str | None, str | None, str | None, str | None, str | None, int | None]


@cache
def bound_report(path: Path) -> Report:
    document = extracted(path)
    engine = budget_engine()
    return bind(document, engine.pack_for(document, engine.registry.load("budget-final")))


def warm() -> None:
    """Bind both reports now (tests/conftest.py: once for a mutation-testing run of the rule kinds)."""
    for path in (PLANNING, SOCIAL):
        bound_report(path)


class Bench:
    """A bound real report to edit and check one rule on; :meth:`undo` puts it back."""

    def __init__(self, path: Path) -> None:
        self.report = bound_report(path)
        self._undo: list[Callable[[], None]] = []

    def rule(self, rule_id: str, params: dict[str, Any] | None = None, **changed: Any) -> RuleSpec:
        """The pack's rule, with its parameters replaced (``params``) or some of them changed."""
        spec = self.report.pack.rule(rule_id)
        assert spec is not None, rule_id
        if params is None and not changed:
            return spec
        return replace(spec, params={**(spec.params if params is None else params), **changed})

    def findings(self, rule: str | RuleSpec, report: Report | None = None, **changed: Any) -> list[Finding]:
        spec = self.rule(rule, **changed) if isinstance(rule, str) else replace(rule, params={**rule.params, **changed})
        return list(KINDS[spec.kind].check(report or self.report, spec))

    def rows(self, rule: str | RuleSpec, report: Report | None = None, **changed: Any) -> list[Row]:
        """Each finding as (rule, table, row, column, expected, actual, page)."""
        return [
            (f.rule, f.table, f.row, f.column, f.expected, f.actual, f.location.page)
            for f in self.findings(rule, report, **changed)
        ]

    def cell(self, ledger: str, row: str, column: str, text: str) -> None:
        """The cell printed as ``text`` (read as the binder reads it)."""
        bound = self.report.ledgers[ledger]
        entry = bound.rows[row]
        old = entry.cells[column]
        value = parse_amount(text, blank_is_zero=bound.spec.blank_is_zero, unit=bound.spec.unit)
        entry.cells[column] = replace(old, value=value)
        self._undo.append(lambda: entry.cells.__setitem__(column, old))

    def drop_cell(self, ledger: str, row: str, column: str) -> None:
        """A short row: the cell is not there at all (not blank)."""
        cells = self.report.ledgers[ledger].rows[row].cells
        old = cells.pop(column)
        self._undo.append(lambda: cells.__setitem__(column, old))

    def label(self, ledger: str, row: str, text: str) -> None:
        """The row's label as printed (an alias, a variant)."""
        entry = self.report.ledgers[ledger].rows[row]
        old = entry.label
        entry.label = text
        self._undo.append(lambda: setattr(entry, "label", old))

    def drop_row(self, ledger: str, row: str) -> None:
        rows = self.report.ledgers[ledger].rows
        before = dict(rows)
        del rows[row]
        self._undo.append(lambda: (rows.clear(), rows.update(before)))

    def drop_ledger(self, ledger: str) -> None:
        old = self.report.ledgers.pop(ledger)
        self._undo.append(lambda: self.report.ledgers.__setitem__(ledger, old))

    def set(self, ledger: str, **attributes: Any) -> None:
        """Attributes of a bound table (``statement``, ``title``, ``missing_columns``, ``location``)."""
        bound = self.report.ledgers[ledger]
        for name, value in attributes.items():
            old = getattr(bound, name)
            setattr(bound, name, value)
            self._undo.append(lambda name=name, old=old: setattr(bound, name, old))

    def text(self, old: str, new: str) -> None:
        """Replace ``old`` in the one paragraph that holds it."""
        blocks = self.report.document.blocks
        hits = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and old in b.text]
        assert len(hits) == 1, f"{old!r} is in {len(hits)} paragraphs"
        block = blocks[hits[0]]
        assert isinstance(block, Paragraph)
        blocks[hits[0]] = replace(block, text=block.text.replace(old, new))
        self._undo.append(lambda: blocks.__setitem__(hits[0], block))

    def undo(self) -> None:
        while self._undo:
            self._undo.pop()()
