"""A small document tree for the HTML extractor, built from lexbor's parse.

lexbor (a C parser that follows the WHATWG HTML standard, as browsers do; through ``selectolax``)
parses the page, and :func:`parse` copies its tree into :class:`Element` nodes: ``children`` is a
list of elements and text strings in document order (a comment is left out, but the text on either
side of it stays two strings), ``parent`` points up, and ``name`` is the local tag name (``svg``,
``foreignObject``: the namespace is dropped). Parsing a page takes about a tenth of what html5lib,
the pure-Python parser used before, took; for every fixture page and fuzzed page the tree is the
one html5lib gave (``tests/test_html_build.py``, which also lists where the two differ).

Source lines: lexbor records none, so :func:`source_lines` matches the elements to the start tags
that :func:`checker.extractors.htmlscan.start_tag_lines` reads in the source, by tag name and
ordinal; a tag name whose count differs between the two (the parser repaired the markup) gets no
line, rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Union

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

    def elements(self) -> list[Element]:
        """Every element below this one, in document order (a list: the extractor walks the tree
        about ten times a page, and one generator's frame per node cost more than the rest)."""
        out: list[Element] = []
        stack: list[Iterator[Node]] = [iter(self.children)]
        while stack:
            for node in stack[-1]:
                if isinstance(node, str):
                    continue
                out.append(node)
                if node.children:
                    stack.append(iter(node.children))
                    break
            else:
                stack.pop()
        return out

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
        if recursive:
            pool: list[Element] = self.elements()
        else:
            pool = [node for node in self.children if not isinstance(node, str)]
        return pool if wanted is None else [el for el in pool if el.name in wanted]

    def find(self, name: str) -> Element | None:
        """The first element below this one named ``name``, in document order."""
        stack: list[Iterator[Node]] = [iter(self.children)]
        while stack:
            for node in stack[-1]:
                if isinstance(node, str):
                    continue
                if node.name == name:
                    return node
                if node.children:
                    stack.append(iter(node.children))
                    break
            else:
                stack.pop()
        return None

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


def parse(page: str | bytes | list[str]) -> Element:
    """The page parsed by lexbor (through selectolax), under a document node named ``[document]``
    (raises ImportError when selectolax is not installed). ``page`` is the text, its UTF-8 bytes,
    or a list holding the text that is emptied: the caller's reference goes, and the page is held
    once, as lexbor's UTF-8, while lexbor parses it."""
    from selectolax.lexbor import LexborHTMLParser

    if isinstance(page, list):
        text = page.pop()
        page = text.encode("utf-8", "surrogatepass")
        del text
    tree = LexborHTMLParser(page)
    del page
    tree.raw_html = None  # type: ignore[assignment]  # the page as given: lexbor's tree holds what it needs
    document = Element("[document]", {}, None)
    root = tree.root
    if root is not None:
        top = _element(root, document)
        document.children.append(top)
        pending = [(root, top)]
        while pending:  # each element's children are built in one go: the order of visits is free
            node, el = pending.pop()
            children = el.children
            child = node.first_child
            while child is not None:
                tag = child.tag or "-"
                if tag == "-text":
                    content = child.text_content
                    if content:
                        children.append(content)
                elif not tag.startswith("-"):  # "-comment", "-doctype" …: not content
                    kid = _element(child, el)
                    children.append(kid)
                    pending.append((child, kid))
                child = child.next
    del tree  # lexbor's nodes go before the extractor's walk
    return document


# An image's or embedded object's address is only quoted (cut to 200 characters) in findings; a page
# saved from Word holds its pictures as data: addresses of megabytes, kept no longer than this.
_EMBEDS = {"img", "iframe", "embed", "object"}
_ADDRESS_CHARS = 1024


def _element(node: Any, parent: Element) -> Element:
    """One of our elements for a lexbor element: an attribute without a value reads as ""."""
    name = node.tag
    attrs = node.attributes
    if attrs:
        attrs = {key: "" if value is None else value for key, value in attrs.items()}
        if name in _EMBEDS:
            for key in ("src", "data"):
                address = attrs.get(key)
                if address is not None and len(address) > _ADDRESS_CHARS:
                    attrs[key] = address[:_ADDRESS_CHARS]
    return Element(name, attrs, parent)


def source_lines(starts: dict[str, list[int]], document: Element) -> dict[int, int]:
    """id(element) -> source line, matching the parsed elements to the start tags by name and
    ordinal (``starts``: :func:`checker.extractors.htmlscan.start_tag_lines`)."""
    mine: dict[str, list[Element]] = {}
    for el in document.elements():
        mine.setdefault(el.name, []).append(el)
    out: dict[int, int] = {}
    for name, els in mine.items():
        lines = starts.get(name, [])
        if len(lines) == len(els):
            for el, line in zip(els, lines):
                out[id(el)] = line
    return out
