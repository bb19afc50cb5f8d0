"""Built-in output formats, registered through the same hook a plugin uses."""

from __future__ import annotations

from checker import hookimpl
from checker.formatters.base import Formatter
from checker.formatters.github import GithubFormatter, MarkdownFormatter
from checker.formatters.html_report import HtmlFormatter
from checker.formatters.json import JsonFormatter
from checker.formatters.junit import JunitFormatter
from checker.formatters.sarif import SarifFormatter
from checker.formatters.text import TextFormatter


@hookimpl
def report_check_formatters() -> list[type[Formatter]]:
    return [TextFormatter, JsonFormatter, SarifFormatter, JunitFormatter, GithubFormatter, MarkdownFormatter, HtmlFormatter]
