"""report-check: a compliance checker for 政府信息公开工作年度报告."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``hookimpl``, the marker for plugin hook implementations (``from checker import hookimpl``),
    made on first use: ``report-check --version`` must not pay for importing pluggy."""
    if name == "hookimpl":
        import pluggy

        from checker.hookspecs import PROJECT

        marker = pluggy.HookimplMarker(PROJECT)
        globals()["hookimpl"] = marker
        return marker
    raise AttributeError(f"module 'checker' has no attribute {name!r}")

__all__ = ["__version__", "hookimpl"]
