"""Correct reports that drift from the template give no false error, in every format.

Each shape is one content (``tests/fixtures/content.py``) rendered as plain text with " | " rows,
Markdown, DOCX, HTML, text copied from the web page (rows of their own cells joined by " | " or
tabs: merged cells once, rows of different lengths) and a LibreOffice PDF of the DOCX. Every
rendering must give exactly the shape's findings (rule, severity, table, row, column, expected,
actual): a typo'd fixed label is one warning and its row is read; 表三's （六）其他处理 printed as
one row in a 2021 report is one layout warning, its cells read and taken for the sum of its
sub-rows; section headings printed as a table's first row or after a page break are found;
blank totals are warnings and "cannot verify" notes, never errors; a word in a number cell is
an error naming it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from msgspec.structs import replace

from checker.engine import Engine
from checker.finding import FileResult, Status
from tests.fixtures.content import (
    ReportContent,
    huaian_2021,
    with_cell,
    with_heading_in_table,
    with_label,
    with_one_row_other,
    with_page_break,
)
from tests.fixtures.render_docx import render_docx
from tests.fixtures.render_html import render_html
from tests.fixtures.render_text import render_markdown, render_text, render_web_copy
from tests.seeded import T3_OTHER_2021
from tests.tools import require

T3 = "表三"
DENY_2 = "2.其他法律行政法规禁止公开"
DENY_2_ROW = "（三）不予公开 / " + DENY_2
TYPO = "2.其他法律行政止公开"
OTHER = "（六）其他处理"
TOTAL = "（七）总计"
RESULT_ROWS = (
    "open", "partial", *(f"deny_{i}" for i in range(1, 9)), *(f"unable_{i}" for i in range(1, 4)),
    *(f"noproc_{i}" for i in range(1, 6)), *(f"other_{i}" for i in range(1, 4)),
)


def _blank_totals() -> ReportContent:
    """总计 left blank on every result row (the six applicant columns still add up)."""
    content = huaian_2021()
    t3 = {row: values[:6] + ("",) if row in RESULT_ROWS else values for row, values in content.tables["T3"].items()}
    return replace(content, tables={**content.tables, "T3": t3})


def _headings_in_tables() -> ReportContent:
    content = huaian_2021()
    for table in ("T2", "T3", "T4"):
        content = with_heading_in_table(content, table)
    return with_page_break(content, 3)  # and 表三 with its heading row starts a new page


def _typo() -> ReportContent:
    return with_label(huaian_2021(), DENY_2, TYPO)


Summary = tuple[object, ...]


def _blank_totals_findings() -> list[Summary]:
    from tests.fixtures.layout import T3_ROWS

    labels = {row_id: path for row_id, path in T3_ROWS["V2021"]}

    def display(row_id: str) -> str:
        path = labels[row_id]
        return " / ".join(path[1:]) if len(path) > 1 else path[0]

    rows = "、".join(display(r) for r in RESULT_ROWS)
    values = huaian_2021().tables["T3"]
    # A blank total over parts that add up to 0 holds with the blank read as 0: nothing to say.
    unverified = [r for r in RESULT_ROWS if sum(int(v) for v in values[r][:6])]
    assert len(unverified) == len(RESULT_ROWS) - 2  # 3.要求提供公开出版物 and 4.无正当理由… are 0
    return [
        ("CELL-blank", "warning", T3, rows, "总计", None, ""),  # one finding for the whole column
        ("A2", "info", T3, TOTAL, "总计", None, None),
        *(("A3", "info", T3, display(r), "总计", None, None) for r in unverified),
    ]


CASES: dict[str, tuple[Callable[[], ReportContent], Callable[[], list[Summary]]]] = {
    "typo": (_typo, lambda: [("W2-label", "warning", T3, DENY_2_ROW, None, None, None)]),
    # The typo'd row's cells are read: its wrong total is found like any other.
    "typo-wrong-total": (
        lambda: with_cell(_typo(), "T3", "deny_2", "total", "32"),
        lambda: [
            ("W2-label", "warning", T3, DENY_2_ROW, None, None, None),
            ("A3", "error", T3, DENY_2_ROW, "总计", "31", "32"),
            ("A2", "error", T3, TOTAL, "总计", "3051", "3050"),
        ],
    ),
    "one-row-other": (
        lambda: with_one_row_other(huaian_2021()),
        lambda: [("W2-group-row", "warning", T3, OTHER, None, None, None)],
    ),
    # The one row's cells are read and stand for the sum of its sub-rows in A2.
    "one-row-other-wrong-total": (
        lambda: with_cell(with_one_row_other(huaian_2021()), "T3", "other", "total", "188"),
        lambda: [
            ("W2-group-row", "warning", T3, OTHER, None, None, None),
            ("A3", "error", T3, OTHER, "总计", "187", "188"),
            ("A2", "error", T3, TOTAL, "总计", "3051", "3050"),
        ],
    ),
    "headings-in-tables": (_headings_in_tables, list),
    "page-breaks": (lambda: with_page_break(with_page_break(with_page_break(huaian_2021(), 2), 3), 4), list),
    "blank-totals": (_blank_totals, _blank_totals_findings),
    "word-in-number-cell": (
        lambda: with_cell(huaian_2021(), "T3", "open", "natural", "若干"),
        lambda: [
            ("A4", "error", T3, "（一）予以公开", "自然人", None, "若干"),
            ("A3", "info", T3, "（一）予以公开", "总计", None, None),
            ("A2", "info", T3, TOTAL, "自然人", None, None),
        ],
    ),
}

RENDERERS: dict[str, Callable[[ReportContent, Path], Path]] = {
    "txt": render_text,
    "md": render_markdown,
    "docx": render_docx,
    "html": render_html,
    "web-pipe.txt": render_web_copy,
    "web-tab.txt": lambda content, path: render_web_copy(content, path, sep="\t"),
}


def summary(result: FileResult) -> list[Summary]:
    return sorted(
        ((f.rule, f.severity.value, f.table, f.row, f.column, f.expected, f.actual) for f in result.findings),
        key=repr,
    )


def _check(result: FileResult, name: str) -> None:
    expected = sorted(CASES[name][1](), key=repr)
    assert summary(result) == expected
    failing = any(e[1] == "error" for e in expected)
    assert result.status is (Status.FAIL if failing else Status.PASS)
    assert (result.version, result.report_year, result.agency) == ("V2021", 2024, "淮安市人民政府")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_shape_gives_exactly_its_findings(engine: Engine, name: str, fmt: str, tmp_path: Path) -> None:
    path = RENDERERS[fmt](CASES[name][0](), tmp_path / f"{name}.{fmt}")
    _check(engine.check_file(path), name)


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case's DOCX exported by LibreOffice, in one conversion run."""
    binary = require("soffice")  # skips without LibreOffice; fails where REPORT_CHECK_REQUIRE_TOOLS=1 (CI)
    out = tmp_path_factory.mktemp("drift-pdf")
    sources = [render_docx(make(), out / f"{name}.docx") for name, (make, _) in CASES.items()]
    profile = (out / "profile").as_uri()
    subprocess.run(
        [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, sources)],
        capture_output=True, timeout=600, check=True,
    )
    return {name: out / f"{name}.pdf" for name in CASES}


@pytest.mark.parametrize("name", sorted(CASES))
def test_shape_in_libreoffice_pdf(engine: Engine, office_pdfs: dict[str, Path], name: str) -> None:
    result = engine.check_file(office_pdfs[name])
    assert result.format == "pdf"
    _check(result, name)


def test_typo_warning_names_the_printed_and_the_expected_label(engine: Engine, tmp_path: Path) -> None:
    result = engine.check_file(render_text(_typo(), tmp_path / "typo.txt"))
    (finding,) = result.findings
    assert f"“{TYPO}”" in finding.message.zh and DENY_2 in finding.message.zh
    assert f'"{TYPO}"' in finding.message.en
    # The cells of the typo'd row are bound to it.
    from checker.binding import bind

    report = bind(engine.extract(tmp_path / "typo.txt"), engine.registry.load("gov-2021"))
    assert report.tables["T3"].cells[("deny_2", "natural")].value.raw == "30"


def test_one_row_group_cells_are_read(engine: Engine, tmp_path: Path) -> None:
    from checker.binding import bind

    path = render_docx(with_one_row_other(huaian_2021()), tmp_path / "one-row.docx")
    table = bind(engine.extract(path), engine.registry.load("gov-2021")).tables["T3"]
    assert [table.cells[(OTHER, c)].value.raw for c in ("natural", "commercial", "legal", "total")] == [
        "181", "5", "1", "187"]
    assert table.missing_rows == [] and list(table.merged) == [OTHER]
    assert table.merged[OTHER].members == ("other_1", "other_2", "other_3")


# ---- text taken out of a PDF: rows of whitespace-separated values (the stream binder) ----------

SEED_SHAPES: dict[str, tuple[str, list[tuple[str, str]], list[Summary]]] = {
    "typo": ("seed", [("2.其他法律行政法规\n\n禁止公开", "2.其他法律行政\n\n止公开")],
             [("W2-label", "warning", T3, DENY_2_ROW, None, None, None)]),
    # （六） as one row with a value: the sub-rows' sum, so （七）总计 (0) is found wrong.
    "one-row-other": ("seed-2021", [(T3_OTHER_2021, "（六）其他处理 0 0 0 0 1 0 1")],
                      [("W2-group-row", "warning", T3, OTHER, None, None, None),
                       ("A2", "error", T3, TOTAL, "法律服务机构", "1", "0"),
                       ("A2", "error", T3, TOTAL, "总计", "1", "0")]),
    "word-in-number-row": ("seed", [("（一）予以公开 0 0 0 0 0 0 0", "（一）予以公开 若干 0 0 0 0 0 0")],
                           [("A4", "error", T3, "（一）予以公开", "自然人", None, "若干"),
                            ("A3", "info", T3, "（一）予以公开", "总计", None, None),
                            ("A2", "info", T3, TOTAL, "自然人", None, None)]),
    # A page break right before a heading that sits directly above its table.
    "heading-after-page-break": ("seed", [("\n二、主动公开政府信息情况\n\n", "\f二、主动公开政府信息情况\n"),
                                          ("\n三、收到和处理政府信息公开申请情况\n\n", "\n\f三、收到和处理政府信息公开申请情况\n")],
                                 []),
    "period-year-differs": ("seed", [("2020 年度，我局认真", "本报告统计期限自2019年1月1日起至2019年12月31日止。2020 年度，我局认真")],
                            [("W3-period", "error", None, None, None, "2020", "2019")]),
}


@pytest.mark.parametrize("name", sorted(SEED_SHAPES))
def test_text_from_pdf_shape(engine: Engine, name: str, tmp_path: Path) -> None:
    from tests.seeded import apply, base_text

    base, edits, expected = SEED_SHAPES[name]
    path = tmp_path / f"{name}.txt"
    path.write_text(apply(base_text(base), edits), encoding="utf-8")
    result = engine.check_file(path)
    assert summary(result) == sorted(expected, key=repr)
    assert result.status is (Status.FAIL if any(e[1] == "error" for e in expected) else Status.PASS)


def test_word_in_a_short_row_is_still_a_doubt_not_a_guess(engine: Engine, tmp_path: Path) -> None:
    """Six words for seven columns: which column the word is in cannot be told."""
    from tests.seeded import apply, seed_text

    path = tmp_path / "short.txt"
    path.write_text(apply(seed_text(), [("（一）予以公开 0 0 0 0 0 0 0", "（一）予以公开 若干 0 0 0 0 0")]), encoding="utf-8")
    assert [(f.rule, f.severity.value, f.row) for f in engine.check_file(path).findings] == [
        ("EXTRACT-row-values", "warning", "（一）予以公开")]


@pytest.mark.parametrize("render", [render_text, render_docx])
def test_typo_with_its_group_label_in_the_same_cell(engine: Engine, render: Callable[..., Path], tmp_path: Path) -> None:
    """A flattened label cell "（三）不予公开 2.其他法律行政止公开": the group label is not part of
    the typo (it is taken off before the near-miss is measured)."""
    content = with_label(huaian_2021(), DENY_2, "（三）不予公开 " + TYPO)
    result = engine.check_file(render(content, tmp_path / f"flat.{render.__name__[7:]}"))
    assert summary(result) == [("W2-label", "warning", T3, DENY_2_ROW, None, None, None)]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_2019_web_copy_is_clean_and_fully_read(engine: Engine, sep: str, tmp_path: Path) -> None:
    """The 2019 format (five 表二 blocks, one-row （六）) copied from its web page: every cell read."""
    from checker.binding import bind
    from tests.fixtures.content import seed_2019

    content = seed_2019()
    path = render_web_copy(content, tmp_path / "seed.txt", sep=sep)
    result = engine.check_file(path)
    assert (result.findings, result.version, result.report_year) == ([], "V2019", 2020)
    report = bind(engine.extract(path), engine.registry.load("gov-2019"))
    assert sum(len(t.cells) for t in report.tables.values()) == 22 + 161 + 15
    assert report.tables["T2"].cells[("purchase", "purchase_amount")].value.raw == content.tables["T2"]["purchase"][1]
