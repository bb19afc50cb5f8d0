"""The repository configuration, validated once per version of the file.

Reading ``.report-check.yaml`` (or ``[tool.report-check]``) means PyYAML and validating it means
jsonschema: ~60 ms of imports on every run of a pre-commit hook in a configured repository. The
validated data is kept in the startup cache (:mod:`checker.startup`), keyed by the file's path and
content hash, the config schema's hash and the code that reads it; a hit builds the
configuration from that data without importing either. The file is parsed again only when a
message must name a line in it (an unknown rule id in ``severities:``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from checker import startup
from checker.packs.yamlsource import YamlSource
from checker.resources import data_dir


class CachedSource(YamlSource):
    """A configuration file's data as validated before; the file itself is parsed again only for
    a line number."""

    def __init__(self, path: Path, data: dict[str, Any], parse: Callable[[Path], YamlSource]) -> None:
        # no super().__init__: nothing is parsed now
        self.path, self.data, self.node = path, data, None
        self._parse = parse
        self._parsed: YamlSource | None = None

    def _source(self) -> YamlSource:
        if self._parsed is None:
            self._parsed = self._parse(self.path)
        return self._parsed

    def line_of(self, json_path: Iterable[str | int]) -> int | None:
        return self._source().line_of(json_path)

    def validate(self, schema: dict[str, Any], data: Any = None, prefix: tuple[Any, ...] = ()) -> None:
        self._source().validate(schema, data, prefix)


def read(
    path: Path, parse: Callable[[Path], YamlSource], validated: Callable[[YamlSource], dict[str, Any]]
) -> tuple[YamlSource, dict[str, Any]]:
    """The file's source and its validated data: from the cache, or ``validated(parse(path))``
    (which raises SourceError for a bad file; nothing is cached then)."""
    key = startup.key_of(
        "config", str(path.resolve()), startup.file_hash(path), startup.file_hash(data_dir("schemas") / "config.schema.json"),
        startup.code_stamp(__name__, "checker.config", "checker.packs.yamlsource"),
    )
    cached = startup.load("config", key)
    if isinstance(cached, dict):
        return CachedSource(path, cached, parse), cached
    source = parse(path)
    data = validated(source)
    startup.store("config", key, data)
    return source, data
