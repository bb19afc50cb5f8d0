"""Binding template tables onto text lines: the real corpus files and the shapes real text takes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from checker.binding.stream import bind_stream
from checker.extractors.base import Limits
from checker.extractors.text import TextExtractor
from checker.model import Location, Paragraph
from checker.packs.model import TableSpec
from checker.values import ValueKind
from tests import huaian as huaian_figures
from tests.stream_shapes import (
    PATH,
    assert_all_bound,
    column_ids,
    lines_to_paragraphs,
    one_cell_per_line,
    pipe_rows,
    region,
    replaced,
    t3_values,
    values,
)

Specs = Callable[[str], dict[str, TableSpec]]


# ---- the real corpus file (2019 format) ------------------------------------------------------------

S2, S3, S4, S5 = (
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
)


@pytest.fixture
def yuncheng(corpus: Path) -> list[Paragraph]:
    doc = TextExtractor().extract(corpus / "yuncheng-transport-2020.txt", Limits())
    assert not doc.unreadable
    return doc.paragraphs


def test_corpus_table3_every_cell_is_zero(yuncheng: list[Paragraph], table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    table = bind_stream(region(yuncheng, S3, S4), spec, PATH)
    assert table is not None
    rows, columns = spec.blocks[0].rows, column_ids(spec)
    assert (len(rows), len(columns)) == (23, 7)
    assert table.missing_rows == [] and table.missing_columns == [] and table.problems == []
    for row in rows:
        for column in columns:
            cell = table.cells[(row.id, column)]
            assert cell.value.kind is ValueKind.ZERO and cell.value.number == 0, (row.id, column)
            assert not cell.uncertain
    assert len(table.cells) == 23 * 7
    line = {row.id: table.cells[(row.id, "natural")].location.line for row in rows}
    assert line["new"] == 191
    assert line["carried_in"] == 193
    assert line["open"] == 205  # after the vertical 三、本年度办理结果 fragments
    assert line["partial"] == 210  # its values follow the label wrapped over two lines
    assert line["deny_2"] == 223  # "2.其他法律行政法规" / "禁止公开" / values
    assert line["noproc_5"] == 307  # a label wrapped over three lines
    assert line["total"] == 310
    assert line["carried_out"] == 312
    assert table.cells[("deny_1", "total")].location == Location(PATH, line=218)


def test_corpus_table4_fifteen_zeros(yuncheng: list[Paragraph], table_specs: Specs) -> None:
    spec = table_specs("V2019")["T4"]
    table = bind_stream(region(yuncheng, S4, S5), spec, PATH)
    assert table is not None and table.problems == [] and table.missing_columns == []
    assert len(table.cells) == 15
    for column in column_ids(spec):
        cell = table.cells[("value", column)]
        assert cell.value.kind is ValueKind.ZERO and cell.location.line == 426


def test_corpus_table2_values(yuncheng: list[Paragraph], table_specs: Specs) -> None:
    spec = table_specs("V2019")["T2"]
    table = bind_stream(region(yuncheng, S2, S3), spec, PATH)
    assert table is not None
    assert table.problems == [] and table.missing_rows == [] and table.missing_columns == []
    assert values(table, "rules", ["made", "published", "total_public"]) == ["0", "0", "0"]
    assert values(table, "normative", ["made", "published", "total_public"]) == ["1", "1", "5"]
    assert values(table, "penalty", ["previous", "change", "decisions"]) == ["99", "327", "362"]
    assert values(table, "coercion", ["previous", "change", "decisions"]) == ["12", "14", "0"]
    assert values(table, "fee", ["previous", "change"]) == ["1", "0"]
    assert table.cells[("purchase", "purchase_count")].value.number == 22
    amount = table.cells[("purchase", "purchase_amount")].value
    assert (amount.number, amount.unit, amount.kind) == (
        Decimal("1196.41"),
        "万元",
        ValueKind.NUMBER,
    )
    assert table.cells[("purchase", "purchase_amount")].location.line == 160
    assert table.cells[("normative", "total_public")].location.line == 132
    assert len(table.cells) == 22


def test_corpus_table3_across_a_page_break(
    corpus: Path, tmp_path: Path, table_specs: Specs
) -> None:
    # The same report saved with CRLF and 表三 continuing on the next page after "- 5 -".
    text = (corpus / "yuncheng-transport-2020.txt").read_text(encoding="utf-8")
    text = replaced(text, "\n（三）\n", "\n- 5 -\n\f（三）\n").replace("\n", "\r\n")
    path = tmp_path / "paged.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = TextExtractor().extract(path, Limits())
    assert doc.page_count == 2
    spec = table_specs("V2019")["T3"]
    table = bind_stream(region(doc.paragraphs, S3, S4), spec, PATH)
    assert table is not None and table.problems == [] and len(table.cells) == 23 * 7
    assert table.cells[("partial", "total")].location.line == 210
    assert table.cells[("deny_1", "natural")].location.line == 218 + 1  # after the added line


def test_no_label_of_the_table_gives_none(yuncheng: list[Paragraph], table_specs: Specs) -> None:
    specs = table_specs("V2019")
    assert bind_stream(region(yuncheng, "一、总体情况", S2), specs["T3"], PATH) is None
    assert bind_stream(region(yuncheng, S5, None), specs["T4"], PATH) is None
    assert bind_stream([], specs["T2"], PATH) is None


@pytest.mark.parametrize(
    ("table", "prose"),
    [
        (
            "T3",
            "本年度共收到政府信息公开申请 5 件，其中自然人 4 件、法人或其他组织 1 件，总计 5 件，其他 0 件。",
        ),
        ("T4", "本年度发生行政复议 0 件，行政诉讼 0 件，总计 0 件。"),
        ("T2", "本年度公开行政许可 3 项，规章 0 件。"),
    ],
)
def test_prose_naming_rows_or_columns_is_no_table(
    table_specs: Specs, table: str, prose: str
) -> None:
    # A table published as an image leaves only such prose: it must read as missing.
    spec = table_specs("V2019")[table]
    text = f"{prose}\n表格见下图。\n{prose}\n"
    assert bind_stream(lines_to_paragraphs(text), spec, PATH) is None


# ---- synthetic shapes (表三 from the pack's labels, distinct values so a shift would show) ----


def test_one_cell_per_line(table_specs: Specs) -> None:
    spec = table_specs("V2021")["T3"]
    cells = t3_values(spec)
    text = one_cell_per_line(spec, cells)
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert_all_bound(table, spec, cells)
    assert table is not None and len(table.cells) == 25 * 7
    lines = text.split("\n")
    line = table.cells[("other_3", "total")].location.line
    assert line is not None and lines[line - 1] == cells["other_3"][6]


def test_rows_joined_with_pipes(table_specs: Specs) -> None:
    spec = table_specs("V2021")["T3"]
    cells = t3_values(spec)
    cells["deny_4"][2] = ""  # an empty cell between two pipes is a blank, in its own column
    table = bind_stream(lines_to_paragraphs(pipe_rows(spec, cells)), spec, PATH)
    assert_all_bound(table, spec, cells)
    assert table is not None
    assert table.cells[("deny_4", "research")].value.kind is ValueKind.BLANK
    assert table.cells[("deny_4", "welfare")].value.raw == cells["deny_4"][3]


def test_markdown_pipe_table(tmp_path: Path, table_specs: Specs) -> None:
    spec = table_specs("V2021")["T3"]
    cells = t3_values(spec)
    text = pipe_rows(spec, cells, markdown=True)
    path = tmp_path / "t3.md"
    path.write_text("## 三、收到和处理政府信息公开申请情况\n\n" + text, encoding="utf-8")
    doc = TextExtractor().extract(path, Limits())
    (raw,) = doc.tables  # the grid binder's input: label cells, then the seven values
    grid = raw.texts()
    assert len(grid) == 3 + 25
    assert grid[3][0] == spec.blocks[0].rows[0].label
    assert grid[3][3:] == cells["new"] and grid[-1][3:] == cells["carried_out"]
    # The same lines read as a text stream bind to the same values.
    assert_all_bound(bind_stream(lines_to_paragraphs(text), spec, PATH), spec, cells)


def test_wrapped_labels_values_inside_and_interleaved_group_label(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = {row.id: ["0"] * 7 for row in spec.blocks[0].rows}
    text = one_cell_per_line(spec, cells)
    text = replaced(
        text,
        "2.其他法律行政法规禁止公开\n0\n0\n0\n0\n0\n0\n0\n",
        "2.其他法律行政法规\n1 2 3 4 5 6 21\n禁止公开\n",  # values printed before the wrapped rest
    )
    text = replaced(
        text,
        "三、本年度办理结果\n（一）予以公开\n0\n0\n0\n0\n0\n0\n0\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n",
        # The vertical 三、本年度办理结果 arrives in pieces between rows, values and label halves.
        "三、\n（一）予以公开 0 0 0\n本年\n0 0 0 0\n（二）部分公开（区分处理的，只\n度办\n计这一情形，不计其他情形）\n理结\n",
    )
    text = replaced(
        text,
        "5.要求行政机关确认或重新出具已获取信息\n",
        "5.要求行政机关确认\n果\n或重新出具已获取信息\n",
    )
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.problems == [] and table.missing_rows == []
    assert values(table, "deny_2", column_ids(spec)) == ["1", "2", "3", "4", "5", "6", "21"]
    assert values(table, "partial", column_ids(spec)) == ["0"] * 7
    assert values(table, "open", column_ids(spec)) == ["0"] * 7
    assert values(table, "noproc_5", column_ids(spec)) == ["0"] * 7


def test_dropped_value_is_reported_not_misplaced(table_specs: Specs) -> None:
    spec = table_specs("V2021")["T3"]
    cells = t3_values(spec)
    text = one_cell_per_line(spec, cells)
    text = replaced(text, f"4.保护第三方合法权益\n{cells['deny_4'][0]}\n", "4.保护第三方合法权益\n")
    paragraphs = lines_to_paragraphs(text)
    table = bind_stream(paragraphs, spec, PATH)
    assert table is not None
    assert not any(row == "deny_4" for row, _ in table.cells)
    (problem,) = table.problems
    assert (problem.rule, problem.kind, problem.severity.value) == (
        "EXTRACT-row-values",
        "extract",
        "warning",
    )
    assert (problem.table, problem.row) == ("表三", "（三）不予公开 / 4.保护第三方合法权益")
    first_value_line = next(p.location.line for p in paragraphs if p.text == cells["deny_4"][1])
    assert problem.location.line == first_value_line
    assert "4.保护第三方合法权益" in problem.message.zh and "6 values" in problem.message.en
    # Neighbours keep their own values.
    assert values(table, "deny_3", column_ids(spec)) == cells["deny_3"]
    assert values(table, "deny_5", column_ids(spec)) == cells["deny_5"]
    assert len(table.cells) == 24 * 7


def test_extra_value_is_uncertain(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = {row.id: ["0"] * 7 for row in spec.blocks[0].rows}
    text = replaced(one_cell_per_line(spec, cells), "2.重复申请\n", "2.重复申请\n9\n")
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None
    assert [p.row for p in table.problems] == ["（五）不予处理 / 2.重复申请"]
    assert all(table.cells[("noproc_2", c)].uncertain for c in column_ids(spec))
    assert not table.cells[("noproc_1", "natural")].uncertain


def test_a_number_after_a_complete_row_is_not_a_cell(table_specs: Specs) -> None:
    specs = table_specs("V2019")
    t3_text = one_cell_per_line(specs["T3"], {r.id: ["0"] * 7 for r in specs["T3"].blocks[0].rows})
    t3_text = replaced(
        t3_text,
        "四、结转下年度继续办理\n0\n0\n0\n0\n0\n0\n0\n",
        "四、结转下年度继续办理 0 0 0 0 0 0 0\n5\n",
    )
    t4_text = (
        "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
    )
    t4_text += " ".join(["1"] * 15) + "\n6\n"  # a bare page number after the row
    for spec, text in ((specs["T3"], t3_text), (specs["T4"], t4_text)):
        table = bind_stream(lines_to_paragraphs(text), spec, PATH)
        assert table is not None and table.problems == [], spec.id
        assert not any(cell.uncertain for cell in table.cells.values())
        assert len(table.cells) == len(spec.blocks[0].rows) * len(spec.blocks[0].columns)


def test_full_and_half_width_label_variants(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = {row.id: ["1"] * 6 + ["6"] for row in spec.blocks[0].rows}
    text = one_cell_per_line(spec, cells)
    for template, variant in [
        ("（一）予以公开", "(一)予以公开"),
        ("1.属于国家秘密", "１．属于国家秘密"),
        ("3.危及“三安全一稳定”", '3、危及"三安全一稳定"'),
        ("2.没有现成信息需要另行制作", "2. 没有现成信息 需要另行制作"),
        ("（七）总计", "(七) 总 计"),
        ("社会公益组织", "社会公\n益组织"),
    ]:
        text = replaced(text, template, variant)
    text = replaced(text, "\n6\n", "\n６\n")  # full-width digits in values
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.missing_rows == [] and table.missing_columns == []
    assert table.problems == []
    for row in spec.blocks[0].rows:
        assert [table.cells[(row.id, c)].value.number for c in column_ids(spec)] == [1] * 6 + [6]


def test_misspelt_labels_still_identify_their_rows(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = t3_values(spec)
    text = one_cell_per_line(spec, cells)
    text = replaced(
        text, "5.属于三类内部事务信息", "5.属于三类内容事务信息"
    )  # typos seen in real reports
    text = replaced(text, "2.其他法律行政法规禁止公开", "2.其他法律行政\n止公开")
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.missing_rows == [] and table.problems == []
    for row in ("deny_1", "deny_2", "deny_4", "deny_5", "deny_6"):
        assert values(table, row, column_ids(spec)) == cells[row], row
        assert not table.cells[(row, "natural")].uncertain


def test_missing_row_and_missing_column(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = t3_values(spec)
    text = one_cell_per_line(spec, cells)
    deny_7 = "7.属于行政执法案卷\n" + "".join(f"{v}\n" for v in cells["deny_7"])
    text = replaced(replaced(text, deny_7, ""), "社会公益组织\n", "")
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None
    assert table.missing_rows == ["deny_7"]
    # every row still shows a value for it: the column is there, only its header was not read
    assert (table.missing_columns, table.unread_headers) == ([], ["welfare"])
    assert values(table, "deny_6", column_ids(spec)) == cells["deny_6"]
    assert values(table, "deny_8", column_ids(spec)) == cells["deny_8"]


def test_rows_without_a_header(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = t3_values(spec)
    text = one_cell_per_line(spec, cells).split("总计\n", 1)[1]  # everything after the header
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.missing_rows == []
    # no header at all, but every row shows its values: the columns are there, and no header was
    # read to say any of them differs
    assert (table.missing_columns, table.unread_headers) == ([], [])
    assert values(table, "carried_out", column_ids(spec)) == cells["carried_out"]


def test_rows_out_of_template_order(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T2"]
    text = (
        "第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
        "规范性文件 1 2 3\n规章 4 5 6\n"
    )
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None
    assert values(table, "rules", ["made", "published", "total_public"]) == ["4", "5", "6"]
    assert values(table, "normative", ["made", "published", "total_public"]) == ["1", "2", "3"]


def test_worded_cells_and_label_characters(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T3"]
    cells = {row.id: ["0"] * 7 for row in spec.blocks[0].rows}
    cells["unable_1"] = ["无", "/", "—", "0", "0", "0", "0"]
    text = replaced(one_cell_per_line(spec, cells), "（四）无法提供\n", "（四）\n无\n法提供\n")
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.problems == []
    assert [table.cells[("unable_1", c)].value.kind for c in column_ids(spec)[:4]] == [
        ValueKind.NOT_APPLICABLE,
        ValueKind.NOT_APPLICABLE,
        ValueKind.NOT_APPLICABLE,
        ValueKind.ZERO,
    ]
    assert values(table, "deny_8", column_ids(spec)) == ["0"] * 7


# ---- 表二 and 表四 ---------------------------------------------------------------------------------


def test_table2_2019_change_values(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T2"]
    text = """制定规章 3 件，见下表。
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 8（其中修订2件） 8 （含自然失效3件） 40
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 35 +2 1,208
其他对外管理服务事项 4 减4 0
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 10 未增未减 5
行政强制 3 -1 2
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 2 0
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 3 251000元
"""
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.problems == [] and table.missing_rows == []
    number = {key: cell.value.number for key, cell in table.cells.items()}
    assert number[("rules", "made")] == 0  # not the "3" of the prose before the table
    assert number[("normative", "made")] == 8
    assert table.cells[("normative", "made")].value.note == "(其中修订2件)"
    published = table.cells[("normative", "published")].value
    assert (published.number, published.note) == (8, "(含自然失效3件)")
    assert number[("normative", "total_public")] == 40
    assert number[("license", "change")] == 2 and number[("license", "decisions")] == 1208
    assert number[("other_services", "change")] == -4
    assert number[("penalty", "change")] == 0 and number[("coercion", "change")] == -1
    assert number[("purchase", "purchase_amount")] == 251000
    assert table.cells[("purchase", "purchase_amount")].value.unit == "元"


def test_table2_2021_fee_in_wan_yuan_from_a_gbk_file(tmp_path: Path, table_specs: Specs) -> None:
    spec = table_specs("V2021")["T2"]
    path = tmp_path / "gbk.txt"
    path.write_text(
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发\n件数\n本年废止\n件数\n现行有效\n件数\n"
        "规章\n0\n0\n0\n行政规范性文件\n5\n1\n42\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n1234\n"
        "第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n56\n行政强制\n0\n"
        "第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n113.96\n",
        encoding="gbk",
    )
    doc = TextExtractor().extract(path, Limits())
    table = bind_stream(doc.paragraphs[1:], spec, str(path))
    fee_line = path.read_text(encoding="gbk").split("\n").index("113.96") + 1
    assert table is not None and table.problems == [] and table.missing_columns == []
    assert values(table, "normative", ["issued", "repealed", "in_force"]) == ["5", "1", "42"]
    assert values(table, "license", ["decisions"]) == ["1234"]
    fee = table.cells[("fee", "fee_amount")]
    assert (fee.value.number, fee.value.unit, fee.location.line) == (
        Decimal("113.96"),
        "万元",
        fee_line,
    )


def test_table4_header_in_single_characters_between_prose(
    tmp_path: Path, table_specs: Specs
) -> None:
    spec = table_specs("V2021")["T4"]
    header = (
        "行政复议 行政诉讼\n"
        + "\n".join("结果维持结果纠正其他结果尚未审结")
        + "\n总计\n未经复议直接起诉 复议后起诉\n"
    )
    header += "\n".join("结果维持结果纠正其他结果尚未审结总计" * 2) + "\n"
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n2021 年本机关共发生行政复议 1 件。\n"
        + header
        + "- 5 -\n"  # a page number between the header and the row
        + "1 0 0 0 1\n0 0 0 0 0 2 0 0 1 3\n本年度行政诉讼 3 件。\n"
    )
    path = tmp_path / "t4.txt"
    path.write_text(text, encoding="utf-8")
    doc = TextExtractor().extract(path, Limits())
    table = bind_stream(doc.paragraphs[1:], spec, str(path))
    assert table is not None and table.problems == [] and table.missing_columns == []
    got = [str(table.cells[("value", c)].value.number) for c in column_ids(spec)]
    assert got == ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "2", "0", "0", "1", "3"]
    assert (
        table.cells[("value", "after.total")].location.line
        == text.split("\n").index("0 0 0 0 0 2 0 0 1 3") + 1
    )


def test_table4_with_a_dropped_cell(table_specs: Specs) -> None:
    spec = table_specs("V2019")["T4"]
    text = "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n1 0 0 1 0 0 0 0 0 0 0 0 0 0\n"
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.cells == {}
    assert [(p.rule, p.row, p.location.line) for p in table.problems] == [
        ("EXTRACT-row-values", None, 3)
    ]


def test_header_labels_of_neighbouring_columns_interleaved(table_specs: Specs) -> None:
    spec = table_specs("V2021")["T3"]
    cells = t3_values(spec)
    text = one_cell_per_line(spec, cells)
    # pdfplumber prints a two-line header row line by line across the columns.
    text = replaced(
        text,
        "商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n",
        "商业企 科研机 社会公益 法律服务\n其他\n业 构 组织 机构\n",
    )
    table = bind_stream(lines_to_paragraphs(text), spec, PATH)
    assert table is not None and table.missing_columns == []
    assert_all_bound(table, spec, cells)


# ---- the real 2024 PDF's text layer, as pdfplumber gives it (2021 format) ------------------------

# 表三 of 淮安市人民政府 2024 as printed (tests/huaian.py), all 25 rows. The hard ones in the text
# layer: partial (values between the halves of the wrapped label), deny_2 (after a character of
# the vertical 三、本年度办理结果), unable_2 (after a page number and "法提供"), other_2 ("他处理"
# of （六）其他处理 printed inside the label).
HUAIAN_T3 = {row: " ".join(map(str, printed)) for row, printed in huaian_figures.T3.items()}


@pytest.fixture
def huaian(corpus: Path, tmp_path: Path) -> list[Paragraph]:
    import pdfplumber  # a test dependency: this is what text out of a real PDF looks like

    with pdfplumber.open(corpus / "huaian-gov-2024.pdf") as pdf:
        text = "\f".join(page.extract_text() or "" for page in pdf.pages)
    path = tmp_path / "huaian.txt"
    path.write_text(text, encoding="utf-8")
    return TextExtractor().extract(path, Limits()).paragraphs


def test_huaian_pdf_text(huaian: list[Paragraph], table_specs: Specs) -> None:
    specs = table_specs("V2021")
    t2 = bind_stream(region(huaian, S2, S3), specs["T2"], PATH)
    t3 = bind_stream(region(huaian, S3, S4), specs["T3"], PATH)
    t4 = bind_stream(region(huaian, S4, S5), specs["T4"], PATH)
    for table in (t2, t3, t4):
        assert table is not None
        assert table.problems == [] and table.missing_rows == [] and table.missing_columns == []
    assert t2 is not None and t3 is not None and t4 is not None
    assert values(t2, "normative", ["issued", "repealed", "in_force"]) == ["8", "26", "66"]
    assert values(t2, "penalty", ["decisions"]) == ["3985758"]
    assert t2.cells[("fee", "fee_amount")].value.number == Decimal("96171.6")
    assert {key: t2.cells[key].value.raw for key in huaian_figures.T2} == huaian_figures.T2
    assert len(t3.cells) == 25 * 7 and len(HUAIAN_T3) == 25
    read = {row: " ".join(values(t3, row, column_ids(specs["T3"]))) for row in HUAIAN_T3}
    assert read == HUAIAN_T3
    t4_values = " ".join(values(t4, "value", column_ids(specs["T4"])))
    assert t4_values == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"
