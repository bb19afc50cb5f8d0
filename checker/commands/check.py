"""``report-check [PATHS…]``: check reports. Parse, then build, then execute."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from checker import __version__
from checker.commands.common import EXIT_FINDINGS, EXIT_OK, UsageError
from checker.engine import DEFAULT_PACK, Engine, Settings, discover, run
from checker.finding import Severity
from checker.formatters.base import Formatter, RunResult


def default_lang() -> str:
    lang = os.environ.get("REPORT_CHECK_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "zh" if lang.lower().startswith("zh") else "en"


def check_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="report-check",
        description="检查政府信息公开工作年度报告是否符合格式 / Check government information-disclosure "
        "annual reports against the official template.",
        epilog="Other commands: report-check plugins | rules | extract. Exit codes: 0 nothing at the fail level, 1 findings "
        "at the fail level, 2 usage, configuration or rule-pack errors.",
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
    p.add_argument("--plugin", action="append", default=[], metavar="MODULE", help="also load this plugin module")
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


def build_settings(args: argparse.Namespace) -> Settings:
    severities = parse_assignments(args.severity, "--severity")
    for level in severities.values():
        if level not in ("error", "warning", "info", "off"):
            raise UsageError(f"--severity level must be error, warning, info or off, got {level!r}")
    severities.update({rule: "off" for rule in args.disable})
    params: dict[str, object] = dict(parse_assignments(args.param, "--param"))
    return Settings(
        pack=args.pack or DEFAULT_PACK,
        params=params,
        severities=severities,
        fail_level=Severity(args.fail_level or "error"),
        plugins=tuple(args.plugin),
    )


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
            path.parent.mkdir(parents=True, exist_ok=True)
            stream = stack.enter_context(open(path, "w", encoding="utf-8"))  # noqa: SIM115 - the ExitStack closes it
        else:
            stream = sys.stdout
        formatters.append(registry[name](stream, lang))
    return formatters


def execute_check(args: argparse.Namespace) -> int:
    settings = build_settings(args)
    engine = Engine(settings)
    lang = args.lang or default_lang()
    paths = args.paths or [Path(".")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    files = discover(paths, engine.suffixes())
    results = run(engine, files, args.jobs)
    used = {r.pack for r in results if r.pack} | {engine.pack.name}
    rules = {rule.id: rule for name in sorted(used) for rule in engine.registry.load(name).rules}
    result = RunResult(results, settings.fail_level, lang, rules)
    with ExitStack() as stack:
        for formatter in build_formatters(engine, args.formats, args.output, lang, stack):
            formatter.write(result)
    return EXIT_FINDINGS if result.failed else EXIT_OK
