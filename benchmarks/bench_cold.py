"""Cold start: one report, a fresh process each time, as a pre-commit hook runs it.

    python benchmarks/bench_cold.py [--runs 7] [--baseline REV] [--source DIR ...]

Runs the CLI as the console script does (``checker.cli.console_main``; a tree older than it:
``sys.exit(checker.cli.main())``)
from an empty folder (no
configuration file, so no result cache is shared with other runs), ``--no-cache`` so that the file
is really checked, after one untimed run that fills the startup cache (compiled packs, plugin
manifest; what every run after the first one of an installation finds). Wall time from outside,
median of ``--runs``; ``min`` beside it because the machine is shared, and the CPU time (user +
sys of the process and its workers), which the load of other work inflates less. ``--source``
names source trees to compare (each on ``PYTHONPATH``, e.g. an older commit's ``git archive``);
their runs alternate, so that a change of load hits all of them alike; ``--baseline REV`` does
the ``git archive`` of a commit into a temporary folder itself (one command for a before/after
table). The load average is printed before and after: CPU time is the figure to compare on a
busy machine. Rows:

- ``python -c pass``: the interpreter alone, the floor;
- ``report-check --version``;
- the seed text report (../shared/corpus/yuncheng-transport-2020.txt), whole check, JSON out;
- the corpus PDF (../shared/corpus/huaian-gov-2024.pdf, 6 pages), whole check, JSON out;
- the same report as a government-site HTML page (tests/fixtures/render_html.py), whole check;
- the seed text report again with the result cache (second run: a cache hit);
- the seed text report with ``REPORT_CHECK_NO_STARTUP_CACHE=1`` (a first run: packs validated).
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def timed(cmd: list[str], cwd: Path, env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """Median wall, min wall, median CPU (user + sys of the process and its workers: what the
    load of other work on the machine does not inflate as much as wall time)."""
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr.read().decode() if proc.stderr else str(proc.returncode))
    return statistics.median(walls), min(walls), statistics.median(cpus)


CLI = "import sys; from checker import cli; sys.exit(getattr(cli, 'console_main', cli.main)())"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", type=Path, nargs="*", default=[], help="source trees to compare (PYTHONPATH)")
    parser.add_argument("--baseline", metavar="REV", help="also run this commit's tree (git archive into a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as base:
        if args.baseline:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True)
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(base)
            compileall.compile_dir(Path(base) / "checker", quiet=1)  # as an installed tree would be
            args.source.append(Path(base))
        run(args)


def run(args: argparse.Namespace) -> None:
    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}
    trees: list[tuple[str, dict[str, str]]] = [("installed", base_env)]
    trees += [(str(src), {**base_env, "PYTHONPATH": str(src.resolve())}) for src in args.source]
    seed, pdf = CORPUS / "yuncheng-transport-2020.txt", CORPUS / "huaian-gov-2024.pdf"
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_html import render_html

    pages = tempfile.TemporaryDirectory()
    page = render_html(huaian_2021(), Path(pages.name) / "huaian-2024.html")
    json_out = ["--format", "json", "--output", os.devnull]
    cli = [sys.executable, "-c", CLI]
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"], {}),
        ("report-check --version", [*cli, "--version"], {}),
        ("seed text report, whole check", [*cli, str(seed), "--no-cache", *json_out], {}),
        ("corpus PDF (6 pages), whole check", [*cli, str(pdf), "--no-cache", *json_out], {}),
        ("HTML page, whole check", [*cli, str(page), "--no-cache", *json_out], {}),
        ("seed text report, result cache hit", [*cli, str(seed), *json_out], {}),
        ("seed text, no startup cache", [*cli, str(seed), "--no-cache", *json_out], {"REPORT_CHECK_NO_STARTUP_CACHE": "1"}),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        for _, env in trees:  # fill the startup and result caches (an older tree may lack the flags)
            for target in (seed, pdf, page):
                subprocess.run([*cli, str(target), *json_out], cwd=cwd, env=env, check=False, capture_output=True)
        print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}; median of {args.runs}")
        names = {str(src): f"{src.name[:12]}" for src in args.source}
        if args.baseline:
            names[str(args.source[-1])] = args.baseline[:12]
        print(f"{'what':38} {'tree':12} {'median s':>9} {'min s':>7} {'cpu s':>7}")
        for name, cmd, extra in rows:
            samples: dict[str, list[tuple[float, float, float]]] = {t: [] for t, _ in trees}
            for _ in range(args.runs):
                for tree, env in trees:
                    # a tree from before the result cache has no --no-cache (and needs none)
                    old = tree != "installed" and not (Path(tree) / "checker" / "resultcache.py").exists()
                    run_cmd = [c for c in cmd if not (c == "--no-cache" and old)]
                    samples[tree].append(timed(run_cmd, cwd, {**env, **extra}, 1))
            for tree, got in samples.items():
                print(f"{name:38} {names.get(tree, tree)[:12]:12} {statistics.median(g[0] for g in got):9.3f} "
                      f"{min(g[1] for g in got):7.3f} {statistics.median(g[2] for g in got):7.3f}", flush=True)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    pages.cleanup()


if __name__ == "__main__":
    main()
