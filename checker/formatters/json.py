"""JSON output, the machine-readable contract (``schemas/findings.schema.json``)."""

from __future__ import annotations

import json

from checker import __version__
from checker.formatters.base import Formatter, RunResult


def run_to_dict(run: RunResult) -> dict[str, object]:
    return {
        "tool": {"name": "report-check", "version": __version__},
        "schema": "report-check/findings/v1",
        "fail_level": run.fail_level.value,
        "files": [result.to_dict(run.lang) for result in run.files],
        "summary": run.counts(),
    }


class JsonFormatter(Formatter):
    name = "json"
    description = "the findings contract as JSON (schemas/findings.schema.json)"

    def write(self, run: RunResult) -> None:
        json.dump(run_to_dict(run), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
