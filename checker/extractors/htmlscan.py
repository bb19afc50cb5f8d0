"""A page's tags read from its source: counted before it is parsed, and their lines.

The extractor's walks over the tree grow with its size and depth (and a parser repairing deep
misnesting looks through its stack of open elements at each tag), so the HTML extractor checks its
limits on these counts first. The depth
is an estimate: elements whose end tag may be left out (``p``, ``li``, ``td`` …) and void elements do
not nest here, as the parser closes them.
"""

from __future__ import annotations

import re

#: Tags the walk makes a paragraph (or a table part) of: an upper bound of the blocks of a page.
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
              "blockquote", "pre", "section", "article", "main", "header", "footer", "address",
              "figure", "figcaption", "center", "form", "fieldset", "hr", "caption", "tr", "td", "th",
              "tbody", "thead", "tfoot", "table", "img"}

# A tag left open at the end of the page ends there: without "\Z", each "<b" of a page without
# a later ">" would scan to the end (quadratic: 2 MB of "<b" took minutes).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)(?:>|\Z)")
# Elements without content, and those whose end tag may be left out (the parser closes them).
_NO_NESTING = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
               "wbr", "param", "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody",
               "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body"}


def tag_counts(text: str) -> tuple[int, int, int]:
    """(start tags, estimated nesting depth, block and <br> tags) of a page's source, counted
    before parsing."""
    elements = depth = deepest = blocks = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if name not in _NO_NESTING:
                depth = max(0, depth - 1)
            continue
        elements += 1
        blocks += name in BLOCK_TAGS or name == "br"
        if name not in _NO_NESTING and not self_closing:
            depth += 1
            deepest = max(deepest, depth)
    return elements, deepest, blocks


# Where a start tag ends, as the HTML tokenizer reads it: a quote opens a value only after "="
# (so a ">" inside class="a>b" does not end the tag, and an apostrophe in an unquoted value
# opens nothing); a tag left open ends with the page. Every alternative starts with a different
# character and the tail is optional: a match never backtracks, so the scan is linear.
_START = re.compile(r"""<!--|<([A-Za-z][^\t\n\f\r />]*)(?:[^>=]+|=[\t\n\f\r ]*"[^"]*"|=[\t\n\f\r ]*'[^']*'|=)*>?""")
_COMMENT_END = re.compile(r"--!?>")
# Elements whose content is text, not markup (scripting off, as the parser runs): a "<p>" inside
# <script>, <title> or <textarea> is no element. <plaintext> runs to the end of the page.
_RAW_TEXT = {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext"}
_RAW_END: dict[str, re.Pattern[str]] = {}


def start_tag_lines(text: str) -> dict[str, list[int]]:
    """The source line of every start tag, by lower-case tag name, in document order: what the
    parser makes an element of, as its tokenizer reads the page (comments, the content of
    raw-text elements and quoted attribute values are not looked into). A parser's repairs
    (an implied ``<tbody>``, a second ``<body>`` merged) are for the caller to notice."""
    lines: dict[str, list[int]] = {}
    line, counted, pos, end = 1, 0, 0, len(text)
    search = _START.search
    while (match := search(text, pos)) is not None:
        name = match.group(1)
        pos = match.end()
        if name is None:  # a comment; "<!-->" and "<!--->" end at once
            if text.startswith((">", "->"), pos):
                pos = text.index(">", pos) + 1
            else:
                close = _COMMENT_END.search(text, pos)
                pos = end if close is None else close.end()
            continue
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        name = name.lower()
        lines.setdefault(name, []).append(line)
        if name in _RAW_TEXT:
            close = None if name == "plaintext" else _raw_end(name).search(text, pos)
            pos = end if close is None else close.start()
    return lines


def _raw_end(name: str) -> re.Pattern[str]:
    """The end tag that closes a raw-text element: ``</name`` then a space, "/" or ">"."""
    pattern = _RAW_END.get(name)
    if pattern is None:
        pattern = _RAW_END[name] = re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE)
    return pattern
