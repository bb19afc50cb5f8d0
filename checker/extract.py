"""The document model as the rules see it, as plain data: what ``report-check extract`` prints.

:func:`report_to_dict` turns a bound :class:`~checker.report.Report` into the JSON shape published
as ``schemas/extract.schema.json``; :func:`cell_rows` flattens it to one row per table cell for CSV.
Cells come in the template's order (block, row, column), each with the template's labels, the raw
text as found, the parsed value and its kind, where it was found, and whether the extractor was unsure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker import __version__
from checker.model import Document, Location
from checker.packs.model import Pack, TableSpec
from checker.report import BoundTable, Report
from checker.values import format_number

SCHEMA_ID = "report-check/extract/v1"

#: CSV columns, in order.
CSV_FIELDS = (
    "file",
    "year",
    "agency",
    "version",
    "table",
    "block",
    "row_id",
    "row",
    "column_id",
    "column",
    "raw",
    "value",
    "kind",
    "unit",
    "uncertain",
    "page",
    "line",
    "location",
)


def _loc(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else location.to_dict()


def _table_dict(table: BoundTable, spec: TableSpec, lang: str) -> dict[str, Any]:
    cells = []
    for block in spec.blocks:
        for row in table.rows(block):
            for column in block.columns:
                cell = table.get(row.id, column.id)
                if cell is None:
                    continue
                value = cell.value
                out: dict[str, Any] = {
                    "block": block.id,
                    "row_id": row.id,
                    "row": row.display,
                    "column_id": column.id,
                    "column": column.display,
                    "raw": value.raw,
                    "value": format_number(value.number) if value.is_numeric else None,
                    "kind": value.kind.value,
                    "location": cell.location.to_dict(),
                }
                if value.unit:
                    out["unit"] = value.unit
                if value.note:
                    out["note"] = value.note
                if cell.uncertain:
                    out["uncertain"] = True
                cells.append(out)
    return {
        "id": spec.id,
        "name": spec.name,
        "location": table.location.to_dict(),
        "misplaced": table.misplaced,
        "missing_rows": list(table.missing_rows),
        "missing_columns": list(table.missing_columns),
        "variants": [
            {"kind": v.kind, "id": v.id, "found": v.found, "location": v.location.to_dict()} for v in table.variants
        ],
        "cells": cells,
        "problems": [f.to_dict(lang) for f in sorted(table.problems)],
    }


def report_to_dict(report: Report, lang: str = "en") -> dict[str, Any]:
    """One file's entry of the extract output (``schemas/extract.schema.json``, ``files[]``)."""
    pack: Pack = report.pack
    closing = report.closing
    tables = []
    order = {section.id: i for i, section in enumerate(pack.sections)}
    for spec in sorted(pack.tables, key=lambda t: order.get(t.section, len(order))):
        table = report.tables.get(spec.id)
        if table is not None:
            tables.append(_table_dict(table, spec, lang))
    return {
        "path": report.path,
        "status": "ok",
        "format": report.document.format,
        "pack": pack.name,
        "version": pack.version,
        "year": report.year,
        "year_source": report.year_source,
        "agency": report.agency,
        "title": None if report.title is None else {"text": report.title, "location": _loc(report.title_location)},
        "period": None
        if report.period is None
        else {"year": report.period[0], "text": report.period[1], "location": _loc(report.period[2])},
        "closing": None
        if closing is None
        else {
            "agency": closing.agency,
            "agency_location": _loc(closing.agency_location),
            "date_text": closing.date_text,
            "date": closing.date.isoformat() if closing.date else None,
            "date_location": _loc(closing.date_location),
        },
        "sections": [
            {"id": m.id, "label": m.label, "found": m.found, "exact": m.exact, "location": m.location.to_dict()}
            for m in report.sections
        ],
        "tables": tables,
        "problems": [f.to_dict(lang) for f in sorted(report.document.problems)],
    }


def unreadable_to_dict(document: Document, lang: str = "en") -> dict[str, Any]:
    """The entry for a file that could not be read: no model, only the reasons."""
    return {
        "path": document.path,
        "status": "error",
        "format": document.format,
        "problems": [f.to_dict(lang) for f in sorted(document.problems)],
    }


def run_to_dict(files: list[dict[str, Any]]) -> dict[str, Any]:
    return {"tool": {"name": "report-check", "version": __version__}, "schema": SCHEMA_ID, "files": files}


def _location_text(location: dict[str, Any]) -> str:
    """The location fields a page/line column does not already carry, as ``key=value`` pairs."""
    rest = {k: v for k, v in location.items() if k not in ("path", "page", "line")}
    return " ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in rest.items())


def cell_rows(files: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One flat row per cell of every table of every readable file (columns: :data:`CSV_FIELDS`)."""
    for entry in files:
        for table in entry.get("tables", []):
            for cell in table["cells"]:
                location = cell["location"]
                yield {
                    "file": entry["path"],
                    "year": "" if entry["year"] is None else entry["year"],
                    "agency": entry["agency"] or "",
                    "version": entry["version"] or "",
                    "table": table["name"],
                    "block": cell["block"],
                    "row_id": cell["row_id"],
                    "row": cell["row"],
                    "column_id": cell["column_id"],
                    "column": cell["column"],
                    "raw": cell["raw"],
                    "value": "" if cell["value"] is None else cell["value"],
                    "kind": cell["kind"],
                    "unit": cell.get("unit", ""),
                    "uncertain": "1" if cell.get("uncertain") else "",
                    "page": location.get("page", ""),
                    "line": location.get("line", ""),
                    "location": _location_text(location),
                }
