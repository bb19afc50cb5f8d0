"""Shared fixtures: the real corpus (../shared) and the real packs' table specs.

``table_specs`` builds TableSpecs straight from rules/*.yaml with pyyaml. It is a stand-in until
the pack loader (checker.packs.loader) lands; it follows the same reading of the YAML: a version
pack extends gov-base, a table without ``blocks`` is one block with the table's id, a row tagged
``only: V2019`` exists only in that version, a column's type defaults to the table's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

# The shape generators' helpers assert too: give them pytest's assertion messages.
pytest.register_assert_rewrite("stream_shapes")

from checker.packs.model import BlockSpec, ColumnSpec, RowSpec, TableSpec
from checker.values import CellType

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
PACK_FILES = {"V2019": "gov-2019.yaml", "V2021": "gov-2021.yaml"}


def _table(raw: dict[str, Any], version: str) -> TableSpec:
    default_type = CellType(raw.get("type", "count"))
    blocks = raw.get("blocks") or [
        {"id": raw["id"], "columns": raw["columns"], "rows": raw["rows"]}
    ]
    built = []
    for b in blocks:
        columns = tuple(
            ColumnSpec(
                c["id"],
                c["label"],
                c.get("group"),
                tuple(c.get("aliases", ())),
                CellType(c.get("type", default_type.value)),
                c.get("unit"),
            )
            for c in b["columns"]
        )
        rows = tuple(
            RowSpec(r["id"], r["label"], tuple(r.get("groups", ())), tuple(r.get("aliases", ())))
            for r in b["rows"]
            if r.get("only") in (None, version)
        )
        built.append(BlockSpec(b["id"], b.get("caption"), columns, rows))
    return TableSpec(
        raw["id"], raw["name"], raw["section"], tuple(built), tuple(raw.get("header_labels", ()))
    )


def _tables_of(name: str) -> list[dict[str, Any]]:
    """The ``tables:`` key of a pack file, parsed on its own.

    Only that key is read, so a problem elsewhere in the pack (its rules' messages) does not
    stop the binding tests; validating whole packs is the loader's tests' job.
    """
    text = (ROOT / "rules" / name).read_text(encoding="utf-8")
    match = re.search(r"^tables:\n(?:(?:[ #].*)?\n)*", text, re.MULTILINE)
    return yaml.safe_load(match.group(0))["tables"] if match else []


def load_table_specs(version: str) -> dict[str, TableSpec]:
    tables = [*_tables_of("gov-base.yaml"), *_tables_of(PACK_FILES[version])]
    return {t["id"]: _table(t, version) for t in tables}


@pytest.fixture
def table_specs() -> Callable[[str], dict[str, TableSpec]]:
    """``table_specs("V2019")["T3"]``: the real packs' table specs for a format version."""
    return load_table_specs


@pytest.fixture
def corpus() -> Path:
    return CORPUS
