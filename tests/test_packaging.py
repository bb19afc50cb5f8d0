"""The wheel carries packs and schemas and works from a fresh virtual environment; the example
plugin, installed separately, is loaded through the entry point group like any third party."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from checker.cli import main
from tests.seeded import SEED

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    return next(out.glob("report_check-*.whl"))


def test_wheel_contains_packs_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in ROOT.joinpath("rules").glob("*.yaml"):
        assert f"checker/_data/rules/{pack.name}" in names
    for schema in ROOT.joinpath("schemas").glob("*.json"):
        assert f"checker/_data/schemas/{schema.name}" in names
    assert "checker/py.typed" in names


def test_wheel_runs_in_a_fresh_venv_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    run = subprocess.run(
        [str(env_dir / "bin" / "report-check"), str(SEED), "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["files"][0]["pack"] == "gov-2019" and out["files"][0]["status"] == "pass"
    # The installed copy, not this checkout, answered: its packs live inside site-packages.
    where = subprocess.run(
        [str(python), "-c", "from checker.resources import data_dir; print(data_dir('rules'))"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert "site-packages/checker/_data/rules" in where


def test_example_plugin_is_loaded_through_entry_points(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "example  (report-check-example 0.1.0)" in out
    assert "rule_kinds: min_length" in out and "formatters: tsv" in out
    report = tmp_path / "short.md"
    text = (ROOT / "examples" / "example-2021.md").read_text(encoding="utf-8")
    start = text.index("## 五、存在的主要问题及改进情况") + len("## 五、存在的主要问题及改进情况\n")
    report.write_text(text[:start] + "\n无。\n\n" + text[text.index("## 六、"):], encoding="utf-8")
    assert main([str(report), "--pack", "example-strict", "--format", "tsv"]) == 0
    rows = [line.split("\t")[1:3] for line in capsys.readouterr().out.splitlines()]
    assert ["X-W8", "warning"] in rows and ["W8-substance", "warning"] in rows  # the plugin's rule and the pack's
