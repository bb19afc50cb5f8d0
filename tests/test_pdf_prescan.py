"""The cheap bound on a page's content size (checker/extractors/pdf/prescan.py): it clears real
reports without the exact pdfminer count, and never clears a file where a page could be over."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from checker.extractors.pdf.prescan import could_exceed
from tests.conftest import SHARED
from tests.hostile.make_hostile import MB, pdf_content_bomb, pdf_content_repeated, write_pdf

LIMIT = 32 * MB
LINE = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
CONTENT_5MB = zlib.compress(LINE * (5 * MB // len(LINE)))


@pytest.mark.parametrize(
    "name", ["huaian-gov-2024.pdf", "budget/putuo-planning-2024.pdf", "budget/putuo-social-work-2024.pdf"]
)
def test_real_reports_are_cleared_without_the_exact_count(name: str) -> None:
    assert could_exceed(SHARED / "corpus" / name, LIMIT) is False  # WPS and MS Word files


def test_one_stream_over_the_limit(tmp_path: Path) -> None:
    pdf_content_bomb(tmp_path / "bomb.pdf", size=3 * MB)
    assert could_exceed(tmp_path / "bomb.pdf", 2 * MB) is True
    assert could_exceed(tmp_path / "bomb.pdf", 4 * MB) is False


def test_a_stream_named_again_and_again_counts_each_time(tmp_path: Path) -> None:
    pdf_content_repeated(tmp_path / "once.pdf", times=1)
    pdf_content_repeated(tmp_path / "eight.pdf", times=8)
    assert could_exceed(tmp_path / "once.pdf", LIMIT) is False
    assert could_exceed(tmp_path / "eight.pdf", LIMIT) is True  # 8 × 5 MB, each stream within


def test_a_reference_split_by_a_comment_is_still_counted(tmp_path: Path) -> None:
    contents = b"[4 0 R 4 0 %(a comment with R and ) in it\n R 4 0\rR 4 %\n0 %x\n R 4 0 R 4 0 R 4 0 R 4 0 R]"
    write_pdf(tmp_path / "split.pdf", CONTENT_5MB, contents=contents)
    assert could_exceed(tmp_path / "split.pdf", LIMIT) is True


def test_strings_neither_hide_nor_fake_references(tmp_path: Path) -> None:
    # a title in UTF-16 holds any bytes, "R" and "%" among them: neither a reference nor a comment
    title = b"(\xfe\xff\x4e\x8c%\x52 \\) 4 0 R 4 0 R 4 0 R 4 0 R 4 0 R 4 0 R 4 0 R)"
    write_pdf(tmp_path / "title.pdf", CONTENT_5MB)
    data = (tmp_path / "title.pdf").read_bytes().replace(b"/Type /Catalog", b"/Type /Catalog /Title " + title)
    (tmp_path / "title.pdf").write_bytes(data)
    assert could_exceed(tmp_path / "title.pdf", LIMIT) is False
    # … and a reference after a string is counted
    (tmp_path / "after.pdf").write_bytes(data.replace(b"/Contents 4 0 R", b"/Contents [4 0 R" + b" (x) 4 0 R" * 7 + b"]"))
    assert could_exceed(tmp_path / "after.pdf", LIMIT) is True


def _object_stream(objects: bytes, filters: bytes = b"/FlateDecode") -> bytes:
    body = zlib.compress(objects)
    if filters.startswith(b"[/ASCIIHexDecode"):
        body = body.hex().encode() + b">"
    return (b"6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter " + filters + b" /Length %d >>\nstream\n" % len(body)
            + body + b"\nendstream\nendobj\n")


@pytest.mark.parametrize("filters", [b"/FlateDecode", b"[/ASCIIHexDecode /FlateDecode]"])
def test_references_inside_an_object_stream_count(tmp_path: Path, filters: bytes) -> None:
    """The page's /Contents is object 7, an array inside a compressed object stream: its
    references are counted (Flate), or the scan gives up (a filter it does not decode)."""
    write_pdf(tmp_path / "base.pdf", CONTENT_5MB, contents=b"7 0 R")
    data = (tmp_path / "base.pdf").read_bytes()
    xref = data.rindex(b"xref")
    for count, expected in ((1, filters != b"/FlateDecode"), (8, True)):
        array = b"7 0 [" + b"4 0 R " * count + b"]"
        (tmp_path / "objstm.pdf").write_bytes(data[:xref] + _object_stream(array, filters) + data[xref:])
        assert could_exceed(tmp_path / "objstm.pdf", LIMIT) is expected, count


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"/Type /Catalog", b"/Type /Catalog /Encrypt 9 0 R"),  # encrypted: streams unreadable here
        (b"/Type /Catalog", b"/Type /Catalog /Encr#79pt 9 0 R"),  # the same, spelled with an escape
        (b"/Filter /FlateDecode", b"/Filter [/LZWDecode /FlateDecode]"),
        (b"/Filter /FlateDecode", b"/Filter /FlateDecode /Note (stream)"),  # a string in a stream's dictionary
        (b"/Filter /FlateDecode", b"/Filter /FlateDecode /Type 9 0 R"),  # perhaps an object stream
        (b"4 0 obj", b"4 0 %\nobj"),  # a header this scan does not read
    ],
)
def test_what_the_scan_cannot_read_goes_to_the_exact_count(tmp_path: Path, old: bytes, new: bytes) -> None:
    write_pdf(tmp_path / "base.pdf", zlib.compress(LINE))
    data = (tmp_path / "base.pdf").read_bytes()
    assert could_exceed(tmp_path / "base.pdf", LIMIT) is False
    assert old in data
    (tmp_path / "odd.pdf").write_bytes(data.replace(old, new, 1))
    assert could_exceed(tmp_path / "odd.pdf", LIMIT) is True


def test_unreadable_file_goes_to_the_exact_count(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert could_exceed(tmp_path / "empty.pdf", LIMIT) is True
    assert could_exceed(tmp_path / "missing.pdf", LIMIT) is True


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"/Type /ObjStm", b"/Type /Obj#53tm"),  # an object stream this scan would not read
        (b"/Type /ObjStm", b"/Type /ObjStm /DecodeParms << /Predictor 12 /Columns 4 >>"),
    ],
)
def test_object_streams_it_cannot_read_go_to_the_exact_count(tmp_path: Path, old: bytes, new: bytes) -> None:
    write_pdf(tmp_path / "base.pdf", CONTENT_5MB, contents=b"7 0 R")
    data = (tmp_path / "base.pdf").read_bytes()
    xref = data.rindex(b"xref")
    odd = data[:xref] + _object_stream(b"7 0 [4 0 R]").replace(old, new) + data[xref:]
    (tmp_path / "odd.pdf").write_bytes(odd)
    assert could_exceed(tmp_path / "odd.pdf", LIMIT) is True
    (tmp_path / "plain.pdf").write_bytes(data[:xref] + _object_stream(b"7 0 [4 0 R]") + data[xref:])
    assert could_exceed(tmp_path / "plain.pdf", LIMIT) is False


def test_an_object_number_is_read_in_full(tmp_path: Path) -> None:
    """``14`` followed by 61 spaces and ``0 obj``: not read as object 4 (whose references are few)."""
    write_pdf(tmp_path / "base.pdf", CONTENT_5MB, contents=b"[" + b"14 0 R " * 8 + b"]")
    data = (tmp_path / "base.pdf").read_bytes()
    (tmp_path / "padded.pdf").write_bytes(data.replace(b"4 0 obj", b"14" + b" " * 61 + b"0 obj", 1))
    assert could_exceed(tmp_path / "padded.pdf", LIMIT) is True


def test_the_scan_itself_is_bounded(tmp_path: Path) -> None:
    """A million parentheses (or streams) would keep the string reader busy for seconds: past its
    budget the scan gives up at once, and the exact count decides."""
    import time

    write_pdf(tmp_path / "base.pdf", zlib.compress(LINE))
    data = (tmp_path / "base.pdf").read_bytes()
    (tmp_path / "parens.pdf").write_bytes(data.replace(b"/Type /Catalog", b"/Type /Catalog /X " + b"()" * 500_000, 1))
    start = time.process_time()
    assert could_exceed(tmp_path / "parens.pdf", LIMIT) is True
    assert time.process_time() - start < 0.5
    xref = data.rindex(b"xref")
    streams = b"".join(b"%d 0 obj\n<< /Length 1 >>\nstream\nx\nendstream\nendobj\n" % (10 + i) for i in range(20_001))
    (tmp_path / "streams.pdf").write_bytes(data[:xref] + streams + data[xref:])
    assert could_exceed(tmp_path / "streams.pdf", LIMIT) is True


def test_a_huge_object_stream_is_not_held_in_memory(tmp_path: Path) -> None:
    write_pdf(tmp_path / "base.pdf", CONTENT_5MB, contents=b"7 0 R")
    data = (tmp_path / "base.pdf").read_bytes()
    xref = data.rindex(b"xref")
    padded = b"7 0 [4 0 R]" + b" " * (9 * MB)  # 9 MB of object stream, 10 KB compressed
    (tmp_path / "big.pdf").write_bytes(data[:xref] + _object_stream(padded) + data[xref:])
    assert could_exceed(tmp_path / "big.pdf", LIMIT) is True
    (tmp_path / "small.pdf").write_bytes(data[:xref] + _object_stream(padded[: 7 * MB]) + data[xref:])
    assert could_exceed(tmp_path / "small.pdf", LIMIT) is False


@pytest.mark.parametrize("after_keyword", [b"\n", b"\n" + zlib.compress(b"x") + b"\n"])
def test_objects_after_a_stream_keyword_pdfium_would_skip_are_read(tmp_path: Path, after_keyword: bytes) -> None:
    """Object 7 (the page's /Contents, an array naming stream 4 eight times) stands between a
    ``stream`` keyword of an object the cross-reference table never points at and the next
    ``endstream``: pdfium reads object 7 by its offset, so the scan must count its references,
    whether raw bytes or a small zlib body come first."""
    write_pdf(tmp_path / "base.pdf", CONTENT_5MB, contents=b"7 0 R")
    data = (tmp_path / "base.pdf").read_bytes()
    xref = data.rindex(b"xref")
    hidden = (b"9 0 obj\n<< /Length 0 >>\nstream" + after_keyword + b"7 0 obj\n[" + b"4 0 R " * 8 + b"]\nendobj\n"
              + b"endstream\nendobj\n")
    (tmp_path / "hidden.pdf").write_bytes(data[:xref] + hidden + data[xref:])
    assert could_exceed(tmp_path / "hidden.pdf", LIMIT) is True


def _uncompressed(path: Path, content: bytes, length: bytes) -> None:
    """A one-page PDF whose content stream (object 4) is not compressed; ``length`` its /Length."""
    write_pdf(path, b"")
    data = path.read_bytes()
    start = data.index(b"4 0 obj")
    end = data.index(b"endobj", start)
    stream = b"4 0 obj\n<< /Length " + length + b" >>\nstream\n" + content + b"\nendstream\n"
    path.write_bytes(data[:start] + stream + data[end:] + b"9 0 obj\n%d\nendobj\n" % len(content))


@pytest.mark.parametrize("length", [b"%d", b"9 0 R", b"8 0 R"])
def test_an_uncompressed_stream_counts_as_far_as_its_length(tmp_path: Path, length: bytes) -> None:
    """1.5 MB of operators with "endstream" in a comment near the start: pdfium reads /Length
    bytes, so the scan does too (direct, or an integer object; one it cannot find: it gives up)."""
    content = b"% endstream\n" + LINE * (3 * MB // 2 // len(LINE))
    _uncompressed(tmp_path / "raw.pdf", content, length.replace(b"%d", b"%d" % len(content)))
    assert could_exceed(tmp_path / "raw.pdf", MB) is True
    assert could_exceed(tmp_path / "raw.pdf", 2 * MB) is (length == b"8 0 R")  # 8 0 R: no such integer


def test_the_data_begins_on_the_line_after_the_keyword(tmp_path: Path) -> None:
    """A reader skips the rest of the ``stream`` line: a bomb after a comment there is found."""
    pdf_content_bomb(tmp_path / "bomb.pdf", size=3 * MB)
    data = (tmp_path / "bomb.pdf").read_bytes().replace(b">>\nstream\n", b">>\nstream %" + b"z" * 40 + b"\n", 1)
    (tmp_path / "comment.pdf").write_bytes(data)
    assert could_exceed(tmp_path / "comment.pdf", 2 * MB) is True


def test_a_name_holding_stream_is_no_keyword(tmp_path: Path) -> None:
    write_pdf(tmp_path / "base.pdf", zlib.compress(LINE))
    data = (tmp_path / "base.pdf").read_bytes().replace(b"/BaseFont /Helvetica", b"/BaseFont /Bitstream-Vera", 1)
    (tmp_path / "font.pdf").write_bytes(data)
    assert could_exceed(tmp_path / "font.pdf", LIMIT) is False
