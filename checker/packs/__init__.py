"""Built-in rule packs: the official formats, shipped as YAML in ``rules/``."""

from __future__ import annotations

from pathlib import Path

from checker import hookimpl
from checker.resources import data_dir


@hookimpl
def report_check_rule_packs() -> list[Path]:
    return sorted(data_dir("rules").glob("*.yaml"))
