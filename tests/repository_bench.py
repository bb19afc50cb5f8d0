"""The generated reports repository (tests/fixtures/repository.py) as the repository rules see it.

Each report is rendered as text, checked once, and kept as its :class:`ReportSummary` under its
repository path (``reports/2021/yanhu-transport.txt``; the files are deleted at once: a summary
holds everything the rules read). A repository rule kind then runs on a :class:`Context` built in
memory, in microseconds, instead of a CLI run over a folder of reports (~1 s a test, ~25 s a
mutant of ``checker/rulekinds/repository.py``): ``tests/test_repository_kinds_units.py``, the
mutation selection of the repository kinds (``tools/mutate.py``). The CLI tests of
``tests/test_repository.py`` stay in the suite for the phase that builds the contexts.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from msgspec.structs import replace

from checker.engine import Engine, Settings
from checker.model import Location
from checker.repository.summary import ReportSummary
from tests.fixtures.content import ReportContent
from tests.fixtures.render_text import render_text
from tests.fixtures.repository import FILES, contents

Key = tuple[str, int]  # (agency "A" | "B", year)


@cache
def engine() -> Engine:
    return Engine(Settings())


def path_of(key: Key, suffix: str = ".txt") -> str:
    """The report's place in the repository, as text: ``reports/2021/yanhu-transport.txt``."""
    return str(Path(FILES[key][0]).with_suffix(suffix))


def summary_of(content: ReportContent, path: str) -> ReportSummary:
    """``content`` rendered as text, checked, and summarised under ``path`` (whatever its suffix)."""
    with tempfile.TemporaryDirectory() as tmp:
        result = engine().check_file(render_text(content, Path(tmp) / "report.txt"))
    assert result.summary is not None, [f.rule for f in result.findings]
    return repath(result.summary, path)


def repath(summary: ReportSummary, path: str) -> ReportSummary:
    """The summary of the same report at ``path`` (its cells, title and headings too)."""

    def moved(location: Location | None) -> Location | None:
        return replace(location, path=path) if location else None

    return replace(
        summary, path=path, title_location=moved(summary.title_location),
        sections={k: replace(v, path=path) for k, v in summary.sections.items()},
    )


@cache
def summaries(*breaks: str) -> dict[Key, ReportSummary]:
    """Every report of the repository with the named seeded breaks, by (agency, year)."""
    return {key: summary_of(content, path_of(key)) for key, content in contents(*breaks).items()}


def warm() -> None:
    """Build the sets the unit tests use (mutmut's fork server calls this once a run)."""
    for breaks in ((), ("X1",), ("C2",), ("C3",), ("C5",), ("W9-table",), ("W9-text",)):
        summaries(*breaks)
