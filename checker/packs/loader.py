"""Loading rule packs: YAML → schema validation → ``extends`` resolution → typed :class:`Pack`.

Packs reference each other by name; the registry knows every pack file that plugins ship (the
``report_check_rule_packs`` hook) and any file named on the command line.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from checker.finding import Severity, Text
from checker.packs.model import (
    BlockSpec,
    ColumnSpec,
    Example,
    ExpectedFinding,
    Explain,
    Pack,
    RowSpec,
    RuleSpec,
    SectionSpec,
    TableSpec,
)
from checker.packs.yamlsource import SourceError, YamlSource
from checker.resources import schema
from checker.values import CellType

RULE_COMMON_KEYS = {"id", "kind", "severity", "summary", "message", "help", "enabled", "only", "explain"}


class PackError(SourceError):
    """A rule pack is invalid (exit code 2)."""


class PackRegistry:
    """Every known pack file by name; loads and resolves packs on demand."""

    def __init__(self, pack_files: list[Path], rule_kinds: dict[str, Any]) -> None:
        self.rule_kinds = rule_kinds
        self._sources: dict[str, YamlSource] = {}
        self._cache: dict[str, Pack] = {}
        for path in pack_files:
            self.add_file(path)

    def add_file(self, path: Path) -> str:
        """Register a pack file; returns its name. Validates its structure at once."""
        try:
            source = YamlSource(path)
        except SourceError as exc:
            raise PackError(exc.path, exc.line, exc.message) from exc
        if not isinstance(source.data, dict):
            raise PackError(str(path), 1, "a rule pack is a YAML mapping")
        try:
            source.validate(schema("pack.schema.json"))
        except SourceError as exc:
            raise PackError(exc.path, exc.line, exc.message) from exc
        name = source.data["name"]
        existing = self._sources.get(name)
        if existing is not None and existing.path.resolve() != path.resolve():
            raise PackError(str(path), source.line_of(["name"]), f"pack {name!r} is also defined in {existing.path}")
        self._sources[name] = source
        return str(name)

    @property
    def names(self) -> list[str]:
        return sorted(self._sources)

    def is_abstract(self, name: str) -> bool:
        return bool(self._sources[name].data.get("abstract"))

    def source(self, name: str) -> YamlSource:
        return self._sources[name]

    def load(self, name_or_path: str) -> Pack:
        """A pack by name, or by path to a YAML file (which is registered first)."""
        name = name_or_path
        if name not in self._sources and (name.endswith((".yaml", ".yml")) or "/" in name):
            name = self.add_file(Path(name_or_path))
        if name not in self._sources:
            known = ", ".join(n for n in self.names if not self.is_abstract(n))
            raise PackError(name, None, f"unknown rule pack (known packs: {known})")
        if name not in self._cache:
            self._cache[name] = self._build(name)
        return self._cache[name]

    # -- building --------------------------------------------------------------------------------

    def _merged(self, name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
        source = self._sources[name]
        data = copy.deepcopy(source.data)
        parent_name = data.get("extends")
        if parent_name is None:
            return data
        if parent_name in seen or parent_name == name:
            raise PackError(str(source.path), source.line_of(["extends"]), f"circular extends: {parent_name}")
        if parent_name not in self._sources:
            raise PackError(str(source.path), source.line_of(["extends"]), f"extends unknown pack {parent_name!r}")
        base = self._merged(parent_name, (*seen, name))
        merged = {**base, **{k: v for k, v in data.items() if k not in ("tables", "ledgers", "rules", "params", "version_labels")}}
        merged["abstract"] = data.get("abstract", False)
        merged["params"] = _deep_merge(base.get("params", {}), data.get("params", {}))
        merged["version_labels"] = {**base.get("version_labels", {}), **data.get("version_labels", {})}
        merged["tables"] = _merge_by_id(base.get("tables", []), data.get("tables", []))
        merged["rules"] = _merge_by_id(base.get("rules", []), data.get("rules", []))
        merged["ledgers"] = _merge_by_id(base.get("ledgers", []), data.get("ledgers", []))
        return merged

    def _build(self, name: str) -> Pack:
        source = self._sources[name]
        data = self._merged(name)
        version = data.get("version")
        years = data.get("years", {})
        tables = tuple(_table(t, version) for t in data.get("tables", []) if _applies(t, version))
        foreign = [
            label
            for other, labels in data.get("version_labels", {}).items()
            if version and other != version
            for label in labels
        ]
        tables = tuple(
            TableSpec(t.id, t.name, t.section, t.blocks, t.header_labels, tuple(foreign)) for t in tables
        )
        sections = {s["id"] for s in data.get("sections", [])}
        for table in tables:  # findings name a table's section: a typo there would name none
            if table.section not in sections:
                problem = f"table {table.id}: unknown section {table.section!r} (known: {', '.join(sorted(sections))})"
                raise PackError(str(source.path), source.line_of(["tables"]), problem)
        rules = []
        by_id = {t.id: t for t in tables}
        for index, raw in enumerate(data.get("rules", [])):
            if not _applies(raw, version):
                continue
            rules.append(self._rule(source, raw, index, by_id))
        return Pack(
            name=name,
            path=str(source.path),
            version=version,
            years=(years.get("from"), years.get("to")),
            sections=tuple(
                SectionSpec(s["id"], s["label"], tuple(s.get("aliases", ()))) for s in data.get("sections", [])
            ),
            tables=tables,
            rules=tuple(rules),
            params=data.get("params", {}),
            title_pattern=data.get("title_pattern"),
            select=tuple((s.get("from"), s.get("to"), s["pack"]) for s in data.get("select", [])),
            description=Text(**data["description"]) if "description" in data else None,
            ledgers=_ledgers(data.get("ledgers", [])),
        )

    def _rule(self, source: YamlSource, raw: dict[str, Any], index: int, tables: dict[str, TableSpec]) -> RuleSpec:
        kind = self.rule_kinds.get(raw["kind"])
        where = self._rule_source(raw["id"]) or source
        line = where.line_of(["rules", _index_in(where, raw["id"], index)])
        if kind is None:
            known = ", ".join(sorted(self.rule_kinds))
            raise PackError(str(where.path), line, f"rule {raw['id']}: unknown kind {raw['kind']!r} (known: {known})")
        params = {k: v for k, v in raw.items() if k not in RULE_COMMON_KEYS}
        try:
            where.validate(kind.params_schema, params, ("rules", _index_in(where, raw["id"], index)))
        except SourceError as exc:
            raise PackError(exc.path, exc.line, f"rule {raw['id']}: {exc.message}") from exc
        problem = kind().validate(params, tables)
        if problem:
            raise PackError(str(where.path), line, f"rule {raw['id']}: {problem}")
        return RuleSpec(
            id=raw["id"],
            kind=raw["kind"],
            severity=Severity(raw["severity"]),
            message=Text(**raw["message"]),
            help=Text(**raw["help"]) if "help" in raw else None,
            summary=Text(**raw["summary"]) if "summary" in raw else None,
            params=params,
            enabled=raw.get("enabled", True),
            explain=_explain(raw["explain"]) if "explain" in raw else None,
        )

    def _rule_source(self, rule_id: str) -> YamlSource | None:
        """The file that defines a rule (for error lines), searching every pack."""
        for source in self._sources.values():
            for raw in source.data.get("rules", []) or []:
                if raw.get("id") == rule_id:
                    return source
        return None


def _explain(raw: dict[str, Any]) -> Explain:
    examples = tuple(
        Example(
            name=e["name"],
            passes=e["passes"],
            edits=tuple((edit["old"], edit["new"]) for edit in e.get("edits", [])),
            note=Text(**e["note"]) if "note" in e else None,
            base=e.get("base", "seed"),
            previous=(
                (e["previous"].get("base", "seed"), tuple((x["old"], x["new"]) for x in e["previous"]["edits"]))
                if "previous" in e
                else None
            ),
            findings=tuple(ExpectedFinding(**f) for f in e["findings"]) if "findings" in e else None,
        )
        for e in raw.get("examples", [])
    )
    return Explain(Text(**raw["basis"]) if "basis" in raw else None, examples)


def _index_in(source: YamlSource, rule_id: str, default: int) -> int:
    for i, raw in enumerate(source.data.get("rules", []) or []):
        if raw.get("id") == rule_id:
            return i
    return default


def _applies(item: dict[str, Any], version: str | None) -> bool:
    only = item.get("only")
    return only is None or version is None or only == version


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        out[key] = _deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _merge_by_id(base: list[dict[str, Any]], override: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items of ``override`` replace same-id items of ``base`` in place; new ones are appended."""
    out = list(base)
    positions = {item["id"]: i for i, item in enumerate(out)}
    for item in override:
        if item["id"] in positions:
            out[positions[item["id"]]] = item
        else:
            positions[item["id"]] = len(out)
            out.append(item)
    return out


def _table(raw: dict[str, Any], version: str | None) -> TableSpec:
    default_type = CellType(raw.get("type", "count"))
    blocks_raw = raw.get("blocks") or [{"id": raw["id"], "columns": raw["columns"], "rows": raw["rows"]}]
    blocks = []
    for b in blocks_raw:
        if not _applies(b, version):
            continue
        columns = tuple(
            ColumnSpec(
                id=c["id"],
                label=c["label"],
                group=c.get("group"),
                aliases=tuple(c.get("aliases", ())),
                type=CellType(c.get("type", default_type.value)),
                unit=c.get("unit"),
            )
            for c in b["columns"]
            if _applies(c, version)
        )
        rows = tuple(
            RowSpec(r["id"], r["label"], tuple(r.get("groups", ())), tuple(r.get("aliases", ())))
            for r in b["rows"]
            if _applies(r, version)
        )
        blocks.append(BlockSpec(b["id"], b.get("caption"), columns, rows))
    return TableSpec(raw["id"], raw["name"], raw["section"], tuple(blocks), tuple(raw.get("header_labels", ())))


def _ledgers(raw: list[dict[str, Any]]) -> tuple[Any, ...]:
    """The pack's ledgers; their model is imported only for a pack that has some."""
    if not raw:
        return ()
    from checker.packs.ledgers import parse_ledger

    return tuple(parse_ledger(item) for item in raw)
