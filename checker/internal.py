"""Our own bugs, told apart from damaged input.

Extractors catch only the parsing libraries' own error types (pypdfium2's ``PdfiumError``,
``zipfile.BadZipFile``, XML and decoding errors, …) as damage of the input. Any other exception is
a bug of the checker: it becomes an ``INTERNAL`` finding that names the exception and where it was
raised (file:line), the run writes a line on stderr asking to report it, and the run exits with
status 3 (``EXIT_INTERNAL``) so a CI gate can tell "the checker broke" from "the report is wrong".
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from checker.extractors.base import extract_problem
from checker.finding import FileResult, Finding

RULE = "INTERNAL"
_PACKAGE = Path(__file__).resolve().parent  # frames inside the checker package are "ours"


def where(exc: BaseException) -> str:
    """file:line of the innermost frame of our own code in the traceback, and where the exception
    was raised when that is elsewhere (a library, a plugin): "checker/x.py:12 (raised in y.py:34)"."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    ours = [f for f in frames if _inside(f.filename, _PACKAGE)]
    frame = (ours or frames)[-1]
    shown = f"{_name(frame.filename)}:{frame.lineno}"
    if frame is not frames[-1]:
        shown += f" (raised in {_name(frames[-1].filename)}:{frames[-1].lineno})"
    return shown


def _name(filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(_PACKAGE.parent).as_posix()
    except ValueError:
        return Path(filename).name


def raised_inside(exc: BaseException, package: str) -> bool:
    """Whether the innermost frame of the traceback lies in the named third-party package: the
    library itself failed on its input (not our code calling it wrongly)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return False
    parts = Path(frames[-1].filename).parts
    return package in parts and not _inside(frames[-1].filename, _PACKAGE)


def _inside(filename: str, folder: Path) -> bool:
    try:
        Path(filename).resolve().relative_to(folder)
    except ValueError:
        return False
    return True


def finding(path: str, exc: BaseException, during: str = "") -> Finding:
    """The INTERNAL finding for an exception of ours while checking ``path``."""
    at = where(exc)
    what = f"{type(exc).__name__}: {exc}"
    zh_during = f"（{during}）" if during else ""
    en_during = f" ({during})" if during else ""
    return extract_problem(
        path,
        RULE,
        f"检查此文件时发生内部错误{zh_during}：{what}，位置 {at}。这是检查器的缺陷，不是文件的问题，请报告此问题",
        f"internal error while checking this file{en_during}: {what} at {at}. This is a bug of the "
        "checker, not a problem of the file; please report it",
    )


def has_internal(results: Iterable[FileResult]) -> bool:
    return any(f.rule == RULE for r in results for f in r.findings)


def ask_to_report(results: Iterable[FileResult], stream: TextIO | None = None) -> None:
    """One line on stderr per file that met an internal error."""
    out = stream or sys.stderr
    for result in results:
        if any(f.rule == RULE for f in result.findings):
            out.write(
                f"report-check: 内部错误（{result.path}），请将此输出报告给维护者 / internal error while "
                f"checking {result.path}; this is a bug of report-check, please report it with this output\n"
            )
