"""The fixture content model: the seed read from the corpus, the printed 2021 figures, the defects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fixtures.content import (
    SECTION_HEADINGS,
    T3_COLUMNS,
    huaian_2021,
    seed_2019,
    table_grid,
    table_placement,
    with_agency,
    with_cell,
    with_closing_date,
    with_section_heading,
    without_closing,
    without_section,
    without_table,
)
from tests.fixtures.render_text import to_text


def test_seed_is_read_from_the_corpus() -> None:
    seed = seed_2019()
    assert (seed.title, seed.agency, seed.year, seed.version) == (
        "运城市交通运输局2020年政府信息公开工作年度报告", "运城市交通运输局", 2020, "V2019")
    assert (seed.closing_agency, seed.closing_date) == ("运城市交通运输局", "2021年1月26日")
    assert [s.heading for s in seed.sections] == list(SECTION_HEADINGS)
    overview = seed.sections[0].paragraphs
    assert len(overview) == 7 and overview[1].startswith("一是建立健全信息公开机构")
    assert "2020年度" in overview[0] and "2020 年" not in overview[0]  # PDF spacing removed
    assert seed.sections[5].paragraphs == ("无其他需要报告的事项。",)
    assert seed.tables["T2"]["penalty"] == ("99", "327", "362")
    assert seed.tables["T2"]["purchase"] == ("22", "1196.41万元")
    assert len(seed.tables["T3"]) == 23 and seed.tables["T3"]["other"] == ("0",) * 7
    assert seed.tables["T4"]["value"] == ("0",) * 15


def test_huaian_figures_keep_the_identities() -> None:
    t3 = huaian_2021().tables["T3"]
    assert len(t3) == 25
    for c in range(7):
        col = {row: Decimal(values[c]) for row, values in t3.items()}
        assert col["new"] + col["carried_in"] == col["total"] + col["carried_out"]
        results = [v for r, v in col.items() if r not in ("new", "carried_in", "total", "carried_out")]
        assert sum(results) == col["total"]
    for row, values in t3.items():
        assert sum(Decimal(v) for v in values[:6]) == Decimal(values[6]), row


def test_with_cell_by_index_id_or_label() -> None:
    base = huaian_2021()
    assert with_cell(base, "T3", "new", 0, "1").tables["T3"]["new"][0] == "1"
    assert with_cell(base, "T3", "new", "legal", "x").tables["T3"]["new"][T3_COLUMNS.index("legal")] == "x"
    assert with_cell(base, "T3", "new", "法律服务机构", "y").tables["T3"]["new"][4] == "y"
    assert with_cell(base, "T2", "rules", "repealed", "7").tables["T2"]["rules"] == ("1", "7", "11")
    assert base.tables["T3"]["new"][0] == "3001"  # the original is untouched
    with pytest.raises(KeyError):
        with_cell(base, "T3", "new", "nobody", "1")


def test_section_defects_and_table_placement() -> None:
    seed = seed_2019()
    assert table_placement(seed) == {1: ["T2"], 2: ["T3"], 3: ["T4"]}
    gone = without_section(seed, 3)
    assert "三、收到和处理政府信息公开申请情况" not in [s.heading for s in gone.sections]
    assert table_placement(gone) == {1: ["T2"], 2: ["T4"]}
    kept = without_section(seed, "三、收到和处理政府信息公开申请情况", keep_body=True)
    assert table_placement(kept) == {1: ["T2", "T3"], 2: ["T4"]}
    assert table_placement(without_table(seed, "T4")) == {1: ["T2"], 2: ["T3"]}
    reworded = with_section_heading(seed, 5, "五、政府信息公开工作存在的主要问题及改进情况")
    assert reworded.sections[4].heading.startswith("五、政府信息公开工作")


def test_closing_and_agency_defects() -> None:
    seed = seed_2019()
    assert with_closing_date(seed, "2021年3月1日").closing_date == "2021年3月1日"
    assert with_agency(seed, "运城市公路管理局").closing_agency == "运城市公路管理局"
    renamed = with_agency(seed, "运城市公路管理局", where="title")
    assert renamed.title.startswith("运城市公路管理局2020年") and renamed.closing_agency == "运城市交通运输局"
    assert without_closing(seed).closing_date is None
    assert "2021年1月26日" not in to_text(without_closing(seed))


def test_table_grid_shapes() -> None:
    seed, huaian = seed_2019(), huaian_2021()
    assert [len(table_grid(seed, t)) for t in ("T2", "T3", "T4")] == [18, 26, 4]
    assert [len(table_grid(huaian, t)) for t in ("T2", "T3", "T4")] == [14, 28, 4]
    assert {len(row) for row in table_grid(huaian, "T3")} == {10}
    assert table_grid(huaian, "T2")[6] == ["行政许可", "447228", "447228", "447228"]
