"""``report-check [PATHS…]``: check reports. Parse, then build, then execute."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from msgspec.structs import asdict, replace

from checker import __version__, internal
from checker.commands import validate
from checker.commands.common import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    HelpFormatter,
    UsageError,
    silence_stdout,
)
from checker.config import PathOverride, RepoConfig, apply_limits, find_config, load_config
from checker.engine import DEFAULT_PACK, Engine, Settings, discover
from checker.executor import add_run_arguments, run_for_cli
from checker.finding import Severity
from checker.formatters.base import Formatter, RunResult
from checker.packs.yamlsource import SourceError
from checker.repository.phase import check_repository, history_paths
from checker.suppressions import finish_run, load_waivers, prepare


def default_lang() -> str:
    lang = os.environ.get("REPORT_CHECK_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "zh" if lang.lower().startswith("zh") else "en"


def check_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        formatter_class=HelpFormatter,
        prog="report-check",
        description="检查政府信息公开工作年度报告是否符合格式 / Check government information-disclosure "
        "annual reports against the official template.",
        epilog="Other commands: report-check plugins | rules | extract | cache clear. Exit codes: 0 nothing at the fail "
        "level, 1 findings at the fail level, 2 usage, configuration, rule-pack or setup errors (a missing library, "
        "nothing to check), 3 internal error (a bug to report).",
    )
    p.add_argument("paths", nargs="*", type=Path, help="report files or folders (recursively); default: .")
    p.add_argument(
        "--format",
        action="append",
        dest="formats",
        metavar="NAME[:FILE]",
        help="output format (repeatable; NAME:FILE writes to FILE): see `report-check plugins`",
    )
    p.add_argument("--output", "-o", type=Path, help="write the (first) format to FILE instead of stdout")
    p.add_argument("--pack", default=None, help=f"rule pack name or YAML file (default: {DEFAULT_PACK})")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help="language of messages (default: from LANG)")
    p.add_argument(
        "--fail-level", choices=[s.value for s in Severity], default=None, help="lowest severity that fails (default: error)"
    )
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="set a pack parameter")
    p.add_argument(
        "--severity", action="append", default=[], metavar="RULE=LEVEL", help="override a rule's severity (error|warning|info|off)"
    )
    p.add_argument("--disable", action="append", default=[], metavar="RULE", help="turn a rule off")
    p.add_argument("--jobs", "-j", type=int, default=None, help="parallel worker processes (default: CPU count)")
    add_run_arguments(p)
    p.add_argument("--plugin", action="append", default=[], metavar="MODULE", help="also load this plugin module")
    ci = p.add_argument_group("repository configuration, waivers and baseline")
    ci.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: .report-check.yaml or "
                    "pyproject.toml [tool.report-check], searched from the working directory upward)")
    ci.add_argument("--no-config", action="store_true", help="ignore any configuration file")
    ci.add_argument("--show-config", type=Path, metavar="FILE", help="print the effective configuration for FILE and exit")
    ci.add_argument("--waivers", type=Path, metavar="FILE", help="waiver file (YAML): accepted findings with reasons")
    ci.add_argument("--baseline", type=Path, metavar="FILE", help="fail only on findings not in this baseline")
    ci.add_argument("--write-baseline", type=Path, metavar="FILE", help="record this run's findings as the baseline")
    ci.add_argument("--require-history", action="store_true", help="缺少同一机关上一年度报告即为问题 / a report "
                    "without the same agency's report of the year before (in the run or the config's history) is a finding")
    p.add_argument("--version", action="version", version=f"report-check {__version__}")
    return p


def parse_assignments(items: Sequence[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"{what} must be KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out


def build_config(args: argparse.Namespace) -> RepoConfig | None:
    """The repository configuration named by --config, else the nearest one (unless --no-config)."""
    if getattr(args, "no_config", False):
        return None
    path = getattr(args, "config", None)
    if path is not None and not path.is_file():
        raise UsageError(f"no such configuration file: {path}")
    path = path or find_config()
    return load_config(path) if path is not None else None


def build_settings(args: argparse.Namespace, config: RepoConfig | None = None) -> Settings:
    """Settings from the configuration, with the command line's flags on top of everything."""
    severities = parse_assignments(args.severity, "--severity")
    for level in severities.values():
        if level not in ("error", "warning", "info", "off"):
            raise UsageError(f"--severity level must be error, warning, info or off, got {level!r}")
    severities.update({rule: "off" for rule in args.disable})
    params: dict[str, object] = dict(parse_assignments(args.param, "--param"))
    if getattr(args, "require_history", False) or (config is not None and config.require_history):
        params["require_history"] = True
    cli = PathOverride(pack=args.pack, params=params, severities=severities)
    settings = Settings(pack=DEFAULT_PACK, plugins=tuple(args.plugin))
    base = config.base.apply(settings) if config is not None else settings
    waivers, baseline = getattr(args, "waivers", None), getattr(args, "baseline", None)
    settings = replace(
        cli.apply(base),
        fail_level=Severity(args.fail_level or (config.fail_level if config else None) or "error"),
        overrides=(*config.overrides, cli) if config is not None and config.overrides else (),
        waivers=str(waivers) if waivers else (config.waivers if config else None),
        baseline=str(baseline) if baseline else (config.baseline if config else None),
        config_file=config.path if config else None,
    )
    if getattr(args, "write_baseline", None) is not None:  # a new baseline records everything
        settings = replace(settings, baseline=None)
    return apply_limits(settings, config)


def check_rule_ids(engine: Engine, config: RepoConfig | None, args: argparse.Namespace) -> RepoConfig | None:
    """Rule ids and parameters the run names must exist (a typo must not pass); rule ids are
    taken case-insensitively, as ``rules explain`` takes them. Returns the config with its rule
    ids spelled as the packs spell them, and rewrites ``args`` the same way."""
    if config is None and not (args.severity or args.disable or args.param):
        validate.check_jobs(args.jobs)
        return None  # nothing named: every pack need not be loaded to know its rule ids
    known = validate.known_rules(engine)
    if config is not None:
        config = validate.canonical_config(config, known)
        validate.check_config_params(config, validate.known_params(engine))
    cli = parse_assignments(args.severity, "--severity")
    cli = validate.canonical_severities(cli, known, "--severity")
    args.severity = [f"{rule}={level}" for rule, level in cli.items()]
    args.disable = list(validate.canonical_severities({r: "off" for r in args.disable}, known, "--disable"))
    validate.check_params(parse_assignments(args.param, "--param"), validate.known_params(engine), "--param")
    validate.check_jobs(args.jobs)
    return config


def show_config(engine: Engine, config: RepoConfig | None, path: Path) -> str:
    settings = engine.settings.for_file(path)
    pack = engine.registry.load(settings.pack)
    # a selector pack has no params of its own: show those of the format version it picks last
    effective = engine.effective_settings(engine.registry.load(pack.select[-1][2]) if pack.select else pack, settings)
    effective["pack"] = pack.name
    if pack.select:
        effective["versions"] = {f"{a or ''}-{b or ''}": name for a, b, name in pack.select}
    shown = {"file": str(path), "checked": config.selects(path) if config else True, **effective}
    shown["limits"] = asdict(settings.limits)  # the defaults with the config's `limits:` over them
    import yaml
    return yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, default_flow_style=False)


def build_formatters(
    engine: Engine, specs: Sequence[str] | None, output: Path | None, lang: str, stack: ExitStack
) -> list[Formatter]:
    registry: dict[str, type[Formatter]] = {}
    for group in engine.pm.hook.report_check_formatters():
        for cls in group:
            registry[cls.name] = cls
    formatters = []
    for index, spec in enumerate(specs or ["text"]):
        name, _, target = spec.partition(":")
        if name not in registry:
            raise UsageError(f"unknown format {name!r} (known: {', '.join(sorted(registry))})")
        stream: TextIO
        path = Path(target) if target else (output if index == 0 else None)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                stream = stack.enter_context(open(path, "w", encoding="utf-8"))  # noqa: SIM115 - the ExitStack closes it
            except OSError as exc:
                raise UsageError(f"无法写入输出文件 / cannot write the output file {path}: {exc.strerror or exc}") from exc
        else:
            stream = sys.stdout
        formatters.append(registry[name](stream, lang))
    return formatters


def execute_check(args: argparse.Namespace) -> int:
    config = build_config(args)
    settings = build_settings(args, config)
    try:
        engine = Engine(settings)
    except SourceError as exc:  # `pack: gov-2022` in the config: name the config's line
        raise exc if config is None else validate.config_pack_error(config, exc) from exc
    config = check_rule_ids(engine, config, args)
    engine.settings = settings = build_settings(args, config)  # with the rule ids spelled right
    if args.show_config is not None:
        if not args.show_config.exists():
            raise UsageError(f"no such file: {args.show_config} / 文件不存在")
        sys.stdout.write(show_config(engine, config, args.show_config))
        return EXIT_OK
    lang = args.lang or default_lang()
    paths = args.paths or [Path(".")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    prepare(settings)
    if settings.waivers:
        validate.check_waiver_rules(load_waivers(settings.waivers), validate.known_rules(engine))
    files = discover(paths, engine.suffixes())
    if config is not None:
        selected = [f for f in files if config.selects(f)]
        skipped = len([p for p in paths if p.is_file() and p not in selected])
        if skipped and not args.quiet:
            sys.stderr.write(f"report-check: 跳过{skipped}个未被配置选中的文件 / skipped {skipped} file(s) named but "
                             f"not selected by include/exclude in {config.path}\n")
        files = selected
    if not files and any(p.is_dir() for p in paths):  # a mistyped path or include must not pass the gate
        where = f" (include/exclude in {config.path})" if config is not None else ""
        raise UsageError(f"没有找到要检查的报告 / no reports to check in {', '.join(map(str, paths))}{where}")
    validate.check_dependencies(engine, files)
    history = history_paths(config, engine.suffixes(), files)
    checked = run_for_cli(engine, files, args)
    results = check_repository(engine, checked, run_for_cli(engine, history, args) if history else None)
    results = finish_run(engine, results, args.write_baseline)
    packs = engine.packs_in_use()
    result = RunResult(
        results,
        settings.fail_level,
        lang,
        {r.id: r for p in packs for r in p.rules},
        {p.name: tuple(r.id for r in p.rules if r.enabled) for p in packs},
        engine=engine,
    )
    with ExitStack() as stack:
        formatters = build_formatters(engine, args.formats, args.output, lang, stack)
        try:
            for formatter in formatters:
                formatter.write(result)
        except BrokenPipeError:  # `report-check … | head`: the reader has all it wanted
            silence_stdout()
    if internal.has_internal(results):
        internal.ask_to_report(results)
        return EXIT_INTERNAL
    return EXIT_FINDINGS if result.failed else EXIT_OK
