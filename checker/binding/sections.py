"""Finding the template's section headings among a document's paragraphs.

Text and PDF carry no heading markup, so a top-level heading is recognised by its shape (a
Chinese numeral and 、 and a short title) and then matched to the pack's headings after
normalisation. A reworded heading ("五、政府信息公开工作存在的主要问题及改进情况") is still that
section, marked not exact; a numbered line that matches no section is an extra heading.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from msgspec import Struct

from checker.model import Block, Paragraph
from checker.normalize import norm, similarity
from checker.packs.model import Pack, SectionSpec
from checker.report import SectionMatch

_TOP = re.compile(r"^([一二三四五六七八九十]{1,3})[、.,]")
MAX_HEADING = 40  # canonical characters; longer numbered lines are prose or table labels
NEAR_SAME_NUMBER = 0.5
NEAR_OTHER_NUMBER = 0.8


class Extra(Struct, frozen=True):
    text: str
    paragraph: Paragraph
    block: int


def _body_uncached(text: str) -> str:
    return _TOP.sub("", text, count=1)


# Memoised outside the def, so that mutation testing (mutmut leaves decorated functions alone)
# still reaches the function itself. Asked for every paragraph × every section label.
_body = lru_cache(maxsize=4096)(_body_uncached)


def table_labels(pack: Pack) -> list[str]:
    labels: list[str] = []
    for table in pack.tables:
        for block in table.blocks:
            for row in block.rows:
                labels.extend(norm(x) for x in (row.label, *row.aliases, *row.groups) if x)
    return [label for label in labels if _TOP.match(label)]


def _is_candidate(text: str, table_labels: list[str]) -> bool:
    if not _TOP.match(text) or len(text) > MAX_HEADING or len(_body(text)) < 2:
        return False
    if text.endswith((".", ";")):
        return False  # a sentence, not a title
    return not any(text.startswith(label) or label.startswith(text) for label in table_labels)


def _score(text: str, spec: SectionSpec) -> tuple[float, bool]:
    """Similarity of a candidate to a section; and whether it is an exact match."""
    options = [norm(x) for x in (spec.label, *spec.aliases)]
    if text in options:
        return 1.0, True
    same_number = _TOP.match(text) and _TOP.match(options[0]) and _TOP.match(text).group(1) == _TOP.match(options[0]).group(1)  # type: ignore[union-attr]
    threshold = NEAR_SAME_NUMBER if same_number else NEAR_OTHER_NUMBER
    best = 0.0
    for option in options:
        body, target = _body(text), _body(option)
        contained = bool(target) and (target in body or body in target)
        # below the threshold a score counts as 0.0: its ratio need not be computed
        score = similarity(body, target, 0.0 if contained else threshold)
        if contained:
            score = max(score, 0.75)
        best = max(best, score)
    return (best if best >= threshold else 0.0), False


def _exact_prefix(text: str, pack: Pack) -> SectionSpec | None:
    if not _TOP.match(text) or len(text) <= MAX_HEADING:
        return None
    for spec in pack.sections:
        for option in (spec.label, *spec.aliases):
            if text.startswith(norm(option)):
                return spec
    return None


_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}")
# A number standing alone between spaces: a table value, which no heading prints three of.
_VALUE = re.compile(r"(?<!\S)\d+(?:\.\d+)?(?!\S)")


def _unnumbered(text: str, pack: Pack) -> SectionSpec | None:
    if len(text) > MAX_HEADING:
        return None
    for spec in pack.sections:
        label = norm(spec.label)
        body = _body(label)
        numeral = _NUMERAL.match(label)
        if text == body or (numeral and text == numeral.group(0) + body):
            return spec
    return None


def match_heading(
    text: str, pack: Pack, labels: list[str] | None = None
) -> tuple[SectionSpec, bool] | Literal[False] | None:
    """Which section a line of text heads, and whether exactly; None when it is no heading;
    False when it is shaped like a top-level heading but matches no section (an extra)."""
    labels = table_labels(pack) if labels is None else labels
    if len(_VALUE.findall(text)) >= 3:
        return None  # a table row laid out with spaces ("三、本 （一）予以公开  1288 21 0 …")
    text = norm(text)
    if not _is_candidate(text, labels):
        # A heading run into its first sentence ("一、总体情况2023年，我局……") still counts,
        # but only when it is the format's exact heading.
        spec = _exact_prefix(text, pack)
        if spec is not None:
            return spec, True
        # The heading without its 、 or without its numeral ("一 总体情况", "总体情况"): the
        # section is there, its heading is off the format (a near-miss, not a missing section).
        spec = _unnumbered(text, pack)
        return (spec, False) if spec is not None else None
    scored = [(_score(text, spec), spec) for spec in pack.sections]
    (score, exact), spec = max(scored, key=lambda item: item[0][0])
    if score <= 0:
        return False
    return spec, exact


def find_sections(blocks: list[Block], pack: Pack) -> tuple[list[SectionMatch], list[Extra]]:
    """Every occurrence of a template heading (duplicates included), and unmatched headings."""
    labels = table_labels(pack)
    matches: list[SectionMatch] = []
    extras: list[Extra] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        found = match_heading(block.text, pack, labels)
        if found is False:
            extras.append(Extra(block.text, block, index))
        elif found:
            spec, exact = found
            matches.append(SectionMatch(spec.id, spec.label, block.text, block.location, index, exact))
    return _prefer_exact(_without_contents_list(matches), extras)


def _without_contents_list(matches: list[SectionMatch]) -> list[SectionMatch]:
    """A table of contents (目录): of three or more headings on consecutive lines, those that
    appear again later in the body are not where the sections are."""
    out: list[SectionMatch] = []
    i = 0
    while i < len(matches):
        j = i
        while j + 1 < len(matches) and matches[j + 1].block - matches[j].block <= 2:
            j += 1
        run = matches[i : j + 1]
        if len(run) >= 3:
            # Keep only the entries that do not come again after them (the body's own heading
            # may follow the list directly).
            run = [m for k, m in enumerate(run) if all(m.id != n.id for n in matches[i + k + 1 :])]
        out.extend(run)
        i = j + 1
    return out


def _prefer_exact(matches: list[SectionMatch], extras: list[Extra]) -> tuple[list[SectionMatch], list[Extra]]:
    """A section found exactly and also as a near-miss elsewhere: the near-miss is a sub-heading
    (a second numbering system inside 一、总体情况), an extra heading, not a duplicate section."""
    exact_ids = {m.id for m in matches if m.exact}
    kept = [m for m in matches if m.exact or m.id not in exact_ids]
    demoted = [m for m in matches if not m.exact and m.id in exact_ids]
    extras = extras + [Extra(m.found, Paragraph(m.found, m.location), m.block) for m in demoted]
    return kept, sorted(extras, key=lambda e: e.block)


def first_occurrences(matches: list[SectionMatch]) -> list[SectionMatch]:
    seen: set[str] = set()
    out = []
    for match in matches:
        if match.id not in seen:
            seen.add(match.id)
            out.append(match)
    return out
