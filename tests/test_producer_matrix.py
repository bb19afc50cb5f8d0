"""The PDF producer matrix (tests/fixtures/matrix.py): every fixture content through every
producer gives exactly the findings the DOCX of the same content gives (the clean ones none), and
every value cell of 表二, 表三 and 表四 is read and bound to its row and column.

PDFs are generated at test time (LibreOffice's are committed in office-pdf/); a producer whose
program is missing skips, except under ``.ci/run`` (``REPORT_CHECK_REQUIRE_TOOLS=1``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Engine, Settings
from checker.plugins import BUILTIN_PLUGINS
from tests.fixtures.matrix import (
    CONTENTS,
    PRODUCERS,
    SEEDED,
    Summary,
    accuracy_rows,
    cell_score,
    make_all,
    markdown,
    reference,
    summary,
)
from tests.fixtures.render_drawn import render_drawn
from tests.tools import TOOLS, require

CASES = [(p.name, c) for p in PRODUCERS.values() for c in (p.contents or tuple(CONTENTS))]


@pytest.fixture(scope="module")
def pdf_engine() -> Engine:
    plugins = (*BUILTIN_PLUGINS, "checker.extractors.pdf", "checker.extractors.docx")
    return Engine(Settings(plugins=plugins, entry_points=False))


@pytest.fixture(scope="module")
def references(pdf_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Summary]]:
    folder = tmp_path_factory.mktemp("reference")
    return {name: reference(pdf_engine, name, folder) for name in CONTENTS}


def test_references_carry_their_seeded_defect(references: dict[str, list[Summary]]) -> None:
    assert sorted(SEEDED) == sorted(CONTENTS)
    for name, seeded in SEEDED.items():
        found = [(s[0], *s[2:]) for s in references[name]]
        if seeded is None:
            assert found == [], name
        else:
            assert seeded in found, name


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every file of the matrix whose producer is installed."""
    return make_all(tmp_path_factory.mktemp("matrix"))


@pytest.mark.parametrize(("producer", "content"), CASES, ids=[f"{p}-{c}" for p, c in CASES])
def test_producer_gives_exactly_the_findings_and_reads_every_cell(
        pdf_engine: Engine, references: dict[str, list[Summary]], made: dict[tuple[str, str], Path],
        producer: str, content: str) -> None:
    spec = PRODUCERS[producer]
    for tool in spec.tools:
        require(tool)
    path = made[(producer, content)]
    assert path.read_bytes().startswith(b"%PDF-")
    result = pdf_engine.check_file(path)
    if spec.expected is not None:
        assert summary(result) == list(spec.expected)
        return
    assert summary(result) == references[content]
    printed = CONTENTS[content]()
    assert (result.format, result.agency) == ("pdf", printed.agency)
    correct, total, wrong = cell_score(pdf_engine, path, printed)
    assert (correct, wrong) == (total, []) and total >= 190


def test_drawn_pdfs_are_reproducible(tmp_path: Path) -> None:
    content = CONTENTS["wrong-total"]()
    for options in ({"style": "bezier"}, {"style": "filled", "t3_break": 3, "rotated": True, "logo": True}):
        first = render_drawn(content, tmp_path / "a.pdf", **options).read_bytes()  # type: ignore[arg-type]
        second = render_drawn(content, tmp_path / "b.pdf", **options).read_bytes()  # type: ignore[arg-type]
        assert first == second


def test_drawn_styles_draw_what_they_say(tmp_path: Path) -> None:
    """The style really changes the drawing operators (a fixture that drew the same thing under
    six names would prove nothing)."""
    import base64
    import re
    import zlib

    def ops(style: str) -> bytes:
        """The page content streams (reportlab writes them ASCII85 + Flate encoded)."""
        data = render_drawn(CONTENTS["clean-2021"](), tmp_path / f"{style}.pdf", style=style).read_bytes()
        streams = re.findall(rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream",
                             data, re.DOTALL)
        assert streams
        return b"".join(zlib.decompress(base64.a85decode(s.strip().removesuffix(b"~>"), adobe=False)) for s in streams)

    bezier, filled, hairline, shaded, frame = (ops(s) for s in ("bezier", "filled", "hairline", "shaded", "frame"))
    assert b" c\n" in bezier or b" c " in bezier  # curveto
    assert b" re f" in filled and b" re S" not in filled.replace(b" re f", b"")  # filled, never stroked
    assert b".25 w" in hairline
    assert b".85 g" in shaded
    assert b"2.5 w" in frame


def test_accuracy_doc_is_current(pdf_engine: Engine, references: dict[str, list[Summary]],
                                 made: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    """docs/accuracy.md is what benchmarks/accuracy.py writes from the checker as it is now."""
    for tool in TOOLS:
        if tool != "soffice":  # LibreOffice's PDFs are committed
            require(tool)
    doc = Path(__file__).resolve().parents[1] / "docs" / "accuracy.md"
    engine = Engine(Settings())
    expected = markdown(accuracy_rows(engine, made, tmp_path, references))
    assert doc.read_text(encoding="utf-8") == expected, (
        "docs/accuracy.md is out of date: run PYTHONPATH=. python benchmarks/accuracy.py --write")
    assert "**yes**" in expected  # every row: 100 % of cells, 0 false errors, every seeded defect
