"""Benchmark a repository of mixed reports: cold, warm cache, --jobs 1 and 2, peak RSS.

    PYTHONPATH=. python benchmarks/bench_repo.py [--files 1000] [--runs 3] [--keep DIR]

Generates a repository of ``--files`` reports from the fixture renderers (tests/fixtures): a fifth
each as text, Markdown, HTML (UTF-8 and GBK), DOCX (the official template) and PDF (reportlab's
synthetic 2021-format report, 3 pages, and the real 6-page WPS PDF of ../shared/corpus), from a
dozen contents (two real reports, each with seeded defects), in folders of 50. Then runs the
CLI in a fresh process per run (``report-check REPO --format json --output FILE --quiet``):

- **cold, --jobs 1 / --jobs 2**: ``--no-cache``, every file checked;
- **cache, first**: an empty result cache, filled by this run (``--jobs 2``);
- **cache, unchanged**: the same run again, every file from the cache;
- **cache, 1 % changed**: after rewriting one file in a hundred.

Wall time from outside the process; peak RSS of the parent (``VmHWM``) and of the largest worker
(``RUSAGE_CHILDREN``: the workers are forked, so it is the worker's own peak, shared pages
included). Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "huaian-gov-2024.pdf"

RUN = """
import json, resource, sys
from checker.cli import main
status = main(sys.argv[1:])
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"status": status, "rss_mb": peak_mb(), "worker_rss_mb": kids.ru_maxrss / 1024, "cpu": cpu}))
"""


def contents() -> list[tuple[str, object]]:
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.content import (
        huaian_2021,
        seed_2019,
        with_agency,
        with_cell,
        with_closing_date,
        without_section,
    )

    out: list[tuple[str, object]] = []
    for name, base in (("seed", seed_2019()), ("huaian", huaian_2021())):
        out += [
            (f"{name}", base),
            (f"{name}-no-s5", without_section(base, 5)),
            (f"{name}-no-date", with_closing_date(base, None)),
            (f"{name}-agency", with_agency(base, "某某县人民政府")),
            (f"{name}-t3", with_cell(base, "T3", "total", 0, "999")),
            (f"{name}-no-s6", without_section(base, 6)),
        ]
    return out


def variants(folder: Path) -> dict[str, list[Path]]:
    """Each format's distinct files (rendered once; the repository copies them)."""
    from tests.fixtures.pdfgen import T3_VALUES, write_report
    from tests.fixtures.render_docx import render_docx
    from tests.fixtures.render_html import render_html
    from tests.fixtures.render_text import render_text, to_text

    out: dict[str, list[Path]] = {k: [] for k in ("txt", "md", "html", "docx", "pdf")}
    for i, (name, content) in enumerate(contents()):
        out["txt"].append(render_text(content, folder / f"{name}.txt"))  # type: ignore[arg-type]
        md = folder / f"{name}.md"
        md.write_text(to_text(content), encoding="utf-8")  # type: ignore[arg-type]
        out["md"].append(md)
        encoding = "gbk" if i % 2 else "utf-8"
        out["html"].append(render_html(content, folder / f"{name}.html", encoding=encoding))  # type: ignore[arg-type]
        out["docx"].append(render_docx(content, folder / f"{name}.docx"))  # type: ignore[arg-type]
    for i in range(5):
        values = [list(row) for row in T3_VALUES]
        if i:
            values[0][0] = int(str(values[0][0]) or 0) + i  # a sum no longer adds up
        out["pdf"].append(write_report(folder / f"synthetic-{i}.pdf", t3_values=values, prose_paragraphs=3 + i))
    if CORPUS_PDF.exists():
        out["pdf"].append(CORPUS_PDF)
    return out


def build_repo(repo: Path, files: int) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        kinds = variants(Path(tmp))
        made = []
        names = list(kinds)
        for n in range(files):
            kind = names[n % len(names)]
            source = kinds[kind][(n // len(names)) % len(kinds[kind])]
            target = repo / f"d{n // 50:03d}" / f"r{n:04d}.{kind}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
            made.append(target)
    return made


def run_cli(repo: Path, out: Path, *flags: str) -> tuple[float, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CI", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUN, str(repo), "--format", "json", "--output", str(out),
                           "--quiet", *flags], capture_output=True, text=True, env=env, cwd=repo, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return wall, json.loads(proc.stdout.strip().splitlines()[-1])


def measure(runs: int, action: Callable[[], tuple[float, dict[str, float]]],
            before: Callable[[], None] | None = None) -> dict[str, float]:
    walls, infos = [], []
    for _ in range(runs):
        if before is not None:
            before()
        wall, info = action()
        walls.append(wall)
        infos.append(info)
    return {"wall": statistics.median(walls), "min": min(walls), "max": max(walls),
            "cpu": statistics.median(i["cpu"] for i in infos),
            "rss": max(i["rss_mb"] for i in infos), "worker_rss": max(i["worker_rss_mb"] for i in infos)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    repo = args.keep or Path(tempfile.mkdtemp(prefix="bench-repo-"))
    repo.mkdir(parents=True, exist_ok=True)
    files = build_repo(repo, args.files)
    size = sum(f.stat().st_size for f in files)
    out = repo / ".bench-out.json"
    cache = repo / ".report-check-cache"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    touched = files[:: 100]

    def touch() -> None:
        for f in touched:  # a changed byte at the end: the content hash changes
            data = f.read_bytes()
            f.write_bytes(data + b"\n" if f.suffix in (".txt", ".md", ".html") else data)
            if f.suffix not in (".txt", ".md", ".html"):
                os.utime(f)

    # --jobs 1 and 2 alternate, so that a change in the machine's load hits both alike
    cold: dict[str, list[tuple[float, dict[str, float]]]] = {"1": [], "2": []}
    for _ in range(args.runs):
        for jobs, samples in cold.items():
            samples.append(run_cli(repo, out, "--no-cache", "--jobs", jobs))
    rows = {
        "cold --jobs 1": measure(args.runs, iter(cold["1"]).__next__),
        "cold --jobs 2": measure(args.runs, iter(cold["2"]).__next__),
        "cache first (--jobs 2)": measure(args.runs, lambda: run_cli(repo, out, "--jobs", "2"), clear),
        "cache unchanged": measure(args.runs, lambda: run_cli(repo, out, "--jobs", "2")),
        "cache 1% text changed": measure(args.runs, lambda: run_cli(repo, out, "--jobs", "2"), touch),
    }
    counts = {k: sum(1 for f in files if f.suffix == "." + k) for k in ("txt", "md", "html", "docx", "pdf")}
    load = os.getloadavg()
    print(f"{len(files)} files, {size / 1e6:.1f} MB ({counts}); load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
          f"{os.cpu_count()} CPUs; median of {args.runs}")
    print(f"{'run':26} {'wall s':>8} {'min':>7} {'max':>7} {'cpu s':>7} {'ms cpu/file':>11} {'files/s':>8} "
          f"{'parent RSS MB':>14} {'worker RSS MB':>14}")
    for name, r in rows.items():
        print(f"{name:26} {r['wall']:8.2f} {r['min']:7.2f} {r['max']:7.2f} {r['cpu']:7.2f} "
              f"{1000 * r['cpu'] / len(files):11.1f} {len(files) / r['wall']:8.1f} "
              f"{r['rss']:14.1f} {r['worker_rss']:14.1f}")
    one, two = rows["cold --jobs 1"]["wall"], rows["cold --jobs 2"]["wall"]
    print(f"--jobs 2 / --jobs 1: {two / one:.0%}")
    if args.keep is None:
        shutil.rmtree(repo, ignore_errors=True)


if __name__ == "__main__":
    main()
