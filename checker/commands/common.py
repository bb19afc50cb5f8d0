"""What every command shares: exit codes, the usage error, a closed pipe."""

from __future__ import annotations

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
