"""Finding near-copies among many reports fast: MinHash signatures, LSH bands, then exact shares.

Comparing every pair of full texts is quadratic; here each report's signature (computed per file,
in the workers) is cut into bands, and only reports that agree on a whole band become candidates.
A candidate's Jaccard similarity is first estimated from the signatures and only a plausible one is
measured exactly on the shingle sets. Only the pairs W9 asks about are kept: the same agency a year
apart, or two agencies of the same year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from checker.repository.identity import same_agency
from checker.repository.summary import SIGNATURE_SIZE, ReportSummary
from checker.rulekinds.repository import Similar

BAND = 3  # rows per band: 10 bands; a pair with Jaccard 0.6 becomes a candidate with p ≈ 0.9
MIN_CHARS = 80  # shorter 一 + 五 texts ("无。") are not compared: identical emptiness is not a copy
MAX_PARTNERS = 32  # per band: pairs with at most this many earlier members of the same bucket
ESTIMATE_FLOOR = 0.35  # below this estimated Jaccard a candidate is not measured exactly


def _relation(a: ReportSummary, b: ReportSummary) -> str | None:
    if a.year is None or b.year is None or a.agency_key is None or b.agency_key is None:
        return None
    same = same_agency(a.agency_key, b.agency_key)
    if same and abs(a.year - b.year) == 1:
        return "previous"
    if not same and a.year == b.year:
        return "peer"
    return None


def find_similar(summaries: Iterable[ReportSummary], checked: set[str]) -> dict[str, list[Similar]]:
    """For each checked report (by path): the reports it shares text with, as W9 compares them.
    A pair belongs to the later report (the later year; the later path for peers)."""
    items = [s for s in summaries if s.text_chars >= MIN_CHARS and len(s.signature) == SIGNATURE_SIZE]
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for index, summary in enumerate(items):
        for start in range(0, SIGNATURE_SIZE, BAND):
            buckets[(start, summary.signature[start : start + BAND])].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        # A band shared by many reports (a text every agency copied, or one report checked many
        # times) pairs each member with the few before it only: one copy is enough to report.
        for i, later_index in enumerate(members):
            pairs.update((earlier_index, later_index) for earlier_index in members[max(0, i - MAX_PARTNERS) : i])
    out: dict[str, list[Similar]] = defaultdict(list)
    for a_index, b_index in sorted(pairs):
        a, b = items[a_index], items[b_index]
        if a.path == b.path:
            continue
        relation = _relation(a, b)
        if relation is None:
            continue
        estimate = sum(x == y for x, y in zip(a.signature, b.signature)) / SIGNATURE_SIZE
        if estimate < ESTIMATE_FLOOR:
            continue
        later, earlier = (a, b) if (a.year or 0, a.path) > (b.year or 0, b.path) else (b, a)
        if later.path not in checked:
            continue
        share = len(later.shingles & earlier.shingles) / len(later.shingles)
        out[later.path].append(Similar(earlier, share, relation))
    return out
