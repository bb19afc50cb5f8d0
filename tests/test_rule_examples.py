"""The worked examples in the packs' ``explain`` blocks are test cases (sqlfluff-style): each
failing example makes its rule report, each passing one does not. And every rule of both official
packs is explained (basis, a failing and a passing example) in both languages."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from checker.cli import main
from checker.commands.rules import execute_rules, rules_parser
from checker.engine import Engine, Settings
from checker.explain import Entry, entries
from checker.finding import FileResult, Finding
from checker.packs.model import Example, ExpectedFinding, RuleSpec
from checker.repository.phase import check_repository
from tests.conftest import default_engine
from tests.seeded import apply, base_text


def official_entries() -> list[Entry]:
    engine = default_engine()
    return entries(engine.registry, engine.pack)


CASES = [
    pytest.param(entry, example, id=f"{entry.rule.id}-{entry.versions}-{example.name}")
    for entry in official_entries()
    for example in (entry.rule.explain.examples if entry.rule.explain else ())
]


def example_text(example: Example) -> str:
    return apply(base_text(example.base), list(example.edits))


def repository_result(example: Example, path: Path, rule: RuleSpec, *, rule_on: bool = True) -> FileResult:
    """A repository rule's example: the other report and the example checked as one run (the
    other file sorts first), with --require-history and the rule on (REPO-duplicate is off by default).
    With ``rule_on=False`` the rule is off: the run that gives the example's base findings."""
    assert example.previous is not None
    base, edits = example.previous
    other = path.parent / "0-other" / f"previous.{'md' if base.endswith('-md') else 'txt'}"
    other.parent.mkdir()
    other.write_text(apply(base_text(base), list(edits)), encoding="utf-8")
    engine = Engine(Settings(params={"require_history": True}, severities={rule.id: rule.severity.value if rule_on else "off"}))
    results = check_repository(engine, [engine.check_file(other), engine.check_file(path)])
    return results[1]


Key = tuple[str, str | None, str | None, str | None, str | None, str | None, str | None, int | None]


def finding_key(finding: Finding) -> Key:
    return (
        finding.rule, finding.section, finding.table, finding.row, finding.column, finding.expected,
        finding.actual, finding.location.line,
    )


def expected_key(rule: str, declared: ExpectedFinding) -> Key:
    d = declared
    return (d.rule or rule, d.section, d.table, d.row, d.column, d.expected, d.actual, d.line)


_BASE_FINDINGS: dict[str, list[Finding]] = {}


def base_findings(engine: Engine, base: str, folder: Path) -> list[Finding]:
    """The findings of the unedited base report (none: every base passes), once per base."""
    if base not in _BASE_FINDINGS:
        path = folder / f"base.{'md' if base.endswith('-md') else 'txt'}"
        path.write_text(base_text(base), encoding="utf-8")
        _BASE_FINDINGS[base] = engine.check_file(path).findings
    return _BASE_FINDINGS[base]


def repository_base_findings(example: Example, rule: RuleSpec, folder: Path) -> list[Finding]:
    """A repository example's base findings: its unedited base report checked in the same run as
    the example (its `previous` report, --require-history) with the example's rule off. So what
    the pair brings in whatever the rule says (the seed-2021 text copies the seed's: W9-text; no
    report of the year before: REPO-history) is the base's, and the rule's findings, with whatever
    the edits add, are the example's (an example with no edits still adds its rule's findings)."""
    path = folder / "1-base" / f"base.{'md' if example.base.endswith('-md') else 'txt'}"
    path.parent.mkdir(parents=True)
    path.write_text(base_text(example.base), encoding="utf-8")
    return repository_result(example, path, rule, rule_on=False).findings


@pytest.mark.parametrize(("entry", "example"), CASES)
def test_rule_example(entry: Entry, example: Example, engine: Engine, tmp_path: Path) -> None:
    """A failing example adds exactly the findings it declares (rule, labels, expected, actual) to
    its base report's; a passing one adds none at all."""
    path = tmp_path / "1-example" / f"{example.name}.{'md' if example.base.endswith('-md') else 'txt'}"
    path.parent.mkdir()
    path.write_text(example_text(example), encoding="utf-8")
    result = engine.check_file(path) if example.previous is None else repository_result(example, path, entry.rule)
    assert result.pack in {p.name for p in entry.packs}, "the example must exercise this definition of the rule"
    declared = () if example.passes else example.findings
    assert declared is not None, f"{entry.rule.id} {example.name}: declare the findings the edit adds (findings:)"
    wanted = sorted((expected_key(entry.rule.id, d) for d in declared), key=str)
    by_line = {k[:7] for k in wanted if k[7] is not None}  # compared by line only where one is given
    added = Counter(finding_key(f) for f in result.findings)
    base = (
        base_findings(engine, example.base, tmp_path) if example.previous is None
        else repository_base_findings(example, entry.rule, tmp_path / "base")
    )
    added -= Counter(finding_key(f) for f in base)
    got = sorted((k if k[:7] in by_line else (*k[:7], None) for k in added.elements()), key=str)
    assert got == wanted
    if not example.passes:
        assert entry.rule.id in {k[0] for k in got}


@pytest.mark.parametrize("entry", official_entries(), ids=lambda e: f"{e.rule.id}-{e.versions}")
def test_every_rule_is_explained(entry: Entry) -> None:
    explain = entry.rule.explain
    assert explain is not None and explain.basis is not None
    assert explain.basis.zh and explain.basis.en and entry.rule.summary is not None
    assert any(not e.passes for e in explain.examples) and any(e.passes for e in explain.examples)
    assert all(e.note is not None for e in explain.examples)
    names = [e.name for e in explain.examples]
    assert len(names) == len(set(names)), "example names identify test cases: keep them unique per rule"


@pytest.mark.parametrize("pack", ["gov", "gov-2019", "gov-2021"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_list(pack: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--pack", pack, "--lang", lang]) == 0
    out = capsys.readouterr().out
    engine = default_engine()
    for entry in entries(engine.registry, engine.registry.load(pack)):
        assert entry.rule.id in out
        assert entry.rule.summary is not None and entry.rule.summary.get(lang) in out


def test_rules_list_marks_versions(capsys: pytest.CaptureFixture[str]) -> None:
    main(["rules", "list", "--lang", "en"])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("A1 ") and "V2019,V2021" in line for line in lines)
    assert any(line.startswith("C4 ") and "V2019" in line and "V2021" not in line for line in lines)
    assert any(line.startswith("W7-fee ") and "V2021" in line for line in lines)
    assert sum(line.startswith("C1 ") for line in lines) == 2  # defined differently per version


@pytest.mark.parametrize("pack", ["gov-2019", "gov-2021"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_explain_every_rule(pack: str, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = Engine(Settings(pack=pack))  # one engine for all the rules: building one is the slow part
    for rule in engine.pack.rules:
        args = rules_parser().parse_args(["explain", rule.id, "--pack", pack, "--lang", lang])
        assert execute_rules(args, engine) == 0
        out = capsys.readouterr().out
        assert rule.explain is not None and rule.explain.basis is not None
        assert rule.explain.basis.get(lang) in out
        assert ("不通过的示例" if lang == "zh" else "An example that fails") in out
        assert ("通过的示例" if lang == "zh" else "An example that passes") in out


def test_explain_shows_edits_and_both_definitions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "C1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "gov-2019 (V2019)" in out and "gov-2021 (V2021)" in out
    assert "    - 行政强制 12 14 0\n    + 行政强制 12 14 -3" in out
    assert main(["rules", "explain", "a1", "--lang", "zh"]) == 0  # ids are matched case-insensitively
    assert "第一项加第二项之和" in capsys.readouterr().out


def test_unknown_rule_lists_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "W4"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule 'W4'" in err and "W4-late" in err and "W4-early" in err
    assert main(["rules", "explain", "W1-missing", "--pack", "nope"]) == 2


def test_extraction_ids_are_explained_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "EXTRACT-row-values", "--lang", "en"]) == 0
    assert "report-check extract" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_hinted_command_works(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text output ends with `report-check rules explain ID`; that command must work."""
    path = tmp_path / "t3.txt"
    path.write_text(apply(base_text("seed"), [("（七）总计 0 0 0 0 0 0 0", "（七）总计 0 0 0 0 0 0 2")]), encoding="utf-8")
    assert main([str(path), "--lang", lang]) == 1
    hint = capsys.readouterr().out.strip().splitlines()[-1]
    command = hint.split("report-check ", 1)[1].split()
    assert command[:3] == ["rules", "explain", "A1"]
    assert main(command) == 0
    out = capsys.readouterr().out
    assert out.startswith("A1:") and ("依据" if lang == "zh" else "Why (basis)") in out


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["pack"] == "gov" and len(listed["rules"]) == len(official_entries())
    assert main(["rules", "explain", "W4-late", "--format", "json"]) == 0
    (rule,) = json.loads(capsys.readouterr().out)["rules"]
    assert rule["versions"] == ["V2019", "V2021"] and "第四十九条" in rule["basis"]["zh"]
    assert [e["passes"] for e in rule["examples"]] == [False, True, False]


CUSTOM_RULE = """rules:
  - id: Z1
    kind: keywords
    section: S5
    any: [改进]
    severity: warning
    summary: {zh: 第五部分未提改进, en: Section 五 does not mention improvements}
    message: {zh: 未提改进, en: no improvements}
    explain:
      basis: {zh: 本单位规定, en: a house rule}
      examples:
        - name: no-improvement
          passes: false
          edits:
            - {old: "不断提升", new: "继续"}
"""


def write_custom(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text("schema: report-check/pack/v1\nname: house\nextends: gov-2021\n" + body, encoding="utf-8")
    return path


def test_a_custom_pack_can_explain_its_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_custom(tmp_path, CUSTOM_RULE)
    assert main(["rules", "explain", "Z1", "--pack", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Why (basis):\n    a house rule" in out and "    - 不断提升\n    + 继续" in out


def test_a_malformed_explain_block_names_the_line(tmp_path: Path) -> None:
    from checker.packs.loader import PackError

    path = write_custom(tmp_path, CUSTOM_RULE.replace("          passes: false\n", ""))
    with pytest.raises(PackError) as info:
        Engine(Settings()).registry.load(str(path))  # a fresh registry: the shared one must not learn it
    assert "'passes' is a required property" in info.value.message
    assert info.value.line is not None and info.value.line > 3
