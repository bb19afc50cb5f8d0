"""The page's own words, in both languages (``--lang``), and the stylesheet."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("report-check 检查证据报告", "report-check evidence report"),
    "summary": ("概览", "Summary"),
    "files": ("文件", "Files"),
    "file": ("文件", "File"),
    "status": ("结果", "Status"),
    "agency": ("机关", "Agency"),
    "year": ("年度", "Year"),
    "pack": ("规则包", "Pack"),
    "error": ("错误", "errors"),
    "warning": ("警告", "warnings"),
    "info": ("提示", "info"),
    "suppressed": ("已豁免", "suppressed"),
    "pass": ("通过", "pass"),
    "fail": ("未通过", "fail"),
    "unreadable": ("无法检查", "could not be checked"),
    "files_count": ("文件", "files"),
    "findings_count": ("问题", "findings"),
    "by_rule": ("按规则统计", "By rule"),
    "rule": ("规则", "Rule"),
    "severity": ("级别", "Severity"),
    "count": ("数量", "Count"),
    "findings": ("问题", "Findings"),
    "no_findings": ("未发现问题。", "No findings."),
    "document": ("全文", "Document"),
    "expected": ("应为", "expected"),
    "actual": ("实为", "actual"),
    "operands": ("参与计算的单元格", "Cells in the calculation"),
    "page": ("第 {} 页", "page {}"),
    "line": ("第 {} 行", "line {}"),
    "paragraph": ("第 {} 段", "paragraph {}"),
    "grid_cell": ("第 {} 个表格 第 {} 行 第 {} 列", "table {}, row {}, column {}"),
    "element": ("元素", "element"),
    "open_page": ("点击查看整页", "click to open the whole page"),
    "open_table": ("点击查看整张表", "click to open the whole table"),
    "close": ("关闭", "close"),
    "no_snapshot_cap": (
        "（超出每个文件 {} 张截图的上限，未生成截图）",
        "(no snapshot: past the cap of {} snapshots per file)",
    ),
    "no_snapshot_run_cap": (
        "（超出整个报告 {} 张截图的上限，未生成截图）",
        "(no snapshot: past the cap of {} snapshots in this report)",
    ),
    "no_snapshot_unreadable": ("（文件无法读取，无截图）", "(the file could not be read: no snapshot)"),
    "no_snapshot_location": ("（此问题没有页面位置，无截图）", "(no position on a page: no snapshot)"),
    "no_snapshot_render": ("（无法渲染此页：{}）", "(the page could not be rendered: {})"),
    "reread_failed": (
        "为此文件生成证据时发生内部错误（请报告此问题），以下只列出问题：{}",
        "internal error while making this file's evidence (please report it); its findings only: {}",
    ),
    "tables": ("统计表（检查时读取的值）", "Tables as the checker read them"),
    "tables_none": ("未找到模板统计表。", "No template table was found."),
    "uncertain": ("提取时不确定", "uncertain extraction"),
    "waived": ("已豁免（{}）：{}", "suppressed ({}): {}"),
    "waiver": ("豁免清单", "waiver"),
    "baseline": ("基线", "baseline"),
    "legend": ("图例", "Legend"),
    "legend_cell": ("问题所在单元格", "the finding's cell"),
    "legend_operand": ("参与计算的单元格", "a cell in the calculation"),
    "kind_number": ("数值", "number"),
    "kind_zero": ("零", "zero"),
    "kind_blank": ("空白", "blank"),
    "kind_not_applicable": ("“/”（不适用）", "\"/\" (not applicable)"),
    "kind_text": ("文字（非数值）", "text (not a number)"),
    "limits": (
        (
            "只渲染有问题的页面；每个文件最多 {cap} 张截图，整个报告最多 {run_cap} 张；运行超过 {detail} 个文件时，无问题的文件只在概览中列出。"
            "截图中的红框是问题所在单元格，蓝框是参与计算的单元格；鼠标悬停在统计表单元格上可看到原文。"
        ),
        (
            "Only pages with findings are rendered; at most {cap} snapshots per file and {run_cap} in all; in a run "
            "of more than {detail} "
            "files, files without findings are only listed in the summary. Red outlines the finding's cell, blue the "
            "cells of its calculation; hover over a table cell to see the text as found."
        ),
    ),
    "generated": ("由 report-check {} 生成", "made by report-check {}"),
}


def text(key: str, lang: str) -> str:
    zh, en = TEXTS[key]
    return zh if lang == "zh" else en


# No external font, script or image: system fonts with CJK fallbacks; the page overlays open with
# :target (a link to the overlay's per-finding anchor), so the page needs no script at all and its
# Content-Security-Policy forbids every script and every fetch.
CSS = """
:root{--cell:#d00;--op:#06c;--line:#ccc;font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",
"Microsoft YaHei","PingFang SC",sans-serif;font-size:14px;color:#222;background:#fff}
body{margin:0 auto;max-width:1280px;padding:0 16px 48px}
h1{font-size:22px;margin:16px 0}h2{font-size:18px;margin:28px 0 8px;padding-top:8px;border-top:2px solid #444}
h3{font-size:15px;margin:18px 0 6px;color:#333}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:2px 6px;vertical-align:top}
th{background:#f3f3f3;text-align:left}
.num{text-align:right;font-variant-numeric:tabular-nums}
.st{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-weight:600}
.st-pass{background:#2a7}.st-fail{background:#c33}.st-error{background:#777}
.sev{display:inline-block;min-width:4.5em;text-align:center;border-radius:3px;font-size:12px;font-weight:600}
.sev-error{background:#fdd;color:#900}.sev-warning{background:#ffe6b3;color:#740}.sev-info{background:#def;color:#035}
.note{color:#555;font-size:13px}
.finding{border:1px solid #ddd;border-left:4px solid #c33;margin:8px 0;padding:6px 10px;scroll-margin-top:8px}
.finding.w{border-left-color:#e90}.finding.i{border-left-color:#39c}.finding.s{opacity:.7}
.finding .head{font-weight:600}.finding code{font-size:12px;background:#f4f4f4;padding:0 3px;word-break:break-all}
.ops{font-size:12px;color:#333;margin:4px 0}.ops span{display:inline-block;margin-right:10px}
.snap{position:relative;display:block;max-width:100%;margin:6px 0;border:1px solid #bbb;line-height:0}
.snap img{display:block;width:100%;height:auto}
.box{position:absolute;box-sizing:border-box;pointer-events:none}
.box.cell{border:3px solid var(--cell);box-shadow:0 0 0 1px #fff}
.box.op{border:2px solid var(--op);background:rgba(0,102,204,.08)}
a.open{display:block;text-decoration:none;color:inherit}a.open:hover .snap{border-color:#06c}
.hint{font-size:12px;color:#06c}
.grid{font-size:12px;margin:6px 0;max-width:100%;overflow:auto}
.grid td,.grid th{position:relative;min-width:2em;max-width:22em}
.grid tr.gap td{text-align:center;color:#888;background:#fafafa}
.grid td .box.cell{inset:-2px;z-index:1}.grid td .box.op{inset:1px}
.k-number{}
.k-zero{color:#888}
.k-blank{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eee 4px,#eee 8px)}
.k-not_applicable{background:#fff6cc}
.k-text{background:#ffe0e0;font-style:italic}
.unc{outline:2px dashed #e90;outline-offset:-3px}
.hit-cell{outline:3px solid var(--cell);outline-offset:-2px}.hit-op{outline:2px solid var(--op);outline-offset:-2px}
.legend span{display:inline-block;margin-right:12px}
.legend i{display:inline-block;width:1.6em;height:1em;vertical-align:middle;border:1px solid #bbb;margin-right:3px}
.legend i.c{border:3px solid var(--cell)}.legend i.o{border:2px solid var(--op)}
.overlay{display:none}
.overlay:has(> .v:target){display:block;position:fixed;inset:0;z-index:10;overflow:auto;
background:rgba(20,20,20,.85);padding:24px}
.overlay .sheet{background:#fff;max-width:1100px;margin:0 auto;padding:8px}
.overlay .box,.overlay a.close{display:none}
.overlay a.close{position:sticky;top:0;float:right;background:#fff;padding:2px 10px;border:1px solid #888;
text-decoration:none;color:#222;font-weight:600;z-index:11}
.v{display:block;height:0}
details.tables>summary{cursor:pointer;font-weight:600;margin:12px 0 4px}
footer{margin-top:32px;color:#777;font-size:12px}
"""
