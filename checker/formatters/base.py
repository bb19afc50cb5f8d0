"""What an output format is. Formatters are small classes in a registry keyed by ``name``."""

from __future__ import annotations

from typing import Any, ClassVar, TextIO

from msgspec import Struct, field

from checker.finding import FileResult, Severity, Status


class RunResult(Struct):
    """Everything one run reports: the files, and what made the run fail."""

    files: list[FileResult]
    fail_level: Severity = Severity.ERROR
    lang: str = "en"
    rule_help: dict[str, Any] = field(default_factory=dict)  # rule id → RuleSpec, for SARIF/JUnit
    pack_rules: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pack name → its rule ids (JUnit)
    engine: Any = None  # the run's Engine: the HTML report re-reads files

    def counts(self) -> dict[str, dict[str, int]]:
        """{"files": {pass, fail, error}, "findings": {error, warning, info, suppressed}}."""
        files = {s.value: 0 for s in Status}
        findings = {s.value: 0 for s in Severity} | {"suppressed": 0}
        for result in self.files:
            files[result.status.value] += 1
            for finding in result.findings:
                key = "suppressed" if finding.suppression is not None else finding.severity.value
                findings[key] += 1
        return {"files": files, "findings": findings}

    @property
    def failed(self) -> bool:
        return any(r.status is not Status.PASS for r in self.files)


class Formatter:
    """Writes a :class:`RunResult` to a stream. Subclasses set ``name`` and implement ``write``."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(self, stream: TextIO, lang: str = "en") -> None:
        self.stream = stream
        self.lang = lang

    def write(self, run: RunResult) -> None:
        raise NotImplementedError
