"""Shared fixtures: the real corpus (../shared), the real packs, and a ready engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.engine import Engine, Settings
from checker.packs.model import TableSpec

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
PACKS = {"V2019": "gov-2019", "V2021": "gov-2021"}

_ENGINE: Engine | None = None


def default_engine() -> Engine:
    """One engine with the default settings, built once (loading packs is the slow part)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine(Settings())
    return _ENGINE


def load_table_specs(version: str) -> dict[str, TableSpec]:
    pack = default_engine().registry.load(PACKS[version])
    return {t.id: t for t in pack.tables}


@pytest.fixture
def table_specs() -> Callable[[str], dict[str, TableSpec]]:
    """``table_specs("V2019")["T3"]``: the real packs' table specs for a format version."""
    return load_table_specs


@pytest.fixture
def corpus() -> Path:
    return CORPUS


@pytest.fixture
def engine() -> Engine:
    return default_engine()
