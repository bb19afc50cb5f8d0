"""What every command shares: exit codes and the usage error."""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line input: exit code 2."""
