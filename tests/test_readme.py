"""The README's CLI help is the real one (docs generated from the source of truth cannot drift)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.commands.check import check_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_embeds_the_current_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert check_parser().format_help() in README.read_text(encoding="utf-8")


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = README.read_text(encoding="utf-8").splitlines()
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    test_command = readme[readme.index("```sh") + 2]
    assert "pytest" in test_command and f"( {test_command} )" in ci
