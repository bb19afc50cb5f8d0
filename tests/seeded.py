"""Seeded-defect copies of the real seed report (运城市交通运输局 2020, 2019 format, as text).

Each defect is a list of exact text edits on ../shared/corpus/yuncheng-transport-2020.txt; an edit
that no longer applies fails loudly, so a fixture can never silently become the unmodified seed.
Run as a script to write every variant into a folder for a look by hand:

    python tests/seeded.py /tmp/seeded
"""

from __future__ import annotations

import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = CORPUS / "yuncheng-transport-2020.txt"

T3_NEW = "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"
T4_ROW = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
S5 = "五、存在的主要问题及改进情况"
S6_BLOCK = "六、其他需要报告的事项\n\n无其他需要报告的事项。\n\n"
CLOSING = "运城市交通运输局\n\n2021 年 1 月 26 日"

Edit = tuple[str, str]

DEFECTS: dict[str, list[Edit]] = {
    "section-removed": [(S5 + "\n", "")],
    "section-reworded": [(S5, "五、政府信息公开工作存在的主要问题及改进情况")],
    "section-duplicated": [(S5 + "\n", S5 + "\n\n" + S5 + "\n")],
    "extra-section": [(S6_BLOCK, S6_BLOCK + "七、附加说明\n\n本报告数据截至2020年12月31日。\n\n")],
    "sections-reordered": [(S6_BLOCK, ""), (S5 + "\n", S6_BLOCK + S5 + "\n")],
    "t3-label-typo": [("5.属于三类内部事务", "5.属于三类内容事务")],
    "t3-cell-changed": [(T3_NEW, "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 0")],
    "t3-total-changed": [("（七）总计 0 0 0 0 0 0 0", "（七）总计 0 0 0 0 0 0 2")],
    "t4-total-blanked": [(T4_ROW, "1 0 0 0 / 0 0 0 0 0 0 0 0 0 0")],
    "t2-published-exceeds-total": [("规范性文件 1 1 5", "规范性文件 1 6 5")],
    "t2-count-invalid": [("行政强制 12 14 0", "行政强制 12 14 -3")],
    "date-late": [(CLOSING, "运城市交通运输局\n\n2021 年 2 月 26 日")],
    "date-early": [(CLOSING, "运城市交通运输局\n\n2020 年 12 月 26 日")],
    "date-chinese-numerals-late": [(CLOSING, "运城市交通运输局\n\n二〇二一年二月一日")],
    "agency-changed": [(CLOSING, "运城市公路管理局\n\n2021 年 1 月 26 日")],
    "closing-removed": [(CLOSING, "")],
    "year-2022-with-2019-tables": [
        ("2020 年政府信息公开工作年度报告", "2022 年政府信息公开工作年度报告"),
        (CLOSING, "运城市交通运输局\n\n2023 年 1 月 26 日"),
    ],
}


def apply(text: str, edits: list[Edit]) -> str:
    for old, new in edits:
        if text.count(old) != 1:
            raise ValueError(f"seed edit does not apply exactly once: {old[:30]!r}")
        text = text.replace(old, new)
    return text


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def write_variant(name: str, folder: Path, encoding: str = "utf-8") -> Path:
    path = folder / f"{name}.txt"
    path.write_text(apply(seed_text(), DEFECTS[name]), encoding=encoding)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "seeded")
    out.mkdir(parents=True, exist_ok=True)
    for defect in DEFECTS:
        print(write_variant(defect, out))
