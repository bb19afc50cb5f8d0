"""A plugin extractor that misbehaves on purpose, for the executor's per-file limits.

``*.slow`` sleeps (a file that never finishes), ``*.hog`` allocates memory until it is stopped
and ``*.crash`` kills its own process (a C library aborting); anything else is not theirs.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import ClassVar

from checker import hookimpl
from checker.extractors.base import Limits
from checker.model import Document


class Misbehaving:
    name: ClassVar[str] = "misbehaving"
    suffixes: ClassVar[tuple[str, ...]] = (".slow", ".hog", ".crash")
    priority: ClassVar[int] = 0

    def accepts(self, path: Path, head: bytes) -> bool:
        return path.suffix in self.suffixes

    def extract(self, path: Path, limits: Limits) -> Document:
        if path.suffix == ".slow":
            time.sleep(60)
        elif path.suffix == ".hog":
            hoard = []
            for _ in range(64):  # up to 4 GB, 64 MB at a time: the limit stops it long before
                hoard.append(bytearray(64 * 1024 * 1024))
        else:
            os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("the limit should have stopped this file")


@hookimpl
def report_check_extractors() -> list[Misbehaving]:
    return [Misbehaving()]
