"""The tree htmltree.parse builds from lexbor's parse is the tree html5lib's etree builder gave
(copied into Elements, as htmltree.parse did before it used lexbor): same names, attributes, text
strings, nesting, for the fixture pages, repairs of bad markup, fuzzed pages and random tag soup.

Where the two differ, html5lib's etree builder was the odd one out (``DIFFERENT`` below): content
foster-parented out of a table lost when its parent's children were moved, a ``<template>``'s
content inline, a foreign attribute's namespace spelt out; and lexbor parses ``<select>`` as the
HTML standard has since 2025 (elements inside it are kept). The extractor drops ``select``,
``template`` and ``noscript`` whole, so only the first of these reaches a report."""

from __future__ import annotations

import random
from pathlib import Path

import html5lib
import pytest

from checker.extractors.encoding import decode_html
from checker.extractors.htmltree import Element, parse
from tests.fixtures.content import huaian_2021, seed_2019
from tests.fixtures.render_html import fixture_pages, render_html
from tests.fuzz.harness import mutant
from tests.test_html_memory import REPAIRED, STRADDLING, pages


def reference(text: str) -> Element:
    """The page as the extractor read it before: html5lib's etree tree copied into Elements."""
    html = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    document = Element("[document]", {}, None)

    def copy(source: object, parent: Element) -> Element:
        tag: str = source.tag  # type: ignore[attr-defined]
        name = tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag
        return Element(name, dict(source.attrib), parent)  # type: ignore[attr-defined]

    root = copy(html, document)
    document.children.append(root)
    pending = [(html, root)]
    while pending:
        source, target = pending.pop()
        if source.text:
            target.children.append(source.text)
        for child in source:
            if isinstance(child.tag, str):
                el = copy(child, target)
                target.children.append(el)
                pending.append((child, el))
            if child.tail:
                target.children.append(child.tail)
    return document


def shape(document: Element) -> list[object]:
    """Every node in document order: an element as (name, attributes, its parent's position),
    a string as itself. An image's or embedded object's address counts to its 1,024th character."""
    position = {id(document): -1}
    out: list[object] = []
    for i, node in enumerate(document.descendants):
        if isinstance(node, Element):
            position[id(node)] = i
            assert node.parent is not None
            attrs = {k: v[:1024] if k in ("src", "data") and node.name in ("img", "iframe", "embed", "object")
                     else v for k, v in node.attrs.items()}
            out.append((node.name, sorted(attrs.items()), position[id(node.parent)]))
        else:
            out.append(node)
    return out


# What html5lib repairs: misnested formatting (the adoption agency moves finished children into a
# clone), content foster-parented out of tables (inserted before the table), late <html>/<body>
# attributes, framesets, foreign content with namespaced attributes, comments between strings.
TRICKY = [
    REPAIRED,
    STRADDLING,
    "<b><div>文字<p>段落</p><p>二</p></b>尾</div>后",
    # foster-parented into the div (not into its childNodes), then the div's children reparented:
    # etree's builder loses the span, and so must this one
    "<b><div><table><span>寄</span><tr><td>1</td></tr></table></b>x</div>",
    "<a href=1><table><tr><td><a href=2>x</a></td></tr></table>y</a><a>z<div>w</a>v</div>",
    "<table>前<tr>行<td>1</td>中</tr><!-- c -->后<b>粗</b></table>尾",
    "<table><b><tr><td>1</td></tr>x</b></table><i><table><tr><td>2</i></table>",
    "<p>一<!-- a -->二<!-- b --><!-- c -->三</p><!-- d --><p>四</p>",
    "<html lang=zh><body class=a><p>x</p><body id=late class=b><html id=h>",
    "<frameset><frame src=a></frameset>",
    "<p>x</p><frameset><frame></frameset>",
    ("<svg viewBox='0 0 1 1'><a xlink:href='#x'>t</a><foreignObject><p>in</p></foreignObject></svg>"
    "<math><mi>x</mi><annotation-xml encoding='text/html'><p>h</p></annotation-xml></math>"),
    "<ul><li>一<li>二<ul><li>三</ul><li>四</ul><dl><dt>a<dd>b<dt>c</dl>",
    "<select><option>1<option>2<optgroup><option>3</select><table><caption>表<td>1</table>",
    "<form><form><input></form></form><table><form><tr><td><form>x</form></td></tr></table>",
    "<font><font><font><font><p>深</font></font></font></font>尾",
    "<b><i><u><s><div>x</b>y</i>z</u>w</s>v</div>",
    "<table><tr><td><table><tr><td>内</td></tr></table>外</td></tr></table>",
    "<template><p>t</p></template><noscript><p>n</p></noscript><script>a<b</script><style>p{}</style>",
    "<title>标题_网站</title><p>正文</p></body></html><p>后</p><!-- end -->",
    "<pre>\n\n一</pre><textarea>\n二</textarea><listing>\n三</listing>",
    "<head><p>早</p></head><body>",
    "<nobr>1<nobr>2</nobr><table><tr><td><nobr>3</table>4",
    "<table><tr><td>a<tr><td>b<tbody><td>c<thead><th>d<tfoot><td>e</table>",
    "<div>" * 50 + "<b>" * 20 + "<p>x" + "</div>" * 30 + "y",
    "",
    "只有文字",
    "<p><img src='data:image/png;base64," + "A" * 5000 + "'><object data='" + "b" * 2000 + "'></object>"
    "<a src='" + "c" * 3000 + "'>a</a><img alt=x></p>",
    "<!DOCTYPE html><!-- 前 --><html><!-- 中 --><head></head><body></body></html><!-- 后 -->",
]
# Where html5lib's etree builder and lexbor differ (see the module's docstring).
FOSTERED = "<b><div><table><span>寄</span><tr><td>1</td></tr></table></b>x</div>"
DIFFERENT = [
    FOSTERED,
    ("<svg viewBox='0 0 1 1'><a xlink:href='#x'>t</a><foreignObject><p>in</p></foreignObject></svg>"
     "<math><mi>x</mi><annotation-xml encoding='text/html'><p>h</p></annotation-xml></math>"),
    "<template><p>t</p></template><noscript><p>n</p></noscript><script>a<b</script><style>p{}</style>",
]
SAME = [text for text in TRICKY if text not in DIFFERENT]

TAGS = ["div", "p", "b", "i", "a", "font", "span", "table", "tr", "td", "th", "tbody", "caption", "ul", "li",
        "br", "img", "h2", "form", "select", "option", "nobr", "u", "center", "script", "title", "body", "html"]


def soup(rng: random.Random, tags: list[str] = TAGS) -> str:
    out = []
    for _ in range(rng.randint(5, 60)):
        roll = rng.random()
        tag = rng.choice(tags)
        if roll < 0.45:
            attrs = rng.choice(["", " id=x", " class='nav a'", " colspan=2", " rowspan=0"])
            out.append(f"<{tag}{attrs}>")
        elif roll < 0.75:
            out.append(f"</{tag}>")
        elif roll < 0.8:
            out.append("<!-- c -->")
        else:
            out.append(rng.choice(["一、总体情况", "文字", " ", "\n", "12", "&nbsp;", "&amp;x"]))
    return "".join(out)


def test_fixture_pages_and_repairs(tmp_path: Path) -> None:
    texts = [text for _, text in pages(tmp_path)] + SAME
    for text in texts:
        assert shape(parse(text)) == shape(reference(text)), text[:200]
    assert len(SAME) == len(TRICKY) - len(DIFFERENT)


def test_where_the_trees_differ() -> None:
    for text in DIFFERENT:
        assert shape(parse(text)) != shape(reference(text)), text
    # a span foster-parented out of the table stays, before the table, where a browser shows it
    names = [el.name for el in parse(FOSTERED).elements()]
    assert names[names.index("div"):] == ["div", "b", "span", "table", "tbody", "tr", "td"]
    assert parse(FOSTERED).find("span").get_text() == "寄"  # type: ignore[union-attr]
    assert reference(FOSTERED).find("span") is None
    # a <template>'s content is not in the tree; a foreign attribute keeps its prefix
    assert parse(DIFFERENT[2]).find("template").children == []  # type: ignore[union-attr]
    assert parse(DIFFERENT[1]).find("a").attrs == {"xlink:href": "#x"}  # type: ignore[union-attr]


def test_image_addresses_are_kept_to_1024_characters() -> None:
    page = parse("<p><img src='data:image/png;base64," + "A" * 5000 + "'><a src='" + "c" * 3000 + "'>a</a></p>")
    img, a = (el for el in page.elements() if el.name in ("img", "a"))
    assert img.attrs["src"] == "data:image/png;base64," + "A" * (1024 - 22)
    assert a.attrs["src"] == "c" * 3000  # other elements' attributes stay whole


def test_fuzzed_pages() -> None:
    for case in range(60):
        text = decode_html(mutant("html", case)).text
        assert shape(parse(text)) == shape(reference(text)), case


def test_random_tag_soup() -> None:
    """Tag soup without ``select``/``option``, whose parsing the HTML standard changed (see above):
    the trees agree but for content html5lib's etree builder lost when it was foster-parented out of
    a table (and formatting elements it reopened once more, white space placed a node apart), and
    no text html5lib kept is lost."""
    rng = random.Random(20261201)
    tags = [tag for tag in TAGS if tag not in ("select", "option")]
    differ = 0
    for _ in range(1500):
        text = soup(rng, tags)
        new, old = parse(text), reference(text)
        if shape(new) != shape(old):
            differ += 1
            rest = iter("".join(new.get_text().split()))  # white space may sit a node apart
            assert all(char in rest for char in "".join(old.get_text().split())), text  # in order
    assert differ <= 15  # 11 of these 1,500


def test_documents_equal_the_old_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor's Document (blocks, cells, locations with lines and element paths, problems)
    is the one it made from html5lib's etree tree, for the fixture pages (GBK included), defects,
    fuzzed pages and the repaired markup where the trees agree."""
    from checker.extractors import html
    from checker.extractors.base import Limits
    from tests.fixtures.content import with_cell, without_section

    huaian, seed = huaian_2021(), seed_2019()
    files = [
        *fixture_pages(tmp_path),
        render_html(with_cell(huaian, "T3", "total", 0, "999"), tmp_path / "t3.html"),
        render_html(without_section(seed, 5), tmp_path / "no-s5.html", encoding="gbk"),
    ]
    for case in range(40):
        files.append(tmp_path / f"fuzz{case}.html")
        files[-1].write_bytes(mutant("html", case))
    for i, text in enumerate(TRICKY):
        files.append(tmp_path / f"tricky{i}.html" if text != FOSTERED else tmp_path / "fostered.html")
        files[-1].write_text("<!DOCTYPE html><html><head><title>政府信息公开工作年度报告</title></head><body>"
                             + text, encoding="utf-8")
    extractor = html.HtmlExtractor()
    new = [extractor.extract(path, Limits()) for path in files]
    monkeypatch.setattr(html, "parse", lambda holder: reference(holder.pop()))  # the extractor hands over [text]
    old = [extractor.extract(path, Limits()) for path in files]
    for path, a, b in zip(files, new, old):
        if path.name == "fostered.html":  # the span html5lib's etree builder lost is read now
            assert [x.text for x in a.blocks if x not in b.blocks] == ["寄"], path.name
        else:
            assert a == b, path.name
    assert sum(len(doc.blocks) for doc in new) > 1000


def test_own_rows_are_the_rows_whose_nearest_table_is_it(tmp_path: Path) -> None:
    """``own_rows`` walks only the table's structure, not its cells' contents; on every page and
    repair here it gives what its definition does: each ``tr`` whose nearest ``table`` is the table."""
    from checker.extractors.htmlindex import own_rows

    rng = random.Random(20261202)
    texts = [text for _, text in pages(tmp_path)] + TRICKY + [soup(rng) for _ in range(1500)]
    texts += [decode_html(mutant("html", case)).text for case in range(60)]
    tables = 0
    for text in texts:
        for table in parse(text).find_all("table"):
            tables += 1
            expected = [tr for tr in table.find_all("tr") if tr.find_parent(("table",)) is table]
            assert own_rows(table) == expected, text[:200]
    assert tables > 500
