"""The repository phase: after every file was checked on its own, the rules over several reports.

Input: the per-file results of the run (each with its :class:`ReportSummary`) and of the history
files (earlier years named by the repository config's ``history:`` globs: read, never reported).
Each checked report gets a :class:`~checker.rulekinds.repository.Context` (its predecessor, other
files of its agency and year, reports sharing its text) and its pack's repository rules run on it.
New findings go through the same ``report_check_process_result`` hook (waivers, baseline) as any
other, and the file's status is decided again.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from checker.extractors.base import extract_problem
from checker.finding import FileResult, Finding, Severity
from checker.packs.model import RuleSpec
from checker.repository.copies import find_similar
from checker.repository.identity import same_tokens
from checker.repository.summary import ReportSummary
from checker.rulekinds.repository import Context, RepositoryKind

if TYPE_CHECKING:
    from checker.config import RepoConfig
    from checker.engine import Engine


class Repository:
    """Every known report by agency body, year and the place right above the body, so that one
    agency's reports are found among a thousand without comparing every pair of names."""

    def __init__(self, summaries: list[ReportSummary]) -> None:
        self.index: dict[tuple[str, int], dict[str, list[tuple[tuple[str, ...], ReportSummary]]]] = {}
        for summary in summaries:
            if summary.agency_key and summary.year is not None:
                parts = tuple(summary.agency_key.split("/"))
                places = self.index.setdefault((parts[-1], summary.year), {})
                places.setdefault(parts[-2] if len(parts) > 1 else "", []).append((parts, summary))
        self._cache: dict[tuple[str, int], list[ReportSummary]] = {}

    def of(self, summary: ReportSummary, year: int) -> list[ReportSummary]:
        """The same agency's reports of ``year`` (other files than this one), unique by path."""
        assert summary.agency_key is not None
        return [s for s in self._of(summary.agency_key, year) if s.path != summary.path]

    def _of(self, key: str, year: int) -> list[ReportSummary]:
        cached = self._cache.get((key, year))
        if cached is None:  # many files share a name (one report checked many times): once per name
            mine = tuple(key.split("/"))
            places = self.index.get((mine[-1], year), {})
            # a name with a place meets the same place or none; a name without one meets any place
            lists = [places.get(mine[-2], []), places.get("", [])] if len(mine) > 1 else list(places.values())
            found = {s.path: s for group in lists for parts, s in group if same_tokens(parts, mine)}
            cached = self._cache[(key, year)] = [found[p] for p in sorted(found)]
        return cached


def check_repository(engine: Engine, results: list[FileResult], history: list[FileResult] | None = None) -> list[FileResult]:
    for result in [*results, *(history or [])]:
        if result.summary is not None and result.summary.path != result.path:  # a cached result moved
            result.summary = replace(result.summary, path=result.path)
    summaries = [r.summary for r in [*results, *(history or [])] if r.summary is not None]
    checked = {r.summary.path for r in results if r.summary is not None}
    repository = Repository(summaries)
    similar = find_similar(summaries, checked)
    for result in results:
        summary = result.summary
        if summary is None or result.pack is None:
            continue
        pack = engine.registry.load(result.pack)
        rules = [r for r in pack.rules if issubclass(engine.kinds[r.kind], RepositoryKind)]
        if not rules:
            continue
        settings = engine.settings.for_file(result.path)
        ctx = Context(summary, pack, {**pack.params, **settings.params}, similar=similar.get(summary.path, []))
        if summary.agency_key is not None and summary.year is not None:
            ctx.previous = repository.of(summary, summary.year - 1)
            # Another file of this agency and year: the later path says so (once per pair), and
            # a history file (not checked itself) always counts.
            # (the first such file only: a hundred copies give a hundred findings, not 5,000).
            ctx.same_year = [s for s in repository.of(summary, summary.year) if s.path < summary.path or s.path not in checked][:1]
        found = list(_run(engine, ctx, rules, settings.severities))
        if found:
            result.findings.extend(found)
            engine.pm.hook.report_check_process_result(result=result, settings=engine.effective_settings(pack, settings))
            result.status = engine.status(result, settings)
    return results


def _run(engine: Engine, ctx: Context, rules: list[RuleSpec], severities: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    for declared in rules:
        override = severities.get(declared.id)
        if override == "off" or (not declared.enabled and override is None):
            continue
        rule = declared if override is None else replace(declared, severity=Severity(override))
        kind = engine.kinds[rule.kind]()
        assert isinstance(kind, RepositoryKind)
        try:
            out.extend(kind.check_repository(ctx, rule))
        except Exception as exc:  # noqa: BLE001 - a broken rule is a finding, not a crash
            where = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(extract_problem(
                ctx.current.path, "INTERNAL",
                f"规则 {rule.id} 执行出错：{exc!r}（{Path(where.filename).name}:{where.lineno}）",
                f"rule {rule.id} failed: {exc!r} ({Path(where.filename).name}:{where.lineno})",
            ))
    return out


def history_paths(config: RepoConfig | None, suffixes: set[str], checked: list[Path]) -> list[Path]:
    """The config's ``history`` files that are not also checked in this run."""
    if config is None:
        return []
    seen = {p.resolve() for p in checked}
    return [p for p in config.history_files(suffixes) if p.resolve() not in seen]
