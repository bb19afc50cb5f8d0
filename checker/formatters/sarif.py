"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Each finding becomes a ``result`` with the file (and its line, when the format has lines), the
page in ``properties``, a logical location "section › table › row › column", and
``partialFingerprints`` from the finding's semantic fingerprint, so a re-paginated report keeps its
findings' identities. Waived and baselined findings are ``suppressions`` with their justification.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.finding import Finding, Related, Severity
from checker.formatters.base import Formatter, RunResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/report-check/report-check"
FINGERPRINT_KEY = "reportCheck/semantic/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def logical_name(finding: Finding) -> str | None:
    """"section › table › row › column" from the parts the finding knows."""
    parts = [p for p in (finding.section, finding.table, finding.row, finding.column) if p]
    return " › ".join(parts) or None


def relative_path(path: str) -> str | None:
    """The path relative to the working directory (the checkout, in CI), or None if outside it."""
    try:
        return Path(path).resolve().relative_to(Path(os.getcwd()).resolve()).as_posix()
    except ValueError:
        return None


def artifact_uri(path: str) -> str:
    """A repository-relative URI when the file is under the working directory (code scanning
    resolves those against the checkout), else an absolute file URI. Percent-encoded: report names
    hold Chinese characters, spaces and ``#``, none of which may stand in a ``uri-reference``."""
    relative = relative_path(path)
    if relative is not None:
        return quote(relative, safe="/")
    return Path(path).resolve().as_uri()  # as_uri() percent-encodes already


def _text(value: object, lang: str) -> str | None:
    get = getattr(value, "get", None)
    return get(lang) if callable(get) and value is not None else None


def rule_descriptor(rule_id: str, spec: Any, lang: str) -> dict[str, Any]:
    """A reportingDescriptor: the rule's summary, help text and default severity."""
    descriptor: dict[str, Any] = {"id": rule_id}
    if spec is None:
        return descriptor
    summary = _text(getattr(spec, "summary", None), lang)
    help_text = _text(getattr(spec, "help", None), lang)
    if summary:
        descriptor["shortDescription"] = {"text": summary}
    if help_text:
        descriptor["fullDescription"] = {"text": help_text}
        descriptor["help"] = {"text": help_text}
    severity = getattr(spec, "severity", None)
    if isinstance(severity, Severity):
        descriptor["defaultConfiguration"] = {"level": LEVELS[severity]}
        descriptor["properties"] = {"severity": severity.value, "kind": getattr(spec, "kind", None)}
    return descriptor


def _related(index: int, related: Related, lang: str) -> dict[str, Any]:
    """A relatedLocation: the other report of a repository finding (last year's, the copied one)."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(related.path)}}
    if related.location.line is not None and related.location.line >= 1:
        physical["region"] = {"startLine": related.location.line}
    out: dict[str, Any] = {"id": index, "physicalLocation": physical, "message": {"text": related.message.get(lang)}}
    extra = {k: v for k, v in related.location.to_dict().items() if k not in ("path", "line")}
    if extra:
        out["properties"] = extra
    return out


def sarif_result(finding: Finding, rule_index: int, lang: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.path)}}
    # GitHub's ingestion requires a region with startLine >= 1 on every result; a PDF page, a DOCX
    # paragraph or a whole-file finding has no line, so it points at line 1 and the page and grid
    # position go in ``properties``.
    line = finding.location.line
    physical["region"] = {"startLine": line if line is not None and line >= 1 else 1}
    location: dict[str, Any] = {"physicalLocation": physical}
    name = logical_name(finding)
    if name:
        location["logicalLocations"] = [{"fullyQualifiedName": name}]
    properties: dict[str, Any] = {"severity": finding.severity.value, "kind": finding.kind}
    properties.update({k: v for k, v in finding.location.to_dict().items() if k not in ("path", "line")})
    for key in ("section", "table", "row", "column", "expected", "actual"):
        value = getattr(finding, key)
        if value is not None:
            properties[key] = value
    if finding.uncertain:
        properties["uncertain"] = True
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message.get(lang)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": properties,
    }
    if finding.related:
        result["relatedLocations"] = [_related(i, r, lang) for i, r in enumerate(finding.related)]
    if finding.suppression is not None:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": finding.suppression.justification,
                "properties": {"reportCheckKind": finding.suppression.kind},
            }
        ]
        if finding.suppression.kind == "baseline":
            result["baselineState"] = "unchanged"
    return result


def run_to_sarif(run: RunResult) -> dict[str, Any]:
    findings = [f for r in run.files for f in sorted(r.findings)]
    rule_ids = list(dict.fromkeys([*sorted(run.rule_help), *(f.rule for f in findings)]))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "report-check",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(r, run.rule_help.get(r), run.lang) for r in rule_ids],
                    }
                },
                "invocations": [{"executionSuccessful": True, "properties": {"failLevel": run.fail_level.value}}],
                "artifacts": [{"location": {"uri": artifact_uri(r.path)}} for r in run.files],
                "results": [sarif_result(f, index[f.rule], run.lang) for f in findings],
            }
        ],
    }


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning: github/codeql-action/upload-sarif)"

    def write(self, run: RunResult) -> None:
        json.dump(run_to_sarif(run), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
