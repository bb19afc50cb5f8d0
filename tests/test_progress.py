"""The progress line: on a terminal only, after a second, never in CI, cleared at the end."""

from __future__ import annotations

import io

import pytest

from checker import progress
from checker.progress import Progress, wanted


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(Tty(), quiet=False)
    assert not wanted(Tty(), quiet=True)
    assert not wanted(io.StringIO(), quiet=False)  # a pipe or a file: machine output, CI logs
    monkeypatch.setenv("CI", "true")
    assert not wanted(Tty(), quiet=False)


def test_line_after_a_second_then_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    stream = Tty()
    bar = Progress(stream)
    bar(10, 100)
    assert stream.getvalue() == ""  # a quick run prints nothing
    now[0] = 102.0
    bar(40, 100)
    assert stream.getvalue() == "\r\x1b[Kreport-check: 40/100 个文件 files, 20.0/s, 剩余 left ~3 s"
    bar(100, 100)
    assert stream.getvalue().endswith("\r\x1b[K")  # the line is gone when the run ends


def test_no_progress_in_machine_output(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from checker.cli import main
    from tests.seeded import SEED

    assert main([str(SEED), "--format", "json", "--no-cache"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("{") and err == ""
