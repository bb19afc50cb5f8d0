"""Generate the hostile-file corpus: inputs built to make an extractor work without bound or crash.

    python -m tests.hostile.make_hostile OUT_DIR

Each file is made here from a few bytes of recipe (nothing large is committed); ``HOSTILE`` says
what checking it must give: the rule of its finding and, for a limit, the limit's name. The
inputs are those of the reliability issue (#10): zip headers that lie, a PDF content stream that
inflates to a hundred megabytes, 300k separately placed characters, 20k table rows, list numbers of 2e9, 100k nested elements, 2M
character references, spans of 1e8, a 50 MB line, 3M lines, a 500k-row Markdown table, and the
malformed values that used to crash (``w:ilvl="abc"``, a document.xml without a body).
"""

from __future__ import annotations

import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)
TITLE = "运城市交通运输局2020年政府信息公开工作年度报告"


@dataclass(frozen=True)
class Expect:
    rule: str  # the finding checking the file must give
    limit: str | None = None  # for EXTRACT-limit: the limit's name, in the message


# -- DOCX -------------------------------------------------------------------------------------------


def _paragraph(text: str, num: tuple[str, str] | None = None) -> str:
    num_pr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[0]}"/><w:numId w:val="{num[1]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{num_pr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def _numbering(start: str, lvl_text: str = "%1、", ilvl: str = "0", fmt: str = "chineseCounting") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>'
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num></w:numbering>'
    )


def write_docx(path: Path, document: str, numbering: str | None = None, extra: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document)
        if numbering is not None:
            zf.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            zf.writestr("word/numbering.xml", numbering)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)


def _zero_member(zf: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, streamed (it compresses to about size/1000)."""
    chunk = b"\0" * MB
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w") as out:
        for _ in range(size // MB):
            out.write(chunk)


def docx_zip_lies(path: Path) -> None:
    """A 120 MB member whose central directory says it is 1 KB: python-docx reads a member
    by its declared size, so the bytes after it are never inflated (zipfile then reports a bad
    CRC): a damaged file, not a bomb."""
    write_docx(path, _document(_paragraph(TITLE)))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        _zero_member(zf, "word/media/image1.png", 120 * MB)
    data = bytearray(path.read_bytes())
    name = b"word/media/image1.png"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))  # the member's central directory entry
    assert struct.unpack_from("<I", data, central + 24)[0] == 120 * MB  # no ZIP64: the size is here
    struct.pack_into("<I", data, central + 24, 1024)  # uncompressed size: a lie
    path.write_bytes(bytes(data))


def docx_zip_member(path: Path) -> None:
    """An honest 120 MB member (1.2 MB of deflate): over the per-member limit as it inflates."""
    write_docx(path, _document(_paragraph(TITLE)))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        _zero_member(zf, "word/media/image1.png", 120 * MB)


def docx_damaged_deflate(path: Path) -> None:
    """document.xml's deflate stream overwritten in the middle: zlib's "Error -3"."""
    write_docx(path, _document("".join(_paragraph(f"{TITLE}{i * 7919}") for i in range(400))))
    data = bytearray(path.read_bytes())
    start = data.find(b"word/document.xml") + len("word/document.xml") + 200
    data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def docx_rows(path: Path, rows: int = 20_000, tables: int = 1) -> None:
    row = "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in ("行", "0", "0")) + "</w:tr>"
    write_docx(path, _document(_paragraph(TITLE) + ("<w:tbl>" + row * rows + "</w:tbl>") * tables))


def docx_grid_span(path: Path) -> None:
    """gridSpan and gridBefore of 1e8: clipped to the table's grid, read in a moment."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
    row = '<w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>' + cell * 3 + "</w:tr>"
    write_docx(path, _document(_paragraph(TITLE) + "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
                               + row * 50 + "</w:tbl>"))


def docx_numbered(start: str, lvl_text: str = "%1、", ilvl: str = "0", fmt: str = "chineseCounting") -> Callable[[Path], None]:
    def make(path: Path) -> None:
        body = _paragraph(TITLE) + "".join(_paragraph("总体情况", (ilvl, "1")) for _ in range(300))
        write_docx(path, _document(body), _numbering(start, lvl_text, ilvl, fmt))
    return make


def docx_document_xml(xml: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        write_docx(path, xml)
    return make


# -- PDF --------------------------------------------------------------------------------------------


def pdf_content_bomb(path: Path, size: int = 100 * MB) -> None:
    """One page whose content stream (300 KB of deflate) inflates to 100 MB of text operators."""
    line = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
    compressor = zlib.compressobj(6)
    chunk = line * (MB // len(line))
    stream = b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + compressor.flush()
    write_pdf(path, stream)


def pdf_content_repeated(path: Path, size: int = 5 * MB, times: int = 8) -> None:
    """One page whose /Contents names the same stream (5 MB of operators, 10 KB of deflate) eight
    times: 40 MB for the page, though no stream of the file is over the limit."""
    line = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
    write_pdf(path, zlib.compress(line * (size // len(line))), contents=b"[" + b"4 0 R " * times + b"]")


def pdf_placed_chars(path: Path, count: int = 300_000) -> None:
    """300,000 characters each placed on its own (7 MB of content, within the content limit)."""
    content = b"BT /F1 4 Tf " + b"".join(b"1 0 0 1 %d %d Tm (x) Tj\n" % (i % 590, i // 590 % 840) for i in range(count))
    write_pdf(path, zlib.compress(content + b" ET"))


def write_pdf(path: Path, stream: bytes, contents: bytes = b"4 0 R") -> None:
    """A one-page PDF whose page content is ``stream`` (Flate-compressed, object 4); ``contents``
    is the page's /Contents."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents + b" "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


# -- HTML and text ----------------------------------------------------------------------------------


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>{body}</body></html>'


def text_file(content: Callable[[], str]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(content(), encoding="utf-8")
    return make


def _spans_every_cell() -> str:
    row = "<tr>" + '<td colspan="1000" rowspan="1000">0</td>' * 10 + "</tr>"
    return _page(f"<p>{TITLE}</p><table>" + row * 300 + "</table>")


def _spans_huge() -> str:
    row = '<tr><td colspan="100000000">一</td><td rowspan="100000000">0</td><td>0</td></tr>'
    return _page(f"<p>{TITLE}</p><table>" + row * 100 + "</table>")


# -- the corpus -------------------------------------------------------------------------------------

HOSTILE: dict[str, tuple[Callable[[Path], None], Expect]] = {
    "docx-zip-lies.docx": (docx_zip_lies, Expect("EXTRACT-docx-invalid")),
    "docx-zip-member-120mb.docx": (docx_zip_member, Expect("EXTRACT-limit", "zip_member_bytes")),
    "docx-damaged-deflate.docx": (docx_damaged_deflate, Expect("EXTRACT-docx-invalid")),
    "docx-rows-20k.docx": (docx_rows, Expect("EXTRACT-limit", "table_rows")),
    "docx-tables-3k.docx": (lambda path: docx_rows(path, rows=2, tables=3_000), Expect("EXTRACT-limit", "tables")),
    "docx-gridspan-1e8.docx": (docx_grid_span, Expect("W1-missing")),
    "docx-numbering-1e7.docx": (docx_numbered("10000000"), Expect("EXTRACT-limit", "list_number")),
    "docx-numbering-2e9-roman.docx": (docx_numbered("2000000000", fmt="upperRoman"), Expect("EXTRACT-limit", "list_number")),
    # read, and checked as the report they claim to be (its sections are missing)
    "docx-lvltext-16k.docx": (docx_numbered("1", "%1" * 8000), Expect("W1-missing")),
    "docx-ilvl-abc.docx": (docx_numbered("1", ilvl="abc"), Expect("W1-missing")),
    "docx-start-restart.docx": (docx_numbered("restart"), Expect("W1-missing")),
    "docx-start-1.5.docx": (docx_numbered("1.5"), Expect("W1-missing")),
    "docx-start-nan.docx": (docx_numbered("NaN", ilvl="NaN"), Expect("W1-missing")),
    "docx-no-body.docx": (docx_document_xml(f'<w:document xmlns:w="{W_NS}"><w:sectPr/></w:document>'),
                          Expect("EXTRACT-docx-invalid")),
    "docx-wrong-root.docx": (docx_document_xml(f'<w:body xmlns:w="{W_NS}">{_paragraph(TITLE)}</w:body>'),
                             Expect("EXTRACT-docx-invalid")),
    "pdf-content-100mb.pdf": (pdf_content_bomb, Expect("EXTRACT-limit", "pdf_page_content_bytes")),
    "pdf-content-repeated-8x5mb.pdf": (pdf_content_repeated, Expect("EXTRACT-limit", "pdf_page_content_bytes")),
    "pdf-placed-chars-300k.pdf": (pdf_placed_chars, Expect("EXTRACT-limit", "pdf_page_chars")),
    "html-nested-100k.html": (text_file(lambda: _page("<div>" * 100_000 + TITLE)), Expect("EXTRACT-limit", "html_elements")),
    "html-nested-10k.html": (text_file(lambda: _page("<div>" * 10_000 + TITLE)), Expect("EXTRACT-limit", "html_depth")),
    "html-nested-cells-20k.html": (text_file(lambda: _page("<table><tr><td>" * 20_000 + TITLE)),
                                   Expect("EXTRACT-limit", "html_elements")),
    "html-nested-cells-5k.html": (text_file(lambda: _page("<table><tr><td>" * 5_000 + TITLE)),
                                  Expect("EXTRACT-limit", "html_depth")),
    "html-entities-2m.html": (text_file(lambda: _page("<p>" + "&amp;" * 2_000_000 + "</p>")),
                              Expect("EXTRACT-limit", "html_entities")),
    "html-rows-200k.html": (text_file(lambda: _page("<table>" + "<tr><td>一</td><td>0</td></tr>" * 200_000 + "</table>")),
                            Expect("EXTRACT-limit", "html_elements")),
    "html-rows-3k.html": (text_file(lambda: _page("<table>" + "<tr><td>一</td><td>0</td></tr>" * 3_000 + "</table>")),
                          Expect("EXTRACT-limit", "table_rows")),
    "html-span-1e8.html": (text_file(_spans_huge), Expect("W1-missing")),
    "html-span-1000-every-cell.html": (text_file(_spans_every_cell), Expect("W1-missing")),
    "text-line-50mb.txt": (text_file(lambda: TITLE + "\n" + "一" * (50 * MB // 3) + "\n"), Expect("EXTRACT-limit", "text_line_chars")),
    "text-90k-heading-lines.txt": (text_file(lambda: TITLE + "\n" + "一、总体情况\n" * 90_000), Expect("EXTRACT-limit", "text_lines")),
    "text-20k-heading-lines.txt": (text_file(lambda: TITLE + "\n" + "一、总体情况\n" * 20_000), Expect("EXTRACT-limit", "blocks")),
    "html-20k-paragraphs-deep.html": (text_file(lambda: _page("<div>" * 250 + "<p>一、总体情况</p>" * 20_000)),
                                      Expect("EXTRACT-limit", "blocks")),
    "text-3m-lines.txt": (text_file(lambda: TITLE + "\n" + "一\n" * 3_000_000), Expect("EXTRACT-limit", "text_lines")),
    "md-table-500k-rows.md": (text_file(lambda: f"# {TITLE}\n\n| 项目 | 数量 |\n|---|---|\n" + "| 一 | 0 |\n" * 500_000),
                              Expect("EXTRACT-limit", "text_lines")),
    "md-table-20k-rows.md": (text_file(lambda: f"# {TITLE}\n\n| 项目 | 数量 |\n|---|---|\n" + "| 一 | 0 |\n" * 20_000),
                             Expect("EXTRACT-limit", "table_rows")),
}


def make_all(folder: Path) -> dict[Path, Expect]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (make, expect) in HOSTILE.items():
        make(folder / name)
        out[folder / name] = expect
    return out


if __name__ == "__main__":
    for made in make_all(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")):
        print(made, made.stat().st_size)
