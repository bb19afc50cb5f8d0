"""What the repository rules need of one bound report, small and picklable.

The per-file phase (in a worker process) builds a :class:`ReportSummary` from the bound
:class:`~checker.report.Report` and hands it back on the :class:`~checker.finding.FileResult`, so the
repository phase never extracts a file twice: identity (agency, year, format version), every table
cell as ``"T3.carried_out.natural" → (number, raw, location)``, the section headings' locations and
the text fingerprints of sections 一 and 五 for the copy check (W9).
"""

from __future__ import annotations

import json
import re
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from msgspec import Struct, field

from checker.model import Location, Paragraph
from checker.normalize import norm_pieces
from checker.repository.identity import agency_key
from checker.values import format_number

if TYPE_CHECKING:
    from checker.report import Report

# Sections compared for copies (W9): 一、总体情况 and 五、存在的主要问题及改进情况.
COPY_SECTIONS = ("S1", "S5")
SHINGLE = 5  # characters per shingle: long enough that shared stock phrases are a small share
SIGNATURE_SIZE = 30  # MinHash values per report: 10 LSH bands of 3
# Characters of 一 + 五 shingled for the copy check. A real report's are 1,000-5,000; without a
# bound a page of millions held a set of millions of ints (~80 MB a million) for the check and
# the result cache.
COPY_CHARS = 100_000
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_NOISE = re.compile(r"[\s\W_]+")
# One hash h(x) = (a*x + b) mod 2**61-1 spreads the crc32 values; one-permutation hashing then
# cuts its range into SIGNATURE_SIZE bins and keeps each bin's minimum: one pass over the shingles
# instead of one per signature value (~0.2 ms a report instead of ~6 ms).
_PRIME = (1 << 61) - 1
_A, _B = 0x9E3779B97F4A7C15 % _PRIME, 0xC2B2AE3D27D4EB4F % _PRIME


class CellSummary(NamedTuple):
    number: str | None  # normal form ("767", "113.96"); None when blank, "/" or not a number
    raw: str
    path: str
    where: tuple[Any, ...]  # the cell's Location fields after ``path``, trailing blanks dropped

    @property
    def location(self) -> Location:
        return Location(self.path, *self.where)


class ReportSummary(Struct, frozen=True, dict=True):  # dict: room for the cached properties
    """One report as the repository rules see it. The cells and the shingles, nine tenths of it,
    are kept packed (a few KB) and unpacked only for the reports a rule pairs: a repository run
    holds every report's summary, and a cached one is read back from JSON on every run."""

    path: str
    agency: str | None
    agency_key: str | None  # the agency normalised for matching across years (see identity.py)
    year: int | None
    version: str | None
    pack: str
    title_location: Location | None
    packed_cells: bytes = b""  # see pack_cells
    sections: dict[str, Location] = field(default_factory=dict)  # section id → heading location
    text_chars: int = 0  # characters of 一 + 五 after normalisation
    packed_shingles: bytes = b""  # see pack_shingles
    signature: tuple[int, ...] = ()  # MinHash of ``shingles`` (empty when the text is too short)

    @cached_property
    def cells(self) -> dict[str, CellSummary]:
        """Every table cell by ``"T3.carried_out.natural"``; its location names this summary's path
        (a cached result whose file moved is re-pathed with ``msgspec.structs.replace``)."""
        rows = json.loads(unpack(self.packed_cells)) if self.packed_cells else []
        return {key: CellSummary(number, raw, self.path, _where(where)) for key, number, raw, where in rows}

    @cached_property
    def shingles(self) -> frozenset[int]:
        """crc32 of the 5-character shingles of 一 + 五."""
        values = array("I")
        values.frombytes(self.packed_shingles)
        if sys.byteorder == "big":
            values.byteswap()
        return frozenset(values)

    def value(self, key: str) -> CellSummary | None:
        return self.cells.get(key)


# Packed forms. Cells: zlib-compressed JSON rows [key, number, raw, where] (JSON, like the result
# cache that stores them: a repository's cache is someone else's input, and nothing read from it
# may run code). Shingles: the sorted values as little-endian uint32 (crc32 values fit).
MAX_UNPACKED = 64 * 1024 * 1024  # a packed blob from a damaged or planted cache entry stops here


def pack_cells(cells: Iterable[tuple[str, str | None, str, Location]]) -> bytes:
    rows = [[key, number, raw, _compact(location)] for key, number, raw, location in cells]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def unpack(blob: bytes) -> bytes:
    """The blob's bytes, checked (zlib's own checksum) and bounded: ValueError when damaged."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(blob, MAX_UNPACKED)
    except zlib.error as exc:
        raise ValueError(f"damaged packed cells: {exc}") from exc
    if not inflater.eof or inflater.unconsumed_tail:
        raise ValueError("packed cells truncated or over the size bound")
    return out


def pack_shingles(values: Iterable[int]) -> bytes:
    packed = array("I", sorted(values))  # "I" is 4 bytes on every platform CPython supports
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _compact(location: Location) -> list[Any]:
    values = [getattr(location, name) for name in _WHERE]
    while values and values[-1] is None:
        values.pop()
    return values


def _where(values: list[Any]) -> tuple[Any, ...]:
    if len(values) > _BBOX and values[_BBOX] is not None:
        values = [*values[:_BBOX], tuple(values[_BBOX]), *values[_BBOX + 1 :]]
    return tuple(values)


_WHERE = [name for name in Location.__struct_fields__ if name != "path"]
_BBOX = _WHERE.index("bbox")


def copy_text(report: Report) -> str:
    """Sections 一 and 五 as compared for copies: canonical form, numbers masked, punctuation out.
    Numbers are masked so that a copy with this year's figures typed in is still a copy."""
    return "".join(copy_pieces(report))


def copy_pieces(report: Report) -> Iterator[str]:
    """:func:`copy_text` in pieces (each after the first starts with an ideograph, which neither
    pattern takes): a substitution over a whole long section keeps a string of every piece between
    two matches, and the summary needs only the text's first COPY_CHARS characters and its length."""
    regions = [report.region(section_id) or [] for section_id in COPY_SECTIONS]
    texts = (b.text for region in regions for b in region if isinstance(b, Paragraph))
    return (_NOISE.sub("", _DIGITS.sub("#", piece)) for piece in norm_pieces(texts))


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    # crc32, not hash(): worker processes salt str hashes differently
    return frozenset(zlib.crc32(text[i : i + size].encode()) for i in range(max(0, len(text) - size + 1)))


def minhash(values: frozenset[int]) -> tuple[int, ...]:
    """A MinHash signature by one-permutation hashing, empty bins filled from the next bin to the
    right (rotation densification), so that two texts agree in a position with probability ≈ their
    Jaccard similarity."""
    if not values:
        return ()
    size = SIGNATURE_SIZE
    empty = _PRIME
    mins = [empty] * size
    for v in values:
        q, b = divmod((_A * v + _B) % _PRIME, size)  # bin b, value q within it
        if q < mins[b]:  # noqa: PLR1730 - not min(): a call per value was a third of the loop
            mins[b] = q
    out = list(mins)
    for i in range(size):
        j = 1
        while out[i] == empty and j < size:
            donor = mins[(i + j) % size]
            if donor != empty:
                out[i] = donor + j * (_PRIME // size)  # offset per distance, so a borrowed value differs from an own one
            j += 1
    return tuple(out)


def summarize(report: Report) -> ReportSummary:
    cells = [
        (f"{table_id}.{row}.{column}", format_number(cell.value.number) if cell.value.is_numeric else None,
         cell.value.raw, cell.location)
        for table_id, table in report.tables.items()
        for (row, column), cell in table.cells.items()
    ]
    sections: dict[str, Location] = {}
    for match in report.sections:
        sections.setdefault(match.id, match.location)
    prefix: list[str] = []
    chars = kept = 0
    for piece in copy_pieces(report):
        chars += len(piece)
        if kept < COPY_CHARS:
            prefix.append(piece[: COPY_CHARS - kept])
            kept += len(prefix[-1])
    grams = shingles("".join(prefix))
    return ReportSummary(
        path=report.path,
        agency=report.agency,
        agency_key=agency_key(report.agency) if report.agency else None,
        year=report.year,
        version=report.pack.version,
        pack=report.pack.name,
        title_location=report.title_location,
        packed_cells=pack_cells(cells),
        sections=sections,
        text_chars=chars,
        packed_shingles=pack_shingles(grams),
        signature=minhash(grams),
    )
