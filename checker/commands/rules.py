"""``report-check rules list|explain``: the rules of a pack, and what each one checks and why.

``--pack`` defaults to the selector pack ``gov``: its rules are the union of gov-2019 and gov-2021,
each marked with the format versions it applies to. Exit 0, or 2 for an unknown pack or rule id.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from checker.commands.common import EXIT_OK, HelpFormatter, UsageError
from checker.engine import DEFAULT_PACK, Engine, Settings


def rules_parser() -> argparse.ArgumentParser:
    from checker.commands.check import default_lang

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--pack", default=DEFAULT_PACK, help=f"rule pack name or YAML file (default: {DEFAULT_PACK}, both format versions)"
    )
    common.add_argument("--lang", choices=("zh", "en"), default=default_lang(), help="language (default: from LANG)")
    common.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    common.add_argument("--plugin", action="append", default=[], metavar="MODULE", help="also load this plugin module")
    p = argparse.ArgumentParser(
        formatter_class=HelpFormatter,
        prog="report-check rules", description="列出规则并说明其含义 / List the rules and explain what each checks and why."
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="{list,explain}")
    sub.add_parser("list", parents=[common], help="id, kind, severity and summary of every rule / 列出规则")
    explain = sub.add_parser(
        "explain", parents=[common], help="what a rule checks, why, and examples / 说明规则的检查内容、依据和示例"
    )
    explain.add_argument("rule_id", metavar="ID", help="rule id, e.g. A1 or W4-late")
    return p


def execute_rules(args: argparse.Namespace, engine: Engine | None = None) -> int:
    """Run ``rules list|explain``; tests pass a ready ``engine`` built for ``args.pack``."""
    from checker.explain import (
        close_matches,
        entries,
        non_pack_text,
        render_explain,
        render_list,
        write_json,
    )

    engine = engine or Engine(Settings(pack=args.pack, plugins=tuple(args.plugin)))
    items = entries(engine.registry, engine.pack)
    if args.action == "list":
        if args.format == "json":
            write_json(items, engine.pack.name, sys.stdout)
        else:
            sys.stdout.write(render_list(items, args.lang))
        return EXIT_OK
    chosen = [e for e in items if e.rule.id == args.rule_id]
    if not chosen:  # "a1" for "A1", "w4-late" for "W4-late"
        chosen = [e for e in items if e.rule.id.upper() == args.rule_id.upper()]
    if not chosen:
        other = non_pack_text(args.rule_id)
        if other is not None:
            sys.stdout.write(f"{args.rule_id}: {other.get(args.lang)}\n")
            return EXIT_OK
        known = list(dict.fromkeys(e.rule.id for e in items))
        near = close_matches(args.rule_id, known)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise UsageError(
            f"unknown rule {args.rule_id!r} in pack {engine.pack.name!r}{hint} "
            f"(see `report-check rules list --pack {engine.pack.name}`)"
        )
    if args.format == "json":
        write_json(chosen, engine.pack.name, sys.stdout)
    else:
        sys.stdout.write(render_explain(chosen, args.lang))
    return EXIT_OK


def main(argv: Sequence[str]) -> int:
    return execute_rules(rules_parser().parse_args(argv))
