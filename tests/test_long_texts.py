"""Long sections (a 20 MB page of prose) without copies per piece: norm in pieces and not
memoised, W8's count without the stripped text, the copy text piece by piece -- each the same as
over the whole text."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from checker import normalize
from checker.normalize import LONG, _cut, norm, norm_pieces
from checker.repository.summary import _DIGITS, _NOISE, ReportSummary
from checker.rulekinds.content import _PUNCTUATION, _word_count

# Compatibility forms, combining marks, full-width digits and spaces, traditional characters and
# numbers with decimals, repeated so that piece boundaries fall among them.
SAMPLE = ("五.总体情况：ｅ\u0301ﬁ１２．５万元，　開\u3000報告 café e\u0301\u0327 ㍿ Ⅻ 3.14 和 "
          "二〇二四年度受理申请１０２件、办结９９件；\u00a0其他\u200b事项。")


def long_text() -> str:
    return "".join(f"{SAMPLE}{i}" for i in range(3 * LONG // len(SAMPLE) + 7))


def whole_norm(text: str) -> str:
    """norm as one pass over the whole text (what it was before long texts were cut)."""
    text = unicodedata.normalize("NFKC", text).translate(normalize._FOLD).translate(normalize._TRADITIONAL)
    text = normalize._SPACE.sub("", text)
    text = normalize._CN_NUMBERING.sub(r"\1、", text)
    return normalize._NUMBERING.sub(r"\1.", text)


def test_norm_of_a_long_text_is_norm_of_the_whole() -> None:
    text = long_text()
    parts = list(_cut([text]))
    assert len(parts) >= 3 and "".join(parts) == text
    assert all("\u4e00" <= p[0] <= "\u9fff" for p in parts[1:])  # each cut before an ideograph
    expected = whole_norm(text)
    assert expected.startswith("五、总体情况:éfi12.5万元,开报告") and "事项.0五.总体" in expected
    assert norm(text) == expected
    assert norm(SAMPLE) == whole_norm(SAMPLE)


def test_norm_of_texts_joined_is_norm_of_the_joined_text() -> None:
    """norm_pieces(texts) == norm("".join(texts)) however the text is split, including starts that
    the numbering patterns read across several texts (a long run of digits, 五 then ".", spaces)."""
    text = long_text()
    rng = random.Random(3)
    splits = [[text], [text[i:i + 7] for i in range(0, len(text), 7)]]
    for _ in range(20):
        cuts = sorted(rng.sample(range(1, len(text)), rng.randint(1, 40)))
        splits.append([text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])])
    starts = [["1", "2345678901", "2、", "5件", text], ["五", ".", "总体", text], ["  ", "\u3000", "1、5件"],
              ["", "三,", "开"], ["１２．５", text], ["12"], [], [" "], ["五、" + "一" * (2 * LONG)],
              # the first piece (cut before an ideograph past LONG) folds to "一": the numbering
              # pattern reads "一二." across two pieces
              ["一" + " " * (2 * LONG), "二.总体情况", text], ["1" + "\u3000" * (2 * LONG) + "二"]]
    for parts in splits + starts:
        joined = "".join(parts)
        assert "".join(norm_pieces(parts)) == whole_norm(joined) == norm(joined), parts[:4]


def test_long_texts_are_not_memoised() -> None:
    norm.cache_clear()
    norm(SAMPLE)
    norm(long_text())
    assert norm._cached.cache_info().currsize == 1


def test_copy_text_piece_by_piece_is_the_whole() -> None:
    text = norm(long_text())
    whole = _NOISE.sub("", _DIGITS.sub("#", text))
    assert not any(c.isdigit() for c in whole) and "," not in whole and "万元" in whole
    assert "".join(_NOISE.sub("", _DIGITS.sub("#", p)) for p in norm_pieces([long_text()])) == whole


def test_w8_counts_words_without_stripping() -> None:
    for text in (norm(long_text()), "无", "（无）", "", "暂无。", norm(SAMPLE)):
        assert _word_count(text) == len(_PUNCTUATION.sub("", text))


def test_the_copy_check_shingles_a_bounded_prefix(tmp_path: Path) -> None:
    """一 + 五 of 300,000 characters: the summary keeps at most COPY_CHARS shingles (not ~300,000
    ints, ~80 MB a million), the same whatever follows the prefix; text_chars stays the whole."""
    from checker.engine import Engine, Settings
    from checker.repository.summary import COPY_CHARS
    from tests.fixtures.render_text import render_text
    from tests.fixtures.repository import _section, report

    rng = random.Random(7)
    paragraphs = ["".join(chr(rng.randint(0x4E00, 0x4E00 + 3000)) for _ in range(3000)) + "。" for _ in range(100)]
    engine = Engine(Settings())

    def summary(name: str, *texts: str) -> ReportSummary:
        result = engine.check_file(render_text(_section(report("A", 2022), 4, *texts), tmp_path / name))
        assert result.summary is not None
        return result.summary

    long = summary("long.txt", *paragraphs)
    other_tail = summary("tail.txt", *paragraphs[:50], *reversed(paragraphs[50:]))
    assert long.text_chars > 3 * COPY_CHARS
    assert 0.9 * COPY_CHARS < len(long.shingles) <= COPY_CHARS
    assert long.shingles == other_tail.shingles and long.signature == other_tail.signature


def test_pieces_give_what_the_whole_texts_give(tmp_path: Path) -> None:
    """On a bound report with a long 五: W8's count piece by piece is the count over section_text,
    and the summary's shingles and text_chars are those of the whole copy_text."""
    from checker.binding import bind
    from checker.engine import Engine, Settings
    from checker.repository.summary import COPY_CHARS, copy_text, shingles, summarize
    from tests.fixtures.render_text import render_text
    from tests.fixtures.repository import _section, report

    rng = random.Random(11)
    paragraphs = ["".join(chr(rng.randint(0x4E00, 0x4E00 + 3000)) for _ in range(2000)) + "，１２．５万元。" for _ in range(80)]
    engine = Engine(Settings())
    document = engine.extract(render_text(_section(report("A", 2022), 4, *paragraphs), tmp_path / "r.txt"))
    bound = bind(document, engine.pack_for(document, engine.registry.load(engine.settings.pack)), engine.settings.params)
    pieces = bound.section_pieces("S5")
    text = bound.section_text("S5")
    assert pieces is not None and text is not None and len(text) > 150_000
    assert sum(_word_count(p) for p in pieces) == len(_PUNCTUATION.sub("", text))
    whole = copy_text(bound)
    summary = summarize(bound)
    assert summary.text_chars == len(whole) > COPY_CHARS
    assert summary.shingles == shingles(whole[:COPY_CHARS])
    assert bound.section_pieces("S9") is None and bound.section_text("S9") is None
