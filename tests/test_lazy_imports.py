"""A text check imports only what it needs (startup cost in CI and in every pre-commit hook)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.seeded import SEED

HEAVY = ("pdfplumber", "pdfminer", "pypdfium2", "docx", "bs4", "html5lib", "lxml")
# What a text check with no configuration file and a warm startup cache must not import: the
# schema validator (packs come compiled), YAML (no config, no pack source), a process pool
# (workers are forked by hand), another format's extractor.
NOT_NEEDED = (
    "jsonschema",
    "referencing",
    "yaml",
    "concurrent.futures",
    "multiprocessing",
    "importlib.metadata",  # entry points come from the manifest
    "checker.extractors.pdf",
    "checker.extractors.docx",
    "checker.extractors.html",
)

CODE = (
    "import sys\n"
    "from checker.cli import main\n"
    f"status = main([{str(SEED)!r}, '--format', 'json', '--output', 'out.json'])\n"
    f"loaded = sorted(m for m in {(*HEAVY, *NOT_NEEDED)!r} if m in sys.modules)\n"
    "print(status, loaded)\n"
)


def _run(cwd: Path, cache: Path) -> str:
    env = {**os.environ, "REPORT_CHECK_CACHE_HOME": str(cache)}
    env.pop("REPORT_CHECK_NO_STARTUP_CACHE", None)
    return subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True, cwd=cwd,
                          env=env).stdout.strip()


def test_text_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(tmp_path, cache)  # builds the pack cache and the plugin manifest: validates
    status, _, loaded = first.partition(" ")
    assert status == "0" and not set(ast.literal_eval(loaded)) & set(HEAVY)
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.pickle")) == ["packs", "plugins"]
    out_first = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert _run(tmp_path, cache) == "0 []"
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == out_first


def test_version_imports_nothing_of_the_engine() -> None:
    code = "import sys\nfrom checker.cli import main\nmain(['--version'])\nprint(sorted(m for m in sys.modules if m.startswith(('checker.', 'pluggy', 'yaml'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["report-check 0.1.0", "['checker.cli']"]
