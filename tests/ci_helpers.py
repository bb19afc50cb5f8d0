"""Helpers for the CI tests: a throwaway reports repository and the CLI run in-process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from checker.cli import main
from tests.conftest import SHARED
from tests.seeded import SEED, write_variant


def make_reports(root: Path, layout: dict[str, str | None]) -> dict[str, Path]:
    """Files under ``root``: relative path → seeded defect name (None: the unmodified seed)."""
    out = {}
    for rel, defect in layout.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if defect is None:
            target.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            write_variant(defect, target.parent).rename(target)
        out[rel] = target
    return out


def git_init(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def reports_repo(root: Path, layout: dict[str, str | None], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway git repository with these reports, made the working directory (restored after)."""
    git_init(root)
    make_reports(root, layout)
    monkeypatch.chdir(root)
    return root


SARIF_SCHEMA: dict[str, Any] = json.loads((SHARED / "specs" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run_cli(capsys, *argv, "--format", "json")
    assert code != 2, err
    return code, json.loads(out)


def findings_by_file(data: dict[str, Any]) -> dict[str, list[tuple[str, str, str | None]]]:
    """path → [(rule, severity, suppression kind)]"""
    return {
        f["path"]: [(x["rule"], x["severity"], x.get("suppression", {}).get("kind")) for x in f["findings"]]
        for f in data["files"]
    }
