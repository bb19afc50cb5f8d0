"""The HTML extractor's memory: the bytes go once decoded, and the parser's own tree once copied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker.extractors.encoding import decode_html
from tests.fixtures.content import huaian_2021
from tests.fixtures.render_html import fixture_pages, render_html

ROOT = Path(__file__).resolve().parents[1]

# Markup a parser repairs (misnested formatting, content foster-parented out of a table, a <body>
# tag late in the page, a comment splitting text), and a CR LF pair and a non-BMP character each
# straddling a 10,240-character boundary (html5lib's reads, once).
REPAIRED = ("<p><b>粗<i>斜</b>体</i></p><table><tr><td>1</td>表外<tr><td>2</table>"
            "<font><div>文字<p>段落</p></font>尾</div><body id='late'>x<!-- c -->y")
STRADDLING = ("<p>" + "字" * (10240 - 4) + "\r\n后</p><p>" + "a" * (2 * 10240 - 10240 - 8 - 4)
              + "\U0001f600" + "</p>")


def pages(folder: Path) -> list[tuple[str, str]]:
    files = fixture_pages(folder)
    return [(p.name, decode_html(p.read_bytes()).text) for p in files] + [
        ("repaired", REPAIRED), ("straddling", STRADDLING)]


MEASURE = """
import sys
from pathlib import Path
from checker.extractors.base import Limits
from checker.extractors.html import HtmlExtractor
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
HtmlExtractor().extract(Path(sys.argv[2]), Limits())  # imports the parser, warms up
before = hwm()
doc = HtmlExtractor().extract(Path(sys.argv[1]), Limits())
print(len(doc.blocks), hwm() - before)
"""

SENTENCE = "我局坚持以公开为常态、不公开为例外，持续深化政务公开，围绕重点领域信息公开开展工作，第{}项。"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_a_5mb_page_is_extracted_holding_its_text_about_twice(tmp_path: Path) -> None:
    """840 long paragraphs (5 MB) in section 五: the peak grows by 1.8x the file (the decoded str
    and the tree's text, then the paragraphs); before, the bytes and html5lib's StringIO copy (4
    bytes a character) were held too: 4.2x."""
    base = render_html(huaian_2021(), tmp_path / "base.html")
    page = base.read_text(encoding="utf-8")
    paragraph = "".join(SENTENCE.format(i) for i in range(45))
    filler = "".join(f"<p>{i}{paragraph}</p>\n" for i in range(840))
    head, _, tail = page.partition("<p><strong>六、")
    big = tmp_path / "big.html"
    big.write_text(head + filler + "<p><strong>六、" + tail, encoding="utf-8")
    size = big.stat().st_size
    assert size > 5_000_000
    out = subprocess.run([sys.executable, "-c", MEASURE, str(big), str(base)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    blocks, grown = int(out[0]), int(out[1])
    assert blocks > 800
    assert grown < 2.6 * size, f"{grown / size:.2f}x the file"
