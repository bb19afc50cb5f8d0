"""Cold check of the real 部门决算 PDFs with ``--pack budget-final``: wall and CPU time per run.

    PYTHONPATH=. python benchmarks/bench_budget.py --runs 5

Each run is a fresh ``report-check`` process (imports, pack loading, extraction, binding, every
rule). *cpu* is the child's user + sys time (``os.wait4``), which a busy machine inflates far less
than wall time. Then one in-process breakdown: engine and packs, extraction, binding, rules.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = (ROOT / ".." / "shared" / "corpus" / "budget").resolve()
FILES = ["putuo-planning-2024.pdf", "putuo-social-work-2024.pdf"]


def cold(path: Path) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "--pack", "budget-final", "--jobs", "1", "--no-config", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def breakdown(path: Path) -> dict[str, float]:
    from checker.binding import bind
    from checker.engine import Engine, Settings
    from checker.extractors.base import Limits
    from checker.extractors.pdf import PdfExtractor

    marks = [time.process_time()]
    engine = Engine(Settings(pack="budget-final"))
    marks.append(time.process_time())
    document = PdfExtractor().extract(path, Limits())
    marks.append(time.process_time())
    pack = engine.pack_for(document, engine.registry.load("budget-final"))
    report = bind(document, pack)
    marks.append(time.process_time())
    list(engine._run_rules(report, pack))
    marks.append(time.process_time())
    names = ["engine+packs", "extract", "bind", "rules"]
    return {n: marks[i + 1] - marks[i] for i, n in enumerate(names)} | {"pages": float(document.page_count or 0)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| file | pages | wall s (median) | cpu s (median) | cpu s (min) | pages/s (cpu, median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in FILES:
        path = BUDGET / name
        runs = [cold(path) for _ in range(args.runs)]
        pages = breakdown(path)["pages"]
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"| {name} | {pages:.0f} | {wall:.2f} | {cpu:.2f} | {min(r[1] for r in runs):.2f} | {pages / cpu:.0f} |")
    parts = breakdown(BUDGET / FILES[0])
    print("\nin-process CPU s, " + FILES[0] + ": " + ", ".join(f"{k} {v:.3f}" for k, v in parts.items() if k != "pages"))
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
