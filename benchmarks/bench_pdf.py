"""Benchmark the PDF extractor against pdfplumber alone and pdftotext.

    PYTHONPATH=. python benchmarks/bench_pdf.py [--runs 5] [--pages 51 204]

Every measurement is cold: a fresh Python process per run (imports included), timed from outside
(wall) and inside (the extraction alone), with its peak RSS from ``resource.getrusage``. The
synthetic reports are generated with reportlab (tests/fixtures/pdfgen.py) into a temp directory.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "huaian-gov-2024.pdf"

# Peak RSS: VmHWM of the child's own address space. ru_maxrss would not do: Linux carries it over
# exec from the parent that forked the child.
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

OURS = """
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
from checker.extractors.base import Limits
from checker.extractors.pdf import PdfExtractor
t1 = time.perf_counter()
doc = PdfExtractor(sys.argv[2]).extract(Path(sys.argv[1]), Limits(max_pages=10000))
t2 = time.perf_counter()
assert not doc.unreadable, doc.problems
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": t1 - t0, "extract": t2 - t1, "pages": doc.page_count, "tables": len(doc.tables),
                  "cpu": use.ru_utime + use.ru_stime, "rss_mb": peak_mb()}))
"""

PLUMBER = """
import json, resource, sys, time
t0 = time.perf_counter()
import pdfplumber
t1 = time.perf_counter()
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
t2 = time.perf_counter()
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": t1 - t0, "extract": t2 - t1, "cpu": use.ru_utime + use.ru_stime,
                  "rss_mb": peak_mb()}))
"""


def run_python(code: str, *args: str) -> tuple[float, dict[str, float]]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK + code, *args], capture_output=True, text=True,
                         env=env, check=True).stdout
    return time.perf_counter() - start, json.loads(out)


def pdftotext(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return time.perf_counter() - start




def bench(path: Path, runs: int) -> dict[str, float]:
    ours = [run_python(OURS, str(path), "pdfium") for _ in range(runs)]
    plumber_engine = [run_python(OURS, str(path), "pdfplumber") for _ in range(max(1, runs // 2))]
    plumber = [run_python(PLUMBER, str(path)) for _ in range(max(1, runs // 2))]
    poppler = [pdftotext(path) for _ in range(runs)] if shutil.which("pdftotext") else [float("nan")]
    pages = ours[0][1]["pages"]
    med = statistics.median
    row = {
        "pages": pages,
        "tables": ours[0][1]["tables"],
        "wall": med(w for w, _ in ours),
        "extract": med(r["extract"] for _, r in ours),
        "cpu": med(r["cpu"] for _, r in ours),
        "rss": max(r["rss_mb"] for _, r in ours),
        "engine_plumber_wall": med(w for w, _ in plumber_engine),
        "plumber_wall": med(w for w, _ in plumber),
        "plumber_extract": med(r["extract"] for _, r in plumber),
        "plumber_cpu": med(r["cpu"] for _, r in plumber),
        "plumber_rss": max(r["rss_mb"] for _, r in plumber),
        "pdftotext": med(poppler),
    }
    row["per_page_ms"] = 1000 * row["extract"] / pages
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="*", default=[51, 201],
                        help="synthetic reports of about this many pages: the 3 tables and long prose")
    parser.add_argument("--table-pages", type=int, nargs="*", default=[51, 204],
                        help="stress: synthetic reports with tables on every page (multiples of 3)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.fixtures import pdfgen

    with tempfile.TemporaryDirectory() as tmp:
        files = [CORPUS] if CORPUS.exists() else []
        for pages in args.pages:  # about 12 prose paragraphs a page
            files.append(pdfgen.write_report(Path(tmp) / f"prose-{pages}p.pdf", prose_paragraphs=12 * (pages - 2)))
        for pages in args.table_pages:
            files.append(pdfgen.write_report(Path(tmp) / f"tables-{pages}p.pdf", copies=max(1, pages // 3)))
        head = (f"{'file':22} {'pages':>5} {'tables':>6} {'wall s':>7} {'cpu s':>6} {'extr s':>7} {'ms/page':>8} "
                f"{'RSS MB':>7} | {'plumb-eng s':>11} | {'plumber s':>9} {'cpu s':>6} {'RSS MB':>7} | "
                f"{'pdftotext s':>11} | {'plumber/ours':>12} {'ours/pdftotext':>14}")
        print(head)
        for path in files:
            r = bench(path, args.runs)
            print(f"{path.name:22} {r['pages']:5d} {r['tables']:6d} {r['wall']:7.3f} {r['cpu']:6.3f} "
                  f"{r['extract']:7.3f} {r['per_page_ms']:8.2f} {r['rss']:7.1f} | "
                  f"{r['engine_plumber_wall']:11.3f} | {r['plumber_wall']:9.3f} {r['plumber_cpu']:6.3f} "
                  f"{r['plumber_rss']:7.1f} | {r['pdftotext']:11.3f} | "
                  f"{r['plumber_wall'] / r['wall']:12.1f} {r['wall'] / r['pdftotext']:14.1f}", flush=True)


if __name__ == "__main__":
    main()
