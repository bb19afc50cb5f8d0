"""Text laid out with spaces (``pdftotext -layout``): a row printed over two lines is read by where
its values stand, not in the order the lines give them.

In such text a row whose label wraps inside its cell prints the value its cell centres on the
label's first line and the others on the next ("（二）部分公开（区分处理的，只计这一情 … 454" /
"447 7 0 0 0 0"): read in order, 454 was 自然人's and a correct report got `A2`/`A3` errors.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from checker.binding.layout import column_offsets, in_column_order
from checker.binding.tokens import Token
from checker.engine import Engine
from checker.normalize import norm
from tests import tools
from tests.fixtures.make_office_pdfs import OUT
from tests.fixtures.matrix import CONTENTS, SEEDED, expected_cells, read_cells, reference, summary

CORPUS_PDF = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "huaian-gov-2024.pdf"


def tok(text: str, line: int, x: int) -> Token:
    return Token(text, line, True, x=x)


def row(line: int, *cells: tuple[str, int]) -> list[Token]:
    return [tok(text, line, x) for text, x in cells]


# Three columns at 20, 30, 40 (centres 20.5, 30.5, 40.5 for one-digit values).
ABOVE = row(1, ("1", 20), ("2", 30), ("3", 40))
BELOW = row(5, ("4", 20), ("5", 30), ("9", 40))


def test_the_columns_stand_where_the_rows_printed_on_one_line_put_them() -> None:
    assert column_offsets([ABOVE, BELOW], 3) == [20.5, 30.5, 40.5]
    # A value after a long label stands left of its column: the first column keeps the rightmost.
    assert column_offsets([row(1, ("1", 12), ("2", 30), ("3", 40)), BELOW], 3) == [20.5, 30.5, 40.5]


@pytest.mark.parametrize(("rows", "why"), [
    ([ABOVE], "one row shows nothing"),
    ([ABOVE, row(5, ("4", 30), ("5", 40), ("9", 50))], "the rows disagree: values follow labels of any length"),
    ([ABOVE, [tok("4", 5, 20), tok("5", 6, 30), tok("9", 6, 40)]], "a row over two lines is no guide"),
    ([ABOVE, [Token("4", 5, True), Token("5", 5, True), Token("9", 5, True)]], "a '|' row has no offsets"),
    ([row(1, ("1", 20), ("2", 22), ("3", 24)), row(5, ("4", 20), ("5", 22), ("9", 24))],
     "values one space apart after labels as long: not laid out, however well they agree"),
])
def test_no_columns_without_two_rows_agreeing(rows: list[list[Token]], why: str) -> None:
    assert column_offsets(rows, 3) is None, why


def test_a_row_over_two_lines_goes_by_where_its_values_stand() -> None:
    offsets = [20.5, 30.5, 40.5]
    total_first = [tok("7", 2, 41), tok("3", 3, 19), tok("4", 3, 31)]  # the total on the label's line
    assert [t.text for t in in_column_order(total_first, offsets) or []] == ["3", "4", "7"]
    after_label = [tok("3", 3, 8), tok("4", 3, 30), tok("7", 2, 40)]  # left of the first column
    assert [t.text for t in in_column_order(after_label, offsets) or []] == ["3", "4", "7"]


@pytest.mark.parametrize(("values", "why"), [
    ([tok("3", 3, 20), tok("4", 3, 25), tok("7", 2, 40)], "4 stands between two columns"),
    ([tok("3", 3, 20), tok("4", 3, 21), tok("7", 2, 40)], "two values in one column"),
    ([tok("3", 3, 20), tok("4", 3, 30), tok("7", 2, 46)], "7 stands past the last column"),
    ([tok("3", 3, 10), tok("7", 3, 40)], "left of the first column, with a column empty: maybe the second's"),
    ([tok("1", 3, 20), tok("2", 3, 30), tok("3", 3, 40), tok("4", 3, 41)], "more values than columns"),
    ([], "no value"),
])
def test_a_row_that_does_not_fit_the_columns_is_not_reordered(values: list[Token], why: str) -> None:
    assert in_column_order(values, [20.5, 30.5, 40.5]) is None, why


def test_an_empty_cell_of_laid_out_text_is_blank_where_no_value_stands() -> None:
    ordered = in_column_order([tok("3", 3, 20), tok("7", 3, 40)], [20.5, 30.5, 40.5])
    assert [(t.text, t.blank) for t in ordered or []] == [("3", False), ("", True), ("7", False)]


def layout_text(pdf: Path, out: Path, *flags: str) -> Path:
    tools.require("pdftotext")
    subprocess.run(["pdftotext", *flags, str(pdf), str(out)], check=True, timeout=60)
    return out


@pytest.mark.parametrize("name", sorted(CONTENTS))
def test_the_layout_text_of_each_office_pdf_reads_every_cell(engine: Engine, tmp_path: Path, name: str) -> None:
    path = layout_text(OUT / f"{name}.pdf", tmp_path / f"{name}.txt", "-layout")
    found = summary(engine.check_file(path))
    want = reference(engine, name, tmp_path)
    read = read_cells(engine, path)
    wrong = {k: (read.get(k), text) for k, text in expected_cells(CONTENTS[name]()).items()
             if norm(read.get(k) or "") != norm(text)}
    # The findings of the DOCX of the same content, exactly: no false error, the seeded defect
    # found (the blank 总计 cell too: laid out with spaces, an empty cell is spaces where a value
    # would stand).
    assert found == want
    assert wrong == {}
    seeded = SEEDED[name]
    assert seeded is None or seeded in [(f[0], *f[2:]) for f in found]


@pytest.mark.parametrize("flags", [("-layout",), ()], ids=["layout", "raw"])
def test_the_text_pdftotext_gives_of_the_real_wps_report_fails_only_where_the_pdf_does(
    engine: Engine, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    path = layout_text(CORPUS_PDF, tmp_path / "huaian.txt", *flags)
    errors = [f.rule for f in engine.check_file(path).findings if f.severity.value == "error"]
    assert errors == ["W10-missing"]  # as the PDF itself: it has no closing block


def test_a_row_over_two_lines_that_fits_no_column_is_bound_in_doubt(engine: Engine, tmp_path: Path) -> None:
    from checker.binding import bind

    text = layout_text(OUT / "clean-2021.pdf", tmp_path / "a.txt", "-layout").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("447"))
    lines[at] = lines[at].replace("447      7", "447         7")  # 7 now stands in 科研机构's column
    path = tmp_path / "b.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    document = engine.extract(path)
    table = bind(document, engine.pack_for(document), {}).tables["T3"]
    assert {c.uncertain for (r, _), c in table.cells.items() if r == "partial"} == {True}
    assert not any(c.uncertain for (r, _), c in table.cells.items() if r == "open")


# ---- boundaries of a column, and which rows teach the offsets ------------------------------------


OFFSETS = [20.5, 30.5, 40.5]  # gaps of 10: half a gap is 5


@pytest.mark.parametrize(("centre", "shifted", "column"), [
    (15.5, False, 0),  # half a gap left of the first column: still in it
    (15.4, False, None),  # further left, with a column empty: the label's, or the next column's
    (2.0, True, 0),  # every column has a value: a value after a long label is the first column's
    (25.5, True, None),  # midway between two columns: which one cannot be told
    (25.4, True, 0),
    (45.5, True, 2),  # half a gap past the last column: still in it
    (45.6, True, None),  # beyond the table
])
def test_the_column_a_value_stands_in(centre: float, shifted: bool, column: int | None) -> None:
    from checker.binding.layout import _column_of

    assert _column_of(centre, OFFSETS, shifted) == column


def test_two_columns_are_a_layout_too() -> None:
    assert column_offsets([row(1, ("1", 20), ("2", 30)), row(5, ("4", 20), ("5", 30))], 2) == [20.5, 30.5]


@pytest.mark.parametrize(("widths", "gap", "laid_out"), [
    ((2, 2, 2), 2, False), ((2, 2, 2), 3, True),  # "10 20 30" packed: 8; spread: 6 + 2 × gap
    ((2, 1, 2), 2, False),  # "10 2 30" packed: 7 (× 1.5 = 10.5); spread by two spaces: 9
])
def test_values_spread_half_as_much_again_as_packed_are_laid_out(
    widths: tuple[int, int, int], gap: int, laid_out: bool
) -> None:
    def spread(line: int) -> list[Token]:
        texts = ["1" + "0" * (w - 1) for w in widths]
        second = 20 + widths[0] + gap
        return row(line, (texts[0], 20), (texts[1], second), (texts[2], second + widths[1] + gap))

    assert (column_offsets([spread(1), spread(5)], 3) is not None) is laid_out


def test_a_value_without_offset_fits_no_column() -> None:
    assert in_column_order([tok("3", 3, 20), Token("4", 3, True)], OFFSETS) is None


def test_a_blank_cell_is_a_value_on_the_rows_line() -> None:
    ordered = in_column_order([tok("3", 7, 20), tok("7", 8, 40)], OFFSETS) or []
    blank = ordered[1]
    assert (blank.text, blank.line, blank.value, blank.blank) == ("", 7, True, True)


def test_the_offsets_of_a_row_come_from_its_nearest_whole_rows_of_its_block() -> None:
    from types import SimpleNamespace

    from checker.binding.stream import _Binder

    block, other = SimpleNamespace(columns=(1, 2, 3)), SimpleNamespace(columns=(1, 2, 3))

    def at(x: int, line: int) -> list[Token]:
        return row(line, ("1", x), ("2", x + 10), ("3", x + 20))

    target = [tok("1", 9, 20), tok("2", 10, 30), tok("3", 10, 40)]  # over two lines
    rows: list[Any] = [
        (SimpleNamespace(block=block), at(20, 1)),
        (SimpleNamespace(block=block), at(21, 5)),  # nearest before
        (SimpleNamespace(block=block), target),
        (SimpleNamespace(block=other), at(40, 12)),  # another block's row: not a guide
        (SimpleNamespace(block=block), at(22, 14)),  # nearest after
        (SimpleNamespace(block=block), at(22, 18)),
    ]
    assert _Binder._laid_out(rows, 2) == column_offsets([at(21, 5), at(22, 14)], 3) == [22.5, 32.0, 42.0]
    # The last row: the two nearest before it (not a third).
    rows = [(SimpleNamespace(block=block), at(23, 1)), rows[1], (SimpleNamespace(block=block), at(19, 3)),
            (SimpleNamespace(block=block), target)]
    assert _Binder._laid_out(rows, 3) == column_offsets([at(19, 3), at(21, 5)], 3) == [21.5, 30.5, 40.5]
    # A whole row right after it is the nearest after it.
    rows = [rows[1], (SimpleNamespace(block=block), target), (SimpleNamespace(block=block), at(22, 14)),
            (SimpleNamespace(block=block), at(20, 18))]
    assert _Binder._laid_out(rows, 1) == column_offsets([at(21, 5), at(22, 14)], 3) == [22.5, 32.0, 42.0]


def test_a_row_printed_whole_on_one_line_is_taken_as_printed(engine: Engine, tmp_path: Path) -> None:
    """Only a row over several lines (or with empty cells) is read by position: one printed whole
    on its line is complete, however its values stand (the one-line rule of the stream binder)."""
    from checker.binding import bind

    text = layout_text(OUT / "clean-2021.pdf", tmp_path / "a.txt", "-layout").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "（一）予以公开" in line)
    lines[at] = lines[at][: lines[at].index("1288")] + "1288 21 0 0 50 3 1362"  # packed after the label
    path = tmp_path / "b.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    document = engine.extract(path)
    table = bind(document, engine.pack_for(document), {}).tables["T3"]
    row = {c: (cell.value.raw, cell.uncertain) for (r, c), cell in table.cells.items() if r == "open"}
    assert row == {"natural": ("1288", False), "commercial": ("21", False), "research": ("0", False),
                   "welfare": ("0", False), "legal": ("50", False), "other": ("3", False), "total": ("1362", False)}


def test_a_laid_out_word_keeps_where_it_stands_and_a_unit_goes_with_its_number() -> None:
    from checker.binding.tokens import tokenize
    from checker.model import Location, Paragraph

    line = Paragraph("政府集中采购    22    1196.41 万元", Location("a.txt", line=4), indent=6)
    assert [(t.text, t.x, t.value) for t in tokenize([line])] == [
        ("政府集中采购", 6, False), ("22", 16, True), ("1196.41 万元", 22, True)]
    assert {t.x for t in tokenize([Paragraph("规章 | 1 | 2", Location("a.txt", line=5), indent=2)])} == {None}


def test_a_laid_out_row_with_one_value_has_it_in_its_column(engine: Engine, tmp_path: Path) -> None:
    from checker.binding import bind

    text = layout_text(OUT / "clean-2021.pdf", tmp_path / "a.txt", "-layout").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "1.属于国家秘密" in line)
    head, values = lines[at].split("1.属于国家秘密")
    total = values.rstrip()[-1]
    lines[at] = head + "1.属于国家秘密" + " " * (len(values.rstrip()) - 1) + total  # only 总计 filled
    path = tmp_path / "b.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    document = engine.extract(path)
    table = bind(document, engine.pack_for(document), {}).tables["T3"]
    row = {c: cell.value.raw for (r, c), cell in table.cells.items() if r == "deny_1"}
    assert row == {"natural": "", "commercial": "", "research": "", "welfare": "", "legal": "", "other": "",
                   "total": total}
