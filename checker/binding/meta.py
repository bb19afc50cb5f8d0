"""The report's metadata: title, agency, report year, stated period, closing block."""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

from checker.model import Block, Location, Paragraph
from checker.normalize import cn_number, norm
from checker.report import ClosingBlock

_CN = "〇零○O一二三四五六七八九十"
DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{_CN}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日"
)
PERIOD = re.compile(r"统计期限[^。]{0,12}?(?P<y>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_SEAL = re.compile(r"\((?:印章|盖章|公章|章)\)")  # "（印章）" printed where the seal goes (canonical form)
_BREADCRUMB = re.compile(r"[>›»]|(?:当前|所在|现在)?(?:的)?位置[:：]")
TITLE_WINDOW = 6  # paragraphs before the first section that may hold the title
CLOSING_LINE_MAX = 30  # canonical characters in a closing line


class Title(Struct, frozen=True):
    text: str
    location: Location
    agency: str | None
    year: int | None


def parse_date(text: str) -> date | None:
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = (cn_number(match.group(k)) for k in ("y", "m", "d"))
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_title(blocks: list[Block], first_section: int | None, pattern: str | None) -> Title | None:
    """The title: the first lines before the first section, joined (agency and year may be split)."""
    if not pattern:
        return None
    end = first_section if first_section is not None else min(len(blocks), 20)
    paragraphs = [b for b in blocks[:end] if isinstance(b, Paragraph)]
    regex = re.compile(pattern)
    for start in range(len(paragraphs)):
        joined = ""
        for p in paragraphs[start : start + TITLE_WINDOW]:
            joined += norm(p.text)
            match = regex.search(joined)
            if match:
                year_text = match.group("year")
                groups = match.groupdict()
                agency = _clean_agency(groups.get("agency")) or _clean_agency(groups.get("agency_after"))
                return Title(joined[: match.end()], paragraphs[start].location, agency, cn_number(year_text))
            if len(joined) > 80:
                break
    return None


def _clean_agency(agency: str | None) -> str | None:
    """"XX局关于2023年…" → "XX局"; an empty match → None."""
    if not agency:
        return None
    # A web page printed to PDF puts the site's navigation and breadcrumb ("当前位置：首页 > 政务公开 >
    # 淮安市人民政府2024年…") before the title: the agency is what follows the last separator.
    agency = _BREADCRUMB.split(agency)[-1]
    agency = re.sub(r"(关于|的)$", "", agency)
    return agency or None


def find_period_year(blocks: list[Block]) -> tuple[int, str, Location] | None:
    """The year of a stated 统计期限 ("…统计期限自2020年1月1日起至2020年12月31日止")."""
    for block in blocks:
        if isinstance(block, Paragraph) and "统计期限" in block.text:
            match = PERIOD.search(norm(block.text))
            if match:
                return int(match.group("y")), block.text.strip(), block.location
    return None


def find_closing(blocks: list[Block], last_section: int | None, max_distance: int) -> ClosingBlock | None:
    """Agency and date after the last section: a short date line, the agency line just above it."""
    if last_section is None:
        return None
    tail = [(i, b) for i, b in enumerate(blocks) if i > last_section and isinstance(b, Paragraph)]
    for stop, (_, p) in enumerate(tail):
        if norm(p.text).startswith("附件"):
            tail = tail[:stop]
            break
    tail = tail[-max_distance:]
    for pos in range(len(tail) - 1, -1, -1):
        _, p = tail[pos]
        text = norm(p.text)
        if len(text) > CLOSING_LINE_MAX or not DATE.search(text):
            continue
        before_date = DATE.split(text)[0] if DATE.search(text) else ""
        agency, agency_loc = (before_date or None), (p.location if before_date else None)
        if agency is None and pos > 0:
            prev = norm(tail[pos - 1][1].text)
            if 2 <= len(prev) <= CLOSING_LINE_MAX and not prev.endswith((".", ":", ";")):
                agency, agency_loc = prev, tail[pos - 1][1].location
        if agency is not None:
            agency = _SEAL.sub("", agency) or None
        return ClosingBlock(agency, agency_loc, p.text.strip(), parse_date(text), p.location)
    return None
