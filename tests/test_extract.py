"""``report-check extract``: the seed text and a Markdown rendering of the huaian figures are read
cell by cell exactly as printed; JSON validates against schemas/extract.schema.json; CSV agrees."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker.cli import main
from checker.engine import Engine
from checker.resources import schema
from tests import huaian
from tests.seeded import SEED, apply, seed_text

T3_ROWS_2019 = [r for r in huaian.T3 if not r.startswith("other_")][:20] + ["other_processing", "total", "carried_out"]
SEED_T2 = {
    ("rules", "made"): "0", ("rules", "published"): "0", ("rules", "total_public"): "0",
    ("normative", "made"): "1", ("normative", "published"): "1", ("normative", "total_public"): "5",
    ("license", "previous"): "0", ("license", "change"): "0", ("license", "decisions"): "0",
    ("other_services", "previous"): "0", ("other_services", "change"): "0", ("other_services", "decisions"): "0",
    ("penalty", "previous"): "99", ("penalty", "change"): "327", ("penalty", "decisions"): "362",
    ("coercion", "previous"): "12", ("coercion", "change"): "14", ("coercion", "decisions"): "0",
    ("fee", "previous"): "1", ("fee", "change"): "0",
    ("purchase", "purchase_count"): "22", ("purchase", "purchase_amount"): "1196.41",
}


def seed_expected() -> dict[tuple[str, str, str], str]:
    out = {("T2", row, col): value for (row, col), value in SEED_T2.items()}
    out.update({("T3", row, col): "0" for row in T3_ROWS_2019 for col in huaian.T3_COLUMNS})
    out.update({("T4", "value", col): "0" for col in huaian.T4_COLUMNS})
    return out


def run_extract(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["extract", *args])
    return code, capsys.readouterr().out


def read_json(paths: list[Path], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out = run_extract([*map(str, paths), "--format", "json"], capsys)
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    jsonschema.validate(data, schema("extract.schema.json"))
    return data


def cells_of(entry: dict[str, Any]) -> dict[tuple[str, str, str], str | None]:
    return {(t["id"], c["row_id"], c["column_id"]): c["value"] for t in entry["tables"] for c in t["cells"]}


@pytest.fixture
def huaian_md(tmp_path: Path) -> Path:
    path = tmp_path / "huaian-gov-2024.md"
    path.write_text(huaian.markdown_report(), encoding="utf-8")
    return path


def test_seed_text_cell_by_cell(capsys: pytest.CaptureFixture[str]) -> None:
    entry = read_json([SEED], capsys)["files"][0]
    assert (entry["status"], entry["format"], entry["pack"], entry["version"]) == ("ok", "text", "gov-2019", "V2019")
    assert (entry["year"], entry["year_source"], entry["agency"]) == (2020, "title", "运城市交通运输局")
    assert entry["closing"]["agency"] == "运城市交通运输局"
    assert entry["closing"]["date"] == "2021-01-26"
    assert entry["closing"]["date_location"]["line"] == 452
    assert [s["id"] for s in entry["sections"]] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert entry["sections"][2]["found"] == "三、收到和处理政府信息公开申请情况"
    assert entry["sections"][2]["location"]["line"] == 162
    assert cells_of(entry) == seed_expected()
    assert not any(t["missing_rows"] or t["missing_columns"] or t["misplaced"] for t in entry["tables"])


def test_seed_text_raw_kind_unit_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    entry = read_json([SEED], capsys)["files"][0]
    by_key = {(t["id"], c["row_id"], c["column_id"]): c for t in entry["tables"] for c in t["cells"]}
    purchase = by_key[("T2", "purchase", "purchase_amount")]
    assert (purchase["raw"], purchase["value"], purchase["kind"], purchase["unit"]) == ("1196.41 万元", "1196.41", "number", "万元")
    first = by_key[("T3", "new", "natural")]
    assert (first["raw"], first["kind"], first["row"], first["column"]) == ("0", "zero", "一、本年新收政府信息公开申请数量", "自然人")
    assert first["location"]["line"] == 191
    assert by_key[("T3", "deny_1", "total")]["row"] == "（三）不予公开 / 1.属于国家秘密"
    assert by_key[("T4", "value", "after.total")]["column"] == "复议后起诉 / 总计"


def test_markdown_huaian_figures_cell_by_cell(huaian_md: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = read_json([huaian_md], capsys)["files"][0]
    assert (entry["format"], entry["pack"], entry["version"], entry["year"]) == ("markdown", "gov-2021", "V2021", 2024)
    assert entry["agency"] == "淮安市人民政府"
    assert cells_of(entry) == huaian.expected_cells()
    locations = [c["location"] for t in entry["tables"] for c in t["cells"]]
    assert all({"line", "table_index", "grid_row", "grid_col"} <= set(loc) for loc in locations)


def test_csv_one_row_per_cell(huaian_md: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_extract([str(SEED), str(huaian_md), "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    seed_rows = [r for r in rows if r["file"] == str(SEED)]
    md_rows = [r for r in rows if r["file"] == str(huaian_md)]
    table_ids = {"表二": "T2", "表三": "T3", "表四": "T4"}
    assert {(table_ids[r["table"]], r["row_id"], r["column_id"]): r["value"] for r in seed_rows} == seed_expected()
    assert {(table_ids[r["table"]], r["row_id"], r["column_id"]): r["value"] for r in md_rows} == huaian.expected_cells()
    assert len(rows) == len(seed_expected()) + len(huaian.expected_cells())
    first = seed_rows[0]
    assert (first["table"], first["row"], first["column"], first["raw"], first["kind"]) == (
        "表二", "规章", "本年新制作数量", "0", "zero"
    )
    assert first["line"].isdigit() and first["page"] == ""
    assert (first["year"], first["agency"], first["version"]) == ("2020", "运城市交通运输局", "V2019")
    assert {(r["year"], r["agency"], r["version"]) for r in md_rows} == {("2024", "淮安市人民政府", "V2021")}


def test_output_file_and_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "report.xyz"
    odd.write_text("not a report", encoding="utf-8")
    out = tmp_path / "out" / "extract.json"
    code, printed = run_extract([str(SEED), str(odd), "--output", str(out)], capsys)
    assert code == 1 and printed == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema("extract.schema.json"))
    assert [f["status"] for f in data["files"]] == ["ok", "error"]
    assert data["files"][1]["problems"][0]["rule"] == "EXTRACT-unknown-type"


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_folders_are_walked(huaian_md: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = read_json([huaian_md.parent], capsys)
    assert [f["path"] for f in data["files"]] == [str(huaian_md)]


@pytest.mark.parametrize("variant", ["t3-total-changed", "t3-cell-changed", "t4-total-blanked", "t2-published-exceeds-total"])
def test_extract_agrees_with_check(
    variant: str, engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The figures extract prints are the ones the rules checked: every operand of every
    arithmetic finding is, at the same place, the cell extract shows, with the same text and value."""
    from tests.seeded import write_variant

    path = write_variant(variant, tmp_path)
    findings = [f for f in engine.check_file(path).findings if f.operands]
    assert findings, "the variant must make an arithmetic rule report"
    cells = [c for t in read_json([path], capsys)["files"][0]["tables"] for c in t["cells"]]
    for finding in findings:
        for operand in finding.operands:
            assert operand.location is not None
            # a text line holds a whole row: the place is the line, the operand's label, and the
            # finding's row or column (the one the operands share)
            at = [c for c in cells if c["location"] == operand.location.to_dict() and operand.label in (c["row"], c["column"])]
            if len(at) > 1:  # the label names the row: the column is the finding's, or the reverse
                at = [c for c in at if c["column" if c["row"] == operand.label else "row"] in (finding.row, finding.column)]
            (cell,) = at
            assert (cell["raw"], cell["value"], cell["kind"]) == (operand.raw, operand.value, operand.kind)


def test_extract_of_a_passing_report_is_what_passed(engine: Engine, huaian_md: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert engine.check_file(huaian_md).findings == []
    assert cells_of(read_json([huaian_md], capsys)["files"][0]) == huaian.expected_cells()


def test_binding_doubts_and_label_variants_are_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What could not be read is part of what was read: a short row and a misspelt label."""
    path = tmp_path / "doubts.txt"
    path.write_text(
        apply(seed_text(), [("行政强制 12 14 0", "行政强制 12 14")]), encoding="utf-8"
    )
    md = tmp_path / "variant.md"
    md.write_text(huaian.markdown_report().replace("7.属于行政执法案卷", "7.属于行政执法卷宗"), encoding="utf-8")
    data = read_json([path, md], capsys)
    t2 = next(t for t in data["files"][0]["tables"] if t["id"] == "T2")
    assert [p["rule"] for p in t2["problems"]] == ["EXTRACT-row-values"]
    assert ("T2", "coercion", "decisions") not in cells_of(data["files"][0])
    t3 = next(t for t in data["files"][1]["tables"] if t["id"] == "T3")
    assert [(v["kind"], v["id"], v["found"]) for v in t3["variants"]] == [("row", "deny_7", "7.属于行政执法卷宗")]
    assert cells_of(data["files"][1]) == huaian.expected_cells()


def test_docx_template_every_cell_blank(capsys: pytest.CaptureFixture[str]) -> None:
    """The official 2021 template (DOCX, unfilled): 表二 and 表三 read cell by cell, all blank."""
    from tests.conftest import CORPUS

    entry = read_json([CORPUS / "template-2021.docx"], capsys)["files"][0]
    assert (entry["format"], entry["pack"]) == ("docx", "gov-2021")
    cells = [(t["id"], c) for t in entry["tables"] if t["id"] in ("T2", "T3") for c in t["cells"]]
    expected = {k for k in huaian.expected_cells() if k[0] in ("T2", "T3")}
    assert {(tid, c["row_id"], c["column_id"]) for tid, c in cells} == expected
    assert all(c["kind"] == "blank" and c["value"] is None for _, c in cells)
    assert all({"table_index", "grid_row", "grid_col"} <= set(c["location"]) for _, c in cells)


def test_the_configuration_is_read_as_a_check_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """extract shows what the rules see: with the repository's pack and limits, as a check has them."""
    report = tmp_path / "reports" / "seed.txt"
    report.parent.mkdir()
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".report-check.yaml").write_text("limits:\n  text_lines: 100\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run_extract([str(report)], capsys)
    (entry,) = json.loads(out)["files"]
    assert code == 1 and entry["status"] == "error"
    assert [(p["rule"], p["severity"]) for p in entry["problems"]] == [("EXTRACT-limit", "error")]
    assert "text_lines" in entry["problems"][0]["message"]
    assert main(["extract", str(report), "--no-config"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["pack"] == "gov-2019"  # the year picks it
    (tmp_path / ".report-check.yaml").write_text(
        "overrides:\n  - paths: [reports/**]\n    pack: gov-2021\n", encoding="utf-8")
    assert main(["extract", str(report)]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["pack"] == "gov-2021"  # this path's, by the configuration
