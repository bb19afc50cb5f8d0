"""Findings and per-file results: the contract with everything downstream.

A :class:`Finding` is small, frozen and sortable (by path, then position). Its
:attr:`Finding.fingerprint` is built from the semantic location (rule, section, table, row, column),
never from a line or page, so re-paginating a report keeps a finding's identity. The JSON shape is
published as ``schemas/findings.schema.json``.
"""

from __future__ import annotations

import hashlib
from enum import Enum
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from checker.model import Location

if TYPE_CHECKING:
    from checker.repository.summary import ReportSummary


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"  # the file could not be read or checked


# The finding kinds of the contract; a plugin may add its own.
KINDS = ("section", "table", "cell", "sum", "equation", "closing", "date", "version", "extract", "repository", "copy", "prose")


class Text(Struct, frozen=True):
    """A user-facing text in both languages."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Operand(Struct, frozen=True):
    """One term of an arithmetic check, with the label the template gives it."""

    label: str
    value: str | None  # the number as printed in normal form, None when not numeric
    raw: str  # the cell's text as found
    kind: str  # a ValueKind value
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "value": self.value, "raw": self.raw}
        out["kind"] = self.kind
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out


class Related(Struct, frozen=True):
    """Another file's place a finding rests on: last year's report (X1, C2), the copied report (W9)."""

    path: str
    location: Location
    message: Text

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"path": self.path, "location": self.location.to_dict(), "message": self.message.get(lang)}


class Suppression(Struct, frozen=True):
    """Why a finding does not count: a waiver (with its reason) or the baseline."""

    kind: str  # "waiver" | "baseline"
    justification: str


class Finding(Struct, frozen=True):
    rule: str
    kind: str
    severity: Severity
    message: Text
    path: str
    location: Location
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    actual: str | None = None
    operands: tuple[Operand, ...] = ()
    uncertain: bool = False  # the extractor was unsure of a cell this finding rests on
    help: Text | None = None
    suppression: Suppression | None = None
    related: tuple[Related, ...] = ()  # the other report of a repository finding

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.location.sort_key(), self.rule, self.row or "", self.column or "")

    def __lt__(self, other: Finding) -> bool:
        return self.sort_key() < other.sort_key()

    @property
    def fingerprint(self) -> str:
        """Stable identity: rule and semantic location, not line or page."""
        parts = [self.rule, self.section or "", self.table or "", self.row or "", self.column or ""]
        if not (self.table or self.section):
            parts.append(self.message.en)  # file-level findings: the message is the identity
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "kind": self.kind,
            "severity": self.severity.value,
            "message": self.message.get(lang),
            "messages": {"zh": self.message.zh, "en": self.message.en},
            "path": self.path,
            "location": {
                **self.location.to_dict(),
                **{
                    k: v
                    for k, v in (
                        ("section", self.section),
                        ("table", self.table),
                        ("row", self.row),
                        ("column", self.column),
                    )
                    if v is not None
                },
            },
            "fingerprint": self.fingerprint,
        }
        if self.expected is not None or self.actual is not None:
            out["expected"] = self.expected
            out["actual"] = self.actual
        if self.operands:
            out["operands"] = [op.to_dict() for op in self.operands]
        if self.uncertain:
            out["uncertain"] = True
        if self.help is not None:
            out["help"] = self.help.get(lang)
        if self.related:
            out["related"] = [r.to_dict(lang) for r in self.related]
        if self.suppression is not None:
            out["suppression"] = {
                "kind": self.suppression.kind,
                "justification": self.suppression.justification,
            }
        return out


class FileResult(Struct):
    """Everything the run says about one input file."""

    path: str
    status: Status
    pack: str | None
    format: str | None
    findings: list[Finding] = field(default_factory=list)
    report_year: int | None = None
    version: str | None = None
    agency: str | None = None
    # What the repository rules need of the bound report (identity, table values, text shingles);
    # small and picklable, handed back by the per-file phase. Not part of the JSON output.
    summary: ReportSummary | None = None

    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status.value,
            "pack": self.pack,
            "format": self.format,
            "report_year": self.report_year,
            "version": self.version,
            "agency": self.agency,
            "findings": [f.to_dict(lang) for f in sorted(self.findings)],
        }
