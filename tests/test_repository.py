"""Repository rules on a generated reports repository (tests/fixtures/repository.py): two agencies,
2019–2022, 2019 and 2021 formats, DOCX/HTML/text, one agency renamed with a city prefix, a
history folder read but not checked. Each seeded break (pair, copy, prose and plausibility rules)
gives exactly its findings; the clean set none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checker.repository.summary import ReportSummary
from checker.resources import schema
from tests.ci_helpers import SARIF_SCHEMA, git_init, run_cli, run_json
from tests.fixtures.repository import write_repository

A20, A21, A22 = "reports/2020/yanhu-transport.docx", "reports/2021/yanhu-transport.html", "reports/2022/yanhu-transport.txt"
B20, B21, B22 = "reports/2020/huaian.txt", "reports/2021/huaian.docx", "reports/2022/huaian.html"
CHECKED = [A20, A21, A22, B20, B21, B22]


def make(root: Path, monkeypatch: pytest.MonkeyPatch, *breaks: str, duplicate: bool = False) -> Path:
    git_init(root)
    write_repository(root, *breaks, duplicate=duplicate)
    monkeypatch.chdir(root)
    return root


def findings(data: dict[str, Any]) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
    """(file, rule, row, column, expected, actual) of every finding, in output order."""
    return [
        (f["path"], x["rule"], x["location"].get("row"), x["location"].get("column"), x.get("expected"), x.get("actual"))
        for f in data["files"] for x in f["findings"]
    ]


def test_clean_repository_gives_no_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, monkeypatch)
    code, data = run_json(capsys, "reports", "--fail-level", "info")
    assert code == 0
    assert sorted(f["path"] for f in data["files"]) == sorted(CHECKED)  # history/ is read, not reported
    assert findings(data) == []
    assert {f["path"]: (f["report_year"], f["version"]) for f in data["files"]} == {
        A20: (2020, "V2019"), A21: (2021, "V2021"), A22: (2022, "V2021"),
        B20: (2020, "V2019"), B21: (2021, "V2021"), B22: (2022, "V2021"),
    }


EXPECTED = {
    # X1 across the rename (盐湖区… → 运城市盐湖区…) and the format change (X2: a 2021 report after a 2019-format one)
    "X1": [(A21, "X1", None, "自然人", "2", "3"), (A21, "X1", None, "总计", "2", "3")],
    "C2": [(B22, "C2", "行政规范性文件", None, "62", "70")],
    # more repealed (9) than existed (7 + 1) cannot keep the stock either: C3 brings C2 along
    "C3": [(A22, "C2", "行政规范性文件", None, "-1", "0"), (A22, "C3", "行政规范性文件", None, "8", "9")],
    # the 2020 report's predecessor is in history/ (read, not checked)
    "C5": [(B20, "C5", "行政处罚", None, "320", "300")],
    "W9-text": [(A22, "W9-text", None, None, None, "100%")],
    "W9-peer": [(A21, "W9-text", None, None, None, "100%")],
    "W9-table": [(B22, "W9-table", None, None, None, None)],
    # prose and plausibility, one report at a time, in the same repository
    "X3": [(B21, "X3", "一、本年新收政府信息公开申请数量", "总计", "180", "200")],
    "X4": [(A22, "X4", "行政事业性收费", "本年收费金额（单位：万元）", None, "0")],
    # a 六 silent on fees is W7-fee too (X5 asks for 收费通知 or 信息处理费, W7-fee for 信息处理费)
    "X5": [(B22, "W7-fee", None, None, None, None), (B22, "X5", None, None, None, "1")],
    # 表三 all 0 but the text says 5 were received: X6 (error) and, figure against table, X3
    "X6": [(A20, "X3", "一、本年新收政府信息公开申请数量", "总计", "0", "5"), (A20, "X6", None, None, "0", "5")],
    "W8-substance": [(A21, "W8-substance", None, None, ">= 20", "1")],
    "W8-rules": [(A22, "W8-rules", "规章", "本年制发件数", None, "1")],
}
PAIR_RULES = {"X1", "C2", "C3", "C5", "W9-text", "W9-table", "REPO-duplicate"}


@pytest.mark.parametrize("broken", sorted(EXPECTED))
def test_each_seeded_break_gives_exactly_its_findings(
    broken: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make(tmp_path, monkeypatch, broken)
    code, data = run_json(capsys, "reports", "--fail-level", "info")
    assert code == 1
    assert sorted(findings(data)) == sorted(EXPECTED[broken])
    for f in data["files"]:
        for x in f["findings"]:
            assert x["severity"] == ("error" if x["rule"] == "X6" else "warning")
            if x["rule"] in PAIR_RULES:
                assert len(x["related"]) == 1 and x["related"][0]["path"] != f["path"]
            else:
                assert "related" not in x


def test_pair_finding_names_both_files_values_and_locations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make(tmp_path, monkeypatch, "X1")
    _, data = run_json(capsys, "reports")
    jsonschema.Draft202012Validator(schema("findings.schema.json")).validate(data)
    x1 = next(x for f in data["files"] if f["path"] == A21 for x in f["findings"] if x["location"]["column"] == "自然人")
    assert x1["related"][0]["path"] == A20
    assert x1["related"][0]["location"]["table_index"] >= 0  # the DOCX cell of 2020's 四、结转下年度继续办理
    assert x1["location"]["element"]  # the HTML cell of 2021's 二、上年结转
    assert [(o["label"], o["value"]) for o in x1["operands"]] == [
        ("2021年 二、上年结转政府信息公开申请数量", "3"), ("2020年 四、结转下年度继续办理", "2"),
    ]
    # the previous file named without its folder; the table, column and both values filled in
    assert x1["message"] == '表三 column "自然人": 二 (carried in) is 3, but the previous report (yanhu-transport.docx) carried out 2 (四)'
    # at the cell of this year's table (not the title), under the table's section; the rule's help
    assert {k: x1["location"][k] for k in ("line", "grid_row", "grid_col", "table", "section")} == {
        "line": 61, "grid_row": 4, "grid_col": 3, "table": "表三", "section": "三、收到和处理政府信息公开申请情况",
    }
    assert x1["help"].startswith("Each column of this year's 二 (carried in) equals last year's 四 (carried out)")
    _, out, _ = run_cli(capsys, "reports", "--format", "sarif")
    sarif = json.loads(out)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    related = [r["relatedLocations"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "X1"]
    assert len(related) == 2
    assert all(r[0]["physicalLocation"]["artifactLocation"]["uri"] == A20 for r in related)


def test_no_predecessor_is_silent_unless_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make(tmp_path, monkeypatch, "X1")
    code, data = run_json(capsys, A21, B21)  # without last year's files nothing is compared
    assert code == 0 and findings(data) == []
    _, data = run_json(capsys, "reports", "--require-history", "--fail-level", "info")
    assert [f for f in findings(data) if f[1] == "REPO-history"] == [(A20, "REPO-history", None, None, None, None)]
    _, data = run_json(capsys, "reports", "--no-config", "--require-history")  # history/ not read: B 2020 lacks 2019
    assert sorted(f[:2] for f in findings(data) if f[1] == "REPO-history") == sorted([(A20, "REPO-history"), (B20, "REPO-history")])


def test_two_reports_of_one_agency_and_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, monkeypatch, duplicate=True)
    _, data = run_json(capsys, "reports", "--fail-level", "info")
    assert findings(data) == []  # off by default (a PDF and a web page of one report are common)
    _, data = run_json(capsys, "reports", "--fail-level", "info", "--severity", "REPO-duplicate=warning")
    assert findings(data) == [(A22, "REPO-duplicate", None, None, None, None)]
    duplicate = data["files"][[f["path"] for f in data["files"]].index(A22)]["findings"][0]
    assert duplicate["related"][0]["path"] == "reports/2022/yanhu-transport-web.html"
    assert duplicate["location"] == {"path": A22, "line": 1}  # each at its title
    assert duplicate["related"][0]["location"]["line"] == 27
    assert duplicate["related"][0]["message"] == "another report of this agency and year: yanhu-transport-web.html"


def test_baseline_and_waivers_match_pair_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make(tmp_path, monkeypatch, "X1", "C2")
    code, _, _ = run_cli(capsys, "reports", "--fail-level", "warning", "--write-baseline", "baseline.json")
    assert code == 0
    code, data = run_json(capsys, "reports", "--fail-level", "warning", "--baseline", "baseline.json")
    assert code == 0
    assert {(x["rule"], x["suppression"]["kind"]) for f in data["files"] for x in f["findings"]} == {("X1", "baseline"), ("C2", "baseline")}
    (tmp_path / "waivers.yaml").write_text(
        "waivers:\n  - rule: X1\n    files: reports/2021/*\n    column: 自然人\n    reason: 上年数据已更正 / restated\n",
        encoding="utf-8",
    )
    code, data = run_json(capsys, "reports", "--fail-level", "warning", "--waivers", "waivers.yaml")
    assert code == 1
    states = sorted((x["rule"], x["location"].get("column"), x.get("suppression", {}).get("kind")) for f in data["files"] for x in f["findings"])
    assert states == [("C2", None, None), ("X1", "总计", None), ("X1", "自然人", "waiver")]


def test_merely_similar_text_is_not_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """B 2022 reuses a whole paragraph of 2021: a third of its text is shared, and that is no copy."""
    from checker.engine import Engine, Settings

    make(tmp_path, monkeypatch)
    engine = Engine(Settings())
    earlier, later = (engine.check_file(Path(p)).summary for p in (B21, B22))
    assert earlier is not None and later is not None
    share = len(later.shingles & earlier.shingles) / len(later.shingles)
    assert 0.25 < share < 0.8, share
    _, data = run_json(capsys, B21, B22, "--fail-level", "info")
    assert findings(data) == []


def test_require_history_in_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path, monkeypatch)
    (tmp_path / ".report-check.yaml").write_text("history: [history/**]\nrequire_history: true\n", encoding="utf-8")
    _, data = run_json(capsys, "reports", "--fail-level", "info")
    assert findings(data) == [(A20, "REPO-history", None, None, None, None)]
    code, out, _ = run_cli(capsys, "--show-config", A20)
    assert code == 0 and "require_history: true" in out


def test_a_copy_with_new_figures_typed_in_is_still_a_copy(tmp_path: Path) -> None:
    """Numbers are masked before shingling: last year's text with this year's figures is a copy."""
    from checker.engine import Engine, Settings
    from tests.fixtures.content import ReportContent
    from tests.fixtures.render_text import render_text
    from tests.fixtures.repository import _section, report

    sentence = "全年在区政府门户网站发布交通运输领域信息{}条，办理人大代表建议{}件、政协委员提案{}件，开展业务培训{}次。"
    engine = Engine(Settings())

    def summary(content: ReportContent, name: str, *numbers: int) -> ReportSummary:
        content = _section(content, 0, sentence.format(*numbers), add=True)
        result = engine.check_file(render_text(content, tmp_path / name))
        assert result.summary is not None
        return result.summary

    earlier = summary(report("A", 2021), "a.txt", 210, 12, 8, 3)
    copied = report("A", 2022)
    for index in (0, 4):  # 一 and 五 taken from 2021
        copied = _section(copied, index, *report("A", 2021).sections[index].paragraphs)
    later = summary(copied, "b.txt", 265, 15, 9, 4)
    later_own = summary(report("A", 2022), "c.txt", 265, 15, 9, 4)
    assert later.shingles == earlier.shingles  # copied, only the figures changed: the same text
    assert len(later_own.shingles & earlier.shingles) / len(later_own.shingles) < 0.5  # its own words


def test_a_related_file_is_named_without_its_folder() -> None:
    from checker.rulekinds.repository import _name

    assert [_name(p) for p in ("a.docx", "reports/2020/a.docx", "reports\\2020\\a.docx", "/r/2020/a b.docx")] == [
        "a.docx", "a.docx", "a.docx", "a b.docx",
    ]
