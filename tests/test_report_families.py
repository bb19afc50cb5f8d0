"""A report of another family than its pack checks: one finding that says what the file is and
which pack checks it, not every section, table and column of the wrong template "missing"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from tests.budget_seeds import PLANNING, SOCIAL, TEMPLATE

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "yuncheng-transport-2020.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main([*args, "--format", "json", "--no-config", "--no-cache"])
    (result,) = json.loads(capsys.readouterr().out)["files"]
    return code, result


@pytest.mark.parametrize(("path", "title"), [
    (PLANNING, "上海市普陀区规划和自然资源局2024年度部门决算"),
    (SOCIAL, "中共上海市普陀区委社会工作部2024年度部门决算"),
    (TEMPLATE, "上海市XX局2024年度部门决算"),
])
def test_a_budget_report_checked_as_an_annual_report_says_so_once(
    capsys: pytest.CaptureFixture[str], path: Path, title: str
) -> None:
    code, result = run(capsys, str(path))
    assert (code, result["status"]) == (1, "error")  # a repository of annual reports fails on it
    (finding,) = result["findings"]
    assert (finding["rule"], finding["severity"]) == ("EXTRACT-other-report", "error")
    assert finding["messages"] == {
        "zh": f"标题“{title}”表明这是部门决算，不是规则包 gov-2021 检查的政府信息公开工作年度报告；"
              "如需检查，请使用 --pack budget-final",
        "en": f'the title "{title}" makes this a Department final accounts, not a Government '
              "information-disclosure annual report (what pack gov-2021 checks); to check it, "
              "use --pack budget-final",
    }


def test_an_annual_report_checked_with_the_budget_pack_names_the_annual_report_pack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, result = run(capsys, "--pack", "budget-final", str(SEED))
    assert (code, [f["rule"] for f in result["findings"]]) == (1, ["EXTRACT-other-report"])
    assert result["findings"][0]["message"].endswith("to check it, use --pack gov")


def test_a_report_whose_title_reads_as_its_own_pack_is_checked_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    code, result = run(capsys, str(SEED))
    assert (code, result["status"], result["findings"]) == (0, "pass", [])
    code, result = run(capsys, "--pack", "budget-final", str(PLANNING))
    assert code == 1 and result["status"] == "fail"  # its own known errors (test_budget_report.py)
    assert "EXTRACT-other-report" not in {f["rule"] for f in result["findings"]}


def test_an_annual_report_without_its_title_that_mentions_a_budget_report_is_checked_as_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The body copied without the title; its 一、总体情况 says what was published, 部门决算 too.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[1:4] == ["运城市交通运输局", "", "2020 年政府信息公开工作年度报告"]
    lines[1:4] = ["", "", ""]
    at = lines.index("一、总体情况") + 2
    lines.insert(at, "我局主动公开了运城市交通运输局2020年度部门决算和2021年度部门预算。")
    path = tmp_path / "body.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _code, result = run(capsys, str(path))
    assert [f["rule"] for f in result["findings"]] == ["W3-year"]  # no title: no year, no other family
