"""The hostile-file corpus (tests/hostile/make_hostile.py): every file finishes within its limits
with the finding it should give, and a folder run of all of them beside a good report lists every
file, never says INTERNAL, prints no traceback, and leaves the good report's verdict alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from checker.cli import main
from checker.engine import Engine, Settings
from checker.extractors.base import Limits
from checker.finding import Status
from tests.conftest import SHARED
from tests.hostile.make_hostile import HOSTILE, Expect, make_all

GOOD = SHARED / "corpus" / "yuncheng-transport-2020.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Expect]:
    folder = tmp_path_factory.mktemp("hostile")
    made = make_all(folder)
    shutil.copy(GOOD, folder / "good-report.txt")
    return made


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Settings())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_bounded_and_reported(corpus: dict[Path, Expect], engine: Engine, name: str) -> None:
    path = next(p for p in corpus if p.name == name)
    expect = corpus[path]
    start = time.monotonic()
    result = engine.check_file(path)
    elapsed = time.monotonic() - start
    assert elapsed < Limits().time_seconds, f"{name} took {elapsed:.1f}s"
    rules = [f.rule for f in result.findings]
    assert "INTERNAL" not in rules, [f.message.en for f in result.findings]
    assert expect.rule in rules, (name, [(f.rule, f.message.en) for f in result.findings])
    assert result.status in (Status.ERROR, Status.FAIL)
    if expect.limit is not None:
        finding = next(f for f in result.findings if f.rule == "EXTRACT-limit")
        assert f"over the limit {expect.limit}:" in finding.message.en
        assert f"limits: {{{expect.limit}: <larger value>}}" in finding.message.en  # how to raise it
        assert f"超出处理上限 {expect.limit}" in finding.message.zh
        assert result.status is Status.ERROR
    for finding in result.findings:  # no library's raw text ("Error -3 while decompressing data")
        assert "Error -3" not in finding.message.en and "Traceback" not in finding.message.en


def test_limits_come_from_the_config_and_decide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`limits:` in .report-check.yaml reaches the extractor: the same file is refused under a
    lower limit and read under a higher one; the other limits keep their defaults."""
    from checker.commands.check import build_settings, check_parser
    from checker.config import load_config
    from tests.hostile.make_hostile import docx_rows

    docx_rows(tmp_path / "rows.docx", rows=150)
    config_file = tmp_path / ".report-check.yaml"
    verdicts = {}
    for allowed in (100, 200):
        config_file.write_text(f"limits:\n  table_rows: {allowed}\n", encoding="utf-8")
        settings = build_settings(check_parser().parse_args([]), load_config(config_file))
        assert settings.limits.table_rows == allowed and settings.limits.text_lines == Limits().text_lines
        verdicts[allowed] = [f.message.en for f in Engine(settings).check_file(tmp_path / "rows.docx").findings
                             if f.rule == "EXTRACT-limit"]
    assert verdicts[100] == [("over the limit table_rows: rows of one table is 150 (table 1), limit 100; the file was "
                             "not read. To read it anyway, raise it in .report-check.yaml: limits: {table_rows: <larger value>}")]
    assert verdicts[200] == []
    monkeypatch.chdir(tmp_path)
    code = main(["--show-config", "rows.docx"])
    shown = yaml.safe_load(capsys.readouterr().out)
    assert code == 0 and shown["limits"]["table_rows"] == 200 and shown["limits"]["blocks"] == Limits().blocks


def test_bad_limits_config_is_an_error_at_its_line(tmp_path: Path) -> None:
    from checker.config import load_config
    from checker.packs.yamlsource import SourceError

    (tmp_path / ".report-check.yaml").write_text("fail_level: error\nlimits:\n  table_rows: 0\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_config(tmp_path / ".report-check.yaml")
    assert caught.value.line == 3 and "limits.table_rows" in caught.value.message
    (tmp_path / ".report-check.yaml").write_text("limits:\n  table_row: 10\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_config(tmp_path / ".report-check.yaml")
    assert caught.value.line == 2 and "'table_row' was unexpected" in caught.value.message


def test_folder_run_of_the_hostile_corpus(corpus: dict[Path, Expect]) -> None:
    folder = next(iter(corpus)).parent
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "checker.cli", str(folder), "--format", "json", "-j", "2", "--lang", "en"],
                          capture_output=True, text=True, timeout=600, check=False)
    elapsed = time.monotonic() - start
    assert proc.returncode == 1, proc.stderr  # findings, not a crash (3) or a setup error (2)
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert set(files) == {p.name for p in corpus} | {"good-report.txt"}  # every file listed
    assert files["good-report.txt"]["status"] == "pass" and files["good-report.txt"]["findings"] == []
    for name, data in files.items():
        assert all(f["rule"] != "INTERNAL" for f in data["findings"]), name
    assert elapsed < Limits().time_seconds * 2, f"the whole corpus took {elapsed:.1f}s"
