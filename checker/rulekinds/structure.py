"""Rule kinds about the report's structure: its sections (W1) and its tables (W2)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.binding.sections import first_occurrences
from checker.finding import Finding
from checker.model import Location
from checker.packs.model import RuleSpec, SectionSpec, TableSpec
from checker.report import Report, SectionMatch
from checker.rulekinds.base import RuleKind


def _check_param(*choices: str) -> dict[str, object]:
    # Called in class bodies at import, before a mutation test switches a mutant on: mutants here
    # cannot be tested that way (tests/test_rule_kind_edges.py tests the schemas it builds).
    return {  # pragma: no mutate
        "type": "object",  # pragma: no mutate
        "required": ["check"],  # pragma: no mutate
        "additionalProperties": False,  # pragma: no mutate
        "properties": {"check": {"enum": list(choices)}},  # pragma: no mutate
    }  # pragma: no mutate


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions in ``seq`` that form one longest strictly increasing subsequence."""
    def longest(chains: list[list[int]]) -> list[int]:
        out: list[int] = []
        for chain in chains:
            if len(chain) > len(out):
                out = chain
        return out

    best: list[list[int]] = []
    for i, value in enumerate(seq):
        best.append([*longest([c for c in best if seq[c[-1]] < value]), i])
    return set(longest(best))


def _near(firsts: list[SectionMatch], specs: tuple[SectionSpec, ...], index: int, path: str) -> Location:
    """Where a missing section belongs: at the next present section's heading, else after the last."""
    where = {m.id: m.location for m in firsts}
    for spec in specs[index + 1 :]:
        if spec.id in where:
            return where[spec.id]
    return firsts[-1].location if firsts else Location(path)


class Sections(RuleKind):
    """W1: the format's headings, in order, each exactly once; near-misses and extras warned."""

    name = "sections"
    finding_kind = "section"
    params_schema = _check_param("missing", "order", "duplicate", "near_miss", "extra")

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        check = rule.params["check"]
        specs = report.pack.sections
        firsts = first_occurrences(report.sections)
        found = {m.id for m in firsts}
        if check == "missing":
            if report.document.unreadable:
                return
            for index, spec in enumerate(specs):
                if spec.id not in found:
                    yield self.finding(report, rule, _near(firsts, specs, index, report.path), section=spec.label, label=spec.label)
        elif check == "order":
            order = {spec.id: i for i, spec in enumerate(specs)}
            ranks = [order[m.id] for m in firsts]
            keep = _longest_increasing(ranks)
            for i, match in enumerate(firsts):
                if i in keep:
                    continue
                other = next((specs[ranks[j]].label for j in sorted(keep) if (j < i) != (ranks[j] < ranks[i])), "")
                yield self.finding(report, rule, match.location, section=match.label, label=match.label, other=other)
        elif check == "duplicate":
            seen: set[str] = set()
            for match in report.sections:
                if match.id in seen:
                    yield self.finding(report, rule, match.location, section=match.label, label=match.label)
                seen.add(match.id)
        elif check == "near_miss":
            for match in firsts:
                if not match.exact:
                    yield self.finding(
                        report, rule, match.location, section=match.label, label=match.label, found=match.found.strip()
                    )
        elif check == "extra":
            for paragraph in report.extra_headings:
                yield self.finding(report, rule, paragraph.location, found=paragraph.text.strip())


class Tables(RuleKind):
    """W2: each template table present under its section, with every row and column."""

    name = "table"
    finding_kind = "table"
    params_schema = _check_param(
        "table_missing", "table_misplaced", "row_missing", "column_missing", "column_header", "label_variant",
        "group_row",
    )

    def check(self, report: Report, rule: RuleSpec) -> Iterator[Finding]:
        if report.document.unreadable:
            return
        check = rule.params["check"]
        for spec in report.pack.tables:
            label = next(s.label for s in report.pack.sections if s.id == spec.section)  # the loader checked it
            bound = report.tables.get(spec.id)
            if check == "table_missing" and bound is None:
                # A table there in pieces is not missing as far as the text shows: in doubt.
                pieces = report.pieces.get(spec.id)
                match = report.section(spec.section)
                where = pieces or (match.location if match else None)
                yield self.finding(report, rule, where, table=spec, label=label, uncertain=pieces is not None)
            if bound is None:
                continue
            if spec.id in report.foreign_labels and check != "table_misplaced":
                continue  # the other version's table: W12 says so; its missing rows are noise
            if check == "table_misplaced" and bound.misplaced:
                yield self.finding(report, rule, bound.location, table=spec, label=label)
            elif check == "row_missing":
                for row_id in bound.missing_rows:
                    yield self.finding(
                        report, rule, bound.location, table=spec, row=_row(spec, row_id), uncertain=bound.scrambled
                    )
            elif check == "column_missing":
                for column_id in bound.missing_columns:
                    yield self.finding(
                        report, rule, bound.location, table=spec, column=_column(spec, column_id), uncertain=bound.scrambled
                    )
            elif check == "column_header":
                for column_id in bound.unread_headers:
                    yield self.finding(report, rule, bound.location, table=spec, column=_column(spec, column_id))
            elif check == "group_row":
                for group in bound.merged.values():
                    members = [_row(spec, m) for m in group.members]
                    yield self.finding(
                        report, rule, group.location, table=spec, row=group.row.display,
                        label=group.row.label, found=group.found, detail=str(len(members)),
                        other="、".join(m.rsplit(" / ", 1)[-1] for m in members),
                    )
            elif check == "label_variant":
                for variant in bound.variants:  # rows only: the binders place columns by position
                    name = _row(spec, variant.id)
                    yield self.finding(
                        report, rule, variant.location, table=spec, row=name, found=variant.found.strip(), label=name
                    )


def _row(spec: TableSpec, row_id: str) -> str:
    for block in spec.blocks:
        row = block.row(row_id)
        if row is not None:
            return row.display
    return row_id


def _column(spec: TableSpec, column_id: str) -> str:
    for block in spec.blocks:
        column = block.column(column_id)
        if column is not None:
            return column.display
    return column_id
