"""The GitHub Action's logic (``action.yml`` runs ``python -m checker.ci.github_action``).

Reads the action's inputs from ``INPUT_*`` environment variables (the composite action passes
them), runs ``report-check`` in the workspace with several outputs at once (annotations on stdout,
the SARIF file, a JSON copy for the counts, the Markdown summary, the HTML evidence report), appends
the summary to ``$GITHUB_STEP_SUMMARY``, and writes ``exit-code``, ``sarif``, ``html`` and the counts
to ``$GITHUB_OUTPUT``.
It always exits 0: the action's last step applies the gate with ``exit-code``, so the summary,
annotations and SARIF upload happen even when the gate fails.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from checker.cli import main as cli_main
from checker.commands.common import EXIT_USAGE

OPTIONS = {  # input name → report-check option
    "PACK": "--pack",
    "FAIL_LEVEL": "--fail-level",
    "CONFIG": "--config",
    "WAIVERS": "--waivers",
    "BASELINE": "--baseline",
    "LANG": "--lang",
}


def _input(env: Mapping[str, str], name: str) -> str:
    # GitHub names an input's variable INPUT_<NAME upper-cased>; a hyphen stays a hyphen.
    return (env.get(f"INPUT_{name}") or env.get(f"INPUT_{name.replace('_', '-')}") or "").strip()


def build_argv(env: Mapping[str, str], sarif: str, json_out: str, summary_out: str) -> list[str]:
    paths = _input(env, "PATHS").split() or ["."]
    argv = [*paths, "--format", "github", "--format", f"sarif:{sarif}", "--format", f"json:{json_out}"]
    argv += ["--format", f"markdown:{summary_out}"]
    html = _input(env, "HTML_REPORT")
    if html:  # the evidence report: action.yml uploads it as an artifact and links it from the summary
        argv += ["--format", f"html:{html}"]
    for name, option in OPTIONS.items():
        value = _input(env, name)
        if value:
            argv += [option, value]
    return argv + shlex.split(_input(env, "ARGS"))


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)


def run_action(env: Mapping[str, str] | None = None) -> int:
    """Run the check the way the action does; returns report-check's exit code (0, 1, 2 or 3)."""
    env = os.environ if env is None else env
    workspace = env.get("GITHUB_WORKSPACE")
    if workspace:
        os.chdir(workspace)
    sarif = _input(env, "SARIF") or "report-check.sarif"
    with tempfile.TemporaryDirectory() as tmp:
        json_out, summary_out = str(Path(tmp) / "findings.json"), str(Path(tmp) / "summary.md")
        argv = build_argv(env, sarif, json_out, summary_out)
        print(f"report-check {shlex.join(argv)}", flush=True)
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            code = cli_main(argv)
        sys.stderr.write(errors.getvalue())
        counts: dict[str, dict[str, int]] = {}
        if code == EXIT_USAGE or not Path(summary_out).is_file():
            message = errors.getvalue().strip() or f"report-check exited with {code}"
            print(f"::error title=report-check::{message.replace('%', '%25').replace(chr(10), '%0A')}")
            summary = f"## report-check\n\n⚠️ 无法运行检查 / the check could not run:\n\n```\n{message}\n```\n"
        else:
            summary = Path(summary_out).read_text(encoding="utf-8")
            counts = json.loads(Path(json_out).read_text(encoding="utf-8"))["summary"]
    _append(env.get("GITHUB_STEP_SUMMARY"), summary)
    outputs = {"exit-code": str(code), "sarif": str(Path(sarif).resolve()) if Path(sarif).is_file() else ""}
    html = _input(env, "HTML_REPORT")
    outputs["html"] = str(Path(html).resolve()) if html and Path(html).is_file() else ""
    for group, values in counts.items():
        outputs.update({f"{group}-{key}": str(value) for key, value in values.items()})
    _append(env.get("GITHUB_OUTPUT"), "".join(f"{k}={v}\n" for k, v in outputs.items()))
    return code


if __name__ == "__main__":
    run_action()
    raise SystemExit(0)  # the gate is the action's last step
