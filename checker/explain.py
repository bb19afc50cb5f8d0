"""What each rule means, from the packs themselves: ``report-check rules list`` and ``rules explain``.

A selector pack (``gov``) has no rules of its own: its rules are the union of the packs it selects,
each marked with the format versions it applies to. A rule defined differently per version (C1)
appears once per distinct definition.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any, TextIO

from msgspec import Struct

from checker.finding import Text
from checker.packs.loader import PackRegistry
from checker.packs.model import Example, Pack, RuleSpec

#: What the examples' ``base`` names, for the reader.
BASES = {
    "seed": Text(
        zh="种子报告（运城市交通运输局2020年政府信息公开工作年度报告，2019年格式）",
        en="the seed report (运城市交通运输局, report year 2020, 2019 format)",
    ),
    "seed-2021": Text(
        zh="种子报告改写为2021年格式的2021年度报告",
        en="the seed report rewritten as a 2021 report in the 2021 format",
    ),
    "huaian-md": Text(
        zh="淮安市人民政府2024年度报告的数据（2021年格式），以Markdown表格书写",
        en="the figures of 淮安市人民政府's 2024 report (2021 format) as a Markdown report with pipe tables",
    ),
    "budget-md": Text(
        zh="上海市普陀区规划和自然资源局2024年度部门决算（真实报告），以Markdown表格书写",
        en="the real 2024 部门决算 of 上海市普陀区规划和自然资源局 as a Markdown report with pipe tables",
    ),
}

#: Finding ids that come from reading a file, not from a pack rule.
NON_PACK = {
    "EXTRACT-": Text(
        zh="读取文件时产生的提示（文件无法读取、表格无法完整识别等），不属于规则包中的规则；请用 report-check extract 查看实际读取到的内容。",
        en="a problem met while reading the file (unreadable, a table not fully recognised), not a pack rule; "
        "run report-check extract to see what was read.",
    ),
    "INTERNAL": Text(
        zh="检查器内部错误，不属于规则包中的规则；请报告此问题。",
        en="an internal error of the checker, not a pack rule; please report it.",
    ),
}


class Entry(Struct, frozen=True):
    """A rule as defined, and the concrete packs (format versions) in which it is so defined."""

    rule: RuleSpec
    packs: tuple[Pack, ...]

    @property
    def versions(self) -> str:
        versions = [p.version or p.name for p in self.packs]
        return ",".join(versions)


def concrete_packs(registry: PackRegistry, pack: Pack) -> list[Pack]:
    return [registry.load(name) for _, _, name in pack.select] if pack.select else [pack]


def entries(registry: PackRegistry, pack: Pack) -> list[Entry]:
    """Every rule of a pack (or of the packs a selector pack selects), in pack order."""
    found: dict[tuple[str, int], list[Pack]] = {}
    specs: dict[tuple[str, int], RuleSpec] = {}
    for member in concrete_packs(registry, pack):
        for rule in member.rules:
            variant = 0
            while (rule.id, variant) in specs and specs[(rule.id, variant)] != rule:
                variant += 1
            specs.setdefault((rule.id, variant), rule)
            found.setdefault((rule.id, variant), []).append(member)
    return [Entry(specs[key], tuple(packs)) for key, packs in found.items()]


def close_matches(rule_id: str, known: list[str]) -> list[str]:
    by_upper = {k.upper(): k for k in known}
    exact = by_upper.get(rule_id.upper())
    if exact:
        return [exact]
    prefixed = [k for k in known if k.upper().startswith(rule_id.upper())]
    near = [by_upper[m] for m in difflib.get_close_matches(rule_id.upper(), list(by_upper), n=5, cutoff=0.5)]
    return list(dict.fromkeys([*prefixed, *near]))[:6]


def non_pack_text(rule_id: str) -> Text | None:
    return next((t for prefix, t in NON_PACK.items() if rule_id.startswith(prefix)), None)


# -- rendering ------------------------------------------------------------------------------------


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"zh": text.zh, "en": text.en}


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """A rule as data (``rules list|explain --format json``), both languages."""
    rule, explain = entry.rule, entry.rule.explain
    return {
        "id": rule.id,
        "kind": rule.kind,
        "severity": rule.severity.value,
        "enabled": rule.enabled,
        "packs": [p.name for p in entry.packs],
        "versions": [p.version for p in entry.packs],
        "summary": _text(rule.summary),
        "help": _text(rule.help),
        "message": _text(rule.message),
        "basis": _text(explain.basis) if explain else None,
        "examples": [
            {
                "name": e.name,
                "passes": e.passes,
                "base": e.base,
                "edits": [{"old": old, "new": new} for old, new in e.edits],
                "note": _text(e.note),
                **({"previous": {"base": e.previous[0], "edits": [{"old": o, "new": n} for o, n in e.previous[1]]}}
                   if e.previous is not None else {}),
            }
            for e in (explain.examples if explain else ())
        ],
    }


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_list(items: list[Entry], lang: str) -> str:
    zh = lang == "zh"
    header = ("规则", "类型", "级别", "适用版本", "说明") if zh else ("ID", "KIND", "SEVERITY", "VERSIONS", "SUMMARY")
    rows = [
        (e.rule.id, e.rule.kind, e.rule.severity.value + ("" if e.rule.enabled else " (off)"), e.versions,
         e.rule.summary.get(lang) if e.rule.summary else e.rule.message.get(lang))
        for e in items
    ]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = ["  ".join([*(_pad(cell, w) for cell, w in zip(row[:4], widths)), row[4]]).rstrip() for row in [header, *rows]]
    footer = (
        f"共{len(rows)}条规则。规则说明：report-check rules explain 规则 --lang zh"
        if zh
        else f"{len(rows)} rules. What a rule checks and why: report-check rules explain ID"
    )
    return "\n".join([*lines, "", footer]) + "\n"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _example(example: Example, lang: str) -> list[str]:
    zh = lang == "zh"
    if example.passes:
        title = f"  通过的示例（{example.name}）：" if zh else f"  An example that passes ({example.name}):"
    else:
        title = f"  不通过的示例（{example.name}）：" if zh else f"  An example that fails ({example.name}):"
    base = BASES.get(example.base, Text(example.base, example.base)).get(lang)
    if not example.edits:
        return [title, f"    {base}{'（不作修改）' if zh else ', unchanged'}", *_previous(example, lang), *_note(example, lang)]
    lines = [title, f"    {'在' if zh else 'on '}{base}{'上修改：' if zh else ', change:'}"]
    for old, new in example.edits:
        lines.append(_indent(old, "    - "))
        lines.append(_indent(new, "    + ") if new else ("    + （删除）" if zh else "    + (removed)"))
    return [*lines, *_previous(example, lang), *_note(example, lang)]


def _previous(example: Example, lang: str) -> list[str]:
    """A repository rule's example names the year-before report it is checked with."""
    if example.previous is None:
        return []
    zh = lang == "zh"
    base_name, edits = example.previous
    base = BASES.get(base_name, Text(base_name, base_name)).get(lang)
    lines = [f"    {'同时检查上一年度报告：' if zh else 'checked with the previous year’s report: '}{base}{'，修改：' if zh else ', changed:'}"]
    for old, new in edits:
        lines.append(_indent(old, "    - "))
        lines.append(_indent(new, "    + ") if new else ("    + （删除）" if zh else "    + (removed)"))
    return lines


def _note(example: Example, lang: str) -> list[str]:
    return [] if example.note is None else [_indent("→ " + example.note.get(lang))]


def render_explain(items: list[Entry], lang: str) -> str:
    zh = lang == "zh"
    out: list[str] = []
    for entry in items:
        rule = entry.rule
        summary = rule.summary.get(lang) if rule.summary else ""
        packs = ", ".join(f"{p.name} ({p.version})" if p.version else p.name for p in entry.packs)
        out.append(f"{rule.id}: {summary}")
        if zh:
            out.append(f"  类型 {rule.kind}，级别 {rule.severity.value}{'' if rule.enabled else '（默认关闭）'}，适用于 {packs}")
        else:
            out.append(f"  kind {rule.kind}, severity {rule.severity.value}{'' if rule.enabled else ' (off by default)'}, in {packs}")
        if rule.help is not None:
            out += ["", "  检查内容：" if zh else "  What it checks:", _indent(rule.help.get(lang))]
        explain = rule.explain
        if explain is not None and explain.basis is not None:
            out += ["", "  依据：" if zh else "  Why (basis):", _indent(explain.basis.get(lang))]
        out += ["", "  提示文字（模板）：" if zh else "  Message (template):", _indent(rule.message.get(lang))]
        for example in explain.examples if explain is not None else ():
            out += ["", *_example(example, lang)]
        out.append("")
    return "\n".join(out)


def write_json(items: list[Entry], pack: str, stream: TextIO) -> None:
    import json

    json.dump({"pack": pack, "rules": [entry_to_dict(e) for e in items]}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
