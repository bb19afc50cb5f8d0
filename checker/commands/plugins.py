"""``report-check plugins``: what is loaded, and what each plugin contributes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from checker.commands.common import EXIT_OK, HelpFormatter
from checker.engine import Engine, Settings
from checker.plugins import build_plugin_manager, describe_plugins


def execute_plugins(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="report-check plugins", description="List loaded plugins / 列出已加载的插件", formatter_class=HelpFormatter
    )
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE", help="also load this plugin module")
    args = parser.parse_args(argv)
    settings = Settings(plugins=tuple(args.plugin))
    engine = Engine(settings, build_plugin_manager(settings.plugins))  # real plugins: it shows their origin
    sys.stdout.write(describe_plugins(engine))
    return EXIT_OK
