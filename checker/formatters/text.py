"""Compiler-style text: ``path:line: RULE severity message``, then a summary line."""

from __future__ import annotations

from checker.finding import Finding, Status
from checker.formatters.base import Formatter, RunResult
from checker.model import Location


def position(location: Location) -> str:
    """The shortest useful position: a line; else page; else paragraph or table cell; else element."""
    if location.line is not None:
        return str(location.line)
    if location.page is not None:
        return f"p{location.page}"
    if location.table is not None and location.row is not None:
        return f"t{location.table + 1}r{location.row + 1}c{(location.col or 0) + 1}"
    if location.paragraph is not None:
        return f"¶{location.paragraph + 1}"
    return ""  # the whole file: no position at all (``file:0:`` read as a line that does not exist)


def finding_line(finding: Finding, lang: str) -> str:
    marker = "" if finding.suppression is None else f" [{finding.suppression.kind}]"
    where = position(finding.location)
    return (
        f"{finding.path}:{where + ':' if where else ''} {finding.rule} {finding.severity.value}{marker} "
        f"{finding.message.get(lang)}"
    )


class TextFormatter(Formatter):
    name = "text"
    description = "compiler-style lines and a summary (default)"

    def write(self, run: RunResult) -> None:
        zh = self.lang == "zh"
        for result in run.files:
            for finding in sorted(result.findings):
                self.stream.write(finding_line(finding, self.lang) + "\n")
            if result.status is Status.ERROR and not result.findings:
                self.stream.write(f"{result.path}: error {'无法读取' if zh else 'could not be read'}\n")
        counts = run.counts()
        c, f = counts["files"], counts["findings"]
        n = len(run.files)
        if zh:
            line = (
                f"检查文件{n}个：通过{c['pass']}，不通过{c['fail']}，无法检查{c['error']}；"
                f"错误{f['error']}，警告{f['warning']}，提示{f['info']}"
            )
            if f["suppressed"]:
                line += f"，已豁免{f['suppressed']}"
        else:
            line = (
                f"{n} file{'s' if n != 1 else ''} checked: {c['pass']} passed, {c['fail']} failed, "
                f"{c['error']} could not be checked; {f['error']} errors, {f['warning']} warnings, "
                f"{f['info']} info"
            )
            if f["suppressed"]:
                line += f", {f['suppressed']} suppressed"
        self.stream.write(line + "\n")
        rules = sorted({f.rule for r in run.files for f in r.findings if f.rule in run.rule_help})
        if rules:
            # A pack outside the default selector's family needs naming ("--pack budget-final-sh2024").
            pack = next((r.pack for r in run.files if r.pack and any(f.rule == rules[0] for f in r.findings)), None)
            where = f" --pack {pack}" if pack and not pack.startswith("gov") else ""
            hint = (
                f"规则说明：report-check rules explain {rules[0]}{where} --lang zh"
                if zh
                else f"What a rule checks and why: report-check rules explain {rules[0]}{where}"
            )
            self.stream.write(hint + "\n")
