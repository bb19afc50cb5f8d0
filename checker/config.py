"""The repository configuration: ``.report-check.yaml`` or ``[tool.report-check]`` in pyproject.toml.

Found from the working directory upward (stopping at the repository root, the first folder with a
``.git``), or named with ``--config``. Validated by ``schemas/config.schema.json``; an invalid file
is a :class:`~checker.packs.yamlsource.SourceError` naming the file, the line and what is wrong
(exit 2). The configuration becomes :class:`~checker.engine.Settings`: the top level is the base,
each ``overrides`` entry is a :class:`PathOverride` applied to the files its globs match, and the
command line's flags are one last override that matches every file, so they always win.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from checker.packs.yamlsource import SourceError, YamlSource
from checker.resources import schema

if TYPE_CHECKING:
    from checker.engine import Settings

CONFIG_NAMES = (".report-check.yaml", ".report-check.yml")
PYPROJECT = "pyproject.toml"
TOOL_KEY = "report-check"


# -- globs ----------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """``**`` spans folders, ``*`` and ``?`` stay inside one; no ``/`` means "at any depth"."""
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out).lstrip("/") + r"(?:/.*)?\Z")  # a folder's glob covers its files


def glob_match(pattern: str, path: Path | str, root: Path | str) -> bool:
    """Does ``path`` (relative to the working directory, or absolute) match ``pattern`` relative to ``root``?"""
    pattern = posixpath.normpath(pattern)
    rel = Path(os.path.relpath(Path(path).resolve(), Path(root).resolve())).as_posix()
    if rel.startswith("../") and not pattern.startswith("../"):
        return False  # outside the root: only a glob that leaves the root itself can match
    return bool(_glob_regex(pattern).match(rel))


# -- per-path settings ----------------------------------------------------------------------------


class PathOverride(Struct, frozen=True):
    """Settings for the files that match ``paths`` (globs relative to ``root``); no paths: every file."""

    paths: tuple[str, ...] = ()
    root: str = "."
    pack: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)

    def matches(self, path: Path | str) -> bool:
        return not self.paths or any(glob_match(p, path, self.root) for p in self.paths)

    def apply(self, settings: Settings) -> Settings:
        return replace(
            settings,
            pack=self.pack or settings.pack,
            params={**settings.params, **self.params},
            severities={**settings.severities, **self.severities},
        )


# -- loading --------------------------------------------------------------------------------------


class TomlSource(YamlSource):
    """``[tool.report-check]`` of a pyproject.toml, with the line of a key found by a plain search."""

    def __init__(self, path: Path) -> None:  # parses TOML instead of YAML; no super().__init__
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        self.path = path
        self.node = None
        try:
            self.text = path.read_text(encoding="utf-8")
            self.data = tomllib.loads(self.text).get("tool", {}).get(TOOL_KEY)
        except OSError as exc:
            raise SourceError(str(path), None, f"cannot read: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise SourceError(str(path), getattr(exc, "lineno", None), f"invalid TOML: {exc}") from exc

    def line_of(self, json_path: Iterable[str | int]) -> int | None:
        lines = self.text.splitlines()
        start = next((i for i, l in enumerate(lines) if l.strip().startswith(f"[tool.{TOOL_KEY}")), 0)
        line = start + 1
        for key in json_path:
            if isinstance(key, int):
                continue
            for i in range(line - 1, len(lines)):
                stripped = lines[i].strip()
                if re.match(rf'(?:\[[^\]]*\.)?"?{re.escape(key)}"?\s*(?:=|\])', stripped):
                    line = i + 1
                    break
        return line


class RepoConfig(Struct, frozen=True):
    """A loaded configuration file; relative paths in it are relative to its folder, ``root``."""

    source: YamlSource
    root: Path
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    base: PathOverride
    fail_level: str | None
    waivers: str | None
    baseline: str | None
    overrides: tuple[PathOverride, ...]
    history: tuple[str, ...] = ()  # earlier years' reports: read for the repository rules, not checked
    require_history: bool = False
    limits: Mapping[str, float] = field(default_factory=dict)  # `limits:`, names of Limits' fields

    @property
    def path(self) -> str:
        return str(self.source.path)

    def history_files(self, suffixes: set[str]) -> list[Path]:
        """The files the ``history`` globs match under the configuration's folder (hidden folders skipped)."""
        if not self.history:
            return []
        found = []
        for child in sorted(self.root.rglob("*")):
            rel = child.relative_to(self.root).parts
            if (child.is_file() and child.suffix.lower() in suffixes and not any(p.startswith(".") for p in rel)
                    and any(glob_match(p, child, self.root) for p in self.history)):
                found.append(child)
        return found

    def selects(self, path: Path | str) -> bool:
        """Is ``path`` to be checked: included (or no ``include``) and not excluded?"""
        if any(glob_match(p, path, self.root) for p in self.exclude):
            return False
        return not self.include or any(glob_match(p, path, self.root) for p in self.include)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.report-check.yaml`` or pyproject.toml with ``[tool.report-check]``."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and f"[tool.{TOOL_KEY}" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _pack_ref(value: str | None, root: Path) -> str | None:
    """A pack named by file is relative to the configuration file; a bare name stays a name."""
    if value is None or not value.endswith((".yaml", ".yml")):
        return value
    return str((root / value).resolve())


def _parse(path: Path) -> YamlSource:
    return TomlSource(path) if path.name == PYPROJECT else YamlSource(path)


def _validated(source: YamlSource) -> dict[str, Any]:
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise SourceError(str(source.path), 1, "配置须为映射 / the configuration must be a mapping of keys")
    for severities in [data.get("severities"), *(o.get("severities") for o in data.get("overrides", []) if isinstance(o, dict))]:
        if isinstance(severities, dict):  # YAML 1.1 reads a bare `off` as false
            severities.update({k: "off" for k, v in severities.items() if v is False})
    source.validate(schema("config.schema.json"), data)
    return data


def load_config(path: Path) -> RepoConfig:
    from checker.configcache import read  # validated once per version of the file

    source, data = read(path, _parse, _validated)
    root = path.resolve().parent
    overrides = tuple(
        PathOverride(
            tuple(o["paths"]), str(root), _pack_ref(o.get("pack"), root), o.get("params", {}), o.get("severities", {})
        )
        for o in data.get("overrides", [])
    )
    return RepoConfig(
        source=source,
        root=root,
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        base=PathOverride((), str(root), _pack_ref(data.get("pack"), root), data.get("params", {}), data.get("severities", {})),
        fail_level=data.get("fail_level"),
        waivers=str((root / data["waivers"]).resolve()) if "waivers" in data else None,
        baseline=str((root / data["baseline"]).resolve()) if "baseline" in data else None,
        overrides=overrides,
        history=tuple(data.get("history", ())),
        require_history=bool(data.get("require_history", False)),
        limits=dict(data.get("limits", {})),
    )


def apply_limits(settings: Settings, config: RepoConfig | None) -> Settings:
    """The settings with the configuration's ``limits:`` over the defaults."""
    if config is None or not config.limits:
        return settings
    return replace(settings, limits=replace(settings.limits, **config.limits))
