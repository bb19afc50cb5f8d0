"""report-check: a compliance checker for 政府信息公开工作年度报告."""

from __future__ import annotations

import pluggy

from checker.hookspecs import PROJECT

__version__ = "0.1.0"

#: Marker for plugin hook implementations: ``from checker import hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = ["__version__", "hookimpl"]
