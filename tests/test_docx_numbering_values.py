"""Numbering values of untrusted DOCX: malformed ones are ignored as Word ignores them, huge ones
are held at the list_number limit (and reported), none raises."""

from __future__ import annotations

from lxml import etree

from checker.extractors.docx_numbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def xml(text: str) -> etree._Element:
    return etree.fromstring(f'<root xmlns:w="{W}">{text}</root>')


def numbering(start: str, ilvl: str = "0", override: str | None = None) -> etree._Element:
    over = f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{override}"/></w:lvlOverride>' if override is not None else ""
    return xml(f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
               f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
               f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{over}</w:num>')


def paragraph(ilvl: str = "0", num_id: str = "1") -> etree._Element:
    return xml(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>')[0]


def test_malformed_values_fall_back_to_words_defaults() -> None:
    for bad in ("abc", "restart", "1.5", "NaN", "", "1e8"):
        labels = Numbering(numbering(bad), None)
        assert [labels.label(paragraph()) for _ in range(2)] == ["1.", "2."], bad
        labels = Numbering(numbering("3", override=bad), None)
        assert labels.label(paragraph()) == "1.", bad  # a malformed override counts as 1
        labels = Numbering(numbering("1"), None)
        assert labels.label(paragraph(ilvl=bad)) == "1.", bad
        assert labels.over is None


def test_style_numbering_with_a_bad_level() -> None:
    styles = xml('<w:style w:styleId="H"><w:pPr><w:numPr><w:ilvl w:val="NaN"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    labels = Numbering(numbering("1"), styles)
    p = xml('<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr></w:p>')[0]
    assert labels.label(p) == "1."


def test_huge_numbers_are_held_at_the_limit_and_remembered() -> None:
    labels = Numbering(numbering("2000000000"), None, max_number=1000)
    assert labels.label(paragraph()) == "1000." and labels.over == 2000000000
    assert format_number(2_000_000_000, "upperRoman") == "2000000000"  # no two-million-letter string
    assert format_number(10_000, "lowerLetter") == "10000"
    assert format_number(3999, "upperRoman") == "MMMCMXCIX"
