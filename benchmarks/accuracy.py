"""Write docs/accuracy.md: cells read, false errors and seeded defects found, per PDF producer and
input shape (the matrix of tests/fixtures/matrix.py).

    PYTHONPATH=. python benchmarks/accuracy.py            # print the table
    PYTHONPATH=. python benchmarks/accuracy.py --write    # and write docs/accuracy.md

Needs the matrix's programs (LibreOffice is not needed: its PDFs are committed; Chromium,
Ghostscript, qpdf, poppler-utils — `.ci/run` installs them); a producer whose program is missing is
left out of the table. ``tests/test_producer_matrix.py`` regenerates the table and fails when
docs/accuracy.md differs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.engine import Engine, Settings
from tests.fixtures.matrix import CONTENTS, accuracy_rows, make_all, markdown, reference

DOC = ROOT / "docs" / "accuracy.md"


def build() -> str:
    engine = Engine(Settings())
    with tempfile.TemporaryDirectory(prefix="accuracy-") as tmp:
        folder = Path(tmp)
        references = {name: reference(engine, name, folder) for name in CONTENTS}
        return markdown(accuracy_rows(engine, make_all(folder), folder, references))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    text = build()
    sys.stdout.write(text)
    if args.write:
        DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
