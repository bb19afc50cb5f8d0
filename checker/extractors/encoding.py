"""Finding the character encoding of a web page from the page itself.

Order (the WHATWG sniffing order, minus the HTTP header we do not have): a byte order mark; a
``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">`` in the first
8 KiB; otherwise strict UTF-8; otherwise GB18030 (a superset of GBK and GB2312, the encodings of
most older Chinese government sites); otherwise charset-normalizer's best guess; and as a last
resort UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from msgspec import Struct

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_META = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
# Labels that all mean "a GB family encoding"; GB18030 decodes all of them.
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "gb_2312-80", "gb_2312", "csgb2312", "chinese",
       "iso-ir-58", "euc-cn", "gb18030", "windows-936"}


class Decoded(Struct, frozen=True):
    text: str
    encoding: str  # the Python codec name used
    source: str  # "bom" | "meta" | "utf-8" | "gb18030" | "detected" | "replace"


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag in the first 8 KiB declares, as a Python codec name."""
    match = _META.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    if label in _GB:
        return "gb18030"
    if label.startswith("utf-16"):
        return "utf-8"  # HTML: a meta utf-16 without a BOM means utf-8
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> Decoded:
    """The page's text and how its encoding was found. Never raises."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(name, "replace"), name, "bom")
    declared = declared_charset(data)
    if declared:
        try:
            return Decoded(data.decode(declared), declared, "meta")
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall through to the sniffing below
    for name in ("utf-8", "gb18030"):
        try:
            return Decoded(data.decode(name), name, name)
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return Decoded(str(best), best.encoding, "detected")
    except ImportError:  # pragma: no cover - charset-normalizer is a core dependency
        pass
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "replace")
