"""Text out of reading order: a PDF's text taken in the order it was drawn (``pdftotext`` without
``-layout``, a copy from a PDF viewer) scatters its tables.

LibreOffice's PDF reads a row's vertically centred total, and the next rows' values, before a
wrapped label, and 表四's header cells word by word; a browser's PDF reads column by column. Such
text of a correct report got 2-7 false errors each (``W2-row-missing``, ``W2-column-missing``,
``W2-table-missing``, an ``A3``). A table read out of order is now in doubt: its cells are
uncertain and its missing rows and columns warn (``BoundTable.scrambled``), and a table whose header
words and figures stand on lines of their own is there in pieces, not missing (``Report.pieces``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checker.binding import bind
from checker.binding.pieces import in_pieces
from checker.engine import Engine
from checker.model import Location, Paragraph
from checker.packs.model import TableSpec
from checker.report import BoundTable
from tests import tools
from tests.fixtures.make_office_pdfs import OUT
from tests.fixtures.matrix import CONTENTS, SEEDED, reference

# The seeded defects outside the tables: found however the tables read.
OUTSIDE_TABLES = {"W1-missing", "W4-late"}


def drawn_order_text(pdf: Path, out: Path) -> Path:
    tools.require("pdftotext")
    subprocess.run(["pdftotext", str(pdf), str(out)], check=True, timeout=60)
    return out


def errors(engine: Engine, path: Path) -> list[tuple[str, str | None]]:
    return sorted((f.rule, f.actual) for f in engine.check_file(path).findings if f.severity.value == "error")


@pytest.mark.parametrize("name", sorted(CONTENTS))
def test_no_false_error_in_the_drawn_order_text_of_each_office_pdf(engine: Engine, tmp_path: Path, name: str) -> None:
    path = drawn_order_text(OUT / f"{name}.pdf", tmp_path / f"{name}.txt")
    seeded = SEEDED[name]
    # Only the seeded defect fails the file, and only one outside the tables (a sum in a table
    # read out of order is in doubt: a warning at most).
    want = [(seeded[0], seeded[5])] if seeded and seeded[0] in OUTSIDE_TABLES else []
    assert errors(engine, path) == want
    if want:  # the same finding the DOCX of the content gives
        assert any(f[0] == seeded[0] and f[1] == "error" for f in reference(engine, name, tmp_path))


def test_what_the_drawn_order_text_of_a_libreoffice_pdf_is_in_doubt_about(engine: Engine, tmp_path: Path) -> None:
    path = drawn_order_text(OUT / "clean-2021.pdf", tmp_path / "clean.txt")
    document = engine.extract(path)
    report = bind(document, engine.pack_for(document), {})
    t3 = report.tables["T3"]
    assert t3.scrambled and {c.uncertain for c in t3.cells.values()} == {True}
    assert not report.tables["T2"].scrambled  # 表二 reads in order: its cells stay certain
    assert not any(c.uncertain for c in report.tables["T2"].cells.values())
    assert "T4" not in report.tables
    lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines(): a page break (\f) is no line
    where = report.pieces["T4"]
    assert lines[where.line - 1] in ("行政复议", "行政诉讼")
    found = {(f.rule, f.severity.value, f.table, f.row): f for f in engine.check_file(path).findings}
    missing_row = found[("W2-row-missing", "warning", "表三", "（五）不予处理 / 5.要求行政机关确认或重新出具已获取信息")]
    assert missing_row.uncertain and missing_row.message.en.endswith("(extraction doubt: the reading, not the report, may be wrong)")
    missing_table = found[("W2-table-missing", "warning", "表四", None)]
    assert missing_table.uncertain and missing_table.location.line == where.line
    # Said once, for the table, with what to do instead.
    order = [f for f in engine.check_file(path).findings if f.rule == "EXTRACT-text-order"]
    assert [(f.table, f.severity.value, f.location.line) for f in order] == [("表三", "warning", t3.location.line)]
    assert order[0].message.en.endswith("check the PDF itself, or its text taken with pdftotext -layout")


@pytest.mark.parametrize("name", ["clean-2021", "clean-2019", "late-date"])
def test_no_false_error_in_the_drawn_order_text_of_a_browser_pdf(engine: Engine, tmp_path: Path, name: str) -> None:
    from tests.fixtures import producers

    pdf = producers.chromium_print(CONTENTS[name](), tmp_path / f"{name}.pdf")
    path = drawn_order_text(pdf, tmp_path / f"{name}.txt")
    seeded = SEEDED[name]
    assert errors(engine, path) == ([(seeded[0], seeded[5])] if seeded else [])
    document = engine.extract(path)
    report = bind(document, engine.pack_for(document), {})
    # Column by column: 表二's header labels come after its rows.
    assert report.tables["T2"].scrambled


# ---- units ------------------------------------------------------------------------------------------


def lines(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, Location("r.txt", line=i + 1)) for i, text in enumerate(texts)]


T4_HEADER = ("行政复议", "行政诉讼", "结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "审结", "总计")


def t4(engine: Engine) -> TableSpec:
    return next(t for t in engine.registry.load("gov-2021").tables if t.id == "T4")


def test_a_table_in_pieces_has_its_header_words_and_half_its_figures(engine: Engine) -> None:
    spec = t4(engine)  # one row of 15 cells: 8 figures are half
    scattered = lines("本机关情况如下。", *T4_HEADER, *(["1"] * 4), "0 0 0 0")
    assert in_pieces(scattered, spec) == Location("r.txt", line=2)
    assert in_pieces(lines(*T4_HEADER, *(["1"] * 7)), spec) is None  # 7 figures of 15
    assert in_pieces(lines(*T4_HEADER[2:], *(["1"] * 15)), spec) is None  # 行政复议, 行政诉讼 not read
    assert in_pieces(lines("行政复议", *(["1"] * 15)), spec) is None  # one of the two header labels


def test_a_table_replaced_by_prose_is_not_in_pieces(engine: Engine) -> None:
    spec = t4(engine)
    prose = lines("本年度未发生政府信息公开行政复议、行政诉讼。", "行政复议0件，行政诉讼0件。", *(["0"] * 15))
    # The labels stand only inside sentences: no header cell.
    assert in_pieces(prose, spec) is None


def test_a_table_missing_from_the_text_of_a_docx_is_still_an_error(engine: Engine, tmp_path: Path) -> None:
    from tests.fixtures.content import huaian_2021, without_table
    from tests.fixtures.render_text import render_text

    path = render_text(without_table(huaian_2021(), "T4"), tmp_path / "r.txt")
    found = [(f.rule, f.severity.value, f.table) for f in engine.check_file(path).findings]
    assert ("W2-table-missing", "error", "表四") in found


T2_2021 = (
    "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
    "规章 1 0 11", "行政规范性文件 8 26 66",
    "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 447228",
    "第二十条第（六）项", "信息内容 本年处理决定数量", "行政处罚 3985758", "行政强制 88283",
    "第二十条第（八）项", "信息内容 本年收费金额（单位：万元）", "行政事业性收费 96171.6",
)


def bound_t2(engine: Engine, *texts: str) -> BoundTable:
    from checker.binding.stream import bind_stream

    spec = next(t for t in engine.registry.load("gov-2021").tables if t.id == "T2")
    table = bind_stream(lines(*texts), spec, "r.txt")
    assert table is not None
    return table


def test_a_text_table_in_order_is_not_scrambled(engine: Engine) -> None:
    table = bound_t2(engine, *T2_2021)
    assert not table.scrambled and not table.missing_columns
    assert not any(c.uncertain for c in table.cells.values())


def test_one_row_with_too_many_values_is_a_doubt_about_that_row_only(engine: Engine) -> None:
    texts = list(T2_2021)
    texts[3] = "行政规范性文件 8 26 66 5"
    table = bound_t2(engine, *texts)
    assert not table.scrambled
    assert {r for (r, _), c in table.cells.items() if c.uncertain} == {"normative"}


def test_two_rows_with_too_many_values_scramble_the_table(engine: Engine) -> None:
    texts = list(T2_2021)
    texts[2], texts[3] = "规章 1 0 11 8", "行政规范性文件 26 66 447228 3985758"
    table = bound_t2(engine, *texts)
    assert table.scrambled and {c.uncertain for c in table.cells.values()} == {True}


def test_a_header_label_alone_on_a_line_below_the_rows_scrambles_the_table(engine: Engine) -> None:
    # Column by column: the rows first, then each column's label and values.
    texts = ("第二十条第（一）项", "信息内容", "规章", "行政规范性文件", "本年制发件数", "1", "8", "本年废止件数", "0", "26")
    table = bound_t2(engine, *texts)
    assert table.scrambled and "issued" in table.missing_columns
    # The same label inside a sentence below the table says nothing of the order.
    in_order = bound_t2(engine, "第二十条第（一）项", "信息内容 本年废止件数 现行有效件数", "规章 0 11",
                        "行政规范性文件 26 66", "注：本年制发件数另行统计。")
    assert not in_order.scrambled


def test_a_table_out_of_order_both_ways_is_said_to_be_once(engine: Engine) -> None:
    from checker.binding.stream import _Binder

    spec = next(t for t in engine.registry.load("gov-2021").tables if t.id == "T2")
    binder = _Binder(lines(*T2_2021), spec, "r.txt")
    table = binder.bind()
    assert table is not None and not table.scrambled
    binder._scramble(table)  # rows with too many values
    binder._scramble(table)  # and a header label below the rows
    assert [p.rule for p in table.problems] == ["EXTRACT-text-order"]
