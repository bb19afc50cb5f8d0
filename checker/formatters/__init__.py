"""Built-in output formats, registered through the same hook a plugin uses."""

from __future__ import annotations

from checker import hookimpl
from checker.formatters.base import Formatter
from checker.formatters.json import JsonFormatter
from checker.formatters.text import TextFormatter
from checker.lazyclass import stand_in

# imported when chosen (ElementTree for JUnit, the HTML report's page and grids, …)
_LATER = [
    stand_in(Formatter, f"checker.formatters.{module}", qualname, name)
    for name, module, qualname in (
        ("sarif", "sarif", "SarifFormatter"),
        ("junit", "junit", "JunitFormatter"),
        ("github", "github", "GithubFormatter"),
        ("markdown", "github", "MarkdownFormatter"),
        ("html", "html_report", "HtmlFormatter"),
    )
]


@hookimpl
def report_check_formatters() -> list[type[Formatter]]:
    return [TextFormatter, JsonFormatter, *_LATER]
