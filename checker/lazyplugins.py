"""Entry points read once: a manifest of the ``report_check`` plugins, and extractors loaded lazily.

Scanning every installed distribution's metadata for entry points costs ~25 ms, and importing the
extractor modules of formats a run never meets costs more (PDF, DOCX, HTML: ~50 ms together). So
the first run records a manifest: each entry point, the module it names, which hooks it implements
and, for a plugin that only contributes extractors, each extractor's name, suffixes and priority.
Later runs register from the manifest: plugins with other hooks are imported as before, an
extractor-only plugin becomes a stand-in whose extractors import the real module the first time
a file of theirs is read (or a file without a suffix needs ``accepts``).

The manifest is keyed by the package version, the ``sys.path`` and the modification times of its
site folders (installing or removing a distribution changes its site-packages folder), and checked
against the modification time of each plugin module's file, so an edited plugin is re-read.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import pluggy
from msgspec import Struct

from checker import hookimpl, startup
from checker.extractors.base import Limits
from checker.hookspecs import PROJECT
from checker.model import Document

HOOKS = (
    "report_check_extractors",
    "report_check_rule_kinds",
    "report_check_rule_packs",
    "report_check_formatters",
    "report_check_process_result",
)


class ExtractorInfo(Struct, frozen=True):
    name: str
    suffixes: tuple[str, ...]
    priority: int


class PluginEntry(Struct, frozen=True):
    name: str  # the entry point's name
    value: str  # "module" or "module:attr"
    hooks: tuple[str, ...]
    extractors: tuple[ExtractorInfo, ...] | None  # only for an extractor-only plugin
    origin: str | None  # the module's file
    mtime: int


def _resolve(value: str) -> Any:
    module, _, attr = value.partition(":")
    obj: Any = importlib.import_module(module.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    return obj


def _mtime(path: str | None) -> int:
    try:
        return os.stat(path).st_mtime_ns if path else -1
    except OSError:
        return -1


def _entry(name: str, value: str) -> PluginEntry:
    plugin = _resolve(value)
    hooks = tuple(h for h in HOOKS if callable(getattr(plugin, h, None)))
    extractors = None
    if hooks == ("report_check_extractors",):
        extractors = tuple(
            ExtractorInfo(e.name, tuple(e.suffixes), int(e.priority)) for e in plugin.report_check_extractors()
        )
    origin = getattr(sys.modules.get(value.partition(":")[0].strip()), "__file__", None)
    return PluginEntry(name, value, hooks, extractors, origin, _mtime(origin))


def _path_key() -> tuple[tuple[str, int], ...]:
    """Where distributions are installed, and when that last changed. Only site folders count with
    their modification time: the script's own folder (``/tmp`` for a script there) changes all the
    time and holds no distribution; a plugin installed with ``--target`` elsewhere on the path is
    seen after ``report-check cache clear``."""
    site = ("site-packages", "dist-packages")
    return tuple((p, _mtime(p) if os.path.basename(p.rstrip("/")) in site else 0) for p in sys.path if p)


def manifest() -> tuple[PluginEntry, ...]:
    key = startup.key_of("plugins", _path_key(), startup.code_stamp(__name__))
    cached = startup.load("plugins", key)
    if isinstance(cached, tuple) and all(isinstance(e, PluginEntry) and _mtime(e.origin) == e.mtime for e in cached):
        return cached
    import importlib.metadata

    seen: set[str] = set()
    entries = []
    for dist in importlib.metadata.distributions():
        for ep in dist.entry_points:
            if ep.group == PROJECT and ep.name not in seen:  # the first distribution wins, as in pluggy
                seen.add(ep.name)
                entries.append(_entry(ep.name, ep.value))
    result = tuple(entries)
    startup.store("plugins", key, result)
    return result


class LazyExtractor:
    """Stands in for an extractor until a file of its own needs the real one."""

    def __init__(self, entry: PluginEntry, info: ExtractorInfo) -> None:
        self._entry, self._info = entry, info
        self.name, self.suffixes, self.priority = info.name, info.suffixes, info.priority
        self._real: Any = None

    def real(self) -> Any:
        if self._real is None:
            plugin = _resolve(self._entry.value)
            found = [e for e in plugin.report_check_extractors() if e.name == self._info.name]
            if not found:
                raise RuntimeError(f"plugin {self._entry.name!r} no longer provides extractor {self._info.name!r}")
            self._real = found[0]
        return self._real

    def accepts(self, path: Path, head: bytes) -> bool:
        return bool(self.real().accepts(path, head))

    def extract(self, path: Path, limits: Limits) -> Document:
        document: Document = self.real().extract(path, limits)
        return document

    def __repr__(self) -> str:
        return f"LazyExtractor({self._entry.value}:{self.name})"


class _ExtractorPlugin:
    """What is registered for an extractor-only plugin until one of its files comes."""

    def __init__(self, entry: PluginEntry) -> None:
        assert entry.extractors is not None
        self._extractors = [LazyExtractor(entry, info) for info in entry.extractors]

    @hookimpl
    def report_check_extractors(self) -> list[LazyExtractor]:
        return list(self._extractors)


def register_entry_points(pm: pluggy.PluginManager) -> None:
    """Like ``pm.load_setuptools_entrypoints(PROJECT)``, from the manifest, extractors lazily."""
    for entry in manifest():
        if pm.has_plugin(entry.name) or pm.is_blocked(entry.name):
            continue
        module = sys.modules.get(entry.value.partition(":")[0].strip())
        if module is not None and ":" not in entry.value and pm.is_registered(module):
            continue  # registered directly already (--plugin names a built-in)
        if entry.extractors is not None and module is None:
            pm.register(_ExtractorPlugin(entry), name=entry.name)
        else:
            pm.register(_resolve(entry.value), name=entry.name)
