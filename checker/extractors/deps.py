"""The libraries an extractor needs, and what to say when they are missing.

An extractor names the modules it imports in ``requires`` and the package extra that installs
them in ``extra``. A missing library is a setup problem, not a property of the report: the check
command stops with exit 2 before it reads anything (``checker.commands.validate``), ``report-check
plugins`` marks the extractor unavailable, and an extractor called anyway (the Python API) returns
one ``EXTRACT-dependency`` finding, the same rule id for every format.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from checker.extractors.base import unreadable
from checker.model import Document

RULE = "EXTRACT-dependency"


def available(module: str) -> bool:
    """Is ``module`` importable? (``sys.modules[name] = None`` blocks an import, as in tests.)"""
    if module in sys.modules and sys.modules[module] is None:
        return False
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing(extractor: Any) -> list[str]:
    return [m for m in getattr(extractor, "requires", ()) if not available(m)]


def install_hint(extractor: Any) -> str:
    extra = getattr(extractor, "extra", None)
    return f"pip install 'report-check[{extra}]'" if extra else f"pip install {' '.join(missing(extractor))}"


def dependency_message(extractor: Any) -> tuple[str, str]:
    """(zh, en): which library is missing for which format, and how to install it."""
    names = ", ".join(missing(extractor))
    fmt = getattr(extractor, "name", "?").upper()
    hint = install_hint(extractor)
    return (f"读取 {fmt} 需要 {names}，但未安装：请运行 {hint}",
            f"reading {fmt} needs {names}, which is not installed: {hint}")


def dependency_problem(path: Path, extractor: Any) -> Document:
    zh, en = dependency_message(extractor)
    return unreadable(path, getattr(extractor, "name", "unknown"), RULE, zh, en)
