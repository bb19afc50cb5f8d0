"""What the check command verifies before it runs: rule ids, pack parameters, worker count.

A typo must stop the run (exit 2) with a "did you mean", never turn a gate off silently:

- rule ids in ``--severity``/``--disable``, the config's ``severities`` and the waiver file are
  matched the way ``rules explain`` matches them (case-insensitively: ``a1`` is ``A1``) and an
  unknown one is an error everywhere, with the nearest known ids;
- ``--param`` and the config's ``params`` must name a parameter some pack in use reads, and the
  value must be one the parameter takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from checker.commands.common import UsageError
from checker.packs.yamlsource import SourceError

if TYPE_CHECKING:
    from checker.config import PathOverride, RepoConfig
    from checker.engine import Engine

#: Parameters the built-in rule kinds read although no pack sets a default for them.
EXTRA_PARAMS = ("deadline",)
#: The values a parameter takes, where it is a choice (the rest: any value of the default's type).
CHOICES: dict[str, tuple[str, ...]] = {"agency_type": ("auto", "department", "government")}
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\Z")


def known_rules(engine: Engine) -> list[str]:
    return sorted({r.id for name in engine.registry.names for r in engine.registry.load(name).rules})


def _hint(name: str, known: Iterable[str]) -> str:
    from checker.explain import close_matches

    near = close_matches(name, list(known))
    return f"; did you mean {', '.join(near)}? / 是否想写 {', '.join(near)}？" if near else ""


def canonical_rule(rule: str, known: list[str]) -> str | None:
    """The known id ``rule`` names, ignoring case (as ``rules explain`` does); None if unknown."""
    if rule in known:
        return rule
    return next((k for k in known if k.upper() == rule.upper()), None)


def canonical_severities(
    severities: Mapping[str, str], known: list[str], where: str, on_unknown: Any = None
) -> dict[str, str]:
    out = {}
    for rule, level in severities.items():
        canonical = canonical_rule(rule, known)
        if canonical is None:
            message = f"未知规则 / unknown rule {rule!r} in {where}{_hint(rule, known)}"
            if on_unknown is not None:
                on_unknown(rule, message)
            raise UsageError(message)
        out[canonical] = level
    return out


def canonical_config(config: RepoConfig, known: list[str]) -> RepoConfig:
    """The configuration with its severities keyed by the rules' own ids; an unknown id is a
    SourceError at its line."""

    def fix(override: PathOverride, where: tuple[str | int, ...]) -> PathOverride:
        def fail(rule: str, message: str) -> None:
            raise SourceError(config.path, config.source.line_of([*where, rule]), message)

        dotted = ".".join(map(str, where))
        return replace(override, severities=canonical_severities(override.severities, known, dotted, fail))

    base = fix(config.base, ("severities",))
    overrides = tuple(fix(o, ("overrides", i, "severities")) for i, o in enumerate(config.overrides))
    return replace(config, base=base, overrides=overrides)


def check_waiver_rules(waivers: Iterable[Any], known: list[str]) -> None:
    """A waiver whose rule (or pattern) matches no known rule is a typo: exit 2, like a severity."""
    for waiver in waivers:
        if any(fnmatchcase(k, waiver.rule) for k in known):
            continue
        raise SourceError(waiver.path, waiver.line, f"rule: 未知规则 / unknown rule {waiver.rule!r}{_hint(waiver.rule, known)}")


def known_params(engine: Engine) -> dict[str, Any]:
    """Parameter name → its default, over every pack the run may use."""
    params: dict[str, Any] = {name: None for name in EXTRA_PARAMS}
    for pack in engine.packs_in_use():
        params.update(pack.params)
    return params


def check_params(params: Mapping[str, Any], known: Mapping[str, Any], where: str) -> None:
    for name, value in params.items():
        if name not in known:
            raise UsageError(f"{where}: 未知参数 / unknown parameter {name!r} (known: {', '.join(sorted(known))})"
                             f"{_hint(name, known)}")
        problem = _bad_value(name, value, known[name])
        if problem:
            raise UsageError(f"{where}: 参数值无效 / invalid value {value!r} for {name}: {problem}")


def _bad_value(name: str, value: Any, default: Any) -> str | None:
    if name in CHOICES and str(value) not in CHOICES[name]:
        return f"expected one of {', '.join(CHOICES[name])}"
    if name == "deadline" and not _MONTH_DAY.match(str(value)):
        return "expected MM-DD, e.g. 03-31"
    if isinstance(default, bool):
        return None if str(value).lower() in ("true", "false") else "expected true or false"
    if isinstance(default, int):
        try:
            int(str(value))
        except ValueError:
            return "expected a whole number"
        return None
    if isinstance(default, dict) and not isinstance(value, dict):
        return "expected a mapping (set it in .report-check.yaml)"
    return None


def check_jobs(jobs: int | None) -> None:
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {jobs} / --jobs 须为正整数")


def check_config_params(config: RepoConfig, known: Mapping[str, Any]) -> None:
    entries: list[tuple[tuple[str | int, ...], Mapping[str, Any]]] = [(("params",), config.base.params)]
    entries += [(("overrides", i, "params"), o.params) for i, o in enumerate(config.overrides)]
    for where, params in entries:
        for name, value in params.items():
            try:
                check_params({name: value}, known, ".".join(map(str, where)))
            except UsageError as exc:
                raise SourceError(config.path, config.source.line_of([*where, name]), str(exc)) from exc


def config_pack_error(config: RepoConfig, exc: SourceError) -> SourceError:
    """An unknown pack named in the config: point at the config's line, not at the pack name."""
    data = config.source.data if isinstance(config.source.data, dict) else {}
    places: list[tuple[list[str | int], Any]] = [(["pack"], data.get("pack"))]
    for i, override in enumerate(data.get("overrides") or []):
        if isinstance(override, dict):
            places.append((["overrides", i, "pack"], override.get("pack")))
    for where, value in places:
        if value is not None and (value == exc.path or exc.path.endswith(str(value))):
            return SourceError(config.path, config.source.line_of(where),
                               f"{'.'.join(map(str, where))}: {value}: {exc.message}")
    return exc


def check_dependencies(engine: Engine, files: Iterable[Any]) -> None:
    """A file whose format needs a library that is not installed: a setup error (exit 2) that
    names the library and the extra, before any file is read."""
    from checker.engine import HEAD_BYTES
    from checker.extractors.deps import dependency_message, missing

    lacking: dict[str, tuple[Any, list[str]]] = {}
    for path in files:
        head = b""
        if not path.suffix:
            try:
                with open(path, "rb") as fh:
                    head = fh.read(HEAD_BYTES)
            except OSError:
                continue  # the run reports it as EXTRACT-io
        extractor = engine.extractor_for(path, head)
        if extractor is not None and missing(extractor):
            lacking.setdefault(extractor.name, (extractor, []))[1].append(str(path))
    if lacking:
        lines = []
        for extractor, paths in lacking.values():
            zh, en = dependency_message(extractor)
            lines.append(f"{en} / {zh} ({len(paths)} file(s), e.g. {paths[0]})")
        raise UsageError("; ".join(lines))
