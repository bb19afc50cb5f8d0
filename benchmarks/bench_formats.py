"""Benchmark one report in every input format: the whole check and the extraction alone.

    PYTHONPATH=. python benchmarks/bench_formats.py [--runs 5]

The same content (``huaian_2021()``, tests/fixtures/content.py) is rendered as text, DOCX, HTML
(UTF-8 and GBK) and, through LibreOffice, as PDF; the real WPS PDF of that report
(../shared/corpus/huaian-gov-2024.pdf) is measured too. Every measurement is cold, as in
``bench_pdf.py`` (whose helpers this script imports): a fresh Python process per run, imports
included, timed from outside (wall) and inside (cpu, the call alone), with the child's peak RSS.

- **check**: ``report-check FILE --format json --output FILE`` — ``checker.cli.main`` in the child:
  plugins, packs, extraction, binding, every rule, the JSON written.
- **extract**: the format's extractor alone, ``XExtractor().extract(path, Limits())``.

The ratios compare each file with the LibreOffice PDF of the same content.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_pdf import CORPUS, ROOT, run_python

CHECK = """
import json, resource, sys, time
t0 = time.perf_counter()
from checker.cli import main
t1 = time.perf_counter()
status = main([sys.argv[1], "--format", "json", "--output", sys.argv[2]])
t2 = time.perf_counter()
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": t1 - t0, "call": t2 - t1, "status": status,
                  "cpu": use.ru_utime + use.ru_stime, "rss_mb": peak_mb()}))
"""

EXTRACT = """
import json, resource, sys, time
t0 = time.perf_counter()
import importlib
from pathlib import Path
from checker.extractors.base import Limits
extractor = getattr(importlib.import_module(sys.argv[2]), sys.argv[3])()
t1 = time.perf_counter()
doc = extractor.extract(Path(sys.argv[1]), Limits())
t2 = time.perf_counter()
assert not doc.unreadable, doc.problems
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": t1 - t0, "call": t2 - t1, "tables": len(doc.tables),
                  "cpu": use.ru_utime + use.ru_stime, "rss_mb": peak_mb()}))
"""

EXTRACTORS = {  # suffix -> (module, class)
    ".txt": ("checker.extractors.text", "TextExtractor"),
    ".docx": ("checker.extractors.docx", "DocxExtractor"),
    ".html": ("checker.extractors.html", "HtmlExtractor"),
    ".pdf": ("checker.extractors.pdf", "PdfExtractor"),
}
REFERENCE = "huaian.pdf"  # the LibreOffice PDF: what the ratios divide by


def fixtures(folder: Path) -> list[Path]:
    """The report as text, DOCX, HTML UTF-8, HTML GBK and LibreOffice PDF, then the corpus PDF."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_docx import render_docx
    from tests.fixtures.render_html import render_html
    from tests.fixtures.render_pdf import render_pdf
    from tests.fixtures.render_text import render_text

    content = huaian_2021()
    renders: list[tuple[str, Callable[[], Path]]] = [
        ("huaian.txt", lambda: render_text(content, folder / "huaian.txt")),
        ("huaian.docx", lambda: render_docx(content, folder / "huaian.docx")),
        ("huaian-utf8.html", lambda: render_html(content, folder / "huaian-utf8.html")),
        ("huaian-gbk.html", lambda: render_html(content, folder / "huaian-gbk.html", encoding="gbk")),
        (REFERENCE, lambda: render_pdf(content, folder / REFERENCE)),
    ]
    files = [render() for _, render in renders]
    return [*files, CORPUS] if CORPUS.exists() else files


def measure(path: Path, runs: int, out: Path) -> dict[str, float]:
    module, cls = EXTRACTORS[path.suffix]
    checks = [run_python(CHECK, str(path), str(out)) for _ in range(runs)]
    findings = len(json.loads(out.read_text(encoding="utf-8"))["files"][0]["findings"])
    extracts = [run_python(EXTRACT, str(path), module, cls) for _ in range(runs)]
    med = statistics.median
    return {
        "kb": path.stat().st_size / 1024,
        "findings": findings,
        "check_wall": med(w for w, _ in checks),
        "check_call": med(r["call"] for _, r in checks),
        "check_cpu": med(r["cpu"] for _, r in checks),
        "check_rss": max(r["rss_mb"] for _, r in checks),
        "extract_wall": med(w for w, _ in extracts),
        "extract_call": med(r["call"] for _, r in extracts),
        "extract_cpu": med(r["cpu"] for _, r in extracts),
        "extract_rss": max(r["rss_mb"] for _, r in extracts),
        "tables": extracts[0][1]["tables"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = {path.name: measure(path, args.runs, folder / "out.json") for path in fixtures(folder)}
    ref = rows[REFERENCE]
    print(f"{'file':24} {'KB':>6} {'find':>4} {'tabl':>4} | {'check wall s':>12} {'call s':>7} {'cpu s':>6} "
          f"{'RSS MB':>7} {'/pdf':>5} | {'extract wall s':>14} {'call s':>7} {'cpu s':>6} {'RSS MB':>7} "
          f"{'/pdf':>5} {'call/pdf':>8}")
    for name, r in rows.items():
        print(f"{name:24} {r['kb']:6.1f} {r['findings']:4d} {r['tables']:4d} | "
              f"{r['check_wall']:12.3f} {r['check_call']:7.3f} {r['check_cpu']:6.3f} {r['check_rss']:7.1f} "
              f"{r['check_wall'] / ref['check_wall']:5.2f} | "
              f"{r['extract_wall']:14.3f} {r['extract_call']:7.3f} {r['extract_cpu']:6.3f} "
              f"{r['extract_rss']:7.1f} {r['extract_wall'] / ref['extract_wall']:5.2f} "
              f"{r['extract_call'] / ref['extract_call']:8.3f}")


if __name__ == "__main__":
    main()
