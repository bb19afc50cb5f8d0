"""The real pre-commit framework runs this repository's hook on a throwaway reports repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.ci_helpers import make_reports
from tests.conftest import ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
}
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def snapshot_of_this_repository(target: Path) -> str:
    """A git repository holding this working tree as it is now (committed or not); its commit id."""
    files = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for rel in filter(None, files):
        if (ROOT / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD")


def test_pre_commit_hook_passes_a_good_report_and_fails_a_broken_one(tmp_path: Path) -> None:
    hook_repo, reports = tmp_path / "hook", tmp_path / "reports"
    hook_repo.mkdir()
    rev = snapshot_of_this_repository(hook_repo)
    git(tmp_path, "init", "-q", str(reports))
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "report-check"}]}]}
    (reports / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (reports / ".report-check.yaml").write_text('include: ["reports/**"]\n', encoding="utf-8")
    (reports / "README.md").write_text("# 年度报告\n\nNot a report: kept out by include.\n", encoding="utf-8")
    make_reports(reports, {"reports/2020/transport.txt": None})
    git(reports, "add", "-A")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*PRE_COMMIT, *args], cwd=reports, env=env, capture_output=True, text=True, timeout=900, check=False)

    good = pre_commit("run", "--all-files", "--color", "never")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "report-check (政府信息公开工作年度报告)" in good.stdout and "Passed" in good.stdout

    git(reports, "commit", "-q", "-m", "the good report")
    make_reports(reports, {"reports/2020/broken.txt": "t3-total-changed"})
    git(reports, "add", "-A")
    bad = pre_commit("run", "--color", "never")  # the staged files, as on `git commit`
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "reports/2020/broken.txt:310: A2 error" in bad.stdout
    assert "transport.txt" not in bad.stdout  # only what the commit changes is checked
