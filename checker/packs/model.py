"""A loaded rule pack: the template (sections, tables) and the rules, as typed objects.

Built by ``checker.packs.loader`` from YAML that has already passed ``schemas/pack.schema.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from checker.finding import Severity, Text
from checker.values import CellType

if TYPE_CHECKING:  # the ledger model is imported by the packs that have ledgers (unpickling them)
    from checker.packs.ledgers import LedgerSpec


class SectionSpec(Struct, frozen=True):
    id: str
    label: str  # "一、总体情况"
    aliases: tuple[str, ...] = ()


class ColumnSpec(Struct, frozen=True):
    id: str  # unique in its block; "review.upheld" for grouped columns
    label: str  # "结果维持"
    group: str | None = None  # the header above it: "行政复议", "法人或其他组织"
    aliases: tuple[str, ...] = ()
    type: CellType = CellType.COUNT
    unit: str | None = None

    @property
    def display(self) -> str:
        """The template's own wording, as findings name the column."""
        return f"{self.group} / {self.label}" if self.group and self.id.count(".") else self.label


class RowSpec(Struct, frozen=True):
    id: str
    label: str  # "1.属于国家秘密"; "" for a table without row labels (表四)
    groups: tuple[str, ...] = ()  # enclosing label cells, outermost first: ("三、本年度办理结果", "（三）不予公开")
    aliases: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        inner = [g for g in self.groups if not g.startswith(("三、",))]
        return " / ".join([*inner, self.label]) if inner else self.label


class BlockSpec(Struct, frozen=True):
    """A run of rows sharing one header: 表二 has one per 第二十条 item, 表三 and 表四 one each."""

    id: str
    caption: str | None
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    def column(self, column_id: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def row(self, row_id: str) -> RowSpec | None:
        return next((r for r in self.rows if r.id == row_id), None)


class TableSpec(Struct, frozen=True):
    id: str  # "T3"
    name: str  # "表三"
    section: str  # section id it sits under
    blocks: tuple[BlockSpec, ...]
    header_labels: tuple[str, ...] = ()  # extra header texts that identify the table ("申请人情况")
    foreign_labels: tuple[str, ...] = ()  # the other format version's labels (W12)

    def block_of_row(self, row_id: str) -> BlockSpec | None:
        return next((b for b in self.blocks if b.row(row_id)), None)


class ExpectedFinding(Struct, frozen=True):
    """A finding a worked example adds, by its rule and location labels (None: the finding has no
    such label). ``rule`` None is the example's own rule."""

    rule: str | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    actual: str | None = None
    line: int | None = None  # compared only when given: for a finding without labels


class Example(Struct, frozen=True):
    """A worked example of a rule: exact text edits on a base report, and whether the result passes.

    ``base`` names the report the edits apply to: ``seed`` is the real seed report (运城市交通运输局
    2020, 2019 format); ``seed-2021`` is the same report rewritten in the 2021 format;
    ``huaian-md`` is the huaian 2024 figures as a Markdown report with pipe tables (see
    ``tests/seeded.py``); ``budget-md`` is the real 部门决算 of 规划资源局 2024 as Markdown
    (``tests/budget_seeds.py``). The examples are test cases: ``tests/test_rule_examples.py`` runs them all.
    """

    name: str
    passes: bool
    edits: tuple[tuple[str, str], ...]
    note: Text | None = None
    base: str = "seed"
    # A repository rule's example: the year-before report it is checked with (base, edits).
    previous: tuple[str, tuple[tuple[str, str], ...]] | None = None
    # every finding the edits add to the base report's (a failing example); None: not declared
    findings: tuple[ExpectedFinding, ...] | None = None


class Explain(Struct, frozen=True):
    """Why a rule exists (the regulation article or format section) and its worked examples."""

    basis: Text | None = None
    examples: tuple[Example, ...] = ()


class RuleSpec(Struct, frozen=True):
    id: str
    kind: str
    severity: Severity
    message: Text
    help: Text | None
    summary: Text | None
    params: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    explain: Explain | None = None


class Pack(Struct):
    name: str
    path: str
    version: str | None  # "V2019" / "V2021"
    years: tuple[int | None, int | None]  # report years this pack is for (inclusive; None open)
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    rules: tuple[RuleSpec, ...]
    params: dict[str, Any] = field(default_factory=dict)
    title_pattern: str | None = None
    select: tuple[tuple[int | None, int | None, str], ...] = ()  # a selector pack: (from, to, pack)
    description: Text | None = None
    ledgers: tuple[LedgerSpec, ...] = ()  # tables keyed by code or label (checker.packs.ledgers)

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def rule(self, rule_id: str) -> RuleSpec | None:
        return next((r for r in self.rules if r.id == rule_id), None)
