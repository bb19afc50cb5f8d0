"""The GitHub Action: its script under the environment GitHub sets, and action.yml's steps run locally."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.ci.github_action import run_action
from tests.ci_helpers import SARIF_SCHEMA, git_init, make_reports
from tests.conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = tmp_path / "repo"
    git_init(repo)
    make_reports(repo, {"reports/good.txt": None, "reports/broken.txt": "t3-total-changed", "reports/warn.txt": "t2-published-exceeds-total"})
    monkeypatch.chdir(tmp_path)  # restored afterwards: the action changes into the workspace
    return repo


def github_env(workspace: Path, **inputs: str) -> dict[str, str]:
    runner = workspace.parent / "runner"
    runner.mkdir(exist_ok=True)
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(runner / "step_summary.md"),
        "GITHUB_OUTPUT": str(runner / "output"),
    }
    return env | {f"INPUT_{k.upper()}": v for k, v in inputs.items()}


def outputs(env: dict[str, str]) -> dict[str, str]:
    lines = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def test_script_writes_summary_annotations_outputs_and_valid_sarif(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = github_env(workspace, paths="reports", sarif="out/report-check.sarif", lang="en")
    assert run_action(env) == 1
    stdout = capsys.readouterr().out
    assert "::error file=reports/broken.txt,line=310,title=A2::" in stdout
    assert "::warning file=reports/warn.txt," in stdout
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "| File | Status | Errors | Warnings | Info | Suppressed |" in summary
    assert "| `reports/broken.txt` | ❌ fail | 3 | 0 | 0 | 0 |" in summary
    assert "| `reports/good.txt` | ✅ pass | 0 | 0 | 0 | 0 |" in summary
    out = outputs(env)
    assert out["exit-code"] == "1" and out["findings-error"] == "3" and out["findings-warning"] == "1"
    assert out["files-fail"] == "1" and out["files-pass"] == "2"
    sarif = json.loads(Path(out["sarif"]).read_text(encoding="utf-8"))
    assert Path(out["sarif"]) == workspace / "out" / "report-check.sarif"
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"reports/broken.txt", "reports/warn.txt"}  # relative to the checkout, as code scanning wants


def test_script_with_inputs_for_fail_level_and_waivers(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "waivers.yaml").write_text(
        "waivers:\n  - {rule: 'A*', files: reports/broken.txt, reason: 历史数据 / historical data}\n", encoding="utf-8"
    )
    env = github_env(workspace, paths="reports/broken.txt\nreports/good.txt", waivers="waivers.yaml")
    assert run_action(env) == 0
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "| A2 | error (waiver) |" in summary and "::error" not in capsys.readouterr().out
    env = github_env(workspace, paths="reports", fail_level="warning", args="--disable A1 --disable A2 --disable A3")
    assert run_action(env) == 1 and outputs(env)["findings-error"] == "0"


def test_script_reports_a_configuration_error(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / ".report-check.yaml").write_text("fail_level: fatal\n", encoding="utf-8")
    env = github_env(workspace, paths="reports")
    assert run_action(env) == 2
    assert "::error title=report-check::report-check: error: " in capsys.readouterr().out
    assert "could not run" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert outputs(env)["exit-code"] == "2"


# -- action.yml itself ----------------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def test_action_yml_references_only_declared_inputs_and_gates_last() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == set(ACTION["inputs"])
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    assert steps[-1]["name"] == "Gate" and "EXIT_CODE" in steps[-1]["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["if"].startswith("${{ always()")
    check = next(s for s in steps if s.get("id") == "check")
    assert {k.removeprefix("INPUT_").lower().replace("_", "-") for k in check["env"]} <= set(ACTION["inputs"])


def run_composite_locally(workspace: Path, inputs: dict[str, str]) -> tuple[int, dict[str, str], str]:
    """Run action.yml's shell steps as the runner would (the already-installed package stands in for
    the install step, and `uses:` steps are GitHub's own); returns the gate's exit code."""
    values = {f"inputs.{k}": v.get("default", "") for k, v in ACTION["inputs"].items()}
    values |= {f"inputs.{k}": v for k, v in inputs.items()} | {"github.action_path": str(ROOT)}
    env = github_env(workspace) | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    log = ""
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or step["name"] == "Install report-check":
            continue
        step_outputs = outputs(env) if Path(env["GITHUB_OUTPUT"]).is_file() else {}
        scope = values | {f"steps.check.outputs.{k}": v for k, v in step_outputs.items()}
        step_env = {k: EXPRESSION.sub(lambda m, s=scope: s.get(m.group(1), ""), str(v)) for k, v in step.get("env", {}).items()}
        proc = subprocess.run(
            ["bash", "-c", step["run"]], cwd=workspace, env={**os.environ, **env, **step_env},
            capture_output=True, text=True, check=False,
        )
        log += proc.stdout + proc.stderr
        if proc.returncode != 0:
            return proc.returncode, outputs(env), log
    return 0, outputs(env), log


def test_composite_steps_gate_after_reporting(workspace: Path) -> None:
    code, out, log = run_composite_locally(workspace, {"paths": "reports"})
    assert code == 1 and out["exit-code"] == "1"  # the gate fails the job ...
    assert "::error file=reports/broken.txt,line=310,title=A2::" in log  # ... after the annotations
    assert Path(out["sarif"]).is_file() and (workspace.parent / "runner" / "step_summary.md").is_file()
    code, out, log = run_composite_locally(workspace, {"paths": "reports/good.txt reports/warn.txt"})
    assert code == 0 and out["exit-code"] == "0" and "::warning file=reports/warn.txt" in log
