"""The repository configuration validated once per version of the file (checker/configcache.py):
a later run reads it without PyYAML and jsonschema, with the same effect and the same errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.seeded import SEED

CONFIG = """\
fail_level: warning
severities:
  C4: error
  A1: "off"
params:
  agency_type: department
"""

CODE = (
    "import sys\n"
    "from checker.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print(status, sorted(m for m in ('yaml', 'jsonschema') if m in sys.modules))\n"
)


def _run(cwd: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REPORT_CHECK_CACHE_HOME": str(cache)}
    env.pop("REPORT_CHECK_NO_STARTUP_CACHE", None)
    return subprocess.run([sys.executable, "-c", CODE, *args], check=False, capture_output=True, text=True, cwd=cwd,
                          env=env)  # an error exit is what some cases check


def test_a_config_is_validated_once_and_then_read_without_yaml(tmp_path: Path) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / ".report-check.yaml").write_text(CONFIG, encoding="utf-8")
    (repo / "report.txt").write_bytes(SEED.read_bytes())
    outputs = []
    for _ in range(2):
        run = _run(repo, cache, "report.txt", "--format", "json", "--output", "out.json")
        outputs.append(((repo / "out.json").read_text(encoding="utf-8"), run.stdout.split(" ", 1)))
    (first, (status, loaded_first)), (second, (status2, loaded_second)) = outputs
    assert loaded_first.strip() == "['jsonschema', 'yaml']"  # read and validated
    assert loaded_second.strip() == "[]"  # from the cache
    assert status == status2 and first == second
    assert json.loads(second)["fail_level"] == "warning"  # the configuration did apply
    shown = [_run(repo, cache, "--show-config", "report.txt").stdout for _ in range(2)]
    assert shown[0] == shown[1] and "agency_type: department" in shown[1]


def test_errors_still_name_the_line_and_an_edit_is_read_again(tmp_path: Path) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / "report.txt").write_bytes(SEED.read_bytes())
    config = repo / ".report-check.yaml"
    config.write_text("severities:\n  A1: error\n  Z9: \"off\"\n", encoding="utf-8")  # valid YAML, unknown rule
    errors = [_run(repo, cache, "report.txt").stderr for _ in range(2)]
    assert errors[0] == errors[1] and ".report-check.yaml:3:" in errors[1] and "unknown rule 'Z9'" in errors[1]
    config.write_text("fail_level: fatal\n", encoding="utf-8")  # changed: read and validated again
    run = _run(repo, cache, "report.txt")
    assert ".report-check.yaml:1: fail_level: 'fatal' is not one of" in run.stderr
