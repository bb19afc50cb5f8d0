"""Building the plugin manager: built-ins and third-party plugins through one entry point group."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType

import pluggy

from checker import hookspecs
from checker.hookspecs import PROJECT


class PluginLoadError(Exception):
    """A plugin could not be loaded: in a CI gate a missing plugin must not be a silent pass."""


def build_plugin_manager(
    modules: Iterable[ModuleType | str] | None = None, *, entry_points: bool = True
) -> pluggy.PluginManager:
    """A fresh plugin manager.

    ``modules`` registers exactly these plugin modules (tests use this); ``entry_points`` also loads
    every plugin of the ``report_check`` entry point group, built-ins included. A plugin that fails
    to import raises :class:`PluginLoadError` naming it.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    for module in modules or ():
        if isinstance(module, str):
            try:
                module = importlib.import_module(module)
            except Exception as exc:  # noqa: BLE001 - any import failure names the plugin
                raise PluginLoadError(f"plugin module {module!r} failed to load: {exc}") from exc
        if not pm.is_registered(module):
            pm.register(module)
    if entry_points:
        try:
            pm.load_setuptools_entrypoints(PROJECT)
        except Exception as exc:  # noqa: BLE001
            raise PluginLoadError(f"a report_check plugin failed to load: {exc}") from exc
    pm.check_pending()
    return pm


BUILTIN_PLUGINS = (
    "checker.extractors.text",
    "checker.rulekinds",
    "checker.packs",
    "checker.formatters",
)
