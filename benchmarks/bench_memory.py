"""Peak memory of the worker that checks one large report (target: ≤ 100 MB per worker).

    PYTHONPATH=. python benchmarks/bench_memory.py [--runs 3]

Files (generated): a 200-page PDF (reportlab, tests/fixtures/pdfgen.py: the 2021-format report
padded with prose), a 204-page PDF with a table on every page, and 20 MB HTML pages of the shapes
in :func:`big_html` (the fixture report from render_html with 20 MB of news around it, of prose or
of one long table inside it; 48,000 elements; and a page of 400,000 small elements that the
html_elements limit turns away). Each is checked by the CLI in a fresh process (``--jobs 1
--no-cache``, the default limits): a PDF in one forked worker, whose peak RSS is
``RUSAGE_CHILDREN``'s ``ru_maxrss`` (a forked worker counts the pages it shares with the parent
too); the HTML page, a single pure-Python file, in the process itself, whose peak is its
``VmHWM``. *peak RSS* is that of the process that checked the file.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_repo import RUN  # the same measuring child (the script's folder is on sys.path)

ROOT = Path(__file__).resolve().parents[1]


SENTENCE = "我局坚持以公开为常态、不公开为例外，持续深化政务公开，围绕重点领域信息公开、政策解读和回应关切开展工作，{}。"
SMALL_NEWS = "<div class='news'><h3>工作动态</h3><p>{}年{}月，我局召开政府信息公开工作推进会，部署全年重点任务。</p></div>\n"
#: The page shapes: where the megabytes go. All but "many-small" stay within the default limits
#: (50,000 elements, 10,000 blocks, 2,000 rows and 5,000 cells a table).
SHAPES = ("news", "prose", "prose-varied", "table", "images", "elements", "many-small")


def _prose(seed: int, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        out.append(SENTENCE.format(seed + n))
        n += len(out[-1])
    return "".join(out)


def big_html(folder: Path, megabytes: float, shape: str = "news") -> Path:
    """The fixture report (render_html) with ``megabytes`` more of: "news" -- long news items
    around the report (outside its content); "prose" -- long paragraphs in section 五 (one sentence
    with a counter: few distinct 5-character shingles); "prose-varied" -- the same with seeded random
    characters (every shingle new, as in real prose at this length); "table" --
    one table of 1,974 rows with long cells in section 五; "images" -- 20 pictures as ``data:``
    addresses in section 五 (a page saved from Word); "elements" -- 9,500 short paragraphs of
    five nested elements each (48,000 elements, 1.3 MB whatever ``megabytes`` says); "many-small"
    -- short news items around the report (400,000 elements: over the html_elements limit)."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_html import render_html

    page = render_html(huaian_2021(), folder / "base.html").read_text(encoding="utf-8")
    items: list[str] = []
    size, n = 0, 0
    while size < megabytes * 1024 * 1024 and not (shape == "elements" and n == 9500):
        if shape == "news":
            item = f"<div class='news'><h3>工作动态{n}</h3><p>{_prose(n, 2300)}</p></div>\n"
        elif shape == "prose":
            item = f'<p style="text-indent:2em">{_prose(n, 2300)}</p>\n'
        elif shape == "prose-varied":
            rng = random.Random(n)
            item = "<p>" + "".join(chr(rng.randint(0x4E00, 0x4E00 + 3000)) for _ in range(2300)) + "。</p>\n"
        elif shape == "table":
            item = f"<tr><td>事项{n}</td><td>{_prose(n, 3650)}</td></tr>\n"
        elif shape == "images":
            picture = base64.b64encode(random.Random(n).randbytes(int(megabytes * 1024 * 1024 * 3 / 4 / 20)))
            item = f'<p><img src="data:image/png;base64,{picture.decode()}"></p>\n'
        elif shape == "elements":
            item = (f"<p><span style='font-size:16px'><font face='宋体'>第{n}项工作</font></span>"
                    "<span>按期完成，</span><span>群众满意</span></p>\n")
        else:
            item = SMALL_NEWS.format(2000 + n % 25, 1 + n % 12)
        items.append(item)
        size += len(item.encode("utf-8"))
        n += 1
    filler = "".join(items)
    if shape in ("news", "many-small"):
        head, _, tail = page.partition("</body>")
        page = head + filler + "</body>" + tail
    else:
        head, _, tail = page.partition("<p><strong>六、")
        filler = f"<table border='1'>{filler}</table>\n" if shape == "table" else filler
        page = head + filler + "<p><strong>六、" + tail
    out = folder / f"{shape}-{megabytes:g}mb.html"
    out.write_text(page, encoding="utf-8")
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
    parser.add_argument("--shapes", nargs="*", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--no-pdf", action="store_true", help="only the HTML pages")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.fixtures import pdfgen

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs = [] if args.no_pdf else [
            pdfgen.write_report(folder / "prose-200p.pdf", prose_paragraphs=12 * 198),
            pdfgen.write_report(folder / "tables-204p.pdf", copies=68),
        ]
        files = [
            *pdfs,
            *(big_html(folder, args.html_mb, shape) for shape in args.shapes),
        ]
        print(f"load average {os.getloadavg()[0]:.1f}; median of {args.runs}")
        print(f"{'file':22} {'MB':>6} {'wall s':>7} {'cpu s':>6} {'checked in':>11} {'peak RSS MB':>11} {'exit':>4}")
        for path in files:
            results = [run(path) for _ in range(args.runs)]
            where = "worker" if all(r["worker_rss_mb"] for _, r in results) else "process"
            peak = max(r["worker_rss_mb"] or r["rss_mb"] for _, r in results)
            print(f"{path.name:22} {path.stat().st_size / 1e6:6.1f} {statistics.median(w for w, _ in results):7.2f} "
                  f"{statistics.median(r['cpu'] for _, r in results):6.2f} {where:>11} {peak:11.1f} {results[0][1]['status']:>4}", flush=True)


if __name__ == "__main__":
    main()
