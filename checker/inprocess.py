"""One file in this process, under the same limits as a worker.

A run of a single file whose extractor is pure Python (the built-in text/Markdown one) runs here
instead of in a forked worker: a ``SIGALRM`` timer raises at the time limit and a
lowered soft ``RLIMIT_AS`` gives a ``MemoryError``; both work because no long C call stands
between them and the interpreter. That saves the fork, the worker's page faults and its
scheduling (10 ms of CPU, more under load) on the commonest pre-commit run, one text file. PDF
(pdfium), DOCX (lxml) and HTML (lexbor) files, and any plugin's, still get a worker
(:mod:`checker.workers`): a C library's long call is out of an alarm's reach, and one that
fails to allocate may abort the process.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import TYPE_CHECKING

from checker.finding import FileResult
from checker.workers import _set_memory_limit, limit_result, time_limit_finding

if TYPE_CHECKING:
    from checker.engine import Engine


#: Extractors whose work is Python code all the way down: an alarm and a MemoryError reach them.
PURE_PYTHON = {("text", "checker.extractors.text")}


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` on the way swallows it."""


def in_process_safe(engine: Engine, path: Path) -> bool:
    import threading

    if threading.current_thread() is not threading.main_thread():
        return False  # signals reach the main thread only
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return True  # nothing to extract: the engine reports the file as unreadable
    extractor = engine.extractor_for(path, head)
    if extractor is None:
        return True
    real = getattr(extractor, "real", None)
    module = extractor._entry.value if real is not None else type(extractor).__module__  # type: ignore[attr-defined]
    return (extractor.name, module) in PURE_PYTHON


def check_in_process(engine: Engine, path: Path) -> FileResult:
    """One file in this process, under the time limit (alarm) and the memory limit (soft RLIMIT_AS)."""
    limits = engine.settings.for_file(path).limits
    old_handler = None
    old_memory = None
    armed = [True]
    if limits.time_seconds:

        def alarm(signum: int, frame: object) -> None:
            if armed[0]:  # not once the result is in hand
                raise _TimeUp

        old_handler = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, limits.time_seconds)
    if limits.memory_bytes:
        import resource

        old_memory = resource.getrlimit(resource.RLIMIT_AS)
        _set_memory_limit(limits.memory_bytes)
    try:
        result = engine.check_raw(path)
        armed[0] = False
        return result
    except _TimeUp:
        pack = engine.settings.for_file(path).pack
        return limit_result(str(path), pack, time_limit_finding(str(path), limits.time_seconds))
    finally:
        if old_handler is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
        if old_memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, old_memory)
