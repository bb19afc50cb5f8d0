"""``report-check extract`` of the corpus PDF (淮安市人民政府 2024, 2021 format) matches the
printed figures cell by cell, in JSON (schema-valid) and CSV."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from checker.cli import main
from checker.resources import schema
from tests import huaian
from tests.conftest import CORPUS

PDF = CORPUS / "huaian-gov-2024.pdf"
TABLE_IDS = {"表二": "T2", "表三": "T3", "表四": "T4"}


def test_pdf_json_cell_by_cell(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(PDF)]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema("extract.schema.json"))
    entry = data["files"][0]
    assert (entry["format"], entry["pack"], entry["version"], entry["year"]) == ("pdf", "gov-2021", "V2021", 2024)
    assert entry["agency"] == "淮安市人民政府"
    assert [s["id"] for s in entry["sections"]] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    cells = {(t["id"], c["row_id"], c["column_id"]): c["value"] for t in entry["tables"] for c in t["cells"]}
    assert cells == huaian.expected_cells()
    located = [c["location"] for t in entry["tables"] for c in t["cells"]]
    assert all("page" in loc and "bbox" in loc for loc in located)
    assert not any(c.get("uncertain") for t in entry["tables"] for c in t["cells"])


def test_pdf_csv_cell_by_cell(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(PDF), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {(TABLE_IDS[r["table"]], r["row_id"], r["column_id"]): r["value"] for r in rows} == huaian.expected_cells()
    assert all(r["page"].isdigit() for r in rows)
