"""The printed figures of ../shared/corpus/huaian-gov-2024.pdf (淮安市人民政府 2024, 2021 format).

``T3``, ``T4`` and ``T2`` are the tables as printed, by the packs' row and column ids; the extract
tests compare what was read against them cell by cell. :func:`markdown_report` renders the same
figures as a Markdown report with pipe tables (merged cells repeated), so the grid binder is
proven on real figures with the text extractor alone.
"""

from __future__ import annotations

T3_COLUMNS = ("natural", "commercial", "research", "welfare", "legal", "other", "total")
T4_COLUMNS = tuple(
    f"{group}.{result}"
    for group in ("review", "direct", "after")
    for result in ("upheld", "corrected", "other", "pending", "total")
)


def _ones(n: int) -> tuple[int, ...]:
    """A row with n natural persons only."""
    return (n, 0, 0, 0, 0, 0, n)


T3: dict[str, tuple[int, ...]] = {
    "new": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_in": _ones(34),
    "open": (1288, 21, 0, 0, 50, 3, 1362),
    "partial": (447, 7, 0, 0, 0, 0, 454),
    "deny_1": _ones(2),
    "deny_2": (30, 1, 0, 0, 0, 0, 31),
    "deny_3": _ones(5),
    "deny_4": _ones(6),
    "deny_5": (7, 1, 0, 0, 0, 0, 8),
    "deny_6": _ones(12),
    "deny_7": _ones(9),
    "deny_8": _ones(105),
    "unable_1": (746, 12, 0, 0, 10, 1, 769),
    "unable_2": _ones(11),
    "unable_3": _ones(1),
    "noproc_1": (56, 6, 0, 0, 0, 0, 62),
    "noproc_2": _ones(25),
    "noproc_3": _ones(0),
    "noproc_4": _ones(0),
    "noproc_5": _ones(1),
    "other_1": (67, 3, 0, 0, 1, 0, 71),
    "other_2": _ones(6),
    "other_3": (108, 2, 0, 0, 0, 0, 110),
    "total": (2932, 53, 0, 0, 61, 4, 3050),
    "carried_out": _ones(103),
}
T4: tuple[int, ...] = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)
# (row id, column id) → the printed value, as the extract prints it
T2: dict[tuple[str, str], str] = {
    ("rules", "issued"): "1",
    ("rules", "repealed"): "0",
    ("rules", "in_force"): "11",
    ("normative", "issued"): "8",
    ("normative", "repealed"): "26",
    ("normative", "in_force"): "66",
    ("license", "decisions"): "447228",
    ("penalty", "decisions"): "3985758",
    ("coercion", "decisions"): "88283",
    ("fee", "fee_amount"): "96171.6",
}


def expected_cells() -> dict[tuple[str, str, str], str]:
    """(table id, row id, column id) → value, for every cell of 表二, 表三 and 表四."""
    out = {("T2", row, col): value for (row, col), value in T2.items()}
    for row, values in T3.items():
        out.update({("T3", row, col): str(v) for col, v in zip(T3_COLUMNS, values)})
    out.update({("T4", "value", col): str(v) for col, v in zip(T4_COLUMNS, T4)})
    return out


_T3_LABELS = {
    "new": ["一、本年新收政府信息公开申请数量"] * 3,
    "carried_in": ["二、上年结转政府信息公开申请数量"] * 3,
    "open": ["三、本年度办理结果", "（一）予以公开", "（一）予以公开"],
    "partial": ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] * 1
    + ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    "total": ["三、本年度办理结果", "（七）总计", "（七）总计"],
    "carried_out": ["四、结转下年度继续办理"] * 3,
}
_SUBLABELS = {
    "deny": ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                               "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                               "7.属于行政执法案卷", "8.属于行政查询事项"]),
    "unable": ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    "noproc": ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                                "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]),
    "other": ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                               "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
}


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _t3_lines() -> list[str]:
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    org = "法人或其他组织"
    lines = [
        _row([note] * 3 + ["申请人情况"] * 7),
        _row(["---"] * 10),
        _row([note] * 3 + ["自然人"] + [org] * 5 + ["总计"]),
        _row([note] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]),
    ]
    for row, values in T3.items():
        prefix, _, number = row.partition("_")
        if prefix in _SUBLABELS and number:
            group, labels = _SUBLABELS[prefix]
            label_cells = ["三、本年度办理结果", group, labels[int(number) - 1]]
        else:
            label_cells = _T3_LABELS[row]
        lines.append(_row(label_cells + [str(v) for v in values]))
    return lines


def _t4_lines() -> list[str]:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        _row(["行政复议"] * 5 + ["行政诉讼"] * 10),
        _row(["---"] * 15),
        _row(["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5),
        _row(results * 3),
        _row([str(v) for v in T4]),
    ]


def _t2_lines() -> list[str]:
    return [
        _row(["第二十条第（一）项"] * 4),
        _row(["---"] * 4),
        _row(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        _row(["规章", "1", "0", "11"]),
        _row(["行政规范性文件", "8", "26", "66"]),
        _row(["第二十条第（五）项"] * 4),
        _row(["信息内容"] + ["本年处理决定数量"] * 3),
        _row(["行政许可"] + ["447228"] * 3),
        _row(["第二十条第（六）项"] * 4),
        _row(["信息内容"] + ["本年处理决定数量"] * 3),
        _row(["行政处罚"] + ["3985758"] * 3),
        _row(["行政强制"] + ["88283"] * 3),
        _row(["第二十条第（八）项"] * 4),
        _row(["信息内容"] + ["本年收费金额（单位：万元）"] * 3),
        _row(["行政事业性收费"] + ["96171.6"] * 3),
    ]


def markdown_report() -> str:
    """The huaian figures as a complete 2021-format Markdown report."""
    parts = [
        "# 淮安市人民政府2024年政府信息公开工作年度报告",
        "## 一、总体情况",
        "2024年，淮安市人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "## 二、主动公开政府信息情况",
        "\n".join(_t2_lines()),
        "## 三、收到和处理政府信息公开申请情况",
        "\n".join(_t3_lines()),
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "\n".join(_t4_lines()),
        "## 五、存在的主要问题及改进情况",
        "政府信息公开工作仍存在一些不足，下一步将继续改进。",
        "## 六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        "淮安市人民政府",
        "2025年1月20日",
    ]
    return "\n\n".join(parts) + "\n"
