"""A short, deterministic fuzz run per extractor (the long one: docs/reliability.md).

Hypothesis picks mutant numbers (``derandomize=True``: the same ones on every run and machine, no
example database) and shrinks a failure to the smallest case number that still fails; the case
number alone reproduces the input (``python -m tests.fuzz.run --format FMT --case N``).
``REPORT_CHECK_FUZZ_EXAMPLES`` raises the count per format (default 25).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import Engine, Settings
from tests.fuzz.harness import FORMATS, check

EXAMPLES = int(os.environ.get("REPORT_CHECK_FUZZ_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings())


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutants_never_crash_or_hang(fmt: str, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp(f"fuzz-{fmt}")

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(min_value=0, max_value=10**9))
    def one(case: int) -> None:
        check(engine, folder, fmt, case)

    one()


def test_mutants_are_reproducible() -> None:
    from tests.fuzz.harness import mutant, seeds

    for fmt in FORMATS:
        assert mutant(fmt, 7) == mutant(fmt, 7) and mutant(fmt, 7) not in seeds(fmt)
