"""JUnit XML (GitLab, Jenkins, Azure DevOps): one test suite per file, one test case per rule.

A file's test cases are the rules of the pack that checked it, plus any other rule that reported
on it (extraction problems). A case fails when it has a finding at or above the fail level that is
not waived or baselined; a file that could not be read is an ``<error>``. Findings below the fail
level and suppressed findings are listed in the case's ``<system-out>``. Written with
``xml.etree`` (the format is small; no dependency needed).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.finding import FileResult, Finding, Status
from checker.formatters.base import Formatter, RunResult
from checker.formatters.text import finding_line


def _summary(rule_id: str, run: RunResult) -> str:
    spec = run.rule_help.get(rule_id)
    summary = getattr(spec, "summary", None)
    return f"{rule_id}: {summary.get(run.lang)}" if summary is not None else rule_id


def file_suite(result: FileResult, run: RunResult) -> ET.Element:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in sorted(result.findings):
        by_rule[finding.rule].append(finding)
    rules = list(dict.fromkeys([*run.pack_rules.get(result.pack or "", ()), *by_rule]))
    suite = ET.Element("testsuite", name=result.path)
    failures = errors = 0
    level = run.fail_level.rank
    for rule_id in rules:
        case = ET.SubElement(suite, "testcase", classname=result.path, name=_summary(rule_id, run))
        findings = by_rule.get(rule_id, [])
        failing = [f for f in findings if f.suppression is None and f.severity.rank >= level]
        if failing:
            text = "\n".join(finding_line(f, run.lang) for f in failing)
            unreadable = result.status is Status.ERROR and all(f.kind == "extract" for f in failing)
            tag = "error" if unreadable else "failure"
            ET.SubElement(case, tag, message=failing[0].message.get(run.lang), type=failing[0].severity.value).text = text
            errors += tag == "error"
            failures += tag == "failure"
        others = [f for f in findings if f not in failing]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(finding_line(f, run.lang) for f in others)
    if result.status is Status.ERROR and not result.findings:
        case = ET.SubElement(suite, "testcase", classname=result.path, name="read")
        ET.SubElement(case, "error", message="could not be read / 无法读取")
        errors += 1
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def run_to_junit(run: RunResult) -> ET.Element:
    root = ET.Element("testsuites", name="report-check")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in run.files:
        suite = file_suite(result, run)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    return root


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: a test suite per file, a test case per rule (GitLab, Jenkins)"

    def write(self, run: RunResult) -> None:
        root = run_to_junit(run)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
