"""Print, as the YAML `findings:` list, the findings a rule's worked examples add to their base report.

    PYTHONPATH=. python tools/example_findings.py            # every failing example
    PYTHONPATH=. python tools/example_findings.py CELL-blank W3-year

For writing or reviewing a new example's `findings:` (tests/test_rule_examples.py asserts them):
read what it prints and check that each finding is what the example means to show before
pasting it. It prints what the code does now, which is not by itself what it should do.
An example with a `previous:` report is checked as the test does: both reports in one run, against
the base findings of the same run with the rule off (tests/test_rule_examples.py).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from checker.finding import Finding
from tests.conftest import default_engine
from tests.seeded import base_text
from tests.test_rule_examples import (
    CASES,
    example_text,
    repository_base_findings,
    repository_result,
)

FIELDS = ("section", "table", "row", "column", "expected", "actual")


def main(rules: list[str]) -> None:
    engine = default_engine()
    folder = Path(tempfile.mkdtemp())
    bases: dict[str, Counter[tuple[object, ...]]] = {}

    def keys(findings: list[Finding]) -> Counter[tuple[object, ...]]:
        out: Counter[tuple[object, ...]] = Counter()
        for f in findings:
            labelled = f.section or f.table or f.row or f.column
            out[(f.rule, *(getattr(f, n) for n in FIELDS), None if labelled else f.location.line)] += 1
        return out

    for number, case in enumerate(CASES):
        entry, example = case.values  # type: ignore[misc]
        if example.passes or (rules and entry.rule.id not in rules):
            continue
        suffix = "md" if example.base.endswith("-md") else "txt"
        if example.previous is not None:
            here = folder / str(number)
            path = here / "1-example" / f"{example.name}.{suffix}"
            path.parent.mkdir(parents=True)
            path.write_text(example_text(example), encoding="utf-8")
            found = keys(repository_result(example, path, entry.rule).findings)
            base_keys = keys(repository_base_findings(example, entry.rule, here / "base"))
        else:
            if example.base not in bases:
                base = folder / f"base.{suffix}"
                base.write_text(base_text(example.base), encoding="utf-8")
                bases[example.base] = keys(engine.check_file(base).findings)
            path = folder / f"{example.name}.{suffix}"
            path.write_text(example_text(example), encoding="utf-8")
            found, base_keys = keys(engine.check_file(path).findings), bases[example.base]
        added = sorted((found - base_keys).elements(), key=lambda k: tuple(str(x or "") for x in k))
        print(f"# {entry.rule.id} {example.name}\nfindings:")
        for key in added:
            item = {} if key[0] == entry.rule.id else {"rule": key[0]}
            item.update({n: v for n, v in zip((*FIELDS, "line"), key[1:]) if v is not None})
            print("  - {" + ", ".join(f"{n}: {json.dumps(v, ensure_ascii=False)}" for n, v in item.items()) + "}")


if __name__ == "__main__":
    main(sys.argv[1:])
