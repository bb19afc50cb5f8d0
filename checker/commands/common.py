"""What every command shares: exit codes, the usage error, a closed pipe."""

from __future__ import annotations

import argparse
import os
import sys

#: 0 nothing at the fail level, 1 findings at the fail level, 2 usage, configuration or setup error
#: (bad option, invalid config/pack/waivers, missing library, nothing to check), 3 internal error.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """Bad command-line input, configuration or setup: exit code 2."""


def silence_stdout() -> None:
    """The reader of our stdout went away (``| head``): send the rest, and Python's final flush,
    to /dev/null instead of raising BrokenPipeError at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (captured in tests)
        pass


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own, told the terminal's width as ``shutil.get_terminal_size`` finds it
    (``COLUMNS``, else the terminal, else 80). Left to itself argparse imports ``shutil`` to ask
    (and with it bz2 and lzma: 2-3 ms of every start), once for every option a parser adds."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                columns = 0
        super().__init__(prog, width=(columns or 80) - 2)  # argparse's own margin
