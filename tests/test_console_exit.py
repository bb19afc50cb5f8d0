"""The ``report-check`` command ends its process without the interpreter's teardown
(:func:`checker.cli.console_main`): what a run writes must still arrive whole, its exit status must be
the run's, and exit handlers must still run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.seeded import SEED

COMMAND = Path(sys.executable).with_name("report-check")  # the console script of this environment
# Buffered standard streams, as a user's shell has them (the test may run with PYTHONUNBUFFERED).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
CONSOLE = "import sys; from checker.cli import console_main; sys.argv[1:] = {argv!r}; {before}console_main()"


def run_console(argv: list[str], before: str = "", **kwargs: object) -> subprocess.CompletedProcess[str]:
    code = CONSOLE.format(argv=argv, before=before)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          check=False, env=ENV, **kwargs)  # type: ignore[call-overload]


def test_the_command_is_the_console_main() -> None:
    assert "console_main" in COMMAND.read_text(encoding="utf-8")


def test_a_long_output_through_a_pipe_arrives_whole_with_the_runs_status(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("五、存在的主要问题及改进情况", "")  # W1-missing
    for i in range(100):  # 100 failing files: a JSON document larger than a pipe buffer
        (tmp_path / f"r{i:03d}.txt").write_text(text, encoding="utf-8")
    run = subprocess.run([str(COMMAND), str(tmp_path), "--no-cache", "--format", "json"],
                         capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path, env=ENV)
    assert run.returncode == 1, run.stderr
    assert len(run.stdout) > 65536
    data = json.loads(run.stdout)
    assert data["summary"]["files"] == {"pass": 0, "fail": 100, "error": 0}


def test_a_report_written_to_a_file_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    run = run_console([str(SEED), "--no-cache", "--format", "json", "--output", str(out)], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"]["pass"] == 1


def test_exit_handlers_still_run(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    before = f"import atexit, pathlib; atexit.register(pathlib.Path({str(marker)!r}).write_text, 'bye'); "
    run = run_console([str(SEED), "--no-cache"], before=before, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert marker.read_text() == "bye"


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", CONSOLE.format(argv=["rules", "list"], before="")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=ENV) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # `report-check rules list | head -1`
        status = proc.wait(timeout=120)
        errors = proc.stderr.read().decode()
    assert first.startswith(b"ID")
    assert status == 0 and "Traceback" not in errors and "Exception ignored" not in errors


def test_a_reader_gone_before_the_output_is_flushed_is_no_error(tmp_path: Path) -> None:
    # The whole report fits the stream's buffer: it meets the closed pipe only at the last flush.
    with subprocess.Popen([sys.executable, "-c", CONSOLE.format(argv=[str(SEED), "--no-cache"], before="")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=ENV) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # `report-check FILE | true`
        status = proc.wait(timeout=120)
        errors = proc.stderr.read().decode()
    assert status == 0 and "Traceback" not in errors and "Exception ignored" not in errors


def test_a_stream_closed_by_an_exit_handler_is_no_error(tmp_path: Path) -> None:
    before = "import atexit; atexit.register(sys.stdout.close); "
    run = run_console([str(SEED), "--no-cache"], before=before, cwd=tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr and "Exception ignored" not in run.stderr
