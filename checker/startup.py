"""What a run would otherwise redo on every start, kept in the user's cache folder.

Two things live here: the compiled rule packs (:mod:`checker.packs.compiled`) and the plugin
manifest (:mod:`checker.lazyplugins`). Both are pickles in ``$REPORT_CHECK_CACHE_HOME``, else
``$XDG_CACHE_HOME/report-check``, else ``~/.cache/report-check``: a folder only this user writes
(unlike the repository's result cache, which is JSON because a repository is someone else's
input). Every entry is keyed by what it was built from, written atomically, and rebuilt when it
is missing, stale or unreadable; an unwritable folder just means no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from checker import __version__


def cache_home() -> Path:
    explicit = os.environ.get("REPORT_CHECK_CACHE_HOME")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "report-check"


def key_of(*parts: object) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\x1f" + repr(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def load(kind: str, key: str) -> Any:
    """The cached object, or None (missing, stale, unreadable: all the same, build it again)."""
    if os.environ.get("REPORT_CHECK_NO_STARTUP_CACHE"):
        return None
    try:
        with open(cache_home() / f"{kind}-{key}.pickle", "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged cache entry is rebuilt, never trusted or fatal
        return None


def store(kind: str, key: str, value: object) -> None:
    """Write atomically (a temporary file renamed over), dropping this kind's older entries."""
    if os.environ.get("REPORT_CHECK_NO_STARTUP_CACHE"):
        return
    import tempfile

    folder = cache_home()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        target = folder / f"{kind}-{key}.pickle"
        os.replace(tmp, target)
        for old in folder.glob(f"{kind}-*.pickle"):
            if old != target and old.stat().st_mtime < target.stat().st_mtime - 86400:
                old.unlink(missing_ok=True)  # a day old and superseded: another install's, or stale
    except OSError:
        pass  # a read-only home: run without the cache


def code_stamp(*modules: str) -> tuple[tuple[str, int, int], ...]:
    """The modules whose classes a cache entry pickles: an edited checkout (same version number)
    must not unpickle objects of an older shape."""
    import sys

    out = []
    for name in modules:
        origin = getattr(sys.modules.get(name), "__file__", None) or ""
        try:
            st = os.stat(origin)
            out.append((origin, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((origin, -1, -1))
    return tuple(out)


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"
