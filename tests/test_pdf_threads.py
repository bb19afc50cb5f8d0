"""PDF extraction from several threads at once (a Dask worker running tasks in threads, a library
user's thread pool): PDFium is not thread-safe, and two threads in it crashed the process with a
segmentation fault. The extractor lets one thread into PDFium at a time.

The threads run in a child process, so that a crash fails this test instead of the test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "huaian-gov-2024.pdf"

CHILD = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from checker.extractors.base import Limits
from checker.extractors.pdf import PdfExtractor

paths = [Path(p) for p in sys.argv[1:]]
extractor = PdfExtractor()

def read(path):
    document = extractor.extract(path, Limits())
    return [b.text if hasattr(b, "text") else [[c.text for c in r] for r in b.rows] for b in document.blocks]

alone = [read(p) for p in paths]
with ThreadPoolExecutor(8) as pool:
    for _ in range(6):
        assert list(pool.map(read, paths * 2)) == alone * 2
print("same in threads")
"""


def test_pdfs_read_in_threads_at_once_read_as_alone() -> None:
    # The real WPS PDF, LibreOffice's, and reportlab's (a Chinese font PDFium must find itself)
    fixtures = ROOT / "tests" / "fixtures"
    paths = [CORPUS_PDF, fixtures / "office-pdf" / "clean-2021.pdf", fixtures / "office-pdf" / "clean-2019.pdf",
             *(fixtures / "pdf" / f"report-{kind}.pdf" for kind in ("ruled", "borderless")), fixtures / "pdf" / "rotated.pdf"]
    done = subprocess.run([sys.executable, "-c", CHILD, *map(str, paths)], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "same in threads"), done.stderr[-2000:]
