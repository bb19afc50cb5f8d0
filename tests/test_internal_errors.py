"""Our bugs are never the input's fault: damaged input vs INTERNAL, and exit status 3.

Every committed fixture file, every corpus file and every format rendering of the fixture
contents goes through the checker: none may give an ``INTERNAL`` finding, and only the files made
to be damaged may be called damaged. A bug planted in each extractor must come out as
``INTERNAL`` with its file:line, a line on stderr and exit status 3, never as "damaged".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.cli import main
from checker.engine import Engine
from checker.finding import Finding
from tests.conftest import CORPUS, ROOT
from tests.fixtures.content import huaian_2021, seed_2019, with_cell
from tests.fixtures.render_docx import render_docx
from tests.fixtures.render_html import render_html
from tests.fixtures.render_text import render_text

FIXTURES = ROOT / "tests" / "fixtures"
# Files made to be damaged: the damage each must be reported as (the rest may not be called
# damaged). broken-xref.pdf is damaged in a way pdfium repairs: it is read, so nothing is reported.
MADE_DAMAGED = {"garbage.pdf": "EXTRACT-pdf-broken", "truncated.pdf": "EXTRACT-pdf-broken",
                "mojibake.pdf": "EXTRACT-pdf-mojibake", "broken-xref.pdf": None}
_DAMAGE_WORDS = ("damaged", "broken", "corrupt")


def _inputs() -> list[Path]:
    committed = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix not in (".py", ".pyc")]
    corpus = [p for p in sorted(CORPUS.rglob("*")) if p.is_file()] if CORPUS.is_dir() else []
    return committed + corpus


def _damage(findings: list[Finding]) -> list[str]:
    return [f"{f.rule}: {f.message.en}" for f in findings
            if any(w in f.rule.lower() or w in f.message.en.lower() for w in _DAMAGE_WORDS)]


def _internal(findings: list[Finding]) -> list[str]:
    return [f.message.en for f in findings if f.rule == "INTERNAL"]


def test_corpus_is_present() -> None:
    assert (CORPUS / "huaian-gov-2024.pdf").is_file() and list((CORPUS / "budget").glob("*.pdf"))


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_no_internal_and_no_undeserved_damage(engine: Engine, path: Path) -> None:
    findings = engine.check_file(path).findings
    assert _internal(findings) == []
    if path.name in MADE_DAMAGED:
        expected = MADE_DAMAGED[path.name]
        assert [d.split(":")[0] for d in _damage(findings)] == ([expected] if expected else [])
    else:
        assert _damage(findings) == []


def test_renderings_of_every_content(engine: Engine, tmp_path: Path) -> None:
    contents = [seed_2019(), huaian_2021(), with_cell(huaian_2021(), "T3", "total", "total", "3051")]
    for n, content in enumerate(contents):
        for path in (render_docx(content, tmp_path / f"{n}.docx"), render_html(content, tmp_path / f"{n}.html"),
                     render_html(content, tmp_path / f"{n}-gbk.html", encoding="gbk"),
                     render_text(content, tmp_path / f"{n}.txt")):
            findings = engine.check_file(path).findings
            assert (_internal(findings), _damage(findings)) == ([], []), path.name


# -- a bug of ours is INTERNAL, with where it happened -----------------------------------------------

def _bug(*args: object, **kwargs: object) -> None:
    raise TypeError("byref() argument must be a ctypes instance, not 'float'")


def _check_internal(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code = main([str(path), "--format", "json", "--no-config"])
    captured = capsys.readouterr()
    assert code == 3
    assert "please report it" in captured.err and "请" in captured.err
    assert '"rule": "INTERNAL"' in captured.out
    assert "damaged" not in captured.out
    return captured.out


def test_pdf_page_bug_is_internal_not_damaged(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from checker.extractors.pdf import rulings

    monkeypatch.setattr(rulings, "_add", _bug)
    out = _check_internal(capsys, FIXTURES / "office-pdf" / "clean-2021.pdf")
    assert "TypeError: byref() argument must be a ctypes instance" in out
    # where: the innermost frame in the checker itself, and where it was raised (the planted bug)
    assert re.search(r"at checker/extractors/pdf/rulings\.py:\d+ \(raised in tests/test_internal_errors\.py:\d+\)", out)


def test_pdf_damaged_page_is_still_damage(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> None:
    import pypdfium2 as pdfium

    from checker.extractors import pdf

    real = pdf.scan_page

    def flaky(doc: object, index: int, *rest: object) -> object:
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(doc, index, *rest)

    monkeypatch.setattr(pdf, "scan_page", flaky)
    findings = engine.check_file(FIXTURES / "office-pdf" / "clean-2021.pdf").findings
    broken = [f for f in findings if f.rule == "EXTRACT-pdf-broken"]
    assert [(f.location.page, f.severity.value) for f in broken] == [(2, "warning")]
    assert _internal(findings) == []


def test_docx_bug_is_internal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                              tmp_path: Path) -> None:
    from checker.extractors import docx

    path = render_docx(huaian_2021(), tmp_path / "r.docx")
    monkeypatch.setattr(docx, "_heading_levels", _bug)
    out = _check_internal(capsys, path)
    assert "checker/extractors/docx.py:" in out


def test_docx_damage_is_damage(engine: Engine, tmp_path: Path) -> None:
    path = render_docx(huaian_2021(), tmp_path / "r.docx")
    data = bytearray(path.read_bytes())
    start = data.index(b"word/document.xml") + 40  # inside the compressed body: a bad deflate stream
    data[start:start + 64] = b"\x00" * 64
    path.write_bytes(bytes(data))
    findings = engine.check_file(path).findings
    assert [f.rule for f in findings] == ["EXTRACT-docx-invalid"]


def test_rule_bug_is_internal_with_location(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from checker.rulekinds import arithmetic

    monkeypatch.setattr(arithmetic, "_total", _bug)
    path = render_text(huaian_2021(), tmp_path / "r.txt")
    out = _check_internal(capsys, path)
    assert "rule A" in out or "rule B" in out
    assert "checker/rulekinds/arithmetic.py:" in out  # where: the innermost frame in the checker


def test_bug_outside_any_file_exits_3_with_the_traceback(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    from checker.formatters.json import JsonFormatter

    monkeypatch.setattr(JsonFormatter, "write", _bug)
    code = main([str(render_text(huaian_2021(), tmp_path / "r.txt")), "--format", "json", "--no-config"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" in err and "TypeError: byref() argument" in err
    assert err.rstrip().endswith("please report it with the output above")
