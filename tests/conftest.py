"""Shared fixtures: the real corpus (../shared), the real packs, and a ready engine."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.binding import sections
from checker.engine import Engine, Settings
from checker.normalize import norm
from checker.packs.model import TableSpec
from checker.rulekinds import prose
from checker.values import parse_cell

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


@pytest.fixture(autouse=True)
def _fresh_memos() -> None:
    """The memoised helpers start empty in every test, so a test sees what the code computes now:
    mutation testing (tools/mutate.py) switches a function's body between tests of one process."""
    parse_cell.cache_clear()
    norm.cache_clear()
    sections._body.cache_clear()
    prose._tail.cache_clear()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Mutation testing: mutmut 3.8 collects the test selection once in a fork server and forks it
    for every mutant, so what is read here is read once a run instead of once a mutant. The
    部门决算 PDFs (tests/budget_seeds.py) are then extracted here: a mutant run of that family's
    modules costs the tests alone. Extraction is none of the mutated modules' work (rule kinds,
    binding), and mutmut sets MUTANT_UNDER_TEST only in its own runs."""
    seeds = sys.modules.get("tests.budget_seeds")
    if "MUTANT_UNDER_TEST" in os.environ and seeds is not None:
        seeds.warm()
    # The reports bound once for tests/budget_bench.py (the rule kinds' unit tests), unless the
    # run mutates the binders: their mutants must reach the binding (mutmut's settings in the cwd).
    bench = sys.modules.get("tests.budget_bench")
    settings = Path("pyproject.toml")
    if "MUTANT_UNDER_TEST" in os.environ and bench is not None and settings.exists() and "checker/binding" not in settings.read_text():
        bench.warm()
    # The generated repository's summaries for the repository kinds' unit tests (rendering and
    # checking its reports is none of those kinds' work).
    repository = sys.modules.get("tests.repository_bench")
    if "MUTANT_UNDER_TEST" in os.environ and repository is not None:
        repository.warm()


# The 部门决算 benches (tests/budget_bench.py): a real report bound once, edited in place, undone.
@pytest.fixture
def planning() -> Iterator[Any]:
    from tests.budget_bench import Bench
    from tests.budget_seeds import PLANNING

    bench = Bench(PLANNING)
    yield bench
    bench.undo()


@pytest.fixture
def social() -> Iterator[Any]:
    from tests.budget_bench import Bench
    from tests.budget_seeds import SOCIAL

    bench = Bench(SOCIAL)
    yield bench
    bench.undo()
