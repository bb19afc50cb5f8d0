"""Running a check over many files: cache, executor, order, progress.

For every file: a result cache hit is used as it is; the rest go to an executor (forked workers
under the per-file limits, see :mod:`checker.workers`, or a Dask cluster, see
:mod:`checker.daskexec`), largest file first so that one big PDF does not start last and keep
the run waiting. Raw results come back in any order and are handed on in input order as soon as
the next one is there (streamed), after the engine's ``finish`` (waivers, baseline, status), which
always runs here in the parent, so that a cached result is post-processed exactly like a new one.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from checker.finding import FileResult
from checker.inprocess import check_in_process, in_process_safe
from checker.workers import CAN_FORK, Pool, limits_apply

if TYPE_CHECKING:
    from checker.engine import Engine
    from checker.resultcache import ResultCache


class RunOptions(Struct):
    jobs: int | None = None  # None: the CPU count
    executor: str = "local"  # "local" | "dask"
    scheduler: str | None = None  # the Dask scheduler's address (tcp://HOST:PORT)
    cache: ResultCache | None = None
    progress: Callable[[int, int], None] | None = None  # (files done, files in all)


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The check command's flags for how files are run (kept here: the check command stays small)."""
    run = parser.add_argument_group("running / 运行")
    run.add_argument("--no-cache", action="store_true", help="不使用结果缓存 / do not read or write the result cache "
                     "(.report-check-cache/)")
    run.add_argument("--quiet", "-q", action="store_true", help="不显示进度和提示 / no progress line, no notes on stderr")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local worker processes (default) or a Dask cluster (needs report-check[dask])")
    run.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="the Dask scheduler's address (--executor dask)")


def run_for_cli(engine: Engine, files: list[Path], args: argparse.Namespace) -> list[FileResult]:
    """What the check command runs: options from its flags, the repository's result cache."""
    import sys

    from checker.progress import Progress, wanted

    if args.executor == "dask" and not args.scheduler:
        from checker.commands.common import UsageError

        raise UsageError("--executor dask needs --scheduler tcp://HOST:PORT")
    cache = None
    if not args.no_cache and files:
        from checker.resultcache import ResultCache, cache_root

        cache = ResultCache(cache_root(engine.settings.config_file), engine)
    progress = Progress(sys.stderr) if wanted(sys.stderr, args.quiet) else None
    options = RunOptions(args.jobs, args.executor, args.scheduler, cache, progress)
    try:
        return list(execute(engine, files, options))
    finally:
        if progress is not None:
            progress.close()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def largest_first(files: list[Path]) -> list[int]:
    """Indices of ``files`` by size, largest first (a missing file counts as empty)."""

    def size(i: int) -> int:
        try:
            return files[i].stat().st_size
        except OSError:
            return 0

    return sorted(range(len(files)), key=lambda i: (-size(i), i))


def _local(engine: Engine, files: list[Path], jobs: int) -> Iterator[tuple[int, FileResult]]:
    limits = engine.settings.limits
    overrides_limit = any(getattr(o, "limits", None) for o in engine.settings.overrides)
    if not CAN_FORK or (jobs <= 1 and not limits_apply(limits) and not overrides_limit):
        for i, path in enumerate(files):  # nothing to enforce, or no way to: in this process
            yield i, engine.check_raw(path)
        return
    if len(files) == 1 and in_process_safe(engine, files[0]):
        yield 0, check_in_process(engine, files[0])
        return
    order = largest_first(files) if len(files) > 1 else [0]
    yield from Pool(engine, min(jobs, len(files))).run(files, order)


def execute(engine: Engine, files: list[Path], options: RunOptions | None = None) -> Iterator[FileResult]:
    """Every file's finished result, in the order of ``files``, each as soon as it (and all before
    it) are done."""
    options = options or RunOptions()
    cache = options.cache
    done: dict[int, FileResult] = {}
    todo: list[int] = []
    for i, path in enumerate(files):
        hit = cache.get(path) if cache is not None else None
        if hit is not None:
            done[i] = hit
        else:
            todo.append(i)
    total, finished, next_out = len(files), len(done), 0
    if options.progress is not None:
        options.progress(finished, total)

    def ready() -> Iterator[FileResult]:
        nonlocal next_out
        while next_out in done:
            yield engine.finish(done.pop(next_out))
            next_out += 1

    yield from ready()
    if todo:
        paths = [files[i] for i in todo]
        jobs = options.jobs if options.jobs is not None else cpu_count()
        if options.executor == "dask":
            from checker.daskexec import run_dask

            source = run_dask(engine, paths, options.scheduler)
        else:
            source = _local(engine, paths, max(1, jobs))
        for j, raw in source:
            i = todo[j]
            if cache is not None:
                cache.put(files[i], raw)
            done[i] = raw
            finished += 1
            if options.progress is not None:
                options.progress(finished, total)
            yield from ready()
    if cache is not None:
        cache.close()
