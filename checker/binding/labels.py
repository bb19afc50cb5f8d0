"""Near-misses of fixed labels: when a printed label is the template's with a typo.

Real reports misspell fixed labels ("2.其他法律行政止公开", "属于三类内容事务信息"). Such a row is
the template's row, not a missing one, but only when that is the one sensible reading:

- close: the edit distance (insertions, deletions, substitutions of characters, after
  normalisation) is at most a quarter of the label's length, and at least one edit is allowed;
- long enough: labels shorter than :data:`MIN_LENGTH` ("规章", "行政许可") are never near-matched,
  a typo there is as likely another word;
- unique: no other label of the table is as close to the printed text (a text between two rows'
  labels binds to neither);
- in place: the binders look for it only between the rows found on either side of it in the
  template's order.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_LENGTH = 6  # canonical characters
SHARE = 4  # at most len(label) // SHARE edits (at least 1)


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance; stops early above ``limit`` (returning ``limit + 1``)."""
    if abs(len(a) - len(b)) > (limit if limit is not None else len(a) + len(b)):
        return (limit or 0) + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed(label: str) -> int:
    """How many edits a printed label may differ from ``label`` by (0: never near-matched)."""
    if len(label) < MIN_LENGTH:
        return 0
    return max(1, len(label) // SHARE)


def near(text: str, labels: Iterable[str]) -> int | None:
    """The fewest edits from ``text`` to one of ``labels`` (a row's label and aliases), when
    within what that label allows; None when none is close."""
    best: int | None = None
    for label in labels:
        limit = allowed(label)
        if not limit:
            continue
        d = edit_distance(text, label, limit)
        if d <= limit and (best is None or d < best):
            best = d
    return best


def unique(text: str, distance: int, others: Iterable[str]) -> bool:
    """Whether no other label is as close to ``text`` as ``distance`` edits."""
    return all(edit_distance(text, other, distance) > distance for other in others)
