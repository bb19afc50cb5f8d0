"""An html5lib tree builder that builds :class:`~checker.extractors.htmltree.Element` nodes directly.

html5lib's own ``etree`` builder keeps, for every element, a Python wrapper (with a ``__dict__``
and two lists) around an ``xml.etree`` element, and :func:`htmltree.parse` then copied that tree
once more: about 1 KB an element at the peak (a 48,000-element page: +47 MB). These nodes are the
final elements themselves (a few slots more, dropped when the parse ends).

The tree is the one the ``etree`` builder gives, quirks included, because the extractor's element
paths, ordinals and source lines are taken from it: text is kept as etree keeps it (an element's
``text`` and each child's ``tail``; a comment is a child, so the text on either side of it stays
two strings), ``insertBefore`` (content moved out of a table) inserts into the tree but not into
the wrapper's ``childNodes``, and ``reparentChildren`` moves only ``childNodes`` and empties the
rest, as etree's builder does. One difference: the ``src``/``data`` address of an image or
embedded object is kept to its first 1,024 characters (findings quote 120 or 200 of them; a page
saved from Word carries its pictures as ``data:`` addresses of megabytes). ``tests/test_html_build.py``
compares the two builders' trees.
"""

from __future__ import annotations

from typing import Any

from html5lib.constants import namespaces
from html5lib.treebuilders import base

from checker.extractors.htmltree import Element

_HTML_NS = namespaces["html"]
# An image's or embedded object's address is only quoted (cut to 200 characters) in findings; a
# page saved from Word holds its pictures as data: addresses of megabytes, kept no longer than this.
# (Never on formatting elements, whose attributes html5lib compares.)
_EMBEDS = {"img", "iframe", "embed", "object"}
_ADDRESS_CHARS = 1024
# What a finished node's building lists are set to: one shared empty list, not one each.
_DONE: list[_Node] = []


class _Node(Element):
    """An element while html5lib builds the tree: etree's ``text``/``tail``/children (``kids``)
    and the wrapper's ``childNodes``, both as etree's builder keeps them."""

    __slots__ = ("childNodes", "kids", "namespace", "tail", "text")

    def __init__(self, name: str, namespace: str | None = None) -> None:
        super().__init__(name, {}, None)
        self.namespace = namespace
        self.text: str | None = None
        self.tail: str | None = None
        self.kids: list[_Node] = []
        self.childNodes: list[_Node] = []

    @property
    def nameTuple(self) -> tuple[str, str]:
        return (_HTML_NS if self.namespace is None else self.namespace), self.name

    @property
    def attributes(self) -> dict[str, str]:
        return self.attrs

    @attributes.setter
    def attributes(self, attributes: dict[Any, str]) -> None:
        self.attrs.clear()  # the same dict: html5lib adds a late <body>'s attributes to it
        for key, value in (attributes or {}).items():
            self.attrs[f"{{{key[2]}}}{key[1]}" if isinstance(key, tuple) else key] = value
        if self.name in _EMBEDS:
            for key in ("src", "data"):
                address = self.attrs.get(key)
                if address is not None and len(address) > _ADDRESS_CHARS:
                    self.attrs[key] = address[:_ADDRESS_CHARS]

    def hasContent(self) -> bool:
        return bool(self.text or self.kids)

    def appendChild(self, node: _Node) -> None:
        self.childNodes.append(node)
        self.kids.append(node)
        node.parent = self

    def insertBefore(self, node: _Node, refNode: _Node) -> None:
        self.kids.insert(_index(self.kids, refNode), node)  # not in childNodes: etree's builder
        node.parent = self

    def removeChild(self, node: _Node) -> None:
        self.childNodes.remove(node)
        del self.kids[_index(self.kids, node)]
        node.parent = None

    def insertText(self, data: str, insertBefore: _Node | None = None) -> None:
        kids = self.kids
        if not kids:
            self.text = (self.text or "") + data
        elif insertBefore is None:
            kids[-1].tail = (kids[-1].tail or "") + data
        else:
            index = _index(kids, insertBefore)
            if index > 0:
                kids[index - 1].tail = (kids[index - 1].tail or "") + data
            else:
                self.text = (self.text or "") + data

    def cloneNode(self) -> _Node:
        clone = type(self)(self.name, self.namespace)
        clone.attrs.update(self.attrs)
        return clone

    def reparentChildren(self, newParent: _Node) -> None:
        if newParent.childNodes:
            last = newParent.childNodes[-1]
            last.tail += self.text  # type: ignore[operator]  # etree's builder: a TypeError on None too
        else:
            if not newParent.text:
                newParent.text = ""
            if self.text is not None:
                newParent.text += self.text
        self.text = ""
        for child in self.childNodes:
            newParent.appendChild(child)
        self.kids, self.childNodes = [], []


class _Comment(_Node):
    __slots__ = ()

    def __init__(self, data: str) -> None:
        super().__init__("<!-- -->")


class _Doctype(_Node):
    __slots__ = ()

    def __init__(self, name: str, publicId: str | None, systemId: str | None) -> None:
        super().__init__("<!DOCTYPE>")


class _Document(_Node):
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("DOCUMENT_ROOT")


class TreeBuilder(base.TreeBuilder):
    documentClass = _Document
    elementClass = _Node
    commentClass = _Comment
    doctypeClass = _Doctype
    fragmentClass = _Document

    def testSerializer(self, element: _Node) -> str:
        raise NotImplementedError

    def getDocument(self) -> _Node | None:
        """The ``html`` element, as etree's builder gives it (``find("html")``)."""
        return next((kid for kid in self.document.kids if _tag(kid) == "html"), None)


def _tag(node: _Node) -> str:
    return node.name if node.namespace is None else f"{{{node.namespace}}}{node.name}"


def _index(kids: list[_Node], node: _Node) -> int:
    for i, kid in enumerate(kids):
        if kid is node:
            return i
    raise ValueError("not a child")


def finish(html: _Node, document: Element) -> Element:
    """The built tree as plain elements: ``children`` in document order (text strings and
    elements, comments left out), ``parent`` as the tree nests, the local ``name``."""
    html.parent = document
    pending = [html]
    while pending:
        node = pending.pop()
        tag = _tag(node)
        node.name = tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag
        children = node.children
        if node.text:
            children.append(node.text)
        for kid in node.kids:
            if not isinstance(kid, _Comment):
                kid.parent = node
                children.append(kid)
                pending.append(kid)
            if kid.tail:
                children.append(kid.tail)
        node.text = node.tail = None
        node.kids = node.childNodes = _DONE
    return html
