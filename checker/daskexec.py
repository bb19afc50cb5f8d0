"""Scale-out on a Dask distributed cluster: ``--executor dask --scheduler tcp://HOST:PORT``.

The client (this process) does what it does for a local run: result cache, order, waivers and
baseline, output. Only the per-file work goes to the cluster, one task per file, largest first.
Each task carries the file's path as given, its absolute path and size, and the file's effective
settings (the configuration's per-path overrides already applied, so a worker needs no config).
A worker that sees the same file at the absolute path (a shared or network folder) reads it
there; otherwise the task comes back asking for the bytes, and is sent again with them. Each
worker process builds one engine per distinct settings and keeps it. Findings name the path as
given, whichever way the file travelled, so the output is the one a serial run prints.

Per-file limits: the wall-time and memory limits of the local workers do not apply on Dask,
whose workers run tasks in threads; use the cluster's own (``--memory-limit`` of
``dask worker`` restarts a worker past it, and the task is retried or reported lost).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from checker.extractors.base import extract_problem
from checker.finding import FileResult, Status
from checker.resultcache import decode_result, encode_result

if TYPE_CHECKING:
    from checker.engine import Engine, Settings

NEED_BYTES = "need-bytes"
_ENGINES: dict[bytes, Engine] = {}


def _engine(settings: Settings) -> Engine:
    from checker.engine import Engine

    key = pickle.dumps(settings)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(settings)
    return engine


def _relabel(result: FileResult, actual: str, given: str) -> FileResult:
    """The result as if the file had been checked at ``given`` (every path field, exactly)."""
    if actual == given:
        return result

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return given if value == actual else value

    return decode_result(walk(encode_result(result)))


def check_remote(settings: Settings, given: str, absolute: str, size: int, data: bytes | None) -> Any:
    """Runs on a Dask worker: the file's raw result, or ``NEED_BYTES``."""
    engine = _engine(settings)
    if data is None:
        try:
            same = os.stat(absolute).st_size == size
        except OSError:
            same = False
        if not same:
            return NEED_BYTES
        return _relabel(engine.check_raw(Path(absolute)), absolute, given)
    suffix = Path(given).suffix
    with tempfile.TemporaryDirectory(prefix="report-check-") as folder:
        local = Path(folder) / f"file{suffix}"
        local.write_bytes(data)
        return _relabel(engine.check_raw(local), str(local), given)


def run_dask(engine: Engine, paths: list[Path], scheduler: str | None) -> Iterator[tuple[int, FileResult]]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        from checker.commands.common import UsageError

        raise UsageError("--executor dask 需要安装 report-check[dask] / needs the dask extra: "
                         "pip install 'report-check[dask]'") from exc
    from checker.executor import largest_first

    client = Client(scheduler, set_as_default=False)
    try:
        tasks: dict[Any, int] = {}
        args: dict[int, tuple[Any, ...]] = {}
        for i in largest_first(paths):
            path = paths[i]
            try:
                size = path.stat().st_size
            except OSError:
                size = -1
            settings = replace(engine.settings.for_file(path), overrides=())
            args[i] = (settings, str(path), str(path.resolve()), size)
            tasks[client.submit(check_remote, *args[i], None, pure=False)] = i
        with client.as_current():  # as_completed finds the client it belongs to
            queue = as_completed(list(tasks))
        for future in queue:
            i = tasks.pop(future)
            try:
                value = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost task is this file's finding, not the run's end
                yield i, _lost(paths[i], engine, exc)
                continue
            if value == NEED_BYTES:
                try:
                    data = paths[i].read_bytes()
                except OSError:
                    yield i, engine.check_raw(paths[i])  # unreadable here too: the usual finding
                    continue
                again = client.submit(check_remote, *args[i], data, pure=False)
                tasks[again] = i
                queue.add(again)
                continue
            yield i, value
    finally:
        client.close()


def _lost(path: Path, engine: Engine, exc: BaseException) -> FileResult:
    finding = extract_problem(
        str(path),
        "INTERNAL",
        f"Dask 集群未能完成此文件的检查：{exc!r}",
        f"the Dask cluster did not finish checking this file: {exc!r}",
    )
    return FileResult(str(path), Status.ERROR, engine.settings.for_file(path).pack, None, [finding])
