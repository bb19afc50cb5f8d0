"""The executor: per-file wall-time and memory limits in workers, order, largest first, jobs."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from checker.engine import Engine, Settings
from checker.executor import RunOptions, execute, largest_first
from checker.extractors.base import Limits
from checker.finding import Status
from checker.plugins import BUILTIN_PLUGINS
from checker.workers import CAN_FORK
from tests.seeded import SEED, write_variant

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="worker processes need fork (POSIX)")

# generous enough for a loaded machine to page in 128 MB before the clock runs out
LIMITS = Limits(time_seconds=4.0, memory_bytes=128 * 1024 * 1024)


def _engine(limits: Limits = LIMITS) -> Engine:
    plugins = (*BUILTIN_PLUGINS, "tests.limit_plugin")
    return Engine(Settings(plugins=plugins, entry_points=False, limits=limits))


def _files(tmp_path: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        path = tmp_path / name
        if name.endswith(".txt"):
            shutil.copy(SEED, path) if name.startswith("seed") else write_variant("section-removed", tmp_path).rename(path)
        else:
            path.write_bytes(b"x")
        out.append(path)
    return out


def _dicts(results: list) -> list[dict]:
    return [r.to_dict() for r in results]


def test_limits_stop_one_file_and_the_run_goes_on(tmp_path: Path) -> None:
    files = _files(tmp_path, "seed1.txt", "a.slow", "defect.txt", "b.hog", "c.crash", "seed2.txt")
    engine = _engine()
    start = time.monotonic()
    results = list(execute(engine, files, RunOptions(jobs=2)))
    elapsed = time.monotonic() - start
    assert [r.path for r in results] == [str(f) for f in files]  # input order
    by_name = {Path(r.path).name: r for r in results}
    slow, hog, crash = by_name["a.slow"], by_name["b.hog"], by_name["c.crash"]
    for result in (slow, hog, crash):
        assert result.status is Status.ERROR
        assert [f.rule for f in result.findings] == ["EXTRACT-limit"]
    assert "time limit of 4 s" in slow.findings[0].message.en and "time_seconds" in slow.findings[0].message.en
    assert "超过了每个文件的时间上限 4 秒" in slow.findings[0].message.zh
    assert "per-file limit of 128 MB" in hog.findings[0].message.en and "memory_bytes" in hog.findings[0].message.en
    assert "signal 9" in crash.findings[0].message.en
    # the other files are checked as if nothing happened, by the same engine in this process
    serial = {str(f): engine.check_file(f) for f in files if f.suffix == ".txt"}
    for name in ("seed1.txt", "defect.txt", "seed2.txt"):
        assert by_name[name].to_dict() == serial[by_name[name].path].to_dict()
    assert by_name["seed1.txt"].status is Status.PASS
    assert [f.rule for f in by_name["defect.txt"].findings] == [f.rule for f in serial[str(files[2])].findings]
    assert by_name["defect.txt"].status is Status.FAIL
    assert elapsed < 30  # the sleeping file was stopped at its limit, not after its minute


def test_a_single_file_is_bounded_too(tmp_path: Path) -> None:
    (slow,) = _files(tmp_path, "only.slow")
    engine = _engine(Limits(time_seconds=1.0))
    start = time.monotonic()
    (result,) = execute(engine, [slow], RunOptions(jobs=1))
    assert time.monotonic() - start < 10
    assert result.findings[0].rule == "EXTRACT-limit" and "1 s" in result.findings[0].message.en


def test_without_memory_limit_a_dead_worker_is_internal(tmp_path: Path) -> None:
    (crash,) = _files(tmp_path, "c.crash")
    (result,) = execute(_engine(Limits(time_seconds=5.0, memory_bytes=0)), [crash], RunOptions(jobs=1))
    assert [f.rule for f in result.findings] == ["INTERNAL"]
    assert "ended abruptly (signal 9)" in result.findings[0].message.en


def test_largest_first(tmp_path: Path) -> None:
    files = []
    for name, size in (("a", 10), ("b", 300), ("c", 20), ("d", 300)):
        (tmp_path / name).write_bytes(b"x" * size)
        files.append(tmp_path / name)
    assert largest_first(files) == [1, 3, 2, 0]


def _no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise AssertionError("forked a worker for a single pure-Python file")

    monkeypatch.setattr("checker.workers.os.fork", refuse)


def test_a_single_text_file_runs_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_fork(monkeypatch)
    (result,) = execute(_engine(), [SEED], RunOptions(jobs=2))
    assert result.status is Status.PASS


def test_only_pure_python_extractors_run_in_process(tmp_path: Path) -> None:
    """A text file alone runs here; an HTML, DOCX or PDF file (lexbor, lxml, pdfium: C calls an
    alarm cannot interrupt) gets a worker even alone."""
    from checker.inprocess import in_process_safe

    engine = Engine(Settings())
    page = tmp_path / "report.html"
    page.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    docx, pdf = tmp_path / "report.docx", tmp_path / "report.pdf"
    docx.write_bytes(b"PK\x03\x04")
    pdf.write_bytes(b"%PDF-1.7\n")
    assert in_process_safe(engine, SEED)
    assert not any(in_process_safe(engine, path) for path in (page, docx, pdf))


def test_in_process_limits_for_a_single_pure_python_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The alarm and the address-space cap stop a pure-Python extractor in this very process."""
    import resource
    import signal

    monkeypatch.setattr("checker.inprocess.PURE_PYTHON", {("misbehaving", "tests.limit_plugin")})
    _no_fork(monkeypatch)
    slow, hog = _files(tmp_path, "a.slow", "b.hog")
    before = (signal.getsignal(signal.SIGALRM), resource.getrlimit(resource.RLIMIT_AS))
    start = time.monotonic()
    (timed,) = execute(_engine(Limits(time_seconds=1.0)), [slow], RunOptions(jobs=1))
    assert time.monotonic() - start < 10
    assert [f.rule for f in timed.findings] == ["EXTRACT-limit"] and "time limit of 1 s" in timed.findings[0].message.en
    (hogged,) = execute(_engine(Limits(time_seconds=60.0, memory_bytes=128 * 1024 * 1024)), [hog], RunOptions(jobs=1))
    assert [f.rule for f in hogged.findings] == ["EXTRACT-limit"]
    assert "per-file limit of 128 MB" in hogged.findings[0].message.en
    assert (signal.getsignal(signal.SIGALRM), resource.getrlimit(resource.RLIMIT_AS)) == before  # all restored
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_worker_does_not_grow_with_the_files_it_checks(tmp_path: Path) -> None:
    """python-docx leaves each document in reference cycles; a worker collects them as it grows."""
    from checker.workers import Pool
    from tests.fixtures.content import huaian_2021
    from tests.fixtures.render_docx import render_docx

    source = render_docx(huaian_2021(), tmp_path / "report.docx")
    files = []
    for i in range(80):
        files.append(tmp_path / f"r{i:02d}.docx")
        shutil.copy(source, files[-1])
    engine = Engine(Settings(plugins=(*BUILTIN_PLUGINS, "checker.extractors.docx"), entry_points=False))
    pool = Pool(engine, 1)

    def resident() -> int:
        (worker,) = pool.workers
        status = Path(f"/proc/{worker.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) // 1024

    sizes = [resident() for n, (_, result) in enumerate(pool.run(files)) if n in (4, 79) and result.status]
    assert sizes[1] - sizes[0] < 40, sizes  # without the collection: +47 MB over 75 files


def test_workers_run_side_by_side(tmp_path: Path) -> None:
    """Two files that each take their full 1.5 s limit finish together with --jobs 2, not one after the other."""
    files = _files(tmp_path, "a.slow", "b.slow")
    start = time.monotonic()
    results = list(execute(_engine(Limits(time_seconds=1.5)), files, RunOptions(jobs=2)))
    assert time.monotonic() - start < 2.9
    assert [f.rule for r in results for f in r.findings] == ["EXTRACT-limit"] * 2
