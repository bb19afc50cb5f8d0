"""A 2019-format 表二 block caption ("第二十条第（一）项") printed right above its table instead of as
the table's first row: a PDF whose page break left that row alone at the foot of a page (the
``chromium-orphan`` producer), or a web page that prints each block's caption as a paragraph.
Binding takes the caption in as the table's first row."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from checker.binding import bind
from checker.engine import Engine, Settings
from checker.model import Document, Paragraph, RawTable
from checker.normalize import norm
from tests.fixtures.content import seed_2019
from tests.fixtures.render_docx import render_docx


def _captions_out(document: Document, captions: set[str]) -> Document:
    """Every table cut at its caption rows: the caption a paragraph, the rows below a table."""
    blocks: list[object] = []
    for block in document.blocks:
        if not isinstance(block, RawTable):
            blocks.append(block)
            continue
        rows: list[tuple] = []
        for row in block.rows:
            if norm(row[0].text) in captions:
                if rows:
                    blocks.append(replace(block, rows=tuple(rows)))
                blocks.append(Paragraph(row[0].text, row[0].location))
                rows = []
            else:
                rows.append(row)
        if rows:
            blocks.append(replace(block, rows=tuple(rows)))
    return replace(document, blocks=blocks)  # type: ignore[arg-type]


def test_block_captions_above_their_tables_bind_as_inside(tmp_path: Path) -> None:
    engine = Engine(Settings())
    document = engine.extract(render_docx(seed_2019(), tmp_path / "seed.docx"))
    pack = engine.pack_for(document)
    spec = pack.table("T2")
    assert spec is not None
    captions = {norm(b.caption) for b in spec.blocks if b.caption}
    assert len(captions) == 5
    inside = bind(document, pack, engine.settings.params).tables["T2"]
    moved = _captions_out(document, captions)
    assert sum(isinstance(b, RawTable) for b in moved.blocks) > sum(isinstance(b, RawTable) for b in document.blocks)
    outside = bind(moved, pack, engine.settings.params).tables["T2"]
    assert not outside.missing_rows and not outside.missing_columns
    assert {k: c.value.raw for k, c in outside.cells.items()} == {k: c.value.raw for k, c in inside.cells.items()}
    assert len(inside.cells) >= 20
