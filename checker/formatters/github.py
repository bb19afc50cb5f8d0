"""GitHub Actions output: workflow-command annotations, and a Markdown job summary.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step; findings beyond that
are printed as plain log lines and one notice says how many more there are and that the job
summary lists them all. Waived and baselined findings are not annotated.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.finding import Finding, Severity, Status
from checker.formatters.base import Formatter, RunResult
from checker.formatters.sarif import logical_name, relative_path
from checker.formatters.text import finding_line, position

ANNOTATION_LIMIT = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SUMMARY_ROWS = 1000


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, lang: str) -> str:
    props = [f"file={escape_property(relative_path(finding.path) or finding.path)}"]
    if finding.location.line is not None:
        props.append(f"line={finding.location.line}")
    props.append(f"title={escape_property(finding.rule)}")
    where = logical_name(finding)
    page = f" (p{finding.location.page})" if finding.location.page is not None else ""
    message = finding.message.get(lang) + (f" [{where}]" if where else "") + page
    return f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(message)}"


def annotation_lines(run: RunResult) -> Iterator[str]:
    """Annotation commands within GitHub's per-step limits, then what did not fit."""
    active = [f for r in run.files for f in sorted(r.findings) if f.suppression is None]
    shown: dict[Severity, int] = {s: 0 for s in Severity}
    overflow: list[Finding] = []
    for severity in (Severity.ERROR, Severity.WARNING):
        for finding in (f for f in active if f.severity is severity):
            if shown[severity] < ANNOTATION_LIMIT:
                shown[severity] += 1
                yield annotation(finding, run.lang)
            else:
                overflow.append(finding)
    infos = [f for f in active if f.severity is Severity.INFO]
    more = {s: sum(1 for f in overflow if f.severity is s) for s in Severity}
    limit = ANNOTATION_LIMIT
    if overflow:
        limit -= 1  # the overflow notice takes one notice slot
        yield (
            f"::notice title=report-check::另有{more[Severity.ERROR]}个错误、{more[Severity.WARNING]}个警告未作为注释显示，"
            f"详见作业摘要 / {more[Severity.ERROR]} more errors and {more[Severity.WARNING]} more warnings "
            "are not shown as annotations: see the job summary"
        )
    for finding in infos:
        if shown[Severity.INFO] < limit:
            shown[Severity.INFO] += 1
            yield annotation(finding, run.lang)
        else:
            overflow.append(finding)
    for finding in overflow:
        yield finding_line(finding, run.lang)


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions workflow annotations (::error file=…,line=…::)"

    def write(self, run: RunResult) -> None:
        for line in annotation_lines(run):
            self.stream.write(line + "\n")


# -- the job summary ------------------------------------------------------------------------------

STATUS_ICONS = {Status.PASS: "✅ pass", Status.FAIL: "❌ fail", Status.ERROR: "⚠️ error"}
STATUS_ICONS_ZH = {Status.PASS: "✅ 通过", Status.FAIL: "❌ 不通过", Status.ERROR: "⚠️ 无法检查"}
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def cell(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_summary(run: RunResult) -> str:
    zh = run.lang == "zh"
    counts = run.counts()
    c, f = counts["files"], counts["findings"]
    lines = ["## report-check", ""]
    lines.append(
        f"检查文件{len(run.files)}个：通过{c['pass']}，不通过{c['fail']}，无法检查{c['error']}；"
        f"错误{f['error']}，警告{f['warning']}，提示{f['info']}，已豁免{f['suppressed']}"
        if zh
        else f"**{len(run.files)} files checked**: {c['pass']} passed, {c['fail']} failed, {c['error']} could not be "
        f"checked; {f['error']} errors, {f['warning']} warnings, {f['info']} info, {f['suppressed']} suppressed "
        f"(fail level: {run.fail_level.value})"
    )
    head = ("文件", "状态", "错误", "警告", "提示", "已豁免") if zh else ("File", "Status", "Errors", "Warnings", "Info", "Suppressed")
    lines += ["", f"| {' | '.join(head)} |", "|---|---|---:|---:|---:|---:|"]
    for result in run.files:
        active = result.active_findings()
        n = {s: sum(1 for x in active if x.severity is s) for s in Severity}
        suppressed = len(result.findings) - len(active)
        lines.append(
            f"| `{cell(result.path)}` | {(STATUS_ICONS_ZH if zh else STATUS_ICONS)[result.status]} | {n[Severity.ERROR]} | "
            f"{n[Severity.WARNING]} | {n[Severity.INFO]} | {suppressed} |"
        )
    findings = [x for r in run.files for x in sorted(r.findings)]
    if findings:
        title = f"问题（{len(findings)}）" if zh else f"Findings ({len(findings)})"
        lines += ["", f"<details open><summary>{title}</summary>", ""]
        head = ("文件", "位置", "规则", "级别", "说明", "表格位置") if zh else ("File", "Where", "Rule", "Severity", "Message", "Location")
        lines += [f"| {' | '.join(head)} |", "|---|---|---|---|---|---|"]
        for finding in findings[:SUMMARY_ROWS]:
            level = SEVERITY_ZH[finding.severity] if zh else finding.severity.value
            severity = level + (f" ({finding.suppression.kind})" if finding.suppression else "")
            lines.append(
                f"| `{cell(finding.path)}` | {cell(position(finding.location))} | {cell(finding.rule)} | {severity} | "
                f"{cell(finding.message.get(run.lang))} | {cell(logical_name(finding) or '')} |"
            )
        if len(findings) > SUMMARY_ROWS:
            more = (f"另有{len(findings) - SUMMARY_ROWS}个，见 SARIF 或 JSON 输出" if zh
                    else f"{len(findings) - SUMMARY_ROWS} more: see the SARIF or JSON output")
            lines.append(f"| … | | | | {more} | |")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


class MarkdownFormatter(Formatter):
    name = "markdown"
    description = "a Markdown table of files and findings (the GitHub job summary)"

    def write(self, run: RunResult) -> None:
        self.stream.write(markdown_summary(run))
