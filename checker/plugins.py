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
    modules: Iterable[ModuleType | str] | None = None, *, entry_points: bool = True, lazy: bool = False
) -> pluggy.PluginManager:
    """A fresh plugin manager.

    ``modules`` registers exactly these plugin modules (tests use this); ``entry_points`` also loads
    every plugin of the ``report_check`` entry point group, built-ins included. A plugin that fails
    to import raises :class:`PluginLoadError` naming it. ``lazy`` reads the entry points from the
    cached manifest and defers extractor-only plugins (:mod:`checker.lazyplugins`); ``report-check
    plugins`` loads them for real, since it shows where each one comes from.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    for named in modules or ():
        module = named
        if isinstance(named, str):
            try:
                module = importlib.import_module(named)
            except Exception as exc:
                raise PluginLoadError(f"plugin module {named!r} failed to load: {exc}") from exc
        if not pm.is_registered(module):
            pm.register(module)
    if entry_points:
        try:
            if lazy:
                from checker.lazyplugins import register_entry_points

                register_entry_points(pm)
            else:
                pm.load_setuptools_entrypoints(PROJECT)
        except Exception as exc:
            raise PluginLoadError(f"a report_check plugin failed to load: {exc}") from exc
    pm.check_pending()
    return pm


BUILTIN_PLUGINS = (
    "checker.extractors.text",
    "checker.rulekinds",
    "checker.packs",
    "checker.formatters",
    "checker.suppressions",
)


def describe_plugins(engine: object) -> str:
    """What ``report-check plugins`` prints: every plugin and what it contributes."""
    from checker.engine import Engine

    assert isinstance(engine, Engine)
    pm = engine.pm
    lines = []
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: str(item[0])):
        dist = dists.get(id(plugin))
        origin = f"{dist.project_name} {dist.version}" if dist is not None else "registered directly"
        lines.append(f"{name}  ({origin})")
        for hook in ("report_check_extractors", "report_check_rule_kinds", "report_check_rule_packs", "report_check_formatters"):
            impl = getattr(plugin, hook, None)
            if impl is None:
                continue
            items = impl()
            names = [getattr(i, "name", None) or getattr(i, "stem", None) or str(i) for i in items]
            if hook == "report_check_extractors":  # say which cannot run here, and how to fix that
                from checker.extractors.deps import install_hint, missing

                names = [f"{n} (不可用 / unavailable: {', '.join(missing(i))} missing; {install_hint(i)})"
                         if missing(i) else n for n, i in zip(names, items)]
            lines.append(f"    {hook.removeprefix('report_check_')}: {', '.join(map(str, names))}")
    packs = [n for n in engine.registry.names if not engine.registry.is_abstract(n)]
    lines.append(f"rule packs: {', '.join(packs)}")
    return "\n".join(lines) + "\n"
