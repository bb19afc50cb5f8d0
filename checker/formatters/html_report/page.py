"""The evidence report as one self-contained HTML page: summary, then per file its findings
grouped by section and table in document order, each beside its evidence, then its tables.

Everything from a report (file names, agency names, labels, cell text, messages) goes through
:func:`html.escape`; the page carries a Content-Security-Policy that forbids scripts and fetches,
so even a missed escape could not run or load anything.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from checker import __version__
from checker.finding import FileResult, Finding, Status
from checker.formatters.html_report import grids
from checker.formatters.html_report.evidence import FileEvidence, engine_for, reread
from checker.formatters.html_report.snapshots import PageRenderer, Snapshot, render_errors
from checker.formatters.html_report.summary import STATUS, summary
from checker.formatters.html_report.texts import CSS, text
from checker.model import BBox, Location

if TYPE_CHECKING:
    from checker.engine import Engine
    from checker.formatters.base import RunResult

SNAPSHOT_CAP = 12  # findings per file shown with a snapshot or a table excerpt
RUN_SNAPSHOT_CAP = 300  # page crops in the whole page (~100 kB each with their whole pages): it must open
DETAIL_ALL = 20  # a run of at most this many files shows every file's tables, passing or not
PAD = {"cell": 3.0, "op": 1.0}  # points an outline stands off its cell (the cell's outside the operand's)
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _pct(place: tuple[float, float, float, float]) -> str:
    left, top, width, height = place
    return f"left:{left:.3f}%;top:{top:.3f}%;width:{width:.3f}%;height:{height:.3f}%"


def location_text(location: Location, lang: str) -> str:
    parts = []
    if location.page is not None:
        parts.append(text("page", lang).format(location.page))
    if location.line is not None:
        parts.append(text("line", lang).format(location.line))
    if location.paragraph is not None:
        parts.append(text("paragraph", lang).format(location.paragraph + 1))
    if location.page is None and location.table is not None and location.row is not None and location.col is not None:
        parts.append(text("grid_cell", lang).format(location.table + 1, location.row + 1, location.col + 1))
    return ", ".join(parts)


class Page:
    """Builds the page; overlays (a whole page or table, opened by a click) are collected per file."""

    def __init__(self, run: RunResult, lang: str, engine: Engine | None = None) -> None:
        self.run = run
        self.lang = lang
        self._engine = engine
        self.rules: list[str] = []  # generated CSS: which outlines an opened overlay shows
        self.crops = 0  # page crops made in the run so far (RUN_SNAPSHOT_CAP)

    def t(self, key: str) -> str:
        return text(key, self.lang)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = engine_for(None)
        return self._engine

    # -- the page ---------------------------------------------------------------------------------

    def write(self, stream: TextIO) -> None:
        """The page, written file by file: a run's page is never held in memory whole."""
        lang = "zh-CN" if self.lang == "zh" else "en"
        limits = self.t("limits").format(cap=SNAPSHOT_CAP, run_cap=RUN_SNAPSHOT_CAP, detail=DETAIL_ALL)
        stream.write(
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(self.t('title'))}</title><style>{CSS}</style></head><body>"
            f"<h1>{escape(self.t('title'))}</h1>{summary(self.run, self.lang, DETAIL_ALL, limits)}\n"
        )
        detail_all = len(self.run.files) <= DETAIL_ALL
        for n, result in enumerate(self.run.files):
            if result.findings or detail_all:
                stream.write(self.file_section(n, result) + "\n")
        stream.write(f"<footer>{escape(self.t('generated').format(__version__))}</footer></body></html>\n")

    # -- one file ---------------------------------------------------------------------------------

    def file_section(self, n: int, result: FileResult) -> str:
        t = self.t
        status = f'<span class="st st-{result.status.value}">{escape(t(STATUS[result.status]))}</span>'
        out = [f'<section id="file{n}" data-path="{escape(result.path)}"><h2>{escape(result.path)} {status}</h2>']
        meta = [v for v in (result.agency, None if result.report_year is None else str(result.report_year), result.pack) if v]
        if meta:
            out.append(f'<p class="note">{" · ".join(escape(v) for v in meta)}</p>')
        evidence: FileEvidence | None = None
        self.rules = []
        try:
            if result.status is not Status.ERROR:
                evidence = reread(self.engine, result, self.lang)
            view = FileView(self, n, result, evidence)
            parts = [view.findings(), view.tables() if evidence is not None and evidence.model is not None else ""]
            parts.append(view.overlays())
            self.rules, rules = [], self.rules
            if rules:  # which outlines this file's overlays show (a style element per file: the page is streamed)
                parts.append(f"<style>{''.join(rules)}</style>")
            out.extend(parts)
        except Exception as exc:  # noqa: BLE001 - our bug: said on the page and on stderr; the findings stay
            sys.stderr.write(f"report-check: html: {result.path}: {exc!r}\n")
            out.append(f'<p class="note">{escape(t("reread_failed").format(repr(exc)))}</p>')
            out.append(FileView(self, n, result, None).findings())
        out.append("</section>")
        return "".join(out)


class FileView:
    """One file's findings with their evidence, its tables, and the overlays its findings open."""

    def __init__(self, page: Page, n: int, result: FileResult, evidence: FileEvidence | None) -> None:
        self.page, self.n, self.result, self.evidence = page, n, result, evidence
        self.lang = page.lang
        self.shown = 0  # findings given a snapshot or excerpt so far (the cap)
        self.page_marks: dict[int, list[tuple[str, str, BBox | None]]] = {}  # page → (fid, role, bbox)
        self.table_marks: dict[int, list[tuple[str, grids.Marks]]] = {}  # table index → (fid, marks)
        self.renderer: PageRenderer | None = None
        self.render_problem: str | None = None
        is_pdf = evidence is not None and evidence.format == "pdf"
        if is_pdf:
            self.renderer = PageRenderer(Path(result.path))

    def t(self, key: str) -> str:
        return text(key, self.lang)

    def findings(self) -> str:
        findings = sorted(self.result.findings)
        if not findings:
            return f"<p>{escape(self.t('no_findings'))}</p>"
        groups: dict[tuple[str, str], list[Finding]] = {}
        for f in findings:  # document order: a group sits where its first finding is
            groups.setdefault((f.section or "", f.table or ""), []).append(f)
        out = [f"<h3>{escape(self.t('findings'))} ({len(findings)})</h3>"]
        k = 0
        for (section, table), members in groups.items():
            title = " › ".join(escape(x) for x in (section, table) if x) or escape(self.t("document"))
            out.append(f'<h3 class="group">{title}</h3>')
            for finding in members:
                out.append(self.finding(f"{self.n}-{k}", finding))
                k += 1
        return "".join(out)

    def finding(self, fid: str, f: Finding) -> str:
        t = self.t
        sev = f.severity.value
        cls = {"error": "", "warning": " w", "info": " i"}[sev] + (" s" if f.suppression else "")
        head = f'<span class="sev sev-{sev}">{escape(t(sev))}</span> <code>{escape(f.rule)}</code> '
        out = [f'<article class="finding{cls}" id="f{fid}" data-rule="{escape(f.rule)}" data-fingerprint="{f.fingerprint}"><div class="head">{head}{escape(f.message.get(self.lang))}</div>']
        facts = []
        if f.row or f.column:
            facts.append(escape(" × ".join(x for x in (f.row, f.column) if x)))
        if f.expected is not None or f.actual is not None:
            facts.append(f"{escape(t('expected'))} <b>{escape(f.expected or '')}</b>, "
                         f"{escape(t('actual'))} <b>{escape(f.actual or '')}</b>")
        where = location_text(f.location, self.lang)
        if where:
            facts.append(escape(where))
        if f.location.element:
            facts.append(f"{escape(t('element'))} <code>{escape(f.location.element)}</code>")
        if f.uncertain:
            facts.append(escape(t("uncertain")))
        if f.suppression:
            kind = f.suppression.kind
            shown = t(kind) if kind in ("waiver", "baseline") else kind  # a plugin's own kind as it is
            facts.append(escape(t("waived").format(shown, f.suppression.justification)))
        if facts:
            out.append(f'<div class="note">{" · ".join(facts)}</div>')
        if f.operands:
            ops = "".join(
                f'<span title="{escape(repr(o.raw))}">{escape(o.label)} = <b>{escape(o.value if o.value is not None else o.raw)}</b></span>'
                for o in f.operands
            )
            label = f'{escape(t("operands"))} ({len(f.operands)})'
            if len(f.operands) > 8:  # a long sum: folded, its cells are outlined below anyway
                out.append(f'<details class="ops"><summary>{label}</summary>{ops}</details>')
            else:
                out.append(f'<div class="ops">{label}: {ops}</div>')
        out.append(self.evidence_for(fid, f))
        out.append("</article>")
        return "".join(out)

    # -- evidence ---------------------------------------------------------------------------------

    def evidence_for(self, fid: str, f: Finding) -> str:
        if self.evidence is None:
            return f'<p class="note">{escape(self.t("no_snapshot_unreadable"))}</p>' if self.result.status is Status.ERROR else ""
        if self.shown >= SNAPSHOT_CAP:
            return f'<p class="note">{escape(self.t("no_snapshot_cap").format(SNAPSHOT_CAP))}</p>'
        if self.renderer is not None and self.page.crops >= RUN_SNAPSHOT_CAP:
            return f'<p class="note">{escape(self.t("no_snapshot_run_cap").format(RUN_SNAPSHOT_CAP))}</p>'
        html = self.snapshots(fid, f) if self.renderer is not None else self.excerpt(fid, f)
        if html:
            self.shown += 1
        return html

    def snapshots(self, fid: str, f: Finding) -> str:
        """A crop of each page the finding or its operands are on, outlined; a page without a box
        for the finding is shown whole."""
        assert self.renderer is not None
        if self.render_problem is not None:
            return f'<p class="note">{escape(self.t("no_snapshot_render").format(self.render_problem))}</p>'
        marks: list[tuple[int, str, BBox | None]] = []
        if f.location.page is not None:
            marks.append((f.location.page, "cell", f.location.bbox))
        for op in f.operands:
            if op.location is not None and op.location.page is not None and op.location.bbox is not None:
                marks.append((op.location.page, "op", op.location.bbox))
        if not marks:
            return f'<p class="note">{escape(self.t("no_snapshot_location"))}</p>'
        out = []
        for number in sorted({m[0] for m in marks}):
            boxes = [(role, bbox) for p, role, bbox in marks if p == number]
            try:
                snap = self.renderer.crop(number, [b for _, b in boxes if b is not None], self.heads(f, number))
            except render_errors() as exc:  # the library's own error: the file is damaged
                self.render_problem = str(exc)
                return f'<p class="note">{escape(self.t("no_snapshot_render").format(exc))}</p>'
            self.page.crops += 1
            self.page_marks.setdefault(number, []).extend((fid, role, bbox) for role, bbox in boxes)
            out.append(
                f'<a class="open" href="#v{fid}p{number}" title="{escape(self.t("open_page"))}">'
                f"{self.snap_html(snap, [(role, bbox, None) for role, bbox in boxes])}"
                f'<span class="hint">{escape(self.t("page").format(number))} · {escape(self.t("open_page"))}</span></a>'
            )
        return "".join(out)

    def heads(self, f: Finding, number: int) -> list[BBox]:
        """The boxes of the column heads of the finding's table, when they are on this page."""
        assert self.evidence is not None
        grid = self.evidence.grids.get(f.location.table) if f.location.table is not None else None
        if grid is None:
            return []
        cells = [c for row in grid.rows[: grids.HEADER_ROWS] for c in row]
        return [c.location.bbox for c in cells if c.location.page == number and c.location.bbox is not None]

    def snap_html(self, snap: Snapshot, boxes: list[tuple[str, BBox | None, str | None]]) -> str:
        region = ",".join(f"{v:.2f}" for v in snap.region)
        parts = [f'<div class="snap" data-page="{snap.page}" data-region="{region}">',
                 f'<img src="{snap.uri}" width="{snap.width}" height="{snap.height}" alt="p{snap.page}">']
        # operands first, so the finding's own (wider) outline is drawn over a shared cell
        for role, bbox, fid in sorted(boxes, key=lambda b: b[0] != "op"):
            if bbox is None:
                continue
            place = snap.place(bbox, PAD[role])
            if place is None:
                continue
            extra = f" f{fid}" if fid else ""
            parts.append(f'<span class="box {role}{extra}" data-bbox="{",".join(f"{v:.2f}" for v in bbox)}" '
                         f'style="{_pct(place)}"></span>')
        parts.append("</div>")
        return "".join(parts)

    def excerpt(self, fid: str, f: Finding) -> str:
        """DOCX, HTML, text: the rows of the table around the finding's cells, redrawn, outlined;
        or the text at the finding's line, paragraph or element."""
        assert self.evidence is not None
        by_table: dict[int, grids.Marks] = {}
        for role, loc in [("cell", f.location), *(("op", o.location) for o in f.operands)]:
            if loc is None or loc.table is None or loc.row is None or loc.col is None:
                continue
            grid = self.evidence.grids.get(loc.table)
            if grid is None:
                continue
            origin = grids.mark_origin(grid, loc.row, loc.col)
            by_table.setdefault(loc.table, {}).setdefault(origin, []).append((role, None))
        out = []
        for index, marks in by_table.items():
            grid = self.evidence.grids[index]
            self.table_marks.setdefault(index, []).append(
                (fid, {pos: [(role, fid) for role, _ in roles] for pos, roles in marks.items()})
            )
            out.append(
                f'<a class="open" href="#v{fid}t{index}" title="{escape(self.t("open_table"))}">'
                f'<div class="grid-wrap">{grids.raw_grid(grid, marks, grids.excerpt_rows(grid, marks))}</div>'
                f'<span class="hint">{escape(self.t("open_table"))}</span></a>'
            )
        table = self.evidence.grids.get(f.location.table) if f.location.table is not None else None
        if not out and table is not None:  # about the table as a whole (a row missing): all of it
            out.append(f'<div class="grid-wrap">{grids.raw_grid(table, {}, grids.excerpt_rows(table, {}, whole=True))}</div>')
        if not out:
            source = self.evidence.source_text(f.location)
            if source is None:
                return ""
            out.append(f'<div class="note"><code>{escape(source)}</code></div>')
        return "".join(out)

    # -- overlays and tables ----------------------------------------------------------------------

    def overlays(self) -> str:
        """One overlay per rendered page or drawn table; a finding's link opens it on an anchor of
        its own, and the generated CSS shows only that finding's outlines."""
        out = []
        for number, marks in sorted(self.page_marks.items()):
            assert self.renderer is not None
            fids = list(dict.fromkeys(fid for fid, _, _ in marks))
            anchors = "".join(f'<i class="v" id="v{fid}p{number}"></i>' for fid in fids)
            closes = "".join(f'<a class="close f{fid}" href="#f{fid}">× {escape(self.t("close"))}</a>' for fid in fids)
            self.page.rules.extend(f"#v{fid}p{number}:target~.sheet .f{fid}{{display:block}}" for fid in fids)
            snap = self.renderer.whole(number)
            out.append(f'<div class="overlay">{anchors}<div class="sheet">{closes}'
                       f"{self.snap_html(snap, [(role, bbox, fid) for fid, role, bbox in marks])}</div></div>")
        for index, entries in sorted(self.table_marks.items()):
            assert self.evidence is not None
            grid = self.evidence.grids[index]
            merged: grids.Marks = {}
            for _, table_marks in entries:
                for pos, roles in table_marks.items():
                    merged.setdefault(pos, []).extend(roles)
            fids = [fid for fid, _ in entries]
            anchors = "".join(f'<i class="v" id="v{fid}t{index}"></i>' for fid in fids)
            closes = "".join(f'<a class="close f{fid}" href="#f{fid}">× {escape(self.t("close"))}</a>' for fid in fids)
            self.page.rules.extend(f"#v{fid}t{index}:target~.sheet .f{fid}{{display:block}}" for fid in fids)
            out.append(f'<div class="overlay">{anchors}<div class="sheet">{closes}'
                       f"{grids.raw_grid(grid, merged, grids.excerpt_rows(grid, merged, whole=True))}</div></div>")
        if self.renderer is not None:
            self.renderer.close()
        return "".join(out)

    def tables(self) -> str:
        assert self.evidence is not None and self.evidence.model is not None
        tables = self.evidence.model["tables"]
        out = [f'<details class="tables"><summary>{escape(self.t("tables"))}</summary>']
        if not tables:
            out.append(f"<p>{escape(self.t('tables_none'))}</p>")
        hits: dict[tuple[object, ...], str] = {}
        for f in self.result.findings:
            for op in f.operands:
                if op.location is not None:
                    hits.setdefault(grids.cell_key(op.location.to_dict()), "op")
            if f.location.table is not None or f.location.bbox is not None:
                hits[grids.cell_key(f.location.to_dict())] = "cell"
        for table in tables:
            out.append(f"<h3>{escape(table['name'])}</h3>")
            out.append(grids.bound_table(table, self.lang, hits))
        out.append("</details>")
        return "".join(out)


def render(run: RunResult, lang: str, stream: TextIO) -> None:
    Page(run, lang, getattr(run, "engine", None)).write(stream)

