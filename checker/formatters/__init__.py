"""Built-in output formats, registered through the same hook a plugin uses."""

from __future__ import annotations

from checker import hookimpl
from checker.formatters.base import Formatter
from checker.formatters.json import JsonFormatter
from checker.formatters.text import TextFormatter


@hookimpl
def report_check_formatters() -> list[type[Formatter]]:
    return [TextFormatter, JsonFormatter]
