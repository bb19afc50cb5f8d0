"""Every output format, exactly, on a small hand-made run: each line and field is stated.

The findings are built by hand (not by checking a report), so each test pins what the formatter
itself writes: positions, markers, counts, plurals, both languages, limits and escapes.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from checker import __version__
from checker.finding import FileResult, Finding, Severity, Status, Suppression, Text
from checker.formatters.base import Formatter, RunResult
from checker.formatters.github import (
    ANNOTATION_LIMIT,
    GithubFormatter,
    MarkdownFormatter,
    annotation,
    annotation_lines,
    cell,
    escape_data,
    escape_property,
    markdown_summary,
)
from checker.formatters.json import JsonFormatter
from checker.formatters.junit import JunitFormatter, file_suite
from checker.formatters.sarif import (
    artifact_uri,
    logical_name,
    relative_path,
    rule_descriptor,
    sarif_result,
)
from checker.formatters.text import TextFormatter, position
from checker.model import Location
from checker.packs.model import RuleSpec


def finding(
    rule: str = "A2", severity: Severity = Severity.ERROR, path: str = "a.txt", line: int | None = 3, **kw: Any
) -> Finding:
    location = kw.pop("location", Location(path, line=line))
    message = kw.pop("message", Text(f"{rule}中文", f"{rule} english"))
    return Finding(rule, kw.pop("kind", "sum"), severity, message, path, location, **kw)


def render(formatter: type[Formatter], run: RunResult) -> str:
    out = io.StringIO()
    formatter(out, run.lang).write(run)
    return out.getvalue()


def spec(rule: str, severity: Severity = Severity.ERROR, summary: Text | None = None) -> RuleSpec:
    return RuleSpec(rule, "sum", severity, Text("m", "m"), Text(f"{rule}帮助", f"{rule} help"), summary, {})


WAIVED = Suppression("waiver", "accepted")


def sample_run(lang: str = "en") -> RunResult:
    fail = FileResult("a.txt", Status.FAIL, "gov-2019", "text", [
        finding("A2", line=5, row="（七）总计", column="总计", table="表三", section="三、收到"),
        finding("W1-near-miss", Severity.WARNING, line=2, section="五、存在"),
        finding("A1", line=4, suppression=WAIVED),
        finding("C9", Severity.INFO, line=None, location=Location("a.txt", page=2)),
    ])
    ok = FileResult("b.txt", Status.PASS, "gov-2019", "text", [])
    broken = FileResult("c.txt", Status.ERROR, None, None, [])
    rules = {"A1": spec("A1", summary=Text("表三一", "T3 one")), "A2": spec("A2"), "W1-near-miss": spec("W1-near-miss", Severity.WARNING)}
    return RunResult([fail, ok, broken], Severity.ERROR, lang, rules, {"gov-2019": ("A1", "A2", "B1")})


# ---- positions and text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "text"),
    [
        (Location("x", line=7, page=2), "7"),
        (Location("x", page=2, paragraph=4), "p2"),
        (Location("x", table=0, row=2, col=3, paragraph=9), "t1r3c4"),
        (Location("x", table=1, row=0), "t2r1c1"),
        (Location("x", table=1, paragraph=5), "¶6"),
        (Location("x", paragraph=0), "¶1"),
        (Location("x", element="body > p"), ""),
    ],
)
def test_position_is_the_shortest_useful_one(location: Location, text: str) -> None:
    assert position(location) == text


def test_text_output_en() -> None:
    assert render(TextFormatter, sample_run("en")) == (
        "a.txt:2: W1-near-miss warning W1-near-miss english\n"
        "a.txt:4: A1 error [waiver] A1 english\n"
        "a.txt:5: A2 error A2 english\n"
        "a.txt:p2: C9 info C9 english\n"
        "c.txt: error could not be read\n"
        "3 files checked: 1 passed, 1 failed, 1 could not be checked; 1 errors, 1 warnings, 1 info, 1 suppressed\n"
        "What a rule checks and why: report-check rules explain A1\n"
    )


def test_text_output_zh() -> None:
    out = render(TextFormatter, sample_run("zh")).splitlines()
    assert out[1] == "a.txt:4: A1 error [waiver] A1中文"
    assert out[-4:] == [
        "a.txt:p2: C9 info C9中文",
        "c.txt: error 无法读取",
        "检查文件3个：通过1，不通过1，无法检查1；错误1，警告1，提示1，已豁免1",
        "规则说明：report-check rules explain A1 --lang zh",
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_output_of_one_passing_file(lang: str) -> None:
    run = RunResult([FileResult("b.txt", Status.PASS, "gov-2019", "text", [])], lang=lang)
    assert render(TextFormatter, run) == (
        "1 file checked: 1 passed, 0 failed, 0 could not be checked; 0 errors, 0 warnings, 0 info\n"
        if lang == "en"
        else "检查文件1个：通过1，不通过0，无法检查0；错误0，警告0，提示0\n"
    )


def test_counts_and_failed() -> None:
    run = sample_run()
    assert run.counts() == {
        "files": {"pass": 1, "fail": 1, "error": 1},
        "findings": {"error": 1, "warning": 1, "info": 1, "suppressed": 1},
    }
    assert run.failed
    assert not RunResult([FileResult("b.txt", Status.PASS, None, None, [])]).failed
    assert RunResult([]).counts()["files"] == {"pass": 0, "fail": 0, "error": 0}


def test_a_formatter_must_write() -> None:
    with pytest.raises(NotImplementedError):
        Formatter(io.StringIO()).write(RunResult([]))
    base = Formatter(io.StringIO(), "zh")
    assert base.lang == "zh" and Formatter(io.StringIO()).lang == "en"


# ---- JSON -----------------------------------------------------------------------------------------


def test_json_output() -> None:
    run = sample_run()
    run.fail_level = Severity.WARNING
    data = json.loads(render(JsonFormatter, run))
    assert data["tool"] == {"name": "report-check", "version": __version__}
    assert data["schema"] == "report-check/findings/v1" and data["fail_level"] == "warning"
    assert data["files"] == [r.to_dict("en") for r in run.files]
    assert data["summary"] == run.counts()
    zh = render(JsonFormatter, sample_run("zh"))
    assert '"message": "A2中文"' in zh and zh.endswith("}\n")  # not ASCII-escaped
    assert zh.startswith('{\n  "tool": {\n    "name": "report-check",')  # indented by two


# ---- JUnit ----------------------------------------------------------------------------------------


def test_junit_suites_cases_and_counts() -> None:
    root = ET.fromstring(render(JunitFormatter, sample_run()))
    assert (root.get("name"), root.get("tests"), root.get("failures"), root.get("errors")) == ("report-check", "9", "1", "1")
    a, b, c = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped")) for s in (a, b, c)] == [
        ("a.txt", "5", "1", "0", "0"), ("b.txt", "3", "0", "0", "0"), ("c.txt", "1", "0", "1", "0"),
    ]
    cases = {case.get("name"): case for case in a.findall("testcase")}
    assert list(cases) == ["A1: T3 one", "A2", "B1", "W1-near-miss", "C9"]
    assert all(case.get("classname") == "a.txt" for case in cases.values())
    failure = cases["A2"].find("failure")
    assert failure is not None and (failure.get("message"), failure.get("type"), failure.text) == (
        "A2 english", "error", "a.txt:5: A2 error A2 english")
    assert cases["A1: T3 one"].find("failure") is None
    assert cases["A1: T3 one"].findtext("system-out") == "a.txt:4: A1 error [waiver] A1 english"
    assert cases["W1-near-miss"].findtext("system-out") == "a.txt:2: W1-near-miss warning W1-near-miss english"
    assert list(cases["B1"]) == []
    (read,) = c.findall("testcase")
    assert read.get("name") == "read" and read.find("error").get("message") == "could not be read / 无法读取"  # type: ignore[union-attr]


def test_junit_fail_level_and_unreadable_files() -> None:
    run = sample_run()
    run.fail_level = Severity.WARNING
    suite = file_suite(run.files[0], run)
    assert suite.get("failures") == "2"
    unreadable = FileResult("d.txt", Status.ERROR, None, "text", [
        finding("EXTRACT-empty", kind="extract", path="d.txt"),
        finding("EXTRACT-note", Severity.WARNING, kind="extract", path="d.txt"),
    ])
    suite = file_suite(unreadable, run)
    assert [(c.get("name"), [e.tag for e in c]) for c in suite] == [("EXTRACT-empty", ["error"]), ("EXTRACT-note", ["error"])]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "2")
    extract_on_a_read_file = FileResult("e.txt", Status.FAIL, None, "text", [finding("EXTRACT-x", kind="extract", path="e.txt")])
    assert [e.tag for e in file_suite(extract_on_a_read_file, run)[0]] == ["failure"]
    mixed = FileResult("f.txt", Status.ERROR, None, "text", [finding("X", kind="sum", path="f.txt")])
    assert [e.tag for e in file_suite(mixed, run)[0]] == ["failure"]


def test_junit_xml_header_and_zh() -> None:
    out = render(JunitFormatter, sample_run("zh"))
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites') and out.endswith("</testsuites>\n")
    assert 'name="A1: 表三一"' in out and "\n  <testsuite" in out  # indented


# ---- GitHub annotations and the job summary -------------------------------------------------------


def test_escapes() -> None:
    assert escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    assert cell("a|b\\c\nd") == "a\\|b\\\\c d"


def test_annotation() -> None:
    f = finding("A2", line=5, row="（七）总计", table="表三", message=Text("x", "50% off\nnow"), path="/elsewhere/a,b.txt")
    assert annotation(f, "en") == "::error file=/elsewhere/a%2Cb.txt,line=5,title=A2::50%25 off%0Anow [表三 › （七）总计]"
    page = finding("C9", Severity.INFO, location=Location("/x/r.pdf", page=3), path="/x/r.pdf")
    assert annotation(page, "zh") == "::notice file=/x/r.pdf,title=C9::C9中文 (p3)"
    warn = finding("W1", Severity.WARNING, path="/x/r.txt", line=None, location=Location("/x/r.txt"))
    assert annotation(warn, "en") == "::warning file=/x/r.txt,title=W1::W1 english"


def test_annotation_uses_the_path_relative_to_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    inside = str(tmp_path / "docs" / "r.txt")
    assert relative_path(inside) == "docs/r.txt" and artifact_uri(inside) == "docs/r.txt"
    assert relative_path("/nowhere/r.txt") is None and artifact_uri("/nowhere/r.txt") == "file:///nowhere/r.txt"
    assert annotation(finding("A2", path=inside, line=1), "en").startswith("::error file=docs/r.txt,line=1,")


def many(severity: Severity, n: int, prefix: str) -> list[Finding]:
    return [finding(f"{prefix}{i:02d}", severity, path="/x/a.txt", line=i + 1) for i in range(n)]


def test_annotations_within_githubs_limits() -> None:
    findings = many(Severity.ERROR, 12, "E") + many(Severity.WARNING, 10, "W") + many(Severity.INFO, 10, "I")
    findings.append(finding("S", path="/x/a.txt", suppression=WAIVED))
    lines = list(annotation_lines(RunResult([FileResult("/x/a.txt", Status.FAIL, None, None, findings)])))
    errors = [x for x in lines if x.startswith("::error")]
    warnings = [x for x in lines if x.startswith("::warning")]
    notices = [x for x in lines if x.startswith("::notice")]
    assert len(errors) == ANNOTATION_LIMIT == len(warnings) and len(notices) == ANNOTATION_LIMIT
    assert notices[0] == (
        "::notice title=report-check::另有2个错误、0个警告未作为注释显示，详见作业摘要 / "
        "2 more errors and 0 more warnings are not shown as annotations: see the job summary"
    )
    assert [x for x in lines if not x.startswith("::")] == [
        "/x/a.txt:11: E10 error E10 english", "/x/a.txt:12: E11 error E11 english", "/x/a.txt:10: I09 info I09 english",
    ]
    assert not any("title=S:" in x or "title=S," in x for x in lines)


def test_annotations_without_overflow_show_ten_notices() -> None:
    findings = many(Severity.INFO, 11, "I")
    lines = list(annotation_lines(RunResult([FileResult("/x/a.txt", Status.FAIL, None, None, findings)])))
    assert sum(x.startswith("::notice") for x in lines) == ANNOTATION_LIMIT
    assert lines[-1] == "/x/a.txt:11: I10 info I10 english"
    assert render(GithubFormatter, RunResult([FileResult("/x/a.txt", Status.FAIL, None, None, findings[:1])])) == (
        "::notice file=/x/a.txt,line=1,title=I00::I00 english\n"
    )


def test_markdown_summary_en() -> None:
    assert markdown_summary(sample_run()).split("\n") == [
        "## report-check",
        "",
        (
            "**3 files checked**: 1 passed, 1 failed, 1 could not be checked; 1 errors, 1 warnings, 1 info, "
            "1 suppressed (fail level: error)"
        ),
        "",
        "| File | Status | Errors | Warnings | Info | Suppressed |",
        "|---|---|---:|---:|---:|---:|",
        "| `a.txt` | ❌ fail | 1 | 1 | 1 | 1 |",
        "| `b.txt` | ✅ pass | 0 | 0 | 0 | 0 |",
        "| `c.txt` | ⚠️ error | 0 | 0 | 0 | 0 |",
        "",
        "<details open><summary>Findings (4)</summary>",
        "",
        "| File | Where | Rule | Severity | Message | Location |",
        "|---|---|---|---|---|---|",
        "| `a.txt` | 2 | W1-near-miss | warning | W1-near-miss english | 五、存在 |",
        "| `a.txt` | 4 | A1 | error (waiver) | A1 english |  |",
        "| `a.txt` | 5 | A2 | error | A2 english | 三、收到 › 表三 › （七）总计 › 总计 |",
        "| `a.txt` | p2 | C9 | info | C9 english |  |",
        "",
        "</details>",
        "",
    ]


def test_markdown_summary_zh_and_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.formatters import github

    assert markdown_summary(sample_run("zh")).splitlines()[2] == "检查文件3个：通过1，不通过1，无法检查1；错误1，警告1，提示1，已豁免1"
    monkeypatch.setattr(github, "SUMMARY_ROWS", 2)
    out = render(MarkdownFormatter, sample_run())
    assert "| `a.txt` | 5 | A2 |" not in out and "| … | | | | 2 more: see the SARIF or JSON output | |" in out
    empty = markdown_summary(RunResult([FileResult("b.txt", Status.PASS, None, None, [])]))
    assert "<details" not in empty and empty.endswith("| `b.txt` | ✅ pass | 0 | 0 | 0 | 0 |\n")


# ---- SARIF ----------------------------------------------------------------------------------------


def test_logical_name() -> None:
    assert logical_name(finding(section="S", table="T", row="R", column="C")) == "S › T › R › C"
    assert logical_name(finding(table="T", column="C")) == "T › C"
    assert logical_name(finding()) is None


def test_rule_descriptor() -> None:
    assert rule_descriptor("X", None, "en") == {"id": "X"}
    assert rule_descriptor("A1", spec("A1", Severity.WARNING, Text("表三一", "T3 one")), "zh") == {
        "id": "A1",
        "shortDescription": {"text": "表三一"},
        "fullDescription": {"text": "A1帮助"},
        "help": {"text": "A1帮助"},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"severity": "warning", "kind": "sum"},
    }
    bare = RuleSpec("B", "sum", Severity.INFO, Text("m", "m"), None, None, {})
    assert rule_descriptor("B", bare, "en") == {
        "id": "B", "defaultConfiguration": {"level": "note"}, "properties": {"severity": "info", "kind": "sum"},
    }


def test_sarif_result_fields() -> None:
    f = finding(
        "A2", line=None, location=Location("/x/r.pdf", page=4, bbox=(1.0, 2.0, 3.0, 4.0)), path="/x/r.pdf",
        section="S", table="T", row="R", column="C", expected="3", actual="2", uncertain=True,
        suppression=Suppression("baseline", "in the baseline"),
    )
    result = sarif_result(f, 7, "zh")
    assert result == {
        "ruleId": "A2",
        "ruleIndex": 7,
        "level": "error",
        "message": {"text": "A2中文"},
        "locations": [{
            "physicalLocation": {"artifactLocation": {"uri": "file:///x/r.pdf"}, "region": {"startLine": 1}},
            "logicalLocations": [{"fullyQualifiedName": "S › T › R › C"}],
        }],
        "partialFingerprints": {"reportCheck/semantic/v1": f.fingerprint},
        "properties": {
            "severity": "error", "kind": "sum", "page": 4, "bbox": [1.0, 2.0, 3.0, 4.0],
            "section": "S", "table": "T", "row": "R", "column": "C", "expected": "3", "actual": "2", "uncertain": True,
        },
        "suppressions": [{
            "kind": "external", "status": "accepted", "justification": "in the baseline",
            "properties": {"reportCheckKind": "baseline"},
        }],
        "baselineState": "unchanged",
    }
    plain = sarif_result(finding("W1", Severity.WARNING, path="/x/r.txt", line=0), 0, "en")
    assert plain["level"] == "warning"
    assert plain["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "file:///x/r.txt"}, "region": {"startLine": 1}}
    assert "logicalLocations" not in plain["locations"][0] and "suppressions" not in plain
    assert plain["properties"] == {"severity": "warning", "kind": "sum"}
    waived = sarif_result(finding("W1", path="/x/r.txt", suppression=WAIVED), 0, "en")
    assert "baselineState" not in waived and waived["suppressions"][0]["properties"] == {"reportCheckKind": "waiver"}


# ---- Chinese output throughout --------------------------------------------------------------------


def test_annotations_and_overflow_lines_in_chinese() -> None:
    findings = many(Severity.ERROR, 11, "E") + many(Severity.INFO, 1, "I")
    lines = list(annotation_lines(RunResult([FileResult("/x/a.txt", Status.FAIL, None, None, findings)], lang="zh")))
    assert lines[0] == "::error file=/x/a.txt,line=1,title=E00::E00中文"
    assert "::notice file=/x/a.txt,line=1,title=I00::I00中文" in lines
    assert lines[-1] == "/x/a.txt:11: E10 error E10中文"


def test_markdown_findings_in_chinese_and_the_row_limit_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.formatters import github

    out = markdown_summary(sample_run("zh"))
    assert "| `a.txt` | 5 | A2 | 错误 | A2中文 | 三、收到 › 表三 › （七）总计 › 总计 |" in out
    monkeypatch.setattr(github, "SUMMARY_ROWS", 4)  # exactly as many findings as rows: no "more" row
    assert "more: see the SARIF" not in markdown_summary(sample_run())


def test_junit_in_chinese() -> None:
    root = ET.fromstring(render(JunitFormatter, sample_run("zh")))
    cases = {c.get("name"): c for c in root.find("testsuite")}  # type: ignore[union-attr]
    failure = cases["A2"].find("failure")
    assert failure is not None and (failure.get("message"), failure.text) == ("A2中文", "a.txt:5: A2 error A2中文")
    assert cases["A1: 表三一"].findtext("system-out") == "a.txt:4: A1 error [waiver] A1中文"
    read = root.findall("testsuite")[2].find("testcase")
    assert read is not None and read.get("classname") == "c.txt"


def test_junit_several_lines_in_one_case() -> None:
    two = FileResult("a.txt", Status.FAIL, None, None, [finding("A2", line=5), finding("A2", line=6, suppression=WAIVED), finding("A2", line=7), finding("A2", Severity.WARNING, line=8)])
    case = file_suite(two, RunResult([two]))[0]
    assert case.find("failure").text == "a.txt:5: A2 error A2 english\na.txt:7: A2 error A2 english"  # type: ignore[union-attr]
    assert case.findtext("system-out") == "a.txt:6: A2 error [waiver] A2 english\na.txt:8: A2 warning A2 english"


def test_sarif_run_in_chinese() -> None:
    from checker.formatters.sarif import SarifFormatter

    run = sample_run("zh")
    run.fail_level = Severity.WARNING
    out = render(SarifFormatter, run)
    assert out.startswith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n')
    assert out.endswith("}\n") and "A2中文" in out  # UTF-8, not \\u escapes
    sarif = json.loads(out)["runs"][0]
    assert sarif["tool"]["driver"]["name"] == "report-check" and sarif["tool"]["driver"]["version"] == __version__
    assert sarif["invocations"] == [{"executionSuccessful": True, "properties": {"failLevel": "warning"}}]
    rules = {r["id"]: r for r in sarif["tool"]["driver"]["rules"]}
    assert rules["A1"]["shortDescription"] == {"text": "表三一"} and rules["C9"] == {"id": "C9"}
    assert [r["message"]["text"] for r in sarif["results"]] == ["W1-near-miss中文", "A1中文", "A2中文", "C9中文"]
    assert [r["ruleIndex"] for r in sarif["results"]] == [2, 0, 1, 3]
    assert sarif["artifacts"] == [{"location": {"uri": artifact_uri(p)}} for p in ("a.txt", "b.txt", "c.txt")]
