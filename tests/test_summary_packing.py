"""The repository summary keeps its cells and shingles packed: unpacked they are exactly what the
bound report holds, they follow a moved file, and a damaged cached blob is a cache miss."""

from __future__ import annotations

import base64
import json
import pickle
import zlib
from pathlib import Path

import pytest
from msgspec.structs import replace

from checker.binding import bind
from checker.engine import Engine, Settings
from checker.model import Location
from checker.repository import summary as summary_module
from checker.repository.summary import copy_text, pack_cells, shingles, summarize, unpack
from checker.resultcache import ResultCache, decode_result, encode_result
from checker.values import format_number
from tests.seeded import SEED

HUAIAN_PDF = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "huaian-gov-2024.pdf"


def _bound(path: Path):  # type: ignore[no-untyped-def]
    engine = Engine(Settings())
    document = engine.extract(path)
    return bind(document, engine.pack_for(document, engine.registry.load(engine.settings.pack)), engine.settings.params)


@pytest.mark.parametrize("path", [SEED, HUAIAN_PDF], ids=["text", "pdf"])
def test_unpacked_cells_are_the_bound_tables_cells(path: Path) -> None:
    report = _bound(path)
    summary = summarize(report)
    expected = {
        f"{table_id}.{row}.{column}": (
            format_number(cell.value.number) if cell.value.is_numeric else None, cell.value.raw, cell.location
        )
        for table_id, table in report.tables.items()
        for (row, column), cell in table.cells.items()
    }
    assert len(expected) > 100
    got = {key: (c.number, c.raw, c.location) for key, c in summary.cells.items()}
    assert got == expected  # every location field, the bbox a tuple again
    assert summary.shingles == shingles(copy_text(report)) and len(summary.shingles) > 100
    assert len(summary.packed_cells) < 32 * len(got)  # packed: spelled out as JSON a cell took ~136 bytes


def test_a_cached_summary_is_the_same_after_json_and_pickle(tmp_path: Path) -> None:
    result = Engine(Settings()).check_raw(HUAIAN_PDF)
    assert result.summary is not None
    cached = decode_result(json.loads(json.dumps(encode_result(result), ensure_ascii=False)))
    sent = pickle.loads(pickle.dumps(result))  # what a worker hands the parent
    for other in (cached.summary, sent.summary):
        assert other == result.summary
        assert other.cells == result.summary.cells and other.shingles == result.summary.shingles


def test_cell_locations_follow_a_moved_file() -> None:
    at = Location("old/r.pdf", page=2, bbox=(1.0, 2.0, 3.5, 4.0), table=0, row=3, col=1)
    summary = summary_module.ReportSummary(
        "old/r.pdf", "A", "a", 2024, "V2021", "gov-2021", None,
        pack_cells([("T3.new.natural", "5", "5", at), ("T3.new.legal", None, "", Location("old/r.pdf", line=7))]),
    )
    moved = replace(summary, path="new/r.pdf")
    assert moved.cells["T3.new.natural"].location == replace(at, path="new/r.pdf")
    assert moved.cells["T3.new.legal"].location == Location("new/r.pdf", line=7)
    assert moved.value("T3.new.natural") == ("5", "5", "new/r.pdf", (None, 2, (1.0, 2.0, 3.5, 4.0), None, 0, 3, 1))
    assert moved.value("T3.new.other") is None


def test_unpack_refuses_damaged_and_oversized_blobs(monkeypatch: pytest.MonkeyPatch) -> None:
    blob = zlib.compress(b"[]" + b" " * 5000)
    assert unpack(blob) == b"[]" + b" " * 5000
    with pytest.raises(ValueError, match="damaged"):
        unpack(b"not zlib at all")
    with pytest.raises(ValueError, match="truncated"):
        unpack(blob[:-3])
    monkeypatch.setattr(summary_module, "MAX_UNPACKED", 1000)
    with pytest.raises(ValueError, match="bound"):
        unpack(blob)


def _damage(entry: Path, field: str, value: str) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["result"]["summary"][field] = value
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cells", base64.b64encode(b"\x78\x9c garbage").decode()),
        ("cells", "not base64 !"),
        ("shingles", base64.b64encode(b"12345").decode()),  # not a whole number of uint32
    ],
)
def test_a_damaged_packed_field_is_a_cache_miss(tmp_path: Path, field: str, value: str) -> None:
    report = tmp_path / "seed.txt"
    report.write_bytes(SEED.read_bytes())
    engine = Engine(Settings())
    cache = ResultCache(tmp_path, engine)
    result = engine.check_raw(report)
    cache.put(report, result)
    got = cache.get(report)
    assert got is not None and got.summary == result.summary
    [entry] = list(cache.folder.rglob("*.json"))
    _damage(entry, field, value)
    assert ResultCache(tmp_path, engine).get(report) is None


def test_reports_no_rule_pairs_are_never_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two agencies' reports of different years: no previous-year pair, no copy candidate, so the
    repository phase reads neither report's cells nor shingles (a thousand such reports from the
    cache cost their JSON heads only)."""
    from checker.repository.phase import check_repository

    engine = Engine(Settings())
    results = [engine.check_raw(SEED), engine.check_raw(HUAIAN_PDF)]
    assert all(r.summary is not None for r in results)
    decoded = [decode_result(json.loads(json.dumps(encode_result(r), ensure_ascii=False))) for r in results]

    def refuse(blob: bytes) -> bytes:
        raise AssertionError("a summary no rule pairs was unpacked")

    monkeypatch.setattr(summary_module, "unpack", refuse)
    monkeypatch.setattr(summary_module.ReportSummary, "shingles", property(lambda self: refuse(b"")))
    checked = check_repository(engine, decoded)
    assert [f.rule for r in checked for f in r.findings] == [f.rule for r in results for f in r.findings]
