"""The 部门决算 pack end to end: the CLI on the real reports gives exactly the errors the spec
(§6.5) found in them, with pages; the template is recognised as the template; seeded narrative
defects (a direction word flipped, a year changed, a placeholder left) each give exactly their
finding; every rule of the pack is explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from tests.budget_seeds import PLANNING, SOCIAL, TEMPLATE, budget_engine, check, extracted, set_text

Row = tuple[str, int | None, str | None, str | None]


def cli_findings(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[Row]]:
    code = main(["--pack", "budget-final", "--format", "json", "--no-config", str(path)])
    data = json.loads(capsys.readouterr().out)
    (result,) = data["files"]
    assert result["pack"] == "budget-final-sh2024" and result["report_year"] == 2024
    rows = [(f["rule"], f["location"].get("page"), f.get("expected"), f.get("actual")) for f in result["findings"]]
    errors = {f["rule"] for f in result["findings"] if f["severity"] == "error"}
    assert "N-5d-coverage" not in errors and all(f["severity"] == "error" for f in result["findings"] if f["rule"] != "N-5d-coverage")
    assert all(f["location"].get("bbox") for f in result["findings"])  # every finding has its box
    return code, sorted(rows, key=lambda r: (r[1] or 0, r[0], str(r[3])))


def test_planning_report_gives_exactly_the_known_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = cli_findings(PLANNING, capsys)
    assert code == 1
    assert rows == [
        # N-U: the table-set title drops 普陀区 …
        ("N-U", 7, "上海市普陀区规划和自然资源局", "上海市规划和自然资源局"),
        # warnings: the two T5 项 rows the narrative misnames have no item of their own (N-5d)
        ("N-5d-coverage", 14, "一般公共预算财政拨款支出决算表", None),
        ("N-5d-coverage", 14, "一般公共预算财政拨款支出决算表", None),
        # "增长 13.95。": the rate lacks its % sign
        ("R-percent", 21, None, "增长13.95"),
        # N-5d: item 5 names a 项 that T5 does not have (T5: 2080599 其他行政事业单位养老支出)
        ("N-5d", 22, "一般公共预算财政拨款支出决算表", "机关事业单位退休人员活动费支出"),
        # N-5d: item 11 (T5: 2200199 其他自然资源事务支出; not listed in spec §6.5, same defect class)
        # N-5d: items 12-13 name the 款 住房保障支出 (T5: 22102 住房改革支出)
        ("N-5d", 24, "一般公共预算财政拨款支出决算表", "住房保障支出"),
        ("N-5d", 24, "一般公共预算财政拨款支出决算表", "住房保障支出"),
        ("N-5d", 24, "一般公共预算财政拨款支出决算表", "其他国土资源事务支出"),
        # N-6: 基本支出 and 人员经费 are T3's all-fund figures, not T5/T6's
        ("N-6", 24, "4884.09", "4896.98"),
        ("N-6", 24, "5364.75", "5377.64"),
        # 下降（增长）27.78%: template residue
        ("R-residue", 25, None, "下降(增长)"),
        # … and the narrative writes 规划与自然资源局 (三公 vehicles, 八, 九)
        ("N-U", 26, "上海市普陀区规划和自然资源局", "上海市普陀区规划与自然资源局"),
        ("N-U", 26, "上海市普陀区规划和自然资源局", "上海市普陀区规划与自然资源局"),
        ("N-U", 26, "上海市普陀区规划和自然资源局", "上海市普陀区规划与自然资源局"),
    ]


def test_social_work_report_gives_exactly_the_known_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = cli_findings(SOCIAL, capsys)
    assert code == 1
    assert rows == [
        ("R-residue", 15, None, "仍保留该表格式"),  # the template's instruction left under T8 …
        ("R-residue", 16, None, "仍保留该表格式"),  # … and under T9
        ("N-5c-zero", 18, "0.01", "0"),  # 年初预算为0万元 … 完成年初预算的95.89%
    ]


def test_the_template_is_recognised_as_the_template(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--pack", "budget-final", "--format", "json", "--no-config", str(TEMPLATE)])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert code == 1
    template = [f for f in findings if f["rule"] == "TEMPLATE"]
    assert len(template) == 1 and template[0]["location"]["page"] == 1
    assert {f["rule"] for f in findings} <= {"TEMPLATE", "R-residue", "N-5d"}  # the sample item names 初中教育


def narrative(document, old: str, new: str) -> list[tuple[str, int | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    baseline = {(f.rule, f.fingerprint, f.actual) for f in check(document).findings}
    result = check(set_text(document, old, new))
    return [(f.rule, f.location.page, f.expected, f.actual) for f in result.findings if (f.rule, f.fingerprint, f.actual) not in baseline]


def test_a_direction_word_flipped() -> None:
    # item 3: 年初预算 452.40, 决算 446.11 - "小于" is right, "大于" is not
    document = extracted(PLANNING)
    assert narrative(document, "446.11万元，完成年初预算的98.61%。决算数小于", "446.11万元，完成年初预算的98.61%。决算数大于") == [
        ("N-5d-direction", 22, "-1", "1"),
    ]


def test_a_year_changed() -> None:
    assert narrative(extracted(SOCIAL), "中共上海市普陀区委社会工作部2024年度收入支出总计307.82", "中共上海市普陀区委社会工作部2023年度收入支出总计307.82") == [
        ("N-Y", 17, "2024", "2023年"),
    ]
    assert narrative(extracted(SOCIAL), "机关运行经费支出10.23万元，比2023年度增加10.23万元，", "机关运行经费支出10.23万元，比2022年度增加10.23万元，") == [
        ("N-Y-prev", 21, "2023", "比2022年度"),
    ]


def test_a_placeholder_left() -> None:
    assert narrative(extracted(SOCIAL), "本年收入合计307.82万元", "本年收入合计XXX万元") == [("R-residue", 17, None, "XXX")]


def test_a_narrative_amount_off() -> None:
    assert narrative(extracted(SOCIAL), "一般公共服务支出（类）264.87万元，占86.05%", "一般公共服务支出（类）264.90万元，占86.05%") == [
        ("N-5b", 18, "264.87", "264.90"),  # the share 86.05% still fits 264.90 / 307.82 within 0.01 pp
    ]


def test_every_rule_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    pack = budget_engine().registry.load("budget-final-sh2024")
    assert len(pack.rules) == 74
    for rule in pack.rules:
        assert rule.summary and rule.help and rule.explain and rule.explain.basis, rule.id
        assert rule.explain.basis.zh and rule.explain.basis.en
        examples = rule.explain.examples  # a failing and a passing one, each a test case below
        assert any(not e.passes for e in examples) and any(e.passes for e in examples), rule.id
        assert all(e.note is not None for e in examples) and len({e.name for e in examples}) == len(examples)
        assert main(["rules", "explain", "--pack", "budget-final-sh2024", rule.id]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{rule.id}: {rule.summary.en}") and rule.explain.basis.en in out


def test_a_repository_maps_a_folder_to_the_budget_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    (tmp_path / "决算").mkdir()
    (tmp_path / "年报").mkdir()
    shutil.copy(SOCIAL, tmp_path / "决算" / SOCIAL.name)
    (tmp_path / "年报" / "empty.txt").write_text("一、总体情况\n", encoding="utf-8")
    (tmp_path / ".report-check.yaml").write_text(
        'overrides:\n  - paths: ["决算/**"]\n    pack: budget-final\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    main(["--format", "json", "."])
    files = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert files[f"决算/{SOCIAL.name}"]["pack"] == "budget-final-sh2024"
    assert {f["rule"] for f in files[f"决算/{SOCIAL.name}"]["findings"]} == {"R-residue", "N-5c-zero"}
    assert files["年报/empty.txt"]["pack"].startswith("gov")


def budget_examples() -> list:  # type: ignore[type-arg]
    pack = budget_engine().registry.load("budget-final-sh2024")
    return [
        pytest.param(rule.id, example, id=f"{rule.id}-{example.name}")
        for rule in pack.rules
        for example in (rule.explain.examples if rule.explain else ())
    ]


@pytest.mark.parametrize(("rule_id", "example"), budget_examples())
def test_budget_rule_example(rule_id: str, example, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The worked examples of `rules explain` are test cases on the real report as Markdown."""
    from tests.budget_seeds import budget_markdown
    from tests.seeded import apply

    assert example.base == "budget-md"
    path = tmp_path / f"{example.name}.md"
    path.write_text(apply(budget_markdown(), list(example.edits)), encoding="utf-8")
    result = budget_engine().check_file(path)
    assert result.pack == "budget-final-sh2024"
    fired = {f.rule for f in result.findings}
    assert (rule_id not in fired) if example.passes else (rule_id in fired)


def test_the_markdown_rendering_gives_the_pdfs_findings(tmp_path: Path) -> None:
    """Same pack, another format: the report as Markdown pipe tables gives the PDF's findings."""
    from tests.budget_seeds import budget_markdown

    path = tmp_path / "planning.md"
    path.write_text(budget_markdown(), encoding="utf-8")
    as_text = sorted((f.rule, f.actual) for f in budget_engine().check_file(path).findings)
    as_pdf = sorted((f.rule, f.actual) for f in check(extracted(PLANNING)).findings)
    assert as_text == as_pdf and len(as_pdf) == 14


def test_the_hinted_explain_command_names_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pack", "budget-final", "--lang", "en", "--no-config", str(SOCIAL)]) == 1
    hint = capsys.readouterr().out.strip().splitlines()[-1]
    assert hint == "What a rule checks and why: report-check rules explain N-5c-zero --pack budget-final-sh2024"
    assert main(hint.split("report-check ", 1)[1].split()) == 0
    assert "N-5c-zero: Narrative 五（三）" in capsys.readouterr().out
