"""Tables without ruling lines, rebuilt from text positions (stub)."""

from __future__ import annotations

from collections.abc import Sequence

from checker.extractors.pdf.grid import Piece
from checker.extractors.pdf.layout import Line


def find_text_tables(page: int, lines: Sequence[Line]) -> tuple[list[Piece], set[int]]:
    return [], set()
