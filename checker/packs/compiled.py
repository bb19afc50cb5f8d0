"""Built-in (and plugin) rule packs compiled once: parsed, schema-validated, resolved, pickled.

Parsing the YAML and validating every rule against its JSON Schema took ~0.13 s on every run,
and pulled in jsonschema. The compiled packs are keyed by the package version, every pack file's
path and content hash, the pack schema's hash and the rule kinds in use (a plugin's kind
validates its own rules), validated when built, and loaded without re-validation. A pack named
by file on the command line, or anything needing the YAML itself (line numbers for an error),
falls back to the full :class:`~checker.packs.loader.PackRegistry` on first use.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from checker import startup
from checker.packs.loader import PackError, PackRegistry
from checker.packs.model import Pack
from checker.resources import data_dir


def _key(pack_files: list[Path], rule_kinds: dict[str, Any]) -> str:
    files = [(str(p), startup.file_hash(p)) for p in pack_files]
    kinds = sorted((name, kind.__module__, kind.__qualname__) for name, kind in rule_kinds.items())
    code = startup.code_stamp(
        "checker.packs.model", "checker.packs.loader", "checker.packs.compiled", "checker.finding", "checker.values"
    )
    return startup.key_of("packs", files, startup.file_hash(data_dir("schemas") / "pack.schema.json"), kinds, code)


def pack_registry(pack_files: list[Path], rule_kinds: dict[str, Any]) -> PackRegistry:
    key = _key(pack_files, rule_kinds)
    cached = startup.load("packs", key)
    if isinstance(cached, dict) and isinstance(cached.get("packs"), dict):
        return CompiledRegistry(pack_files, rule_kinds, cached["packs"], cached["abstract"])
    registry = PackRegistry(pack_files, rule_kinds)
    try:
        packs = {name: registry.load(name) for name in registry.names}
    except PackError:
        return registry  # not cached: the error surfaces where that pack is used, as before
    # each pack pickled on its own, unpickled when used: a run of the annual-report packs does
    # not rebuild the 部门决算 packs' objects (unpickling all of them was ~10 ms of every start)
    pickled = {name: pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL) for name, pack in packs.items()}
    startup.store("packs", key, {"packs": pickled, "abstract": {n: registry.is_abstract(n) for n in registry.names}})
    return registry


class CompiledRegistry(PackRegistry):
    """A registry whose packs come ready from the cache; the YAML is read only if asked for."""

    def __init__(
        self, pack_files: list[Path], rule_kinds: dict[str, Any], packs: dict[str, bytes], abstract: dict[str, bool]
    ) -> None:
        self.rule_kinds = rule_kinds
        self._files = list(pack_files)
        self._parsed: dict[str, Any] | None = None
        self._cache: dict[str, Pack] = {}
        self._pickled = dict(packs)
        self._abstract = dict(abstract)

    @property
    def _sources(self) -> dict[str, Any]:
        if self._parsed is None:
            self._parsed = {}
            for path in self._files:
                self.add_file(path)
        return self._parsed

    @_sources.setter
    def _sources(self, value: dict[str, Any]) -> None:
        self._parsed = value

    @property
    def names(self) -> list[str]:
        if self._parsed is None:
            return sorted(self._abstract)
        return super().names

    def is_abstract(self, name: str) -> bool:
        if self._parsed is None and name in self._abstract:
            return self._abstract[name]
        return super().is_abstract(name)

    def load(self, name_or_path: str) -> Pack:
        cached = self._cache.get(name_or_path)
        if cached is None and name_or_path in self._pickled:
            try:
                cached = pickle.loads(self._pickled.pop(name_or_path))
            except Exception:  # noqa: BLE001 - a damaged entry: the pack is read from its YAML
                cached = None
            if isinstance(cached, Pack):
                self._cache[name_or_path] = cached
            else:
                cached = None
        return cached if cached is not None else super().load(name_or_path)
