"""An example report-check plugin: one rule kind, one rule pack, one output format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from checker import hookimpl
from checker.finding import Finding
from checker.formatters.base import Formatter, RunResult
from checker.packs.model import RuleSpec
from checker.report import Report
from checker.rulekinds.base import RuleKind


class MinLength(RuleKind):
    """A section's text must be at least ``min_chars`` characters long (after normalisation)."""

    name = "min_length"
    finding_kind = "section"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["section", "min_chars"],
        "additionalProperties": False,
        "properties": {"section": {"type": "string"}, "min_chars": {"type": "integer", "minimum": 1}},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        text = report.section_text(rule.params["section"])
        match = report.section(rule.params["section"])
        if text is None or match is None:
            return
        if len(text) < rule.params["min_chars"]:
            yield self.finding(
                report, rule, match.location, section=match.label, label=match.label,
                actual=str(len(text)), expected=str(rule.params["min_chars"]),
            )


class TsvFormatter(Formatter):
    name = "tsv"
    description = "one tab-separated line per finding (example plugin)"

    def write(self, run: RunResult) -> None:
        for result in run.files:
            for f in sorted(result.findings):
                self.stream.write("\t".join([f.path, f.rule, f.severity.value, f.message.get(self.lang)]) + "\n")


@hookimpl
def report_check_rule_kinds() -> list[type[RuleKind]]:
    return [MinLength]


@hookimpl
def report_check_rule_packs() -> list[Path]:
    return [Path(__file__).parent / "example-strict.yaml"]


@hookimpl
def report_check_formatters() -> list[type[Formatter]]:
    return [TsvFormatter]
