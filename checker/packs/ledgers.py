"""Ledger tables: tables whose rows are not fixed by the template but keyed by a code or a label.

A financial statement lists only the subjects it uses (功能分类科目编码 208 → 20805 → 2080501),
prints several key/value column groups side by side ("收入 | 支出"), and repeats or drops its
header when it runs over pages. A :class:`LedgerSpec` describes such a table by what identifies it
(title aliases, a column signature) and how its rows are keyed; the named rows it lists are the
ones rules refer to by id. Nothing here knows any particular report family.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct


class LedgerColumn(Struct, frozen=True):
    id: str
    label: str  # the lowest header text of the column ("决算数", "预算数")
    aliases: tuple[str, ...] = ()
    within: tuple[str, ...] = ()  # one of these must be a header text above it ("合计", "小计")

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


class LedgerRow(Struct, frozen=True):
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


class LedgerSpec(Struct, frozen=True):
    id: str
    name: str  # the template's title, as findings name the table
    titles: tuple[str, ...]  # title aliases: a paragraph reading one of these introduces the table
    signature: tuple[str, ...]  # header texts the table must carry (all of them)
    columns: tuple[LedgerColumn, ...]
    rows: tuple[LedgerRow, ...] = ()
    label_columns: tuple[str, ...] = ()  # header of the column holding row labels ("科目名称", "项目")
    code_columns: tuple[str, ...] = ()  # header of a code column ("功能分类科目编码"), or 类/款/项 parts
    code_levels: tuple[int, ...] = (3, 5, 7)  # code lengths from the top level down
    band: int | None = None  # the n-th (1-based) key/value group of a side-by-side table; None: all
    no_data: str | None = None  # regex of the statement that says the table is empty on purpose
    blank_is_zero: bool = True
    unit: str | None = None

    def row(self, row_id: str) -> LedgerRow | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def column(self, column_id: str) -> LedgerColumn | None:
        return next((c for c in self.columns if c.id == column_id), None)


def parse_ledger(raw: dict[str, Any]) -> LedgerSpec:
    """A ledger from its (schema-validated) YAML mapping."""
    key = raw.get("key", {})
    return LedgerSpec(
        id=raw["id"],
        name=raw["name"],
        titles=tuple(raw.get("titles", (raw["name"],))),
        signature=tuple(raw.get("signature", ())),
        columns=tuple(
            LedgerColumn(c["id"], c["label"], tuple(c.get("aliases", ())), tuple(c.get("within", ())))
            for c in raw["columns"]
        ),
        rows=tuple(
            LedgerRow(r["id"], r["label"], tuple(r.get("aliases", ())), bool(r.get("required", False)))
            for r in raw.get("rows", ())
        ),
        label_columns=tuple(key.get("label", ())),
        code_columns=tuple(key.get("code", ())),
        code_levels=tuple(key.get("levels", (3, 5, 7))),
        band=raw.get("band"),
        no_data=raw.get("no_data"),
        blank_is_zero=raw.get("blank", "zero") == "zero",
        unit=raw.get("unit"),
    )
