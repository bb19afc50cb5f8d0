"""Peak memory of the worker that checks one large report (target: ≤ 100 MB per worker).

    PYTHONPATH=. python benchmarks/bench_memory.py [--runs 3]

Files (generated): a 200-page PDF (reportlab, tests/fixtures/pdfgen.py: the 2021-format report
padded with prose), a 204-page PDF with a table on every page, and a 20 MB HTML page (the
fixture report from render_html with 20 MB of news paragraphs around it, as a government site's
page of many reports might be). Each is checked by the CLI in a fresh process (``--jobs 1
--no-cache``, the default limits): a PDF in one forked worker, whose peak RSS is
``RUSAGE_CHILDREN``'s ``ru_maxrss`` (a forked worker counts the pages it shares with the parent
too); the HTML page, a single pure-Python file, in the process itself, whose peak is its
``VmHWM``. *peak RSS* is that of the process that checked the file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_repo import RUN  # the same measuring child (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]


NEWS = "<div class='news'><h3>工作动态</h3><p>{}年{}月，我局召开政府信息公开工作推进会，部署全年重点任务。</p></div>\n"


def big_html(folder: Path, megabytes: float) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_html import render_html

    page = render_html(huaian_2021(), folder / "base.html").read_text(encoding="utf-8")
    filler, n, size = [], 0, 0
    while size < megabytes * 1024 * 1024:
        item = NEWS.format(2000 + n % 25, 1 + n % 12)
        filler.append(item)
        size += len(item.encode("utf-8"))
        n += 1
    head, _, tail = page.partition("</body>")
    out = folder / f"big-{megabytes:g}mb.html"
    out.write_text(head + "".join(filler) + "</body>" + tail, encoding="utf-8")
    return out


def run(path: Path) -> tuple[float, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUN, str(path), "--jobs", "1", "--no-cache", "--quiet",
                           "--format", "json", "--output", os.devnull], capture_output=True, text=True, env=env,
                          check=False)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    return wall, json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--html-mb", type=float, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.fixtures import pdfgen

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [
            pdfgen.write_report(folder / "prose-200p.pdf", prose_paragraphs=12 * 198),
            pdfgen.write_report(folder / "tables-204p.pdf", copies=68),
            big_html(folder, args.html_mb),
        ]
        print(f"load average {os.getloadavg()[0]:.1f}; median of {args.runs}")
        print(f"{'file':18} {'MB':>6} {'wall s':>7} {'cpu s':>6} {'checked in':>11} {'peak RSS MB':>11}")
        for path in files:
            results = [run(path) for _ in range(args.runs)]
            where = "worker" if all(r["worker_rss_mb"] for _, r in results) else "process"
            peak = max(r["worker_rss_mb"] or r["rss_mb"] for _, r in results)
            print(f"{path.name:18} {path.stat().st_size / 1e6:6.1f} {statistics.median(w for w, _ in results):7.2f} "
                  f"{statistics.median(r['cpu'] for _, r in results):6.2f} {where:>11} {peak:11.1f}", flush=True)


if __name__ == "__main__":
    main()
