"""Where the packaged data lives: rule packs and JSON Schemas.

In a wheel they sit under ``checker/_data`` (see pyproject's force-include); in a source checkout
they are the repository's top-level ``rules/`` and ``schemas/``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema from ``schemas/`` by file name, e.g. ``"findings.schema.json"``."""
    with open(data_dir("schemas") / name, encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded
