"""Mutation testing of the modules a change touched (mutmut), one package at a time.

    python tools/mutate.py checker/values.py checker/expr.py     # these modules
    python tools/mutate.py --changed origin/main                 # what `git diff --name-only` names
    python tools/mutate.py --package formatters                  # a whole package
    python tools/mutate.py checker/values.py --budget 240 --min-score 90   # CI: fail below 90 %

mutmut reads its settings from ``pyproject.toml`` in the directory it runs in, and copies the code
into ``mutants/`` there. So that a run mutates only the modules asked for and runs only the tests
that exercise them (a short pytest selection, not the whole suite), this script lays out a work
directory ``.mutmut/<name>/`` with the repository's code, packs and tests and a ``pyproject.toml``
holding just that run's ``[tool.mutmut]``; the repository's own files are never mutated. Results
are kept there, so a second run only tests mutants it has not seen (delete the directory to start
over). The score printed per module is killed / (killed + survived + timeout ...), and every
surviving mutant is listed with ``mutmut show``'s diff so that it can be killed or recorded in
docs/testing.md as equivalent.

The machine running this is shared: mutmut runs with one worker, under ``nice``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Which tests exercise which modules: mutmut then runs, for each mutant, only the tests of this
# selection that called the mutated function. Keep each selection fast (seconds, not minutes).
# The 部门决算 family (its rule kinds and coded-table binding), the repository phase's rule kinds,
# and template drift (typo'd labels, group rows, headings in tables, text shapes) have their own.
BUDGET = [
    "tests/test_amounts.py", "tests/test_budget_tables.py", "tests/test_budget_report.py",
    "tests/test_narrative_rule_validation.py",
]
# the repository kinds on contexts built in memory from the generated repository's summaries
# (tests/repository_bench.py), X3 on the bound report; not tests/test_repository.py's CLI runs over
# folders of reports (~25 s a surviving mutant): they stay in the suite for the phase around the kinds
REPOSITORY = [
    "tests/test_prose.py", "tests/test_repository_kinds_units.py", "tests/test_repository_rule_validation.py",
    "tests/test_repository.py::test_a_related_file_is_named_without_its_folder",
]
DRIFT = [
    "tests/test_label_drift.py", "tests/test_heading_rows.py", "tests/test_template_drift.py", "tests/test_binding_units.py",
    "tests/test_drift_units.py",
]
TESTS: dict[str, list[str]] = {
    "checker/values.py": ["tests/test_values.py", "tests/test_boundaries.py"],
    "checker/expr.py": ["tests/test_values.py", "tests/test_boundaries.py"],
    # the 部门决算 rule kinds: one rule at a time on the reports bound once (tests/budget_bench.py),
    # and the family's end-to-end tests; not the pack's worked examples (a whole check each: with
    # them a surviving mutant cost ~90 s instead of ~5 s)
    **dict.fromkeys(["checker/rulekinds/amounts.py", "checker/rulekinds/frames.py"], [
        *BUDGET, "tests/test_budget_kinds_units.py", "tests/test_budget_frames_units.py",
        "--deselect=tests/test_budget_report.py::test_budget_rule_example",
    ]),
    # the ledger binder: its own unit tests, the tables and the end-to-end findings of the real
    # reports; not the pack's 150 worked examples (each a whole check of the report, the rule kinds'
    # tests: with them a mutant that survives costs a minute instead of seconds)
    "checker/binding/coded.py": [
        *BUDGET, "tests/test_ledger_binding.py", "--deselect=tests/test_budget_report.py::test_budget_rule_example",
    ],
    **dict.fromkeys(["checker/rulekinds/prose.py", "checker/rulekinds/repository.py"], REPOSITORY),
    "checker/rulekinds/content.py": [  # the per-file content kinds: the core selection and their own edges
        "tests/test_boundaries.py", "tests/test_rule_kinds.py", "tests/test_rule_examples.py::test_rule_example",
        "tests/test_blank_cells.py", "tests/test_rule_kind_edges.py", "tests/test_mutation_content.py",
    ],
    "checker/rulekinds/": [
        "tests/test_boundaries.py", "tests/test_rule_kinds.py", "tests/test_rule_examples.py::test_rule_example",
        "tests/test_blank_cells.py", "tests/test_rule_kind_edges.py",
    ],
    **dict.fromkeys([f"checker/binding/{m}.py" for m in ("labels", "groups", "headings", "shapes")], DRIFT),
    "checker/binding/": [
        "tests/test_boundaries.py", "tests/test_binding_units.py", "tests/test_binding_edge_cases.py",
        "tests/test_stream_binding.py", "tests/test_seeded_text.py", "tests/test_grid_binding.py", "tests/test_stream_rows.py",
        "tests/test_label_drift.py", "tests/test_layout_text.py",
    ],
    "checker/formatters/": [
        "tests/test_boundaries.py", "tests/test_formatters.py", "tests/test_formatters_ci.py", "tests/test_cli.py",
        "tests/test_github_action.py", "tests/test_suppressions.py",
    ],
}
# A package's modules in groups that share a test selection (a run per group keeps each short).
GROUPS = {
    "rulekinds": [
        [f"checker/rulekinds/{m}.py" for m in ("arithmetic", "base", "cells", "meta", "structure")],
        ["checker/rulekinds/amounts.py", "checker/rulekinds/frames.py"],
        ["checker/rulekinds/prose.py", "checker/rulekinds/repository.py"],
        ["checker/rulekinds/content.py"],  # per-file kinds (W7, W8, X5 ...): the core selection tests them
    ],
    "binding": [
        [f"checker/binding/{m}.py" for m in ("grid", "layout", "meta", "sections", "stream", "tokens")],
        [f"checker/binding/{m}.py" for m in ("groups", "headings", "labels", "shapes")],
        ["checker/binding/coded.py"],
    ],
}
PACKAGES = {
    "values": ["checker/values.py"],
    "expr": ["checker/expr.py"],
    "rulekinds": ["checker/rulekinds/"],
    "binding": ["checker/binding/"],
    "formatters": ["checker/formatters/"],
}
KILLED = {1, 3, 36, 37, -24, 24, 152, 255, -11, -9}  # mutmut's exit codes: a failing test, a timeout
SURVIVED = {0, 5, 33}  # 5, 33: no test of the selection calls the function, so nothing kills it
NOT_RUN = {34, None}
SKIP = {".git", ".venv", ".mutmut", "pyproject.toml", ".mypy_cache", ".pytest_cache", ".ruff_cache", "mutants"}  # skipped / not yet checked (a run stopped by its budget)


def tests_for(module: str) -> list[str]:
    for prefix, tests in TESTS.items():
        if module == prefix or (prefix.endswith("/") and module.startswith(prefix)):
            return [t for t in tests if t.startswith("-") or (ROOT / t.split("::")[0]).exists()]
    return ["tests/"]


def changed_modules(ref: str) -> list[str]:
    out = subprocess.run(
        ["git", "diff", "--name-only", ref, "--", "checker"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return sorted(p for p in out if p.endswith(".py") and (ROOT / p).exists() and not p.endswith("__init__.py"))


def expand(paths: list[str]) -> list[str]:
    """Package directories to their modules (``__init__`` files hold wiring, not logic)."""
    out: list[str] = []
    for p in paths:
        path = ROOT / p
        if path.is_dir():
            out += sorted(str(f.relative_to(ROOT)) for f in path.rglob("*.py") if f.name != "__init__.py")
        else:
            out.append(p)
    return out


def layout(work: Path, modules: list[str], tests: list[str]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    # the repository's files as they are (tests read action.yml, README.md, examples/ ...)
    top = [p.name for p in ROOT.iterdir() if p.name not in SKIP]
    for name in top:
        link = work / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    # tests/conftest.py finds the corpus at <repo>/../shared; inside mutants/ that is <work>/shared
    shared = work / "shared"
    if not shared.exists() and (ROOT.parent / "shared").exists():
        shared.symlink_to((ROOT.parent / "shared").resolve())
    config = [
        "[tool.mutmut]",
        'source_paths = ["checker"]',
        f"only_mutate = {json.dumps(modules)}",
        f"also_copy = {json.dumps(sorted(n for n in top if n not in ('checker', 'pyproject.toml')))}",
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]',
        "",
        "[tool.pytest.ini_options]",
        'addopts = ""',
    ]
    (work / "pyproject.toml").write_text("\n".join(config) + "\n")
    # Other modules, or fewer tests: earlier verdicts do not hold. A selection that gained a test
    # keeps the mutants (mutmut itself then decides what to re-test: in 3.8, everything).
    selection = work / "selection.json"
    before = json.loads(selection.read_text()) if selection.exists() else None
    if before is None or before["modules"] != modules or not set(before["tests"]) <= set(tests):
        shutil.rmtree(work / "mutants", ignore_errors=True)
    selection.write_text(json.dumps({"modules": modules, "tests": tests}))


def results(work: Path, modules: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per module: the names of killed, surviving and not-run mutants, from mutmut's meta files."""
    out: dict[str, dict[str, list[str]]] = {}
    for module in modules:
        meta = work / "mutants" / (module + ".meta")
        if not meta.exists():
            continue
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        groups: dict[str, list[str]] = {"killed": [], "survived": [], "not run": [], "other": []}
        for name, code in sorted(codes.items()):
            key = "killed" if code in KILLED else "survived" if code in SURVIVED else "not run" if code in NOT_RUN else "other"
            groups[key].append(name)
        out[module] = groups
    return out


def change(work: Path, mutmut: Path, mutant: str) -> str:
    """The mutant's edit on one line: the first removed and added lines of `mutmut show`."""
    diff = subprocess.run([str(mutmut), "show", mutant], cwd=work, capture_output=True, text=True, check=False).stdout
    lines = [x for x in diff.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]
    removed = next((x[1:].strip() for x in lines if x.startswith("-")), "")
    added = next((x[1:].strip() for x in lines if x.startswith("+")), "")
    return f"`{removed}` → `{added}`" if added else f"`{removed}` removed"


def score(groups: dict[str, list[str]]) -> float:
    """Killed / tried: a mutant no test reaches counts as surviving; one not yet run does not count."""
    tried = len(groups["killed"]) + len(groups["survived"]) + len(groups["other"])
    return 100.0 * len(groups["killed"]) / tried if tried else 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules or package directories under checker/")
    parser.add_argument("--changed", metavar="REF", help="the modules `git diff --name-only REF` names")
    parser.add_argument("--package", choices=sorted(PACKAGES), action="append", default=[])
    parser.add_argument("--budget", type=float, default=0, help="stop mutmut after this many seconds (0: no limit)")
    parser.add_argument("--min-score", type=float, default=0, help="exit 1 when a module scores below this (%%)")
    parser.add_argument("--show", action="store_true", help="print each surviving mutant's change")
    parser.add_argument("--report", action="store_true", help="only report the results kept in .mutmut/ (no run)")
    parser.add_argument("--children", type=int, default=1, help="mutants tested at once (default 1: the machine is shared)")
    parser.add_argument("--retry", action="store_true", help="run the surviving mutants again (after new tests)")
    args = parser.parse_args(argv)

    runs: list[list[str]] = []  # each run: modules that share a test selection and a work directory
    if args.modules or args.changed:
        runs.append(expand(list(args.modules) + (changed_modules(args.changed) if args.changed else [])))
    for package in args.package:
        runs += GROUPS.get(package, [expand(PACKAGES[package])])
    runs = [r for r in runs if r]
    if not runs:
        print("no module to mutate")
        return 0
    status = 0
    deadline = time.monotonic() + args.budget if args.budget else None
    for modules in runs:
        budget = max(deadline - time.monotonic(), 1.0) if deadline else 0.0
        status = max(status, run(modules, budget, args))
    return status


def run(modules: list[str], budget: float, args: argparse.Namespace) -> int:
    tests = sorted({t for m in modules for t in tests_for(m)})
    work = ROOT / ".mutmut" / "-".join(Path(m).stem for m in modules)[:60]
    if not args.report:
        layout(work, modules, tests)
    print(f"mutating {', '.join(modules)}\n  tests: {' '.join(tests)}\n  in {work}", flush=True)

    mutmut = Path(sys.executable).with_name("mutmut")
    if args.report:
        return report(work, modules, mutmut, args)
    command = ["nice", "-n", "10", str(mutmut), "run", "--max-children", str(args.children)]
    if args.retry:  # mutmut keeps a verdict once given: name the survivors to have them run again
        survivors = [m for g in results(work, modules).values() for m in g["survived"] + g["other"]]
        if not survivors:
            print("no surviving mutant to retry")
            return 0
        command += survivors
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    log = (work / "mutmut.log").open("w")  # mutmut draws a progress spinner: keep it out of CI logs
    proc = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        proc.wait(timeout=budget or None)
    except subprocess.TimeoutExpired:
        print(f"budget of {budget:.0f} s spent: stopping mutmut (unfinished mutants are not run)", flush=True)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log.close()
    if proc.returncode not in (0, None, -signal.SIGINT):
        tail = (work / "mutmut.log").read_text(errors="replace")[-3000:]
        print(f"mutmut exited with {proc.returncode}:\n{tail}")

    return report(work, modules, mutmut, args)


def report(work: Path, modules: list[str], mutmut: Path, args: argparse.Namespace) -> int:
    status = 0
    found = results(work, modules)
    if not any(len(g["killed"]) + len(g["survived"]) for g in found.values()):
        print(f"no mutant was tested: see {work / 'mutmut.log'}")
        return 1
    for module, groups in found.items():
        killed, survived = len(groups["killed"]), len(groups["survived"])
        print(
            f"{module}: {score(groups):.1f} % killed ({killed} killed, {survived} survived, "
            f"{len(groups['other'])} other, {len(groups['not run'])} not run)"
        )
        for mutant in groups["survived"] + groups["other"]:
            if args.show:
                print(f"  survived: {mutant}: {change(work, mutmut, mutant)}")
            else:
                print(f"  survived: {mutant}")
        if score(groups) < args.min_score:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
