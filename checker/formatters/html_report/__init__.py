"""``--format html:FILE``: one self-contained HTML page with every finding beside its evidence.

Modules: ``page`` builds the page, ``summary`` its head, ``grids`` draws tables, ``snapshots``
renders PDF pages (pypdfium2, imported only when a PDF has findings), ``evidence`` re-reads a file
the way the check read it, ``texts`` holds the page's words in both languages and its stylesheet.
"""

from __future__ import annotations

from checker.formatters.base import Formatter, RunResult


class HtmlFormatter(Formatter):
    name = "html"
    description = "证据报告：每个问题旁附页面截图或表格，单个离线 HTML 文件 / evidence report: one offline HTML file, each finding beside its page snapshot or table"

    def write(self, run: RunResult) -> None:
        from checker.formatters.html_report.page import render

        render(run, self.lang, self.stream)
