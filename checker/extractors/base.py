"""What an extractor is, and the helpers every extractor shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from checker.finding import Finding, Severity, Text
from checker.model import Document, Location


@dataclass(frozen=True)
class Limits:
    """Resource limits an extractor must respect; hitting one is a finding, not a crash."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_uncompressed_bytes: int = 500 * 1024 * 1024  # zip bombs in DOCX
    # Enforced around the extractor by the executor that runs the file (not by the extractor):
    time_seconds: float = 30.0  # wall time per file
    memory_bytes: int = 1024 * 1024 * 1024  # address space of the worker process


class Extractor(Protocol):
    """Turns one file into a :class:`~checker.model.Document`.

    ``suffixes`` lists the lower-case file suffixes it takes (".txt"); ``accepts`` may look at the
    first bytes to decide for files with an unknown or misleading suffix. ``extract`` never raises
    for bad input: it returns a Document with ``unreadable=True`` and a problem finding instead.
    Heavy libraries are imported inside ``extract`` so that a text-only run never loads them.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    priority: ClassVar[int]

    def accepts(self, path: Path, head: bytes) -> bool: ...

    def extract(self, path: Path, limits: Limits) -> Document: ...


def extract_problem(
    path: str,
    rule: str,
    zh: str,
    en: str,
    severity: Severity = Severity.ERROR,
    location: Location | None = None,
) -> Finding:
    """An ``extract`` finding: the file, or part of it, could not be read as a report."""
    return Finding(
        rule=rule,
        kind="extract",
        severity=severity,
        message=Text(zh, en),
        path=path,
        location=location or Location(path),
    )


def unreadable(path: Path, fmt: str, rule: str, zh: str, en: str) -> Document:
    """A Document for a file that could not be read at all (status ``error``)."""
    doc = Document(path=str(path), format=fmt, unreadable=True)
    doc.problems.append(extract_problem(str(path), rule, zh, en))
    return doc
