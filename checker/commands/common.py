"""What every command shares: exit codes and the usage error."""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 3  # the checker itself failed (an INTERNAL finding): a bug to report, not the input's fault


class UsageError(Exception):
    """Bad command-line input: exit code 2."""
