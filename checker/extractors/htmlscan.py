"""Counting a page's tags in its source, before it is parsed.

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

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
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
