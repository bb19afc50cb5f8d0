"""Rule kinds about the report as a whole: year (W3), version (W12), closing block (W10),
closing date against the deadline (W4), and required wording in a section (W7)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

from checker.finding import Finding
from checker.normalize import norm
from checker.packs.model import RuleSpec
from checker.report import Report
from checker.rulekinds.base import RuleKind
from checker.rulekinds.structure import _check_param

# A title naming a place alone ("XX市2023年政府信息公开工作年度报告") is that place's government.
GOVERNMENT_SUFFIXES = ("人民政府", "政府", "省", "市", "县", "区", "镇", "乡", "旗", "自治州", "街道办事处", "街道")
OFFICE_SUFFIXES = ("办公室", "办公厅")


def _core(agency: str) -> str:
    """An agency's name without the government / general-office suffix: the office of a
    government signs its government's report, and "XX市" in a title is "XX市人民政府"."""
    name = norm(agency)
    for suffixes in (OFFICE_SUFFIXES, ("人民政府", "政府")):
        for suffix in suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                break
    return name


def same_agency(closing: str, title: str) -> bool:
    if norm(closing) == norm(title):
        return True
    core = _core(title)
    # Only the government's own names count as the same agency: "XX市人民政府办公室" signs for
    # "XX市人民政府" or "XX市", never for "XX市交通运输局".
    return _core(closing) == core and norm(title)[len(core) :] in ("", "人民政府", "政府")


def _readable(report: Report) -> bool:
    """Whole-report rules stay quiet on a file that is not a report at all (no section found)."""
    return not report.document.unreadable and bool(report.sections)


def agency_type(report: Report) -> str:
    """The configured type, else that of the title's agency, else of the closing block's. With no
    agency at all (a report's body copied without its title or closing block) it is taken for a
    government, whose deadline is the later one: which deadline applies is then unknown, and a
    report is not called late on a guess."""
    configured = str(report.params.get("agency_type", "auto"))
    if configured != "auto":
        return configured
    agency = norm(report.agency or (report.closing.agency if report.closing else None) or "")
    return "government" if not agency or agency.endswith(GOVERNMENT_SUFFIXES) else "department"


def deadline(report: Report) -> date | None:
    if report.year is None:
        return None
    deadlines: dict[str, str] = report.params.get("deadlines", {})  # type: ignore[assignment]
    month_day = str(report.params.get("deadline") or deadlines.get(agency_type(report), "01-31"))
    month, day = (int(x) for x in month_day.split("-"))
    return date(report.year + 1, month, day)


def cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _closing_section(report: Report) -> str | None:
    """The closing block sits after the last section: findings about it carry that section, so
    their fingerprint (rule + section) survives a corrected date or agency in a baseline."""
    return max(report.sections, key=lambda m: m.block).label if report.sections else None


class Year(RuleKind):
    name = "year"
    finding_kind = "version"
    params_schema = _check_param("missing", "period")

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        if not _readable(report):
            return
        if rule.params["check"] == "missing" and report.year is None:
            yield self.finding(report, rule)  # the title pattern needs a year: no title to point at
        elif rule.params["check"] == "period" and report.period and report.year_source == "title":
            year, text, location = report.period
            if year != report.year:
                yield self.finding(report, rule, location, expected=str(report.year), actual=str(year), found=text)


class Version(RuleKind):
    """W12: the labels of the format version the report year does not use."""

    name = "version"
    finding_kind = "version"

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        # The year decides the format. Without one (W3-year says so) the version was chosen by
        # the labels the report prints, and there is no "wrong" version to name.
        if not report.foreign_labels or report.pack.version is None or report.year is None:
            return
        other = "V2021" if report.pack.version == "V2019" else "V2019"
        for table_id, labels in report.foreign_labels.items():
            table = report.pack.table(table_id)
            yield self.finding(
                report,
                rule,
                labels[0][1],
                table=table,
                expected=report.pack.version,
                actual=other,
                found="、".join(label for label, _ in labels[:4]),
                detail=str(report.year),
            )


class Closing(RuleKind):
    """W10: the issuing agency and a date after the last section; the agency is the title's."""

    name = "closing"
    finding_kind = "closing"
    params_schema = _check_param("missing", "agency")

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        if not _readable(report):
            return
        closing = report.closing
        if rule.params["check"] == "missing":
            if closing is None:
                last = max(report.sections, key=lambda m: m.block)
                yield self.finding(report, rule, last.location, section=last.label)
            return
        if closing is None or not report.agency:
            return
        if not same_agency(closing.agency or "", report.agency):
            yield self.finding(
                report, rule, closing.agency_location or closing.date_location, section=_closing_section(report),
                expected=report.agency, actual=closing.agency or "（无）",
            )


class ClosingDate(RuleKind):
    """W4: the closing date falls after the report year and on or before the deadline."""

    name = "date"
    finding_kind = "date"
    params_schema = _check_param("early", "late")

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        closing = report.closing
        if closing is None or closing.date is None or report.year is None or not _readable(report):
            return
        if rule.params["check"] == "early":
            first_day = date(report.year + 1, 1, 1)
            if closing.date < first_day:
                yield self.finding(
                    report, rule, closing.date_location, section=_closing_section(report),
                    expected=cn_date(first_day), actual=cn_date(closing.date),
                )
        else:
            limit = deadline(report)
            if limit is not None and closing.date > limit:
                yield self.finding(
                    report, rule, closing.date_location, section=_closing_section(report),
                    expected=cn_date(limit), actual=cn_date(closing.date),
                )


class Keywords(RuleKind):
    """A section must mention at least one of some words (W7: 信息处理费 in section 六)."""

    name = "keywords"
    finding_kind = "section"
    params_schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["section", "any"],
        "additionalProperties": False,
        "properties": {"section": {"type": "string"}, "any": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
    }

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        text = report.section_text(rule.params["section"])
        match = report.section(rule.params["section"])
        if text is None or match is None:
            return
        if not any(norm(word) in text for word in rule.params["any"]):
            yield self.finding(report, rule, match.location, section=match.label, label=match.label)
