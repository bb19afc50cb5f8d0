"""Worker processes that check files under the per-file limits (wall time and memory).

Each worker is a forked copy of the running process (the engine is already built, so a worker
costs a fork, about a millisecond, not a second engine start). The parent sends it one path at a
time over a pipe and reads back the file's raw :class:`~checker.finding.FileResult`:

- **memory**: before each file the worker lowers its own soft ``RLIMIT_AS`` to its current address
  space plus ``Limits.memory_bytes``, so the limit is what one file may add. A ``MemoryError`` there
  becomes an ``EXTRACT-limit`` finding (in the engine) and the worker retires; a worker that dies
  outright (a C library aborting when ``malloc`` fails) gets the same finding from the parent.
- **time**: the parent kills a worker whose file has run longer than ``Limits.time_seconds`` (a
  signal inside the worker could not interrupt a long call into pdfium) and starts a new one.

Either way the other files of the run go on in the other workers, unaffected.

A single file whose extractor is pure Python runs in this process instead (:mod:`checker.inprocess`).
We fork by hand
rather than use ``multiprocessing``/``concurrent.futures``: neither can replace one stuck worker
without breaking the whole pool, and both cost import time on every run. Where there is no
``fork`` (Windows) files run in-process and only the extractors' own limits apply.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from checker.extractors.base import Limits, extract_problem
from checker.finding import FileResult, Finding, Status

if TYPE_CHECKING:
    from checker.engine import Engine

CAN_FORK = hasattr(os, "fork") and sys.platform != "win32"
_HEADER = struct.Struct("<Q")
LIMIT_RULE = "EXTRACT-limit"


def limits_apply(limits: Limits) -> bool:
    return bool(limits.time_seconds) or bool(limits.memory_bytes)


def _mb(value: float) -> str:
    return f"{value / (1024 * 1024):.0f} MB"


def time_limit_finding(path: str, seconds: float) -> Finding:
    return extract_problem(
        path,
        LIMIT_RULE,
        f"检查此文件超过了每个文件的时间上限 {seconds:g} 秒，已中止；如确需更长时间，请在配置文件的 limits 中调高 "
        "time_seconds（例如 limits: {time_seconds: 120}）",
        f"checking this file took longer than the per-file time limit of {seconds:g} s and was stopped; to allow "
        "more, raise time_seconds in the configuration's limits section (e.g. limits: {time_seconds: 120})",
    )


def memory_limit_finding(path: str, limit: int, detail: str = "") -> Finding:
    zh_detail = f"（{detail}）" if detail else ""
    en_detail = f" ({detail})" if detail else ""
    return extract_problem(
        path,
        LIMIT_RULE,
        f"检查此文件所需内存超过了每个文件的内存上限 {_mb(limit)}{zh_detail}，已中止；如确需更多内存，请在配置文件的 "
        "limits 中调高 memory_bytes（例如 limits: {memory_bytes: 2147483648}）",
        f"checking this file needed more memory than the per-file limit of {_mb(limit)}{en_detail} and was stopped; "
        "to allow more, raise memory_bytes in the configuration's limits section (e.g. limits: {memory_bytes: 2147483648})",
    )


def is_memory_limit(finding: Finding) -> bool:
    return finding.rule == LIMIT_RULE and finding.message.en.startswith("checking this file needed more memory")


def limit_result(path: str, pack: str | None, finding: Finding) -> FileResult:
    return FileResult(path, Status.ERROR, pack, None, [finding])


# -- framing: an 8-byte length, then a pickle --------------------------------------------------------


def _send(fd: int, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(fd: int) -> object:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size))
    return pickle.loads(_read_exact(fd, size))


# -- the worker side ----------------------------------------------------------------------------------


def _address_space() -> int | None:
    """This process's current virtual size in bytes (Linux), to put the per-file limit on top of it."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _set_memory_limit(limit: int) -> None:
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    base = _address_space() or 0
    wanted = base + limit if limit else resource.RLIM_INFINITY
    if hard != resource.RLIM_INFINITY:
        wanted = hard if wanted == resource.RLIM_INFINITY else min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


#: A worker collects cyclic garbage, and hands freed memory back to the system, once it has grown
#: this much since the last time. python-docx leaves each document's lxml tree in reference cycles
#: (~4 MB a file): a hundred DOCX files in a row grew a worker from 40 to 120 MB before the
#: generational collector got to them, and by then the heap was too fragmented to shrink; a full
#: collection after every file kept it at 42 MB but cost as much as checking the file. Every ~8
#: DOCX files, then, a collection and ``malloc_trim`` bring it back to ~40 MB.
GC_SLACK = 32 * 1024 * 1024


def _release_memory() -> None:
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the collection alone


def _resident() -> int:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _serve(engine: Engine, tasks: int, results: int) -> None:
    """The worker's loop: a path in, ``(result, retire)`` out, until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    base = 0
    while True:
        path = _recv(tasks)
        if path is None:
            return
        assert isinstance(path, str)
        limits = engine.settings.for_file(path).limits
        if limits.memory_bytes:
            _set_memory_limit(limits.memory_bytes)
        result = engine.check_raw(Path(path))
        retire = any(is_memory_limit(f) for f in result.findings)
        _send(results, (result, retire))
        if retire:  # after a MemoryError nothing in this process can be trusted
            return
        resident = _resident()
        if not base:
            base = resident
        elif resident > base + GC_SLACK:
            _release_memory()
            base = min(base, _resident())  # the baseline never creeps up


class _Worker(Struct):
    pid: int
    tasks: int  # parent writes paths here
    results: int  # parent reads results here
    job: int | None = None
    started: float = 0.0
    deadline: float | None = None


class Pool:
    """Forked workers; ``run`` yields ``(index, raw result)`` as files finish."""

    def __init__(self, engine: Engine, size: int) -> None:
        self.engine = engine
        self.size = max(1, size)
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            status = 0
            try:
                os.close(task_w)
                os.close(result_r)
                for other in self.workers:  # the other workers' pipe ends: their EOF must not wait on us
                    for fd in (other.tasks, other.results):
                        try:
                            os.close(fd)
                        except OSError:
                            pass
                _serve(self.engine, task_r, result_w)
            except BaseException:  # noqa: BLE001 - a dying worker reports by its exit status
                status = 70
            finally:
                os._exit(status)
        os.close(task_r)
        os.close(result_w)
        worker = _Worker(pid, task_w, result_r)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool) -> int:
        """Stop and reap a worker; its exit status as ``waitpid`` gives it."""
        if kill:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for fd in (worker.tasks, worker.results):
            try:
                os.close(fd)
            except OSError:
                pass
        self.workers.remove(worker)
        try:
            return os.waitpid(worker.pid, 0)[1]
        except ChildProcessError:
            return 0

    def run(self, paths: list[Path], order: list[int] | None = None) -> Iterator[tuple[int, FileResult]]:
        pending = deque(order if order is not None else range(len(paths)))
        try:
            for _ in range(min(self.size, len(pending))):
                self._spawn()
            while pending or any(w.job is not None for w in self.workers):
                for worker in self.workers:
                    if worker.job is None and pending:
                        self._assign(worker, pending.popleft(), paths)
                busy = [w for w in self.workers if w.job is not None]
                now = time.monotonic()
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                timeout = max(0.0, min(deadlines) - now) if deadlines else None
                ready, _, _ = select.select([w.results for w in busy], [], [], timeout)
                for worker in [w for w in busy if w.results in ready]:
                    yield self._collect(worker, paths, bool(pending))
                now = time.monotonic()
                for worker in [w for w in self.workers if w.job is not None and w.deadline is not None]:
                    if worker.deadline is not None and now >= worker.deadline and worker.results not in ready:
                        yield self._timed_out(worker, paths, bool(pending))
        finally:
            self.close()

    def _assign(self, worker: _Worker, job: int, paths: list[Path]) -> None:
        path = str(paths[job])
        seconds = self.engine.settings.for_file(path).limits.time_seconds
        worker.job, worker.started = job, time.monotonic()
        worker.deadline = worker.started + seconds if seconds else None
        try:
            _send(worker.tasks, path)
        except OSError:  # the worker is gone already; _collect sees its EOF and reports it
            pass

    def _collect(self, worker: _Worker, paths: list[Path], more: bool) -> tuple[int, FileResult]:
        job = worker.job
        assert job is not None
        path = str(paths[job])
        worker.job = None
        try:
            message = _recv(worker.results)
        except (EOFError, OSError):
            status = self._retire(worker, kill=True)
            if more:
                self._spawn()
            return job, self._died(path, status)
        assert isinstance(message, tuple)
        result: FileResult = message[0]
        retire: bool = message[1]
        if retire:
            self._retire(worker, kill=False)
            if more:
                self._spawn()
        return job, result

    def _died(self, path: str, status: int) -> FileResult:
        limits = self.engine.settings.for_file(path).limits
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.WEXITSTATUS(status)}"
        pack = self.engine.settings.for_file(path).pack
        if limits.memory_bytes:
            detail = f"the worker process ended abruptly with {how}, as a library does when memory runs out"
            return limit_result(path, pack, memory_limit_finding(path, limits.memory_bytes, detail))
        finding = extract_problem(
            path,
            "INTERNAL",
            f"检查此文件的工作进程意外退出（{how}），请报告此问题",
            f"the worker process checking this file ended abruptly ({how}); please report it",
        )
        return limit_result(path, pack, finding)

    def _timed_out(self, worker: _Worker, paths: list[Path], more: bool) -> tuple[int, FileResult]:
        job = worker.job
        assert job is not None
        path = str(paths[job])
        self._retire(worker, kill=True)
        if more:
            self._spawn()
        seconds = self.engine.settings.for_file(path).limits.time_seconds
        return job, limit_result(path, self.engine.settings.for_file(path).pack, time_limit_finding(path, seconds))

    def close(self) -> None:
        for worker in list(self.workers):
            try:
                _send(worker.tasks, None)
            except OSError:
                pass
            self._retire(worker, kill=worker.job is not None)
