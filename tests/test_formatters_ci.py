"""SARIF, JUnit, GitHub annotations and the Markdown summary, on real findings from seeded reports."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from msgspec.structs import replace

from checker.engine import Engine
from checker.finding import FileResult, Finding, Severity, Status, Suppression, Text
from checker.formatters.base import RunResult
from checker.formatters.github import GithubFormatter, MarkdownFormatter, escape_property
from checker.formatters.junit import JunitFormatter
from checker.formatters.sarif import FINGERPRINT_KEY, SarifFormatter
from checker.model import Location
from tests.ci_helpers import SARIF_SCHEMA
from tests.seeded import DEFECTS, write_variant


def run_of(engine: Engine, results: list[FileResult], lang: str = "en") -> RunResult:
    packs = [engine.registry.load(n) for n in ("gov-2019", "gov-2021")]
    return RunResult(
        results,
        Severity.ERROR,
        lang,
        {r.id: r for p in packs for r in p.rules},
        {p.name: tuple(r.id for r in p.rules) for p in packs},
    )


def render(formatter: type, run: RunResult) -> str:
    out = io.StringIO()
    formatter(out, run.lang).write(run)
    return out.getvalue()


def waived(result: FileResult, rule: str, reason: str) -> FileResult:
    findings = [replace(f, suppression=Suppression("waiver", reason)) if f.rule == rule else f for f in result.findings]
    return replace(result, findings=findings)


@pytest.fixture
def seeded_results(engine: Engine, tmp_path: Path) -> list[FileResult]:
    return [engine.check_file(write_variant(name, tmp_path)) for name in sorted(DEFECTS)]


def test_sarif_validates_against_the_official_schema(engine: Engine, seeded_results: list[FileResult]) -> None:
    results = [*seeded_results]
    results[0] = waived(results[0], results[0].findings[0].rule, "accepted by the office")
    pdf_finding = Finding("A1", "sum", Severity.ERROR, Text("页", "page"), "x.pdf", Location("x.pdf", page=3), table="表三")
    results.append(FileResult("x.pdf", Status.FAIL, "gov-2021", "pdf", [pdf_finding]))
    for lang in ("en", "zh"):
        sarif = json.loads(render(SarifFormatter, run_of(engine, results, lang)))
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["A2"]["help"]["text"] and rules["A2"]["defaultConfiguration"]["level"] == "error"
    assert rules["C4"]["defaultConfiguration"]["level"] == "warning"
    assert len(run["results"]) == sum(len(r.findings) for r in results)
    page = next(r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("x.pdf"))
    # GitHub's ingestion needs a region on every result: a page has no line, so line 1 and the page
    assert page["properties"]["page"] == 3 and page["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [s["suppressions"][0]["justification"] for s in suppressed] == ["accepted by the office"]


def test_sarif_result_names_the_cell_and_keeps_identity_when_lines_move(engine: Engine, tmp_path: Path) -> None:
    path = write_variant("t3-total-changed", tmp_path)
    before = json.loads(render(SarifFormatter, run_of(engine, [engine.check_file(path)])))["runs"][0]["results"]
    total_line = path.read_text(encoding="utf-8").splitlines().index("（七）总计 0 0 0 0 0 0 2") + 1
    path.write_text("\n\n\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")  # re-paginated: lines move
    after = json.loads(render(SarifFormatter, run_of(engine, [engine.check_file(path)])))["runs"][0]["results"]
    a2 = next(r for r in before if r["ruleId"] == "A2")
    assert a2["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "三、收到和处理政府信息公开申请情况 › 表三 › （七）总计 › 总计"
    assert a2["locations"][0]["physicalLocation"]["region"] == {"startLine": total_line}  # the 总计 row, 1-based
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in before] == [
        r["partialFingerprints"][FINGERPRINT_KEY] for r in after
    ]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 4 for r in before
    ]


def test_junit_one_case_per_file_and_rule(engine: Engine, tmp_path: Path) -> None:
    seed_like = engine.check_file(write_variant("t2-published-exceeds-total", tmp_path))  # a warning only
    broken = engine.check_file(write_variant("t3-total-changed", tmp_path))
    broken = waived(broken, "A1", "known")
    root = ET.fromstring(render(JunitFormatter, run_of(engine, [seed_like, broken])))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [seed_like.path, broken.path]
    rules_2019 = run_of(engine, []).pack_rules["gov-2019"]
    assert int(suites[0].get("tests")) == len(rules_2019) and suites[0].get("failures") == "0"
    cases = {c.get("name").split(":")[0]: c for c in suites[1].findall("testcase")}
    assert cases["A2"].find("failure") is not None and cases["A3"].find("failure") is not None
    assert cases["A1"].find("failure") is None and "[waiver]" in cases["A1"].find("system-out").text
    assert suites[1].get("failures") == "2" and root.get("failures") == "2"
    c4 = next(c for c in suites[0].findall("testcase") if c.get("name").startswith("C4"))
    assert c4.find("failure") is None and "C4 warning" in c4.find("system-out").text


def fake(n: int, severity: Severity) -> list[Finding]:
    return [
        Finding(f"R{i}", "cell", severity, Text(f"问题{i}", f"problem {i}, a:b"), "r/a,b.txt", Location("r/a,b.txt", line=i + 1))
        for i in range(n)
    ]


def test_github_annotations_respect_the_limit_and_say_how_many_more(engine: Engine) -> None:
    findings = fake(13, Severity.ERROR) + fake(2, Severity.WARNING) + fake(12, Severity.INFO)
    findings.append(replace(fake(1, Severity.ERROR)[0], suppression=Suppression("baseline", "in baseline")))
    out = render(GithubFormatter, run_of(engine, [FileResult("r/a,b.txt", Status.FAIL, None, "text", findings)]))
    lines = out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 2
    assert sum(line.startswith("::notice ") for line in lines) == 10
    assert "3 more errors and 0 more warnings" in out
    assert lines[0] == "::error file=r/a%2Cb.txt,line=1,title=R0::problem 0, a:b"
    assert sum(not line.startswith("::") for line in lines) == 3 + 3  # 3 errors and 3 infos in the log
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_markdown_summary_tables(engine: Engine, seeded_results: list[FileResult]) -> None:
    text = render(MarkdownFormatter, run_of(engine, seeded_results))
    assert "| File | Status | Errors | Warnings | Info | Suppressed |" in text
    assert text.count("❌ fail") == sum(r.status is Status.FAIL for r in seeded_results)
    assert "| A2 | error |" in text
