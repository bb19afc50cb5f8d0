"""Built-in rule kinds, registered through the same hook a plugin uses."""

from __future__ import annotations

from checker import hookimpl
from checker.lazyclass import stand_in
from checker.rulekinds.arithmetic import Equation, Sum
from checker.rulekinds.base import RuleKind
from checker.rulekinds.cells import Cells
from checker.rulekinds.content import (
    AgencyLevel,
    KeywordsIf,
    NoApplications,
    Substantive,
    TextAmount,
)
from checker.rulekinds.meta import Closing, ClosingDate, Keywords, Version, Year
from checker.rulekinds.prose import Prose
from checker.rulekinds.repository import Copies, Identity, PreviousYear
from checker.rulekinds.structure import Sections, Tables

# The ledger kinds (部门决算 packs), imported when a rule of theirs is first used.
_LEDGER_KINDS = [
    stand_in(RuleKind, f"checker.rulekinds.{module}", qualname, name)
    for name, module, qualname in (
        ("ledger", "amounts", "Ledger"),
        ("amount_identity", "amounts", "AmountIdentity"),
        ("code_hierarchy", "amounts", "CodeHierarchy"),
        ("rows_match", "amounts", "RowsMatch"),
        ("frame", "frames", "Frame"),
        ("text_pattern", "frames", "TextPattern"),
    )
]


@hookimpl
def report_check_rule_kinds() -> list[type[RuleKind]]:
    return [
        Sections, Tables, Cells, Sum, Equation, Year, Version, Closing, ClosingDate, Keywords,
        PreviousYear, Identity, Copies, Prose, Substantive, AgencyLevel, TextAmount, KeywordsIf, NoApplications,
        *_LEDGER_KINDS,
    ]
