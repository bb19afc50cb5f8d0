"""YAML with line numbers: errors in a pack or config name the file and line of the bad value."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_LOADER: Any = None  # chosen on first use


def _yaml() -> tuple[Any, Any]:
    """PyYAML and its loader, imported on first use (a run from the pack cache reads no YAML).

    libyaml's parser when PyYAML was built with it: the same documents and marks, parsed about
    ten times faster (the built-in packs took 0.15 s with the pure-Python parser)."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml, _LOADER


class SourceError(Exception):
    """A data file (rule pack, config, waivers) is invalid; says where and what."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class YamlSource:
    """A parsed YAML document that remembers where each value came from."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = path
        yaml, loader = _yaml()
        try:
            text = path.read_text(encoding="utf-8") if text is None else text
            self.node = yaml.compose(text, Loader=loader)
            self.data: Any = yaml.load(text, Loader=loader)
        except OSError as exc:
            raise SourceError(str(path), None, f"cannot read: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise SourceError(str(path), None, "not UTF-8 text") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise SourceError(str(path), line, f"invalid YAML: {getattr(exc, 'problem', exc)}") from exc
        except ValueError as exc:  # a value YAML resolves but cannot build: `2026-13-01` as a date
            line, value = _bad_scalar(self.node)
            raise SourceError(str(path), line, f"invalid value {value!r}: {exc}") from exc

    def line_of(self, json_path: Iterable[str | int]) -> int | None:
        """The 1-based line of the value at ``json_path`` (or of its nearest existing parent)."""
        node = self.node
        if node is None:
            return None
        yaml, _ = _yaml()
        line = node.start_mark.line + 1
        for key in json_path:
            child = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        child = v
                        line = k.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                child = node.value[key]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line

    def validate(self, schema: dict[str, Any], data: Any = None, prefix: tuple[Any, ...] = ()) -> None:
        """Validate against a JSON Schema; raise SourceError for the first (best) error."""
        import jsonschema

        instance = self.data if data is None else data
        validator = _validator(schema)
        if validator.is_valid(instance):  # the common case; best_match only on failure
            return
        error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            where = [*prefix, *error.absolute_path]
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                # "'severeties' was unexpected": point at that key's line, not at its parent's
                allowed = set(error.schema.get("properties", {}))
                patterns = error.schema.get("patternProperties", {})
                extra = [k for k in error.instance if k not in allowed
                         and not any(re.search(pat, str(k)) for pat in patterns)]
                if extra:
                    line = self.line_of([*where, extra[0]])
                    dotted = ".".join(str(p) for p in where) or "(top level)"
                    raise SourceError(str(self.path), line, f"{dotted}: {error.message}")
            dotted = ".".join(str(p) for p in where) or "(top level)"
            raise SourceError(str(self.path), self.line_of(where), f"{dotted}: {error.message}")


def _bad_scalar(node: Any) -> tuple[int | None, str]:
    """The line and text of the first scalar PyYAML cannot construct (a timestamp like 2026-13-01)."""
    yaml, loader = _yaml()
    stack = [node] if node is not None else []
    constructor = loader("")
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current, deep=True)
            except ValueError:
                return current.start_mark.line + 1, str(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in current.value for n in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None, ""


_VALIDATORS: dict[int, tuple[dict[str, Any], Any]] = {}


def _validator(schema: dict[str, Any]) -> Any:
    """One validator per schema object: a pack has a hundred rules sharing a dozen schemas."""
    import jsonschema

    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, jsonschema.Draft202012Validator(schema))
        _VALIDATORS[id(schema)] = cached
    return cached[1]
