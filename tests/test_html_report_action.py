"""The GitHub Action writes the HTML evidence report, uploads it as an artifact and links it from the
job summary. (The pre-commit hook is unchanged: it runs the plain CLI.)"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from checker.ci.github_action import build_argv, run_action
from tests.conftest import ROOT
from tests.test_github_action import ACTION, github_env, outputs, run_composite_locally, workspace

__all__ = ["workspace"]  # the fixture, shared with tests/test_github_action.py


def test_the_action_script_writes_the_html_report_and_names_it(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = github_env(workspace, paths="reports", html_report="out/evidence.html", lang="en")
    assert run_action(env) == 1
    capsys.readouterr()
    out = outputs(env)
    html = Path(out["html"])
    assert html == workspace / "out" / "evidence.html"
    page = html.read_text(encoding="utf-8")
    assert "reports/broken.txt" in page and 'data-rule="A2"' in page
    # no input, no report
    assert not any(a.startswith("html:") for a in build_argv({}, "s", "j", "m"))
    assert "html:x.html" in build_argv({"INPUT_HTML_REPORT": "x.html"}, "s", "j", "m")


def test_action_yml_uploads_the_report_and_links_it_from_the_summary() -> None:
    steps = ACTION["runs"]["steps"]
    names = [s["name"] for s in steps]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    link = next(s for s in steps if s["name"] == "Link the evidence report from the job summary")
    assert names.index(upload["name"]) < names.index(link["name"]) < names.index("Gate")
    assert upload["if"].startswith("${{ always()") and upload["with"]["path"] == "${{ steps.check.outputs.html }}"
    assert link["env"]["URL"] == f"${{{{ steps.{upload['id']}.outputs.artifact-url }}}}"
    assert "${{" not in link["run"]  # the URL reaches the shell as a variable, never spliced into the script
    assert ACTION["inputs"]["html-report"]["default"] == "report-check.html"
    # the link step, run as the runner would, appends a Markdown link to the job summary
    summary = ROOT / ".pytest-summary.md"
    try:
        env = {**os.environ, "URL": "https://github.com/o/r/actions/runs/1/artifacts/2", "GITHUB_STEP_SUMMARY": str(summary)}
        subprocess.run(["bash", "-c", link["run"]], env=env, check=True)
        assert "[证据报告 / evidence report (HTML)](https://github.com/o/r/actions/runs/1/artifacts/2)" in summary.read_text(
            encoding="utf-8"
        )
    finally:
        summary.unlink(missing_ok=True)


def test_composite_run_writes_the_report_by_default(workspace: Path) -> None:
    code, out, _ = run_composite_locally(workspace, {"paths": "reports"})
    assert code == 1 and Path(out["html"]) == workspace / "report-check.html" and Path(out["html"]).is_file()

