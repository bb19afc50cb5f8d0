"""Waivers and the baseline: a built-in plugin on the ``report_check_process_result`` hook.

- A *waiver file* (YAML, ``schemas/waivers.schema.json``) lists accepted findings: rule, a file
  glob (relative to the waiver file's folder), optionally section/table/row/column, a required
  reason and an optional expiry date. A matching finding is kept but marked as waived, so it is
  reported and never fails the run. An expired waiver stops applying.
- A *baseline* (JSON, written by ``--write-baseline``) records findings by file and semantic
  fingerprint (rule, section, table, row, column; never line or page), so editing or
  re-paginating a report does not revive them; only new findings count.

What a waiver file itself needs saying (expired, or matched nothing) becomes ``config`` findings of
severity warning on the waiver file, at the waiver's line, in a result of its own: they show up in
every output format, and fail the run only at ``--fail-level warning``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from checker import __version__, hookimpl
from checker.config import glob_match
from checker.finding import FileResult, Finding, Severity, Status, Suppression, Text
from checker.model import Location
from checker.packs.yamlsource import SourceError, YamlSource
from checker.resources import schema

if TYPE_CHECKING:
    from checker.engine import Engine, Settings

BASELINE_SCHEMA = "report-check/baseline/v1"
LABELS = ("section", "table", "row", "column")


class Waiver(Struct, frozen=True):
    path: str  # the waiver file
    line: int | None
    rule: str  # a rule id, or a pattern such as "W1-*"
    files: str
    reason: str
    expires: dt.date | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def covers(self, path: str) -> bool:
        return glob_match(self.files, path, Path(self.path).resolve().parent)

    def matches(self, finding: Finding) -> bool:
        return (
            fnmatchcase(finding.rule, self.rule)
            and all(getattr(self, k) is None or getattr(self, k) == getattr(finding, k) for k in LABELS)
            and self.covers(finding.path)
        )

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires

    @property
    def where(self) -> str:
        shown = shown_path(self.path)
        return f"{shown}:{self.line}" if self.line else shown


def shown_path(path: str) -> str:
    """A file of the run as output shows it: relative to the working directory (the checkout in
    CI) when it is inside it, so no absolute path of the runner leaks into reports and SARIF."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _version(path: str) -> tuple[str, int]:
    """A cache key that changes when the file does (tests and long-lived processes rewrite them)."""
    try:
        return str(Path(path).resolve()), Path(path).stat().st_mtime_ns
    except OSError:
        return str(Path(path).resolve()), -1


def load_waivers(path: str) -> tuple[Waiver, ...]:
    return _load_waivers(path, _version(path))


@lru_cache(maxsize=8)
def _load_waivers(path: str, version: tuple[str, int]) -> tuple[Waiver, ...]:
    source = YamlSource(Path(path))
    source.validate(schema("waivers.schema.json"))
    waivers = []
    for i, raw in enumerate(source.data["waivers"]):
        expires = _date(raw.get("expires"))
        line = source.line_of(["waivers", i])
        if "expires" in raw and expires is None:
            raise SourceError(path, source.line_of(["waivers", i, "expires"]), f"waivers.{i}.expires: 日期须为 YYYY-MM-DD / "
                              f"not a date (YYYY-MM-DD): {raw['expires']!r}")
        labels = {k: raw.get(k) for k in LABELS}
        waivers.append(Waiver(path, line, raw["rule"], raw["files"], raw["reason"], expires, **labels))
    return tuple(waivers)


# -- baseline -------------------------------------------------------------------------------------


def _rel(path: str, folder: Path) -> str:
    """Relative to the baseline's folder (``../`` if need be), so the baseline works in any checkout."""
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def load_baseline(path: str) -> dict[str, Counter[str]]:
    """File (relative to the baseline's folder) → how many times each fingerprint was recorded."""
    return _load_baseline(path, _version(path))


@lru_cache(maxsize=8)
def _load_baseline(path: str, version: tuple[str, int]) -> dict[str, Counter[str]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(path, None, f"无法读取基线 / cannot read the baseline: {exc.strerror or exc} "
                          "(create it with --write-baseline)") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(path, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise SourceError(path, 1, f"not a report-check baseline (expected \"schema\": \"{BASELINE_SCHEMA}\" and findings)")
    out: dict[str, Counter[str]] = {}
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not {"path", "fingerprint"} <= set(entry):
            raise SourceError(path, None, f"baseline entry without path and fingerprint: {entry!r}")
        out.setdefault(entry["path"], Counter())[entry["fingerprint"]] += 1
    return out


def write_baseline(path: Path, results: list[FileResult]) -> int:
    folder = path.resolve().parent
    entries = [
        {"path": _rel(f.path, folder), "rule": f.rule, "fingerprint": f.fingerprint,
         **{k: getattr(f, k) for k in LABELS if getattr(f, k) is not None}, "message": f.message.en}
        for r in results for f in sorted(r.findings) if f.suppression is None
    ]
    data = {"schema": BASELINE_SCHEMA, "tool": f"report-check {__version__}", "created": dt.date.today().isoformat(),
            "findings": entries}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(entries)


# -- the hook -------------------------------------------------------------------------------------


@hookimpl
def report_check_process_result(result: FileResult, settings: dict[str, object]) -> None:
    waivers_path, baseline_path = settings.get("waivers"), settings.get("baseline")
    if isinstance(waivers_path, str):
        today = dt.date.today()
        live = [w for w in load_waivers(waivers_path) if not w.expired(today)]
        for i, finding in enumerate(result.findings):
            waiver = next((w for w in live if finding.suppression is None and w.matches(finding)), None)
            if waiver is not None:
                result.findings[i] = replace(finding, suppression=Suppression("waiver", f"{waiver.reason} ({waiver.where})"))
    if isinstance(baseline_path, str):
        recorded = Counter(load_baseline(baseline_path).get(_rel(result.path, Path(baseline_path).parent), Counter()))
        # The hook runs again when the repository phase adds findings to a result: the entries
        # already matched stay matched and are not matched twice.
        recorded.subtract(f.fingerprint for f in result.findings if f.suppression is not None and f.suppression.kind == "baseline")
        for i, finding in enumerate(result.findings):
            if finding.suppression is None and recorded[finding.fingerprint] > 0:
                recorded[finding.fingerprint] -= 1
                result.findings[i] = replace(finding, suppression=Suppression("baseline", f"in the baseline {shown_path(baseline_path)}"))


# -- around the run (called by the check command) --------------------------------------------------


def prepare(settings: Settings) -> None:
    """Load the waiver and baseline files once up front, so a bad one is exit 2, not a finding per file."""
    if settings.waivers:
        load_waivers(settings.waivers)
    if settings.baseline:
        load_baseline(settings.baseline)


def _config_finding(waiver: Waiver, rule: str, zh: str, en: str) -> Finding:
    shown = shown_path(waiver.path)
    return Finding(rule, "config", Severity.WARNING, Text(zh, en), shown, Location(shown, line=waiver.line))


def waiver_findings(waivers: tuple[Waiver, ...], results: list[FileResult], today: dt.date) -> list[Finding]:
    """Expired waivers, and waivers that matched nothing in the files they cover that were checked.
    A waiver for files this run did not check (pre-commit passes only changed files) says nothing."""
    findings = [f for r in results for f in r.findings]
    out = []
    for w in waivers:
        label = f"{w.rule} @ {w.files}"
        if w.expired(today):
            assert w.expires is not None
            out.append(_config_finding(
                w, "WAIVER-expired",
                f"豁免“{label}”已于{w.expires.isoformat()}到期，不再生效，其匹配的问题重新计入结果",
                f"waiver {label} expired on {w.expires.isoformat()} and no longer applies: the findings it matched count again",
            ))
        elif any(w.covers(r.path) for r in results) and not any(w.matches(f) for f in findings):
            out.append(_config_finding(
                w, "WAIVER-unused",
                f"豁免“{label}”未匹配任何问题，可以删除", f"waiver {label} matched no finding: it can be removed",
            ))
    return out


def finish_run(engine: Engine, results: list[FileResult], baseline_out: Path | None) -> list[FileResult]:
    """After every file ran: write the baseline if asked, and report on the waiver file."""
    if baseline_out is not None:
        count = write_baseline(baseline_out, results)
        sys.stderr.write(f"report-check: 已将{count}个问题写入基线 / wrote {count} findings to the baseline {baseline_out}\n")
        for result in results:
            result.findings = [
                replace(f, suppression=Suppression("baseline", f"recorded in the new baseline {baseline_out}"))
                if f.suppression is None else f
                for f in result.findings
            ]
            result.status = engine.status(result, engine.settings.for_file(result.path))
    if engine.settings.waivers:
        findings = waiver_findings(load_waivers(engine.settings.waivers), results, dt.date.today())
        if findings:
            result = FileResult(shown_path(engine.settings.waivers), Status.PASS, None, "waivers", findings)
            result.status = engine.status(result)
            results = [*results, result]
    return results
