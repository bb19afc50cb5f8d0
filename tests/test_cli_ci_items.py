"""The "CLI and CI" items of the reliability issue (#10), one test (or a few) per item.

Each drives the real entry point (``checker.cli.main``, the Action's ``run_action``, the
pre-commit hook file) the way a user or a runner does, and checks what they see.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from checker.ci.github_action import run_action
from checker.engine import Engine, Settings
from checker.extractors.base import Limits
from checker.extractors.docx import DocxExtractor
from checker.extractors.pdf import PdfExtractor
from tests.ci_helpers import SARIF_SCHEMA, make_reports, reports_repo, run_cli
from tests.conftest import ROOT
from tests.test_github_action import github_env, outputs, run_composite_locally

OFFICE_PDF = ROOT / "tests" / "fixtures" / "office-pdf"


# -- 1. the Action on bad input --------------------------------------------------------------------


@pytest.mark.parametrize(("inputs", "said"), [
    ({"fail_level": "warnings"}, "invalid choice: 'warnings'"),
    ({"lang": "fr"}, "invalid choice: 'fr'"),
    ({"args": "--bogus"}, "unrecognized arguments: --bogus"),
    ({"args": "--disable 'A1"}, "invalid action input"),
])
def test_action_reports_bad_input_with_message_summary_outputs_and_sarif(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inputs: dict[str, str], said: str
) -> None:
    repo = reports_repo(tmp_path / "repo", {"reports/good.txt": None}, monkeypatch)
    (repo / "report-check.sarif").write_text('{"stale": "an earlier run"}', encoding="utf-8")
    env = github_env(repo, paths="reports", **inputs)
    assert run_action(env) == 2
    stdout = capsys.readouterr().out
    error = next(line for line in stdout.splitlines() if line.startswith("::error title=report-check::"))
    assert said in error
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "could not run (exit 2)" in summary and said in summary
    out = outputs(env)
    assert out["exit-code"] == "2"
    sarif = json.loads(Path(out["sarif"]).read_text(encoding="utf-8"))  # so the upload step runs
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert said in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_action_composite_gate_fails_with_the_message_in_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = reports_repo(tmp_path / "repo", {"reports/good.txt": None}, monkeypatch)
    code, out, log = run_composite_locally(repo, {"paths": "reports", "lang": "fr"})
    assert code == 2 and out["exit-code"] == "2" and out["sarif"]
    assert "::error title=report-check::" in log and "invalid choice: 'fr'" in log


# -- 2. SARIF: regions, pages, encoded URIs ----------------------------------------------------------


def test_sarif_meets_the_schema_and_githubs_ingestion_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.fixtures.content import huaian_2021, with_cell
    from tests.fixtures.render_docx import render_docx

    repo = reports_repo(tmp_path / "repo", {"报告 #1/运城 2020#a.txt": "t3-total-changed"}, monkeypatch)
    shutil.copy(OFFICE_PDF / "wrong-total.pdf", repo / "报告 #1" / "淮安 2024.pdf")
    render_docx(with_cell(huaian_2021(), "T3", "total", "total", "3051"), repo / "报告 #1" / "表 #3.docx")
    (repo / "报告 #1" / "空 白.txt").write_text("\n", encoding="utf-8")  # a whole-file finding
    code, out, err = run_cli(capsys, "报告 #1", "--format", "sarif")
    assert code == 1, err
    sarif = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    results = sarif["runs"][0]["results"]
    seen = set()
    for result in results:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["region"]["startLine"] >= 1, result  # GitHub rejects a result without one
        uri = physical["artifactLocation"]["uri"]
        assert re.fullmatch(r"[A-Za-z0-9\-._~%/]+", uri), uri  # percent-encoded, a valid uri-reference
        path = unquote(uri)
        seen.add(path)
        if path.endswith(".pdf"):
            assert isinstance(result["properties"]["page"], int) and result["properties"]["page"] >= 1
    assert seen == {"报告 #1/运城 2020#a.txt", "报告 #1/淮安 2024.pdf", "报告 #1/表 #3.docx", "报告 #1/空 白.txt"}
    artifacts = {unquote(a["location"]["uri"]) for a in sarif["runs"][0]["artifacts"]}
    assert artifacts == seen


# -- 3. no tracebacks -------------------------------------------------------------------------------


def test_invalid_waiver_date_is_a_config_error_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    (repo / "w.yaml").write_text("waivers:\n  - rule: A1\n    files: r.txt\n    reason: x\n    expires: 2026-13-01\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "r.txt", "--waivers", "w.yaml")
    assert code == 2
    assert err.startswith("report-check: error: w.yaml:5: invalid value '2026-13-01'") and "Traceback" not in err


def test_unwritable_output_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    (repo / "file").write_text("", encoding="utf-8")
    code, _, err = run_cli(capsys, "r.txt", "-o", "file/out.txt")
    assert code == 2 and "cannot write the output file file/out.txt" in err


def test_output_into_a_closed_pipe_has_no_traceback(tmp_path: Path) -> None:
    make_reports(tmp_path, {"a.txt": "t3-total-changed"})
    proc = subprocess.Popen([sys.executable, "-m", "checker.cli", str(tmp_path / "a.txt"), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `| head -0`: the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1  # the run's own status, not a crash
    assert "Traceback" not in err and "BrokenPipeError" not in err


# -- 4. nothing to check ----------------------------------------------------------------------------


def test_a_folder_without_reports_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"reports/r.txt": None}, monkeypatch)
    (repo / "empty").mkdir()
    code, _, err = run_cli(capsys, "empty")
    assert code == 2 and "no reports to check in empty" in err
    (repo / ".report-check.yaml").write_text("include: ['reprots/**']\n", encoding="utf-8")  # a typo
    code, _, err = run_cli(capsys, ".")
    assert code == 2 and "no reports to check in ." in err and ".report-check.yaml" in err
    # pre-commit names files; one the config leaves out is skipped, and that is not an error
    code, _, err = run_cli(capsys, "reports/r.txt")
    assert code == 0 and "skipped 1 file(s)" in err


# -- 5. parameters, jobs, --show-config --------------------------------------------------------------


@pytest.mark.parametrize(("args", "said"), [
    (["--param", "foo=bar"], "unknown parameter 'foo'"),
    (["--param", "agency_type=ministry"], "invalid value 'ministry' for agency_type: expected one of auto, department, government"),
    (["--param", "closing_max_distanc=3"], "did you mean closing_max_distance?"),
    (["--param", "closing_max_distance=many"], "expected a whole number"),
    (["--param", "deadline=March"], "expected MM-DD"),
    (["--jobs", "-5"], "--jobs must be 1 or more, got -5"),
    (["--jobs", "0"], "--jobs must be 1 or more, got 0"),
    (["--show-config", "missing.pdf"], "no such file: missing.pdf"),
])
def test_bad_parameters_are_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                         args: list[str], said: str) -> None:
    reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    code, _, err = run_cli(capsys, "r.txt", *args)
    assert code == 2 and said in err


def test_good_parameters_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    code, _, err = run_cli(capsys, "r.txt", "--param", "agency_type=department", "--param", "deadline=02-15", "-j", "1")
    assert code == 0, err


def test_config_params_are_checked_at_their_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    (repo / ".report-check.yaml").write_text("fail_level: error\nparams:\n  agency_type: ministry\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "r.txt")
    assert code == 2 and ".report-check.yaml:3:" in err and "'ministry'" in err


# -- 6. rule ids, config lines ----------------------------------------------------------------------


def test_rule_ids_are_case_insensitive_like_rules_explain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    reports_repo(tmp_path / "repo", {"r.txt": "t3-total-changed"}, monkeypatch)
    code, out, _ = run_cli(capsys, "r.txt", "--format", "json")
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert code == 1 and "A1" in rules
    code, out, _ = run_cli(capsys, "r.txt", "--format", "json", "--severity", "a1=off", "--disable", "a2", "--disable", "a3")
    assert code == 0 and json.loads(out)["files"][0]["findings"] == []


@pytest.mark.parametrize("where", ["cli", "config", "waivers"])
def test_unknown_rule_ids_exit_2_everywhere_with_a_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    repo = reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    args = ["r.txt"]
    if where == "cli":
        args += ["--severity", "W4-lat=off"]
    elif where == "config":
        (repo / ".report-check.yaml").write_text("fail_level: error\nseverities:\n  W4-lat: off\n", encoding="utf-8")
    else:
        (repo / "w.yaml").write_text("waivers:\n  - {rule: W4-lat, files: r.txt, reason: x}\n", encoding="utf-8")
        args += ["--waivers", "w.yaml"]
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and "unknown rule 'W4-lat'" in err and "did you mean W4-late" in err
    if where == "config":
        assert ".report-check.yaml:3:" in err
    if where == "waivers":
        assert "w.yaml:2:" in err


def test_config_errors_point_at_the_keys_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    config = repo / ".report-check.yaml"
    config.write_text("# checks\nfail_level: error\nsevereties:\n  A1: off\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "r.txt")
    assert code == 2 and f"{config.resolve()}:3: (top level): Additional properties" in err
    config.write_text("# checks\nfail_level: error\npack: gov-2022\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "r.txt")
    assert code == 2 and f"{config.resolve()}:3: pack: gov-2022: unknown rule pack" in err


# -- 7. the pre-commit hook -------------------------------------------------------------------------


def test_pre_commit_hook_runs_serially_on_every_suffix_an_extractor_reads() -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    suffixes = Engine(Settings()).suffixes()
    assert {".markdown", ".text", ".xhtml", ".shtml"} <= suffixes
    for suffix in suffixes:
        assert pattern.search(f"reports/年度报告{suffix}") and pattern.search(f"R{suffix.upper()}"), suffix
    for other in ("setup.py", "data.json", "report.pdf.bak", "notes.mdx"):
        assert not pattern.search(other), other


# -- 8. a missing library ---------------------------------------------------------------------------


def test_missing_pdf_library_is_a_setup_error_naming_pypdfium2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"r.txt": None}, monkeypatch)
    shutil.copy(OFFICE_PDF / "clean-2021.pdf", repo / "r.pdf")
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if not installed
    code, out, err = run_cli(capsys, "r.pdf", "r.txt")
    assert code == 2 and out == ""
    assert "reading PDF needs pypdfium2, which is not installed: pip install 'report-check[pdf]'" in err
    assert "pdfplumber" not in err  # the default engine does not need it
    code, out, err = run_cli(capsys, "extract", "r.pdf")
    assert code == 2 and out == "" and "reading PDF needs pypdfium2" in err
    code, out, _ = run_cli(capsys, "plugins")
    assert code == 0
    pdf_line = next(line for line in out.splitlines() if "extractors: pdf" in line)
    assert "unavailable: pypdfium2 missing" in pdf_line
    assert "unavailable" not in next(line for line in out.splitlines() if "extractors: text" in line)
    # called through the API anyway: one finding, the same rule id for every format
    doc = PdfExtractor().extract(repo / "r.pdf", Limits())
    assert doc.unreadable and [p.rule for p in doc.problems] == ["EXTRACT-dependency"]


def test_missing_docx_library_has_the_same_rule_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_docx import render_docx

    path = render_docx(huaian_2021(), tmp_path / "r.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    doc = DocxExtractor().extract(path, Limits())
    assert [p.rule for p in doc.problems] == ["EXTRACT-dependency"]
    assert "python-docx" not in doc.problems[0].message.en or "report-check[docx]" in doc.problems[0].message.en
    assert "pip install 'report-check[docx]'" in doc.problems[0].message.en


# -- 9. no release named that does not exist ---------------------------------------------------------


def test_docs_name_no_release_tag_that_does_not_exist() -> None:
    released = set(re.findall(r"^## \[?v?(\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE))
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "docs").rglob("*.yml"))]
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        for tag in re.findall(r"(?:rev:\s*|report-check/report-check@)v?(\d+\.\d+\.\d+)", text):
            assert tag in released, f"{doc.name} names release {tag}, which does not exist"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "no release on a package index yet" in readme and "git+https://" in readme


# -- 10. output ------------------------------------------------------------------------------------


def test_docx_findings_print_in_document_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.fixtures.content import huaian_2021, with_cell, with_section_heading
    from tests.fixtures.render_docx import render_docx

    monkeypatch.chdir(tmp_path)
    # a misspelt heading of section 四 (paragraph 11), then a blank cell in 表四 below it
    content = with_section_heading(with_cell(huaian_2021(), "T4", "value", "review.total", ""), 4,
                                   "四、政府信息公开行政复议、行政诉讼情")
    render_docx(content, tmp_path / "r.docx")
    code, out, _ = run_cli(capsys, "r.docx")
    rules = [line.split()[1] for line in out.splitlines() if line.startswith("r.docx:")]
    # warnings and an info only (a blank total is not an arithmetic error): the run passes
    assert code == 0 and rules == ["W1-near-miss", "B1", "CELL-blank"]
    assert out.splitlines()[0].startswith("r.docx:¶11: W1-near-miss")


def test_whole_file_findings_have_no_line_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.txt").write_text("\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "empty.txt", "--lang", "en")
    assert code == 1 and out.splitlines()[0] == "empty.txt: EXTRACT-empty error the file is empty"
    assert ":0:" not in out


def test_markdown_summary_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    reports_repo(tmp_path / "repo", {"r.txt": "t3-total-changed"}, monkeypatch)
    code, out, _ = run_cli(capsys, "r.txt", "--format", "markdown", "--lang", "zh")
    assert code == 1
    assert "| 文件 | 状态 | 错误 | 警告 | 提示 | 已豁免 |" in out and "| `r.txt` | ❌ 不通过 | 3 |" in out
    assert "| 文件 | 位置 | 规则 | 级别 | 说明 | 表格位置 |" in out and "| 错误 |" in out
    assert not re.search(r"\b(File|Status|Errors|Severity|Message|fail|error)\b", out)


def test_waiver_file_is_shown_relative_to_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {"reports/r.txt": "t3-total-changed"}, monkeypatch)
    (repo / "ci").mkdir()
    (repo / "ci" / "waivers.yaml").write_text(
        "waivers:\n  - {rule: A2, files: ../reports/r.txt, reason: 历史数据}\n  - {rule: A3, files: ../reports/*.txt, reason: x, expires: 2020-01-01}\n",
        encoding="utf-8")
    (repo / ".report-check.yaml").write_text("waivers: ci/waivers.yaml\n", encoding="utf-8")
    for fmt in ("text", "json", "sarif", "markdown"):
        code, out, _ = run_cli(capsys, "reports", "--format", fmt)
        assert code == 1
        assert str(repo) not in out and str(repo.resolve()) not in out, fmt
        assert "ci/waivers.yaml" in out, fmt


def test_missing_section_message_reads_well_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.seeded import S5, seed_text

    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text(seed_text().replace(S5, ""), encoding="utf-8")
    code, out, _ = run_cli(capsys, "r.txt", "--lang", "zh")
    assert code == 1
    assert "W1-missing error 缺少“五、存在的主要问题及改进情况”部分" in out


# -- 11. the Action's paths ------------------------------------------------------------------------


def test_action_paths_keep_spaces_and_expand_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = reports_repo(tmp_path / "repo", {
        "reports/2020/运城 交通 2020.txt": "t3-total-changed",
        "reports/2021/good.txt": None,
        "other/skip.txt": "t3-total-changed",
    }, monkeypatch)
    env = github_env(repo, paths="reports/2020/运城 交通 2020.txt\nreports/**/good.txt", lang="en")
    assert run_action(env) == 1
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "| `reports/2020/运城 交通 2020.txt` | ❌ fail |" in summary
    assert "| `reports/2021/good.txt` | ✅ pass |" in summary and "skip.txt" not in summary
    capsys.readouterr()
    # several names on one line still work; a glob matching nothing is a missing path (exit 2)
    env = github_env(repo, paths="reports/2021/good.txt 'reports/2020/运城 交通 2020.txt'")
    assert run_action(env) == 1
    env = github_env(repo, paths="reprots/**/*.txt")
    assert run_action(env) == 2 and "no such file or folder: reprots/**/*.txt" in capsys.readouterr().out
    (repo / "-2021.txt").write_text((repo / "reports/2021/good.txt").read_text(encoding="utf-8"), encoding="utf-8")
    env = github_env(repo, paths="-2021.txt")  # a name like an option is still a path
    assert run_action(env) == 0
