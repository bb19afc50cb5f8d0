"""The result cache: byte-identical output, invalidation, waivers/baseline applied after it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.cli import main
from checker.engine import Engine
from checker.resultcache import CACHE_DIR, ResultCache
from tests.seeded import SEED, write_variant

FORMATS = ("json:out/a.json", "sarif:out/a.sarif", "text:out/a.txt", "junit:out/a.xml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / "seed.txt")
    write_variant("section-removed", reports)
    write_variant("extra-section", reports)
    (reports / "seed.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _check(*extra: str) -> tuple[int, dict[str, bytes]]:
    args = ["reports", "--jobs", "2", "--quiet"]
    for spec in FORMATS:
        args += ["--format", spec]
    code = main([*args, *extra])
    return code, {p.name: p.read_bytes() for p in sorted(Path("out").iterdir())}


def _entries(repo: Path) -> list[Path]:
    return sorted((repo / CACHE_DIR).rglob("*.json"))


def _no_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a file that is really checked fails the test."""

    def refuse(self: Engine, path: Path) -> None:
        raise AssertionError(f"checked {path} although it was cached")

    monkeypatch.setattr(Engine, "check_raw", refuse)


def test_cached_run_is_byte_identical(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, uncached = _check("--no-cache")
    assert code == 1 and not (repo / CACHE_DIR).exists()
    assert _check() == (1, uncached)  # fills the cache
    assert (repo / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert len(_entries(repo)) == 4
    _no_checking(monkeypatch)
    assert _check() == (1, uncached)  # every file from the cache, same bytes in every format


def test_waivers_and_baseline_apply_to_cached_results(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check()  # cache filled without any waiver or baseline
    (repo / "waivers.yaml").write_text(
        "waivers:\n  - {rule: W1-missing, files: reports/section-removed.txt, reason: 已知 known}\n", encoding="utf-8"
    )
    main(["reports/extra-section.txt", "--quiet", "--no-cache", "--write-baseline", "base.json"])
    extra = ("--waivers", "waivers.yaml", "--baseline", "base.json", "--fail-level", "info")
    expected = _check("--no-cache", *extra)
    assert b'"kind": "waiver"' in expected[1]["a.json"] and b'"kind": "baseline"' in expected[1]["a.json"]
    _no_checking(monkeypatch)
    assert _check(*extra) == expected


def test_a_changed_file_or_setting_is_checked_again(repo: Path) -> None:
    _check()
    first = set(_entries(repo))
    (repo / "reports" / "seed.txt").write_text(SEED.read_text(encoding="utf-8") + "\n附注。\n", encoding="utf-8")
    _check()
    assert len(set(_entries(repo)) - first) == 1  # only the edited file
    second = set(_entries(repo))
    _check("--severity", "W10-missing=warning")
    assert len(set(_entries(repo)) - second) == 4  # a setting every file has: every file again
    _, outputs = _check("--severity", "W10-missing=warning")
    assert outputs == _check("--severity", "W10-missing=warning", "--no-cache")[1]


def test_an_unwritable_cache_folder_means_no_cache(repo: Path) -> None:
    (repo / CACHE_DIR).write_text("not a folder")  # mkdir fails as in a read-only checkout
    expected = _check("--no-cache")
    assert _check() == expected
    assert (repo / CACHE_DIR).read_text() == "not a folder"


def test_cache_clear(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check()
    assert _entries(repo)
    assert main(["cache", "clear"]) == 0
    assert not (repo / CACHE_DIR).exists()
    assert f"{CACHE_DIR}" in capsys.readouterr().out


def test_the_cache_is_bounded(repo: Path) -> None:
    _check()
    sizes = [p.stat().st_size for p in _entries(repo)]
    from checker.engine import Settings

    cache = ResultCache(repo, Engine(Settings()), max_bytes=sum(sizes) - 1)
    cache.prune()
    left = _entries(repo)
    assert 0 < len(left) < len(sizes) and sum(p.stat().st_size for p in left) <= 0.8 * (sum(sizes) - 1)


@pytest.mark.parametrize("name", ["huaian-gov-2024.pdf", "template-2021.docx"])
def test_codec_keeps_every_field(name: str) -> None:
    """PDF boxes, DOCX cell positions, operands: a decoded result equals the original exactly."""
    from checker.resultcache import decode_result, encode_result
    from tests.conftest import CORPUS, default_engine

    raw = default_engine().check_raw(CORPUS / name)
    assert raw.findings and any(f.location.bbox or f.location.row is not None for f in raw.findings)
    assert decode_result(encode_result(raw)) == raw


@pytest.mark.parametrize("broken", ["X1", "W9-text"])
def test_repository_rules_see_cached_files(
    broken: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The previous-year and copy rules read each file's summary: a file taken from the cache must
    take part exactly as a freshly checked one (the same pair findings, byte for byte)."""
    from tests.ci_helpers import git_init
    from tests.fixtures.repository import write_repository

    git_init(tmp_path)
    write_repository(tmp_path, broken)
    monkeypatch.chdir(tmp_path)
    args = ["reports", "--format", "json", "--quiet", "--jobs", "1", "--fail-level", "warning"]
    assert main([*args, "--no-cache"]) == 1
    uncached = capsys.readouterr().out
    assert f'"rule": "{broken}"' in uncached
    assert main(args) == 1  # fills the cache
    assert capsys.readouterr().out == uncached
    _no_checking(monkeypatch)
    assert main(args) == 1  # every file from the cache
    assert capsys.readouterr().out == uncached


def test_the_run_that_builds_the_startup_cache_fills_the_result_cache_for_the_next(repo: Path) -> None:
    """After an install or upgrade the first run builds the startup cache (real extractor classes);
    later runs read it (stand-ins). Both must compute one key, or the first run's entries are
    never hit."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "REPORT_CHECK_CACHE_HOME": str(repo / "startup")}
    run = [sys.executable, "-m", "checker.cli", "reports", "--quiet", "--format", "json", "--output", "out.json"]
    first = subprocess.run(run, cwd=repo, env=env, capture_output=True, check=False)
    assert first.returncode == 1 and list((repo / "startup").iterdir())
    written = _entries(repo)
    assert len(written) == 4
    second = subprocess.run(run, cwd=repo, env=env, capture_output=True, check=False)
    assert second.returncode == 1
    assert _entries(repo) == written  # every file a hit: no entry under another key
