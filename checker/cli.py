"""The command line entry point: dispatch to a subcommand module.

    report-check [PATHS…]            check reports (files or folders)       checker.commands.check
    report-check plugins             list what is loaded                    checker.commands.plugins
    report-check extract FILE…       what was read, cell by cell            checker.commands.extract
    report-check rules list|explain  what each rule checks, and why         checker.commands.rules
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from checker.commands.common import EXIT_OK, EXIT_USAGE, UsageError, silence_stdout
from checker.packs.yamlsource import SourceError
from checker.plugins import PluginLoadError


def _check(argv: Sequence[str]) -> int:
    from checker.commands.check import check_parser, execute_check

    return execute_check(check_parser().parse_args(argv))


def _plugins(argv: Sequence[str]) -> int:
    from checker.commands.plugins import execute_plugins

    return execute_plugins(argv)


def _extract(argv: Sequence[str]) -> int:
    from checker.commands.extract import main as extract_main

    return extract_main(argv)


def _rules(argv: Sequence[str]) -> int:
    from checker.commands.rules import main as rules_main

    return rules_main(argv)


#: Subcommands by their first word; anything else is a path to check.
SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"plugins": _plugins}
SUBCOMMANDS.update({"extract": _extract, "rules": _rules})


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
    except BrokenPipeError:  # `report-check rules list | head`: the reader has what it wanted
        silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
