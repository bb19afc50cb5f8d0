"""Which agency a report is for, normalised so that one agency's reports of different years meet.

Real titles add or drop the names of the enclosing places between years ("盐湖区交通运输局" one
year, "运城市盐湖区交通运输局" the next), write "人民政府" or "政府", or name the place alone
("XX市2023年…" is the government's report); and a government's general office (办公室/办公厅)
publishes its government's report. A name becomes a key "place/place/body"; two keys are one agency
when one is a suffix of the other, token by token, and the shared part still names a place.
"""

from __future__ import annotations

import re

from checker.normalize import norm

# One enclosing place at the start of a name: at least one character, then a place suffix.
# 市/区/县 inside a body ("市场监督管理局" right after "运城市") cannot start a place: the
# prefix must not begin with a place suffix character.
_PLACE = re.compile(r"[^省市县区旗盟]{1,8}?(?:省|自治区|自治州|自治县|自治旗|地区|市|盟|县|区|旗)")
_OFFICE = ("办公室", "办公厅")
_GOVERNMENT = ("人民政府", "政府")
# A name that ends with a place is that place's government ("XX市" in a title).
_PLACE_END = ("省", "自治区", "自治州", "市", "县", "区", "旗", "盟", "镇", "乡")


def tokens(agency: str) -> list[str]:
    name = norm(agency)
    for suffix in _OFFICE:  # the government's office publishes the government's report
        if name.endswith(suffix) and name[: -len(suffix)].endswith(_GOVERNMENT):
            name = name[: -len(suffix)]
    for suffix in _GOVERNMENT:
        if name.endswith(suffix):
            name = name[: -len(suffix)] + "政府"
            break
    else:
        if name.endswith(_PLACE_END):
            name += "政府"
        elif name.endswith("街道"):
            name += "办事处"
    out: list[str] = []
    pos = 0
    while True:
        match = _PLACE.match(name, pos)
        if match is None or match.end() >= len(name):
            break
        out.append(match.group(0))
        pos = match.end()
    out.append(name[pos:])
    return out


def agency_key(agency: str) -> str:
    return "/".join(tokens(agency))


def names_place(parts: list[str]) -> bool:
    """Does this run of tokens still say where (a place, or a township/street government)?"""
    return len(parts) > 1 or parts[-1].endswith(("政府", "街道办事处")) and len(parts[-1]) > 2


def same_agency(a: str, b: str) -> bool:
    """Two agency keys name one agency: equal, or one a token suffix of the other naming a place."""
    return a == b or same_tokens(tuple(a.split("/")), tuple(b.split("/")))


def same_tokens(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long[len(long) - len(short) :] == short and names_place(list(short))


def bucket(key: str) -> str:
    """Keys that may be one agency share this: the body and the place right above it."""
    return "/".join(key.split("/")[-2:])
