"""Tests that need an external program skip without it, unless CI makes them mandatory."""

from __future__ import annotations

import pytest

from tests import tools


def test_missing_tool_skips_with_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORT_CHECK_REQUIRE_TOOLS", raising=False)
    monkeypatch.delenv("REPORT_CHECK_REQUIRE_SOFFICE", raising=False)
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match=r"soffice is not installed \(apt-get install "
                                                    r"--no-install-recommends libreoffice-writer"):
        tools.require("soffice")


@pytest.mark.parametrize(("variable", "tool"), [("REPORT_CHECK_REQUIRE_SOFFICE", "soffice"),
                                                ("REPORT_CHECK_REQUIRE_TOOLS", "soffice"),
                                                ("REPORT_CHECK_REQUIRE_TOOLS", "chromium")])
def test_ci_makes_the_tool_mandatory(monkeypatch: pytest.MonkeyPatch, variable: str, tool: str) -> None:
    monkeypatch.delenv("REPORT_CHECK_REQUIRE_TOOLS", raising=False)
    monkeypatch.setenv(variable, "1")
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="mandatory"):
        tools.require(tool)


def test_soffice_variable_does_not_make_other_tools_mandatory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORT_CHECK_REQUIRE_TOOLS", raising=False)
    monkeypatch.setenv("REPORT_CHECK_REQUIRE_SOFFICE", "1")
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception):
        tools.require("gs")


def test_ci_script_sets_the_variable_and_installs_the_tools() -> None:
    from pathlib import Path

    text = (Path(tools.__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "export REPORT_CHECK_REQUIRE_TOOLS=1" in text
    for _, package in tools.TOOLS.values():
        for name in package.split():
            assert name in text, name
