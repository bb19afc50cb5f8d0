"""A text check imports only what it needs (startup cost in CI and in every pre-commit hook)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED
from tests.seeded import SEED

HEAVY = ("pdfplumber", "pdfminer", "pypdfium2", "docx", "bs4", "html5lib", "selectolax", "lxml")
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
    # the 部门决算 family's ledger kinds and models (stand-ins until a rule of theirs runs)
    "checker.rulekinds.amounts",
    "checker.rulekinds.frames",
    "checker.amounts",
    "checker.binding.coded",
    "checker.packs.ledgers",
    # output formats not asked for (stand-ins until chosen)
    "checker.formatters.sarif",
    "checker.formatters.junit",
    "checker.formatters.github",
    "checker.formatters.html_report",
    "xml.etree.ElementTree",
    "shutil",  # argparse's way to the terminal's width (commands.common.HelpFormatter asks os)
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


def test_a_pdf_check_of_a_real_report_needs_no_pdfminer(tmp_path: Path) -> None:
    """The content pre-check clears the corpus PDF from its bytes: pdfminer (~70 ms to import)
    is left for files the cheap scan cannot clear (tests/test_pdf_prescan.py)."""
    pdf = SHARED / "corpus" / "huaian-gov-2024.pdf"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from checker.engine import Engine, Settings\n"
        f"result = Engine(Settings()).check_file(Path({str(pdf)!r}))\n"
        "print(result.format, sorted(m for m in ('pdfminer', 'pdfplumber', 'pypdfium2') if m in sys.modules))\n"
    )
    env = {**os.environ, "REPORT_CHECK_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.split() == ["pdf", "['pypdfium2']"]


def test_stand_ins_answer_as_the_classes_they_stand_for() -> None:
    from checker.engine import Engine, Settings
    from checker.formatters.base import Formatter
    from checker.lazyclass import real_class
    from checker.rulekinds.amounts import Ledger
    from checker.rulekinds.frames import Frame

    kinds = Engine(Settings()).kinds
    assert real_class(kinds["ledger"]) is Ledger and real_class(kinds["frame"]) is Frame
    assert kinds["ledger"].params_schema == Ledger.params_schema and kinds["ledger"].finding_kind == Ledger.finding_kind
    assert type(kinds["ledger"]()) is Ledger
    assert (kinds["ledger"].__module__, kinds["ledger"].__qualname__) == ("checker.rulekinds.amounts", "Ledger")
    from checker.formatters import report_check_formatters

    formats = {f.name: f for f in report_check_formatters()}
    assert sorted(formats) == ["github", "html", "json", "junit", "markdown", "sarif", "text"]
    assert all(issubclass(real_class(f), Formatter) and real_class(f).name == name for name, f in formats.items())
