"""Which family of reports a document belongs to, when it is not the one its pack checks.

A 部门决算 checked with the annual-report pack (the default) got some 26 errors: every section,
table and column "missing". A repository of annual reports that receives a 决算 by mistake
should fail on it, with one finding that says what the file is and how to check it instead. So
when a document's title does not read as its pack's, the title patterns of the other families
(the built-in packs that select a member by year: ``gov``, ``budget-final``) are tried on it.
"""

from __future__ import annotations

from checker.binding.meta import find_title
from checker.extractors.base import extract_problem
from checker.finding import Finding
from checker.model import Document
from checker.packs.loader import PackRegistry
from checker.packs.model import Pack


def other_family(document: Document, pack: Pack, registry: PackRegistry,
                 first_section: int | None = None) -> tuple[Pack, str] | None:
    """The family (a selector pack) whose title the document prints, and that title, when it is
    not ``pack``'s own family; None when the document's title reads as no other family's. Only
    the lines before ``first_section`` (the first of ``pack``'s sections found) are read: an
    annual report's 总体情况 may well say "公开了2023年度部门决算"."""
    for name in registry.names:
        if registry.is_abstract(name):
            continue
        family = registry.load(name)
        members = [member for _, _, member in family.select]
        if not members or pack.name == name or pack.name in members:
            continue
        latest = registry.load(members[-1])
        title = find_title(document.blocks, first_section, latest.title_pattern)
        if title is not None:
            return family, title.text
    return None


def _kind(pack: Pack) -> tuple[str, str]:
    """What a pack checks, in a few words: its description without the parenthesis."""
    if pack.description is None:
        return pack.name, pack.name
    return pack.description.zh.split("（")[0], pack.description.en.split(" (")[0].split(",")[0]


def other_family_finding(path: str, pack: Pack, family: Pack, title: str) -> Finding:
    ours, ours_en = _kind(pack)
    theirs, theirs_en = _kind(family)
    return extract_problem(
        path,
        "EXTRACT-other-report",
        f"标题“{title}”表明这是{theirs}，不是规则包 {pack.name} 检查的{ours}；如需检查，请使用 --pack {family.name}",
        f"the title \"{title}\" makes this a {theirs_en}, not a {ours_en} (what pack {pack.name} "
        f"checks); to check it, use --pack {family.name}",
    )
