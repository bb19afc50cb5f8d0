"""Hook specifications: everything a plugin can contribute to report-check.

Built-in extractors, rule kinds, rule packs and output formats register through these same hooks
and the same entry point group (``report_check``) a third-party package uses. A plugin module
implements any subset of them with ``from checker import hookimpl``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from checker.extractors.base import Extractor
    from checker.finding import FileResult
    from checker.formatters.base import Formatter
    from checker.rulekinds.base import RuleKind

PROJECT = "report_check"
hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def report_check_extractors() -> list[Extractor]:
    """Return extractor objects: each says which files it takes and turns a file into a Document.

    Called once when the engine is built. When several extractors accept a file, the one with the
    highest ``priority`` wins, so a plugin can replace a built-in for the same suffix.
    """
    raise NotImplementedError


@hookspec
def report_check_rule_kinds() -> list[type[RuleKind]]:
    """Return rule kind classes (new check types a pack's ``kind:`` can name).

    Each class has a unique ``name``, a JSON Schema for its parameters (``params_schema``) and a
    ``check(report, rule)`` generator yielding findings. Called once when packs are loaded.
    """
    raise NotImplementedError


@hookspec
def report_check_rule_packs() -> list[Path]:
    """Return paths of rule pack YAML files this plugin ships.

    Packs are validated against ``schemas/pack.schema.json`` when loaded; a pack may ``extends:``
    another pack by name, including a built-in one.
    """
    raise NotImplementedError


@hookspec
def report_check_formatters() -> list[type[Formatter]]:
    """Return output format classes, each with a unique ``name`` used by ``--format``."""
    raise NotImplementedError


@hookspec
def report_check_process_result(result: FileResult, settings: dict[str, object]) -> None:
    """Post-process one file's result after all rules ran and before it is reported.

    Implementations may change severities or mark findings as suppressed (waivers, baselines) by
    replacing entries of ``result.findings``; the engine recomputes the file's status afterwards.
    ``settings`` is the effective configuration for the file (see ``--show-config``): ``pack``,
    ``params``, ``severities``, ``fail_level``, and the ``config``, ``waivers`` and ``baseline``
    files (paths or None). The built-in ``checker.suppressions`` plugin implements waivers and the
    baseline this way.

    It is called again for a file when the repository phase (``checker.repository.phase``) adds
    findings that compare it with other reports: an implementation must be idempotent (leave
    findings it already processed as they are).
    """
