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
import glob
import io
import json
import os
import shlex
import sys
import tempfile
import traceback
from collections.abc import Mapping
from pathlib import Path

from checker import __version__
from checker.cli import main as cli_main
from checker.commands.common import EXIT_INTERNAL, EXIT_USAGE
from checker.formatters.sarif import INFORMATION_URI, SARIF_SCHEMA

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


def expand_paths(text: str) -> list[str]:
    """The ``paths`` input: one path or glob per line (names with spaces stay whole, as Chinese
    report names often have them); a line naming nothing is split like a shell line (``a.pdf
    b.pdf``, quotes allowed). Globs are expanded in the workspace (``**`` spans folders); a glob
    that matches nothing stays as written, so report-check says the path does not exist."""
    out: list[str] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        words = [line] if Path(line).exists() or _glob(line) else shlex.split(line)
        for word in words:
            out.extend(_glob(word) or [word])
    return out or ["."]


def _glob(pattern: str) -> list[str]:
    if not any(ch in pattern for ch in "*?["):
        return []
    return sorted(glob.glob(pattern, recursive=True))


def build_argv(env: Mapping[str, str], sarif: str, json_out: str, summary_out: str) -> list[str]:
    paths = expand_paths(_input(env, "PATHS"))
    argv = ["--format", "github", "--format", f"sarif:{sarif}", "--format", f"json:{json_out}"]
    argv += ["--format", f"markdown:{summary_out}"]
    html = _input(env, "HTML_REPORT")
    if html:  # the evidence report: action.yml uploads it as an artifact and links it from the summary
        argv += ["--format", f"html:{html}"]
    for name, option in OPTIONS.items():
        value = _input(env, name)
        if value:
            argv += [option, value]
    # the paths last, after "--": a report named "-2020.pdf" is a path, not an option
    return [*argv, *shlex.split(_input(env, "ARGS")), "--", *paths]


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)


def run_action(env: Mapping[str, str] | None = None) -> int:
    """Run the check the way the action does; returns report-check's exit code (0, 1, 2 or 3).
    Whatever happens, the job summary, the outputs and a SARIF file are written."""
    env = os.environ if env is None else env
    workspace = env.get("GITHUB_WORKSPACE")
    if workspace:
        os.chdir(workspace)
    sarif = _input(env, "SARIF") or "report-check.sarif"
    with tempfile.TemporaryDirectory() as tmp:
        json_out, summary_out = str(Path(tmp) / "findings.json"), str(Path(tmp) / "summary.md")
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            try:
                argv = build_argv(env, sarif, json_out, summary_out)
                print(f"report-check {shlex.join(argv)}", flush=True)
                code = cli_main(argv)
            except SystemExit as exc:  # argparse: a bad option or value (`--bogus`, `lang: fr`)
                code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
            except ValueError as exc:  # shlex: unbalanced quotes in `args` or `paths`
                sys.stderr.write(f"report-check: error: invalid action input: {exc}\n")
                code = EXIT_USAGE
            except Exception:  # noqa: BLE001 - our bug: still write the summary and outputs
                traceback.print_exc()
                code = EXIT_INTERNAL
        sys.stderr.write(errors.getvalue())
        counts: dict[str, dict[str, int]] = {}
        message = errors.getvalue().strip() or f"report-check exited with {code}"
        escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        if code in (0, 1, EXIT_INTERNAL) and Path(summary_out).is_file():  # the run finished
            summary = Path(summary_out).read_text(encoding="utf-8")
            counts = json.loads(Path(json_out).read_text(encoding="utf-8"))["summary"]
            if code == EXIT_INTERNAL:  # a file hit a bug of ours: say so beside the results
                print(f"::error title=report-check::{escaped}")
        else:
            print(f"::error title=report-check::{escaped}")
            summary = f"## report-check\n\n⚠️ 无法运行检查 / the check could not run (exit {code}):\n\n```\n{message}\n```\n"
            write_failed_sarif(sarif, message)  # never leave an earlier run's SARIF to be uploaded
    _append(env.get("GITHUB_STEP_SUMMARY"), summary)
    outputs = {"exit-code": str(code), "sarif": str(Path(sarif).resolve()) if Path(sarif).is_file() else ""}
    html = _input(env, "HTML_REPORT")
    outputs["html"] = str(Path(html).resolve()) if html and Path(html).is_file() else ""
    for group, values in counts.items():
        outputs.update({f"{group}-{key}": str(value) for key, value in values.items()})
    _append(env.get("GITHUB_OUTPUT"), "".join(f"{k}={v}\n" for k, v in outputs.items()))
    return code


def write_failed_sarif(path: str, message: str) -> None:
    """A SARIF log of a run that could not run: no results, ``executionSuccessful: false`` and the
    error as a tool notification, so code scanning shows why instead of keeping stale results."""
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "report-check", "version": __version__, "informationUri": INFORMATION_URI}},
            "invocations": [{
                "executionSuccessful": False,
                "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}],
            }],
            "results": [],
        }],
    }
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(log, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"::warning title=report-check::cannot write {path}: {exc.strerror or exc}")


if __name__ == "__main__":
    run_action()
    raise SystemExit(0)  # the gate is the action's last step
