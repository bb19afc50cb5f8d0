"""Built-in rule kinds, registered through the same hook a plugin uses."""

from __future__ import annotations

from checker import hookimpl
from checker.rulekinds.amounts import AmountIdentity, CodeHierarchy, Ledger, RowsMatch
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
from checker.rulekinds.frames import Frame, TextPattern
from checker.rulekinds.meta import Closing, ClosingDate, Keywords, Version, Year
from checker.rulekinds.prose import Prose
from checker.rulekinds.repository import Copies, Identity, PreviousYear
from checker.rulekinds.structure import Sections, Tables


@hookimpl
def report_check_rule_kinds() -> list[type[RuleKind]]:
    return [
        Sections, Tables, Cells, Sum, Equation, Year, Version, Closing, ClosingDate, Keywords,
        PreviousYear, Identity, Copies, Prose, Substantive, AgencyLevel, TextAmount, KeywordsIf, NoApplications,
        Ledger, AmountIdentity, CodeHierarchy, RowsMatch, Frame, TextPattern,
    ]
