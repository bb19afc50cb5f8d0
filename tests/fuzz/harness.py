"""Mutation fuzzing of the extractors: real report files, mutated, checked end to end.

Seeds are real inputs of each format: the corpus report as text and Markdown, the 2021 report
rendered as DOCX and HTML (tests/fixtures), and the committed PDF fixtures. A mutation is chosen
from bytes (``random.Random(seed)``, so a failing input is reproduced by its seed alone):

- bytes: flip, delete, duplicate or overwrite a span; splice in a hostile token;
- DOCX: the same on ``word/document.xml`` (or numbering/styles) inside the zip, then re-zipped,
  plus attribute values swapped for hostile ones (``abc``, ``1e8``, ``-1``, ``NaN``);
- HTML and text: the same on the text, with tokens such as ``colspan="100000000"``, ``<div>``
  runs, ``&amp;`` runs, ``|`` rows, long lines.

The oracle (:func:`check`): the engine returns a result for the file (it is listed), no finding is
``INTERNAL`` (an exception of ours, not a property of the input), and the file takes less than
its wall-time limit. ``python -m tests.fuzz.run`` runs many inputs and prints the figures that
``docs/reliability.md`` records; ``tests/fuzz/test_fuzz.py`` runs a short deterministic sample.
"""

from __future__ import annotations

import io
import random
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from checker.engine import Engine
from checker.finding import FileResult
from tests.conftest import ROOT, SHARED

FORMATS = ("text", "markdown", "docx", "html", "pdf")
SUFFIX = {"text": ".txt", "markdown": ".md", "docx": ".docx", "html": ".html", "pdf": ".pdf"}
HOSTILE_VALUES = ["abc", "restart", "1.5", "NaN", "-1", "0", "100000000", "2000000000", "", "1e8", "%1" * 50]
HOSTILE_TOKENS = [
    b'colspan="100000000"', b'rowspan="0"', b"<div>" * 50, b"&amp;" * 50, b"<table><tr><td>", b"</table>",
    b"| 1 | 2 | 3 |\n" * 5, b"\t0\t0\n", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"\r", b"\f",
    "一、总体情况\n".encode(), "（七）总计".encode(), b"9" * 40, b"<w:tbl>", b"</w:p>",
    b'<w:gridSpan w:val="100000000"/>', b'<w:ilvl w:val="abc"/>', b"stream\n", b"endobj", b"/FlateDecode",
]


@cache
def seed(fmt: str) -> bytes:
    """The unmutated input of a format."""
    if fmt in ("text", "markdown"):
        text = (SHARED / "corpus" / "yuncheng-transport-2020.txt").read_bytes()
        return text if fmt == "text" else (ROOT / "examples" / "example-2021.md").read_bytes()
    if fmt == "pdf":
        return (ROOT / "tests" / "fixtures" / "office-pdf" / "clean-2021.pdf").read_bytes()
    import tempfile

    from tests.fixtures.content import huaian_2021

    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "docx":
            from tests.fixtures.render_docx import render_docx

            return render_docx(huaian_2021(), Path(tmp) / "s.docx").read_bytes()
        from tests.fixtures.render_html import render_html

        return render_html(huaian_2021(), Path(tmp) / "s.html").read_bytes()


# -- mutations ------------------------------------------------------------------------------------


def mutate_bytes(data: bytes, rng: random.Random, rounds: int = 3) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, rounds)):
        if not buf:
            buf += rng.choice(HOSTILE_TOKENS)
            continue
        at = rng.randrange(len(buf))
        span = rng.randint(1, min(64, len(buf) - at))
        action = rng.randrange(6)
        if action == 0:  # flip bits
            for i in range(at, at + span):
                buf[i] ^= 1 << rng.randrange(8)
        elif action == 1:  # delete
            del buf[at:at + span]
        elif action == 2:  # duplicate a span many times
            buf[at:at] = bytes(buf[at:at + span]) * rng.choice((2, 10, 200))
        elif action == 3:  # a hostile token
            buf[at:at] = rng.choice(HOSTILE_TOKENS)
        elif action == 4:  # overwrite with random bytes
            buf[at:at + span] = bytes(rng.randrange(256) for _ in range(span))
        else:  # truncate
            del buf[at:]
    return bytes(buf)


_ATTRIBUTE = re.compile(rb'(w:val|w:ilvl|w:numId|colspan|rowspan)="[^"]*"')


def mutate_values(data: bytes, rng: random.Random) -> bytes:
    """Swap some attribute values for hostile ones (numbering, spans, levels)."""
    matches = list(_ATTRIBUTE.finditer(data))
    if not matches:
        return mutate_bytes(data, rng)
    out = bytearray(data)
    for match in sorted(rng.sample(matches, min(len(matches), rng.randint(1, 4))), key=lambda m: -m.start()):
        value = rng.choice(HOSTILE_VALUES).encode()
        out[match.start():match.end()] = match.group(1) + b'="' + value + b'"'
    return bytes(out)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Mutate one XML part inside the package (or, sometimes, the zip bytes themselves)."""
    if rng.random() < 0.2:
        return mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        members = [(info, zin.read(info)) for info in zin.infolist()]
    names = [i.filename for i, _ in members if i.filename.startswith("word/") and i.filename.endswith(".xml")]
    target = rng.choice([n for n in names if n in ("word/document.xml", "word/numbering.xml", "word/styles.xml")] or names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, original in members:
            content = original
            if info.filename == target:
                content = mutate_values(original, rng) if rng.random() < 0.5 else mutate_bytes(original, rng)
            zout.writestr(info.filename, content)
    return out.getvalue()


MUTATORS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "text": mutate_bytes,
    "markdown": mutate_bytes,
    "docx": mutate_docx,
    "html": lambda data, rng: mutate_values(data, rng) if rng.random() < 0.3 else mutate_bytes(data, rng),
    "pdf": mutate_bytes,
}


@cache
def seeds(fmt: str) -> tuple[bytes, ...]:
    """Every seed of a format: for DOCX also a package with list numbering and merged cells
    (the rendered report has neither a numbering part nor gridSpan values to mutate)."""
    if fmt != "docx":
        return (seed(fmt),)
    import tempfile

    from tests.hostile.make_hostile import TITLE, W_NS, _numbering, _paragraph, write_docx

    cell = '<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>'
    table = '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' + f"<w:tr>{cell}</w:tr>" * 3 + "</w:tbl>"
    body = _paragraph(TITLE) + "".join(_paragraph(t, ("0", "1")) for t in ("总体情况", "主动公开政府信息情况")) + table
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with tempfile.TemporaryDirectory() as tmp:
        write_docx(Path(tmp) / "n.docx", document, _numbering("1"))
        return (seed(fmt), (Path(tmp) / "n.docx").read_bytes())


def mutant(fmt: str, case: int) -> bytes:
    """The input number ``case`` of a format: the same bytes for the same numbers, every time."""
    rng = random.Random(f"{fmt}:{case}")
    return MUTATORS[fmt](rng.choice(seeds(fmt)), rng)


# -- the oracle -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    result: FileResult
    seconds: float

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.result.findings]


@dataclass
class Tally:
    """What a fuzz run saw, per format."""

    tried: int = 0
    crashes: list[str] = field(default_factory=list)  # "case N: message"
    limits: int = 0
    unreadable: int = 0
    max_seconds: float = 0.0


def check(engine: Engine, folder: Path, fmt: str, case: int) -> Outcome:
    """Write mutant ``case`` and check it; raise AssertionError naming the case when the oracle fails."""
    path = folder / f"{fmt}-{case}{SUFFIX[fmt]}"
    path.write_bytes(mutant(fmt, case))
    start = time.monotonic()
    result = engine.check_file(path)
    seconds = time.monotonic() - start
    outcome = Outcome(result, seconds)
    internal = [f.message.en for f in result.findings if f.rule == "INTERNAL"]
    assert result.path == str(path), f"{fmt} case {case}: the result names another file"
    assert not internal, f"{fmt} case {case}: INTERNAL: {internal[0]}"
    limit = engine.settings.limits.time_seconds
    assert seconds < limit, f"{fmt} case {case}: {seconds:.1f}s, over the {limit}s limit"
    path.unlink()
    return outcome
