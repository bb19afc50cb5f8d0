"""The guard against the ctypes shadowing bug class: mypy must reject it in the PDF rulings code.

A thin-ruling branch once rebound ``y`` (a ``ctypes.c_float`` out-parameter of
``FPDFPathSegment_GetPoint``) to a Python float; every later path on the page then failed. pdfium's
numbers were untyped (``Any``), so mypy accepted it. They now pass through typed helpers: this test
plants the old bug in a copy of ``rulings.py`` and asserts mypy, with the project's settings,
reports it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULINGS = ROOT / "checker" / "extractors" / "pdf" / "rulings.py"


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                           "--no-incremental", str(path)], cwd=ROOT, capture_output=True, text=True, check=False)


def test_mypy_rejects_a_float_rebinding_a_ctypes_out_parameter(tmp_path: Path) -> None:
    source = RULINGS.read_text(encoding="utf-8")
    fixed = "            mid_y = height - (top + bottom) / 2\n            _add(out, (left, mid_y), (right, mid_y))\n"
    assert fixed in source
    buggy = tmp_path / "rulings_buggy.py"
    buggy.write_text(source.replace(fixed, "            cy = height - (top + bottom) / 2\n"
                                           "            _add(out, (left, cy), (right, cy))\n"), encoding="utf-8")
    clean = tmp_path / "rulings_clean.py"
    clean.write_text(source, encoding="utf-8")
    assert _mypy(clean).returncode == 0, _mypy(clean).stdout
    result = _mypy(buggy)
    assert result.returncode == 1
    assert 'Incompatible types in assignment (expression has type "float", variable has type "c_float")' \
        in result.stdout
