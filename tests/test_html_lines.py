"""Source lines of HTML elements: the start tags read from the source (htmlscan.start_tag_lines),
matched to the parsed elements by name and ordinal (htmltree.source_lines).

Python's ``html.parser`` read the lines before; it stays here as the reference: wherever it gave
an element a line, the scanner gives the same one, and it gives more where html.parser read
markup the HTML tokenizer does not (a tag inside ``<title>``)."""

from __future__ import annotations

import random
from html.parser import HTMLParser
from pathlib import Path

from checker.extractors.encoding import decode_html
from checker.extractors.htmlscan import start_tag_lines, tag_counts
from checker.extractors.htmltree import parse, source_lines
from tests.fuzz.harness import mutant
from tests.test_html_build import TRICKY, soup
from tests.test_html_memory import pages


class _HtmlParserStarts(HTMLParser):
    """The reference: html.parser's line of each start tag, by name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: dict[str, list[int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.lines.setdefault(tag, []).append(self.getpos()[0])


def reference(text: str) -> dict[str, list[int]]:
    starts = _HtmlParserStarts()
    starts.feed(text)
    starts.close()
    return starts.lines


def lines_of(text: str, starts: dict[str, list[int]]) -> list[tuple[str, int | None]]:
    document = parse(text)
    lines = source_lines(starts, document)
    return [(el.name, lines.get(id(el))) for el in document.elements()]


def test_the_lines_html_parser_gave_on_every_page(tmp_path: Path) -> None:
    texts = [text for _, text in pages(tmp_path)] + TRICKY
    texts += [decode_html(mutant("html", case)).text for case in range(60)]
    rng = random.Random(20261203)
    texts += [soup(rng) for _ in range(300)]
    given = more = 0
    for text in texts:
        new, old = lines_of(text, start_tag_lines(text)), lines_of(text, reference(text))
        for (name, line), (_, before) in zip(new, old):
            if before is not None and line != before:
                # html.parser reads a tag inside <title> or <textarea>; the parser makes none
                assert "<title" in text or "<textarea" in text, (name, line, before, text[:300])
            given += line is not None
            more += line is not None and before is None
    assert given > 30_000 and more > 100  # soup: html.parser miscounted the tags of 80+ elements


def test_what_the_tokenizer_does_not_read_as_tags() -> None:
    text = ("<p>一</p><!-- <p>注释</p> -->\n"
            "<script>if (a<b) { document.write('<p>x</p>'); }</script>\n"
            "<title>标题<p>不是段落</p></title><textarea><p>也不是</p></TEXTAREA >\n"
            "<a title='a>b' href=\"<p>\">链接</a><p class=a'b>二</p>\n"
            "<!--><p>三</p><!---><p>四</p><!-- x --!><P>五</P>\n"
            "<style>p{}</style><xmp><p></xmp><p>六")
    starts = start_tag_lines(text)
    assert starts == {"p": [1, 4, 5, 5, 5, 6], "script": [2], "title": [3], "textarea": [3],
                      "a": [4], "style": [6], "xmp": [6]}
    assert [line for name, line in lines_of(text, starts) if name == "p"] == [1, 4, 5, 5, 5, 6]


def test_plaintext_and_tags_left_open_run_to_the_end() -> None:
    assert start_tag_lines("<p>a\n<plaintext><p>b</plaintext>\n<div>") == {"p": [1], "plaintext": [2]}
    assert start_tag_lines("<p>a\n<div class=\"x>\n<span>\">") == {"p": [1], "div": [2]}  # in the value
    assert start_tag_lines("<p>a<script>x<p>") == {"p": [1], "script": [1]}


def test_a_repaired_tag_gets_no_line_rather_than_a_wrong_one() -> None:
    # two <body> tags make one element: the counts differ, so <body> gets no line
    text = "<html>\n<body>\n<p>一</p>\n<body class=x>\n<p>二</p>"
    found = dict(lines_of(text, start_tag_lines(text)))
    assert found["body"] is None and found["html"] == 1
    assert [line for name, line in lines_of(text, start_tag_lines(text)) if name == "p"] == [3, 5]


def test_pages_without_a_closing_bracket_are_read_in_one_pass() -> None:
    """Every "<b" of a page with no later ">" once scanned to the end (quadratic: minutes for
    2 MB, here a few seconds); a tag left open now ends with the page."""
    text = '<p x="' + '"<b y="' * 40_000
    assert start_tag_lines(text) == {"p": [1]}
    assert tag_counts(text) == (1, 0, 1)
