"""The engine: per file, pick an extractor, extract, bind to the pack, run the rules, decide status.

Per-file work is independent, so many files run in parallel worker processes, each building its
own engine once. Nothing that goes wrong in one file stops the run: an unexpected exception
becomes an ``INTERNAL`` finding for that file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy
from msgspec import Struct, field
from msgspec.structs import replace

from checker import internal
from checker.binding import bind, foreign_label_count, identify
from checker.extractors.base import Extractor, Limits, extract_problem
from checker.extractors.limits import bounded
from checker.families import other_family, other_family_finding
from checker.finding import FileResult, Finding, Severity, Status
from checker.model import Document
from checker.packs.compiled import pack_registry
from checker.packs.loader import PackRegistry
from checker.packs.model import Pack
from checker.plugins import build_plugin_manager
from checker.repository.summary import summarize
from checker.rulekinds.base import RuleKind
from checker.workers import limit_result, memory_limit_finding

if TYPE_CHECKING:
    from checker.config import PathOverride
    from checker.report import Report

DEFAULT_PACK = "gov"
HEAD_BYTES = 4096


class Settings(Struct, frozen=True):
    """The effective configuration of a run (CLI flags, later also the repository config)."""

    pack: str = DEFAULT_PACK
    params: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)  # rule id → error|warning|info|off
    fail_level: Severity = Severity.ERROR
    limits: Limits = field(default_factory=Limits)
    plugins: tuple[str, ...] = ()  # extra plugin modules to register (tests, --plugin)
    entry_points: bool = True
    # Per-path settings (the repository config's ``overrides``, then the command line's flags as
    # one override matching every file), and the files of the suppressions plugin.
    overrides: tuple[PathOverride, ...] = ()
    waivers: str | None = None
    baseline: str | None = None
    config_file: str | None = None

    def for_file(self, path: Path | str) -> Settings:
        """The settings for one file: every override that matches it, applied in order."""
        settings = self
        for override in self.overrides:
            if override.matches(path):
                settings = override.apply(settings)
        return settings


_OFFICE_HINT = ("；请用文字处理软件另存为 DOCX 或 PDF 后再检查", "; save it as DOCX or PDF in a word processor, then check that")
_IMAGE_HINT = ("；图片中没有可读取的文字，请检查报告的原始文件", "; an image holds no text to read: check the report's original file")
# Formats agencies publish reports in that the checker does not read, and what to do instead.
_UNSUPPORTED_HINTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys((".doc", ".wps", ".wpt", ".odt", ".rtf", ".docm", ".dotx", ".dot"), _OFFICE_HINT),
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"), _IMAGE_HINT),
}


class Engine:
    def __init__(self, settings: Settings, pm: pluggy.PluginManager | None = None) -> None:
        self.settings = settings
        self.pm = pm or build_plugin_manager(settings.plugins, entry_points=settings.entry_points, lazy=True)
        self.extractors: list[Extractor] = [e for group in self.pm.hook.report_check_extractors() for e in group]
        self.kinds: dict[str, type[RuleKind]] = {}
        for group in self.pm.hook.report_check_rule_kinds():
            for kind in group:
                self.kinds[kind.name] = kind
        pack_files = [Path(p) for group in self.pm.hook.report_check_rule_packs() for p in group]
        self.registry: PackRegistry = pack_registry(pack_files, self.kinds)
        self.pack = self.registry.load(settings.pack)  # fails early (exit 2) on a bad pack
        self.packs_in_use()

    def packs_in_use(self) -> list[Pack]:
        """Every pack a file of this run may be checked with (per-path packs, selected versions)."""
        names = [self.settings.pack, *(o.pack for o in self.settings.overrides if o.pack)]
        packs: dict[str, Pack] = {}
        for name in names:
            pack = self.registry.load(name)
            for member in (pack, *(self.registry.load(n) for _, _, n in pack.select)):
                packs.setdefault(member.name, member)
        return list(packs.values())

    # -- files ------------------------------------------------------------------------------------

    def suffixes(self) -> set[str]:
        return {s for e in self.extractors for s in e.suffixes}

    def extractor_for(self, path: Path, head: bytes) -> Extractor | None:
        if path.suffix:
            candidates = [e for e in self.extractors if path.suffix.lower() in e.suffixes]
        else:  # no suffix at all: let the extractors look at the first bytes
            candidates = [e for e in self.extractors if e.accepts(path, head)]
        return max(candidates, key=lambda e: e.priority, default=None)

    def extract(self, path: Path) -> Document:
        try:
            with open(path, "rb") as fh:
                head = fh.read(HEAD_BYTES)
        except OSError as exc:
            doc = Document(str(path), "unknown", unreadable=True)
            doc.problems.append(
                extract_problem(str(path), "EXTRACT-io", f"无法打开文件：{exc.strerror}", f"cannot open the file: {exc.strerror}")
            )
            return doc
        extractor = self.extractor_for(path, head)
        if extractor is None:
            known = ", ".join(sorted(self.suffixes()))
            hint_zh, hint_en = _UNSUPPORTED_HINTS.get(path.suffix.lower(), ("", ""))
            doc = Document(str(path), "unknown", unreadable=True)
            doc.problems.append(
                extract_problem(
                    str(path),
                    "EXTRACT-unknown-type",
                    f"不支持的文件类型“{path.suffix or '（无扩展名）'}”（支持：{known}）{hint_zh}",
                    f"unsupported file type {path.suffix or '(no suffix)'!r} (supported: {known}){hint_en}",
                )
            )
            return doc
        return bounded(extractor.extract(path, self.settings.limits), self.settings.limits)

    # -- packs ------------------------------------------------------------------------------------

    def pack_for(self, document: Document, base: Pack | None = None) -> Pack:
        """The pack itself, or for a selector pack the one for the report year."""
        return self._select(document, base)[0]

    def _select(self, document: Document, base: Pack | None = None, params: dict[str, Any] | None = None) -> tuple[Pack, Report | None]:
        """:meth:`pack_for`, and the report identified on the way when it was identified with the
        chosen pack (most reports are of the latest version): binding need not identify it again."""
        base = base or self.pack
        if not base.select:
            return base, None
        latest = self.registry.load(base.select[-1][2])
        identified = identify(document, latest, params)
        year = identified.year
        if year is not None:
            for start, end, name in base.select:
                if (start is None or year >= start) and (end is None or year <= end):
                    chosen = self.registry.load(name)
                    return chosen, identified if chosen is latest else None
            if base.select[0][0] is not None and year < base.select[0][0]:
                return self.registry.load(base.select[0][2]), None
            return latest, identified
        # No year to go by: the version whose labels the report prints (the latest on a tie), so
        # that a missing year is one finding, not a cascade of another format's labels.
        members = [self.registry.load(name) for _, _, name in reversed(base.select)]
        chosen = min(members, key=lambda pack: foreign_label_count(document, pack))
        return chosen, identified if chosen is latest else None

    # -- checking ---------------------------------------------------------------------------------

    def check_file(self, path: Path) -> FileResult:
        """One file, start to finish (extract, bind, rules, then waivers/baseline and status)."""
        return self.finish(self.check_raw(path))

    def check_raw(self, path: Path) -> FileResult:
        """The file's own findings, before the ``process_result`` hook (waivers, baseline) and the
        fail-level status: what a worker computes and the result cache stores."""
        try:
            return self._check(path)
        except MemoryError:
            limit = self.settings.for_file(path).limits.memory_bytes
            return limit_result(str(path), self.pack.name, memory_limit_finding(str(path), limit))
        except Exception as exc:  # noqa: BLE001 - our bug in one file must not stop the run: INTERNAL
            return FileResult(str(path), Status.ERROR, self.pack.name, None, [internal.finding(str(path), exc)])

    def finish(self, result: FileResult) -> FileResult:
        """Waivers, baseline (the ``process_result`` hook) and the status, for a raw result."""
        if result.status is Status.ERROR:
            return result
        settings = self.settings.for_file(result.path)
        pack = self.registry.load(result.pack) if result.pack else self.pack
        self.pm.hook.report_check_process_result(result=result, settings=self.effective_settings(pack, settings))
        result.status = self.status(result, settings)
        return result

    def _check(self, path: Path) -> FileResult:
        document = self.extract(path)
        findings: list[Finding] = list(document.problems)
        settings = self.settings.for_file(path)
        if document.unreadable:
            return FileResult(str(path), Status.ERROR, settings.pack, document.format, findings)
        pack, identified = self._select(document, self.registry.load(settings.pack), settings.params)
        report = bind(document, pack, settings.params, identified)
        result = FileResult(
            str(path), Status.PASS, pack.name, document.format, findings, report.year, pack.version, report.agency
        )
        first_section = min((m.block for m in report.sections), default=None)
        if report.title is None and (other := other_family(document, pack, self.registry, first_section)) is not None:
            findings.append(other_family_finding(str(path), pack, *other))
            result.status = Status.ERROR
            return result
        if not report.sections and not report.tables and not report.ledgers and report.title is None:
            findings.append(
                extract_problem(
                    str(path),
                    "EXTRACT-not-a-report",
                    "未找到年度报告的标题、章节或统计表：这不像一份政府信息公开工作年度报告",
                    "no title, section heading or template table found: this does not look like an annual report",
                )
            )
            result.status = Status.ERROR
            return result
        for table_id, table in report.tables.items():
            if table_id not in report.foreign_labels:  # the other version's table: W12 explains it
                findings.extend(table.problems)
        findings.extend(self._run_rules(report, pack, settings))
        result.summary = summarize(report)  # for the repository rules, after every file was read
        return result

    def _run_rules(self, report: Any, pack: Pack, settings: Settings | None = None) -> Iterator[Finding]:
        severities = (settings or self.settings).severities
        for spec in pack.rules:
            override = severities.get(spec.id)
            if override == "off" or (not spec.enabled and override is None):
                continue
            rule = spec if override is None else replace(spec, severity=Severity(override))
            kind = self.kinds[rule.kind]()
            try:
                yield from kind.check(report, rule)
            except Exception as exc:  # noqa: BLE001 - a broken rule is an INTERNAL finding, not a crash
                yield internal.finding(report.path, exc, f"rule {rule.id}")

    def status(self, result: FileResult, settings: Settings | None = None) -> Status:
        if result.status is Status.ERROR:
            return Status.ERROR
        level = (settings or self.settings).fail_level.rank
        failing = any(f.severity.rank >= level for f in result.active_findings())
        return Status.FAIL if failing else Status.PASS

    def effective_settings(self, pack: Pack, settings: Settings | None = None) -> dict[str, object]:
        settings = settings or self.settings
        return {
            "pack": pack.name,
            "params": {**pack.params, **settings.params},
            "severities": dict(settings.severities),
            "fail_level": settings.fail_level.value,
            "config": settings.config_file,
            "waivers": settings.waivers,
            "baseline": settings.baseline,
        }


# -- running many files ---------------------------------------------------------------------------


def run(engine: Engine, files: list[Path], jobs: int | None = None) -> list[FileResult]:
    """Check every file (see :mod:`checker.executor`: worker processes under the per-file limits)."""
    from checker.executor import RunOptions, execute

    return list(execute(engine, files, RunOptions(jobs=jobs)))


def discover(paths: Iterable[Path], suffixes: set[str]) -> list[Path]:
    """Files named directly are always taken (an unknown type gets a finding); folders are walked
    for files with a supported suffix, skipping hidden folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and child.suffix.lower() in suffixes and not any(p.startswith(".") for p in rel):
                    found.append(child)
        else:
            found.append(path)
    return list(dict.fromkeys(found))
