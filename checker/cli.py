"""The command line entry point: dispatch to a subcommand module.

    report-check [PATHS…]            check reports (files or folders)       checker.commands.check
    report-check plugins             list what is loaded                    checker.commands.plugins
    report-check extract FILE…       what was read, cell by cell            checker.commands.extract
    report-check rules list|explain  what each rule checks, and why         checker.commands.rules
    report-check cache clear         forget cached results and packs        checker.commands.cache
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn


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


def _cache(argv: Sequence[str]) -> int:
    from checker.commands.cache import main as cache_main

    return cache_main(argv)


#: Subcommands by their first word; anything else is a path to check.
SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"plugins": _plugins}
SUBCOMMANDS.update({"extract": _extract, "rules": _rules, "cache": _cache})


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = SUBCOMMANDS.get(argv[0]) if argv else None
    if command is None and "--version" in argv and "--" not in argv:  # answered before any import
        from checker import __version__

        sys.stdout.write(f"report-check {__version__}\n")
        return 0
    from checker.commands.common import (
        EXIT_INTERNAL,
        EXIT_OK,
        EXIT_USAGE,
        UsageError,
        silence_stdout,
    )
    from checker.packs.yamlsource import SourceError
    from checker.plugins import PluginLoadError

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
    except Exception:  # noqa: BLE001 - a bug of ours outside any one file: say so, exit 3
        import traceback

        traceback.print_exc()
        sys.stderr.write("report-check: 内部错误，请将以上输出报告给维护者 / internal error: this is a bug of "
                         "report-check, please report it with the output above\n")
        return EXIT_INTERNAL


def console_main() -> NoReturn:
    """The ``report-check`` command: :func:`main`, then an exit without the interpreter's teardown.

    Freeing every object of every imported module one by one took a fifth of a short check
    (0.02-0.03 s of 0.15 s), and a pre-commit hook pays it on every commit. By the time
    :func:`main` returns, the run has written and closed its reports and stopped its workers; what
    is left is done here: the exit handlers run (a plugin's, temporary folders), the standard
    streams are flushed, and the process ends (as mypy ends its runs, ``util.hard_exit``).
    """
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: no console (pythonw)
                stream.flush()
        except (OSError, ValueError):  # a closed pipe (`report-check … | head`), a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    console_main()
