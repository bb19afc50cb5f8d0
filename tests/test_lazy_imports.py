"""A text check never imports a PDF, DOCX or HTML library (startup cost in CI)."""

from __future__ import annotations

import subprocess
import sys

from tests.seeded import SEED

HEAVY = ("pdfplumber", "pdfminer", "pypdfium2", "docx", "bs4", "html5lib", "lxml")


def test_text_check_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"status = main([{str(SEED)!r}, '--format', 'json', '--output', '/dev/null'])\n"
        f"loaded = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "print(status, loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0 []"
