"""A small document tree for the HTML extractor, built by html5lib without BeautifulSoup.

html5lib (a spec-following HTML5 parser) builds :class:`Element` nodes through the tree builder of
:mod:`checker.extractors.htmlbuild` (the tree its ``xml.etree`` builder would give, without that
tree and its wrappers): ``children`` is a list of elements and text strings in document order (a
comment is left out, but the text on either side of it stays two strings, as html5lib splits it),
``parent`` points up, and ``name`` is the local tag name (``svg``, ``foreignObject``: the
namespace is dropped). Importing
html5lib and ``xml.etree`` is a fraction of what BeautifulSoup costs (it loads soupsieve and every
tree builder, lxml's included).

Source lines: html5lib records none, so :func:`source_lines` runs Python's ``html.parser`` over
the same text (it knows the line of each start tag) and matches elements by tag name and ordinal;
a tag name whose count differs between the two parses (html5lib repaired the markup) gets no line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Union

Node = Union["Element", str]


class Element:
    """An element: name, attributes, children (elements and strings), parent."""

    __slots__ = ("attrs", "children", "name", "parent")

    def __init__(self, name: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.name = name
        self.attrs = attrs
        self.children: list[Node] = []
        self.parent = parent

    def __repr__(self) -> str:
        return f"<{self.name} {self.attrs!r}>"

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrs.get(key, default)

    # ---- traversal (document order, iterative: a deeply nested page must not recurse) ----------
    @property
    def descendants(self) -> Iterator[Node]:
        stack: list[Iterator[Node]] = [iter(self.children)]
        while stack:
            for node in stack[-1]:
                yield node
                if isinstance(node, Element) and node.children:
                    stack.append(iter(node.children))
                    break
            else:
                stack.pop()

    def elements(self) -> Iterator[Element]:
        """Every element below this one, in document order."""
        return (node for node in self.descendants if isinstance(node, Element))

    def strings(self) -> Iterator[tuple[str, Element]]:
        """Every text string below this one with the element holding it, in document order."""
        stack: list[tuple[Element, Iterator[Node]]] = [(self, iter(self.children))]
        while stack:
            parent, children = stack[-1]
            for node in children:
                if isinstance(node, Element):
                    if node.children:
                        stack.append((node, iter(node.children)))
                        break
                else:
                    yield node, parent
            else:
                stack.pop()

    def find_all(self, names: str | Iterable[str] | None = None,
                 recursive: bool = True) -> list[Element]:
        """Elements below this one named ``names`` (any name when None); children only when not
        ``recursive``."""
        wanted = None if names is None else ({names} if isinstance(names, str) else set(names))
        pool: Iterable[Node] = self.descendants if recursive else self.children
        return [node for node in pool if isinstance(node, Element)
                and (wanted is None or node.name in wanted)]

    def find(self, name: str) -> Element | None:
        return next((el for el in self.elements() if el.name == name), None)

    def find_parent(self, names: Iterable[str]) -> Element | None:
        wanted = set(names)
        node = self.parent
        while node is not None and node.name not in wanted:
            node = node.parent
        return node

    def get_text(self) -> str:
        return "".join(text for text, _ in self.strings())

    def decompose(self) -> None:
        """Take this element out of the tree; it and everything below it lose their parent."""
        parent = self.parent
        if parent is not None:
            siblings = parent.children
            for i, node in enumerate(siblings):
                if node is self:
                    del siblings[i]
                    break
        self.parent = None
        for el in self.elements():
            el.parent = None


def parse(text: str) -> Element:
    """The page parsed by html5lib, under a document node named ``[document]`` (raises ImportError
    when html5lib is not installed). The elements are built directly by
    :mod:`checker.extractors.htmlbuild` as html5lib's ``etree`` builder would nest them."""
    import html5lib

    from checker.extractors import htmlbuild

    parser = html5lib.HTMLParser(tree=htmlbuild.TreeBuilder, namespaceHTMLElements=False)
    # a reader, not the str: html5lib copies a str into a StringIO (4 bytes a character) first
    html = parser.parse(_Reader(text))
    document = Element("[document]", {}, None)
    document.children.append(htmlbuild.finish(html, document))
    return document


class _Reader:
    """The page's text read in html5lib's chunks (``read(n)``) straight from the str."""

    __slots__ = ("pos", "text")

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def read(self, size: int = -1) -> str:
        end = len(self.text) if size < 0 else self.pos + size
        chunk = self.text[self.pos:end]
        self.pos += len(chunk)
        return chunk


class _StartTags(HTMLParser):
    """The source line of every start tag, by tag name, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: dict[str, list[int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.lines.setdefault(tag, []).append(self.getpos()[0])


def source_lines(text: str, document: Element) -> dict[int, int]:
    """id(element) -> source line, matching html5lib's elements to html.parser's start tags by
    name and ordinal."""
    starts = _StartTags()
    try:
        starts.feed(text)
        starts.close()
    except AssertionError:  # html.parser gives up on some malformed declarations
        return {}
    mine: dict[str, list[Element]] = {}
    for el in document.elements():
        mine.setdefault(el.name, []).append(el)
    out: dict[int, int] = {}
    for name, els in mine.items():
        lines = starts.lines.get(name, [])
        if len(lines) == len(els):
            for el, line in zip(els, lines):
                out[id(el)] = line
    return out
