"""The command line entry point: dispatch to a subcommand module.

    report-check [PATHS…]            check reports (files or folders)       checker.commands.check
    report-check plugins             list what is loaded                    checker.commands.plugins
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from checker.commands.common import EXIT_USAGE, UsageError
from checker.packs.yamlsource import SourceError
from checker.plugins import PluginLoadError


def _check(argv: Sequence[str]) -> int:
    from checker.commands.check import check_parser, execute_check

    return execute_check(check_parser().parse_args(argv))


def _plugins(argv: Sequence[str]) -> int:
    from checker.commands.plugins import execute_plugins

    return execute_plugins(argv)


#: Subcommands by their first word; anything else is a path to check.
SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"plugins": _plugins}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = SUBCOMMANDS.get(argv[0]) if argv else None
    try:
        if command is not None:
            return command(argv[1:])
        return _check(argv)
    except (UsageError, SourceError, PluginLoadError) as exc:
        sys.stderr.write(f"report-check: error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
