"""Choosing a selector pack's format version identifies the report; binding reuses that only when
it was identified with the chosen version."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.binding import bind
from checker.engine import Engine, Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize(
    ("name", "version", "reused"),
    [("huaian-gov-2024.pdf", "V2021", True), ("yuncheng-transport-2020.txt", "V2019", False)],
)
def test_the_identified_report_is_reused_only_for_the_version_it_was_identified_with(name: str, version: str, reused: bool) -> None:
    engine = Engine(Settings())
    document = engine.extract(CORPUS / name)
    params = {"closing_max_distance": 12}
    pack, identified = engine._select(document, engine.registry.load("gov"), params)
    assert pack.version == version and (identified is not None) is reused
    if identified is None:
        return
    assert identified.pack is pack and identified.params == {**pack.params, **params}
    fresh = bind(document, pack, params)
    again = bind(document, pack, params, identified)
    assert again == fresh  # sections, title, year, tables, closing: every field the same
    assert again.tables["T3"].cells and again.year == 2024
