"""The page's head: counts of files and findings, the legend, a table of files, a table of rules."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from checker.finding import Status
from checker.formatters.html_report.texts import text

if TYPE_CHECKING:
    from checker.formatters.base import RunResult

STATUS = {Status.PASS: "pass", Status.FAIL: "fail", Status.ERROR: "unreadable"}


def summary(run: RunResult, lang: str, detail_all_max: int, limits: str) -> str:
    """Counts of files and findings, what the page leaves out, the legend, the files, the rules."""
    counts = run.counts()

    def t(key: str) -> str:
        return text(key, lang)

    files, found = counts["files"], counts["findings"]
    out = [f"<h2>{escape(t('summary'))}</h2><p>{escape(t('files_count'))}: "]
    names = {"pass": "pass", "fail": "fail", "error": "unreadable"}
    out.append(" · ".join(f"{escape(t(names[s]))} {files[s]}" for s in ("pass", "fail", "error")))
    out.append(f"<br>{escape(t('findings_count'))}: ")
    out.append(" · ".join(f"{escape(t(s))} {found[s]}" for s in ("error", "warning", "info", "suppressed")))
    out.append("</p>")
    out.append(f'<p class="note">{escape(limits)}</p>')
    out.append(legend(lang))
    head = "".join(f"<th>{escape(t(k))}</th>" for k in ("file", "status", "agency", "year", "pack"))
    head += "".join(f'<th class="num">{escape(t(k))}</th>' for k in ("error", "warning", "info", "suppressed"))
    out.append(f"<table><tr>{head}</tr>")
    detail_all = len(run.files) <= detail_all_max
    for n, r in enumerate(run.files):
        tally = Counter("suppressed" if f.suppression else f.severity.value for f in r.findings)
        name = escape(r.path)
        link = f'<a href="#file{n}">{name}</a>' if r.findings or detail_all else name
        cells = [
            link,
            f'<span class="st st-{r.status.value}">{escape(t(STATUS[r.status]))}</span>',
            escape(r.agency or ""),
            "" if r.report_year is None else str(r.report_year),
            escape(r.pack or ""),
        ]
        cells_html = "".join(f"<td>{c}</td>" for c in cells)
        cells_html += "".join(f'<td class="num">{tally.get(k, 0)}</td>' for k in ("error", "warning", "info", "suppressed"))
        out.append(f"<tr>{cells_html}</tr>")
    out.append("</table>")
    out.append(by_rule(run, lang))
    return "".join(out)


def by_rule(run: RunResult, lang: str) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    files: dict[tuple[str, str], set[str]] = {}
    for r in run.files:
        for f in r.findings:
            key = (f.rule, "suppressed" if f.suppression else f.severity.value)
            counts[key] += 1
            files.setdefault(key, set()).add(r.path)
    if not counts:
        return ""
    rank = {"error": 0, "warning": 1, "info": 2, "suppressed": 3}
    out = [f"<h3>{escape(text('by_rule', lang))}</h3><table><tr><th>{escape(text('rule', lang))}</th>"]
    out.append(f"<th>{escape(text('severity', lang))}</th><th class=num>{escape(text('count', lang))}</th>")
    out.append(f"<th class=num>{escape(text('files', lang))}</th></tr>")
    for (rule, sev), count in sorted(counts.items(), key=lambda kv: (rank[kv[0][1]], -kv[1], kv[0][0])):
        sev_cls = sev if sev != "suppressed" else "info"
        out.append(
            f'<tr><td>{escape(rule)}</td><td><span class="sev sev-{sev_cls}">{escape(text(sev, lang))}</span></td>'
            f'<td class="num">{count}</td><td class="num">{len(files[(rule, sev)])}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def legend(lang: str) -> str:
    items = [f'<span><i class="c"></i>{escape(text("legend_cell", lang))}</span>',
             f'<span><i class="o"></i>{escape(text("legend_operand", lang))}</span>']
    for kind in ("number", "zero", "blank", "not_applicable", "text"):
        items.append(f'<span><i class="k-{kind}"></i>{escape(text("kind_" + kind, lang))}</span>')
    items.append(f'<span><i class="unc"></i>{escape(text("uncertain", lang))}</span>')
    return f'<p class="legend">{escape(text("legend", lang))}: {"".join(items)}</p>'
