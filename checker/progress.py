"""A progress line on a terminal: files done, files per second, time left.

Only when standard error is a terminal and not in CI (``CI`` set, as every CI service does),
never with ``--quiet``, and only once the run has taken a second, so a quick check prints
nothing extra. It goes to standard error, so machine formats on standard output never see it;
the line is cleared when the run ends. A line of our own: ``rich``/``tqdm`` would cost more
import time than the whole line is worth.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 1.0  # seconds before the first line
INTERVAL = 0.2  # seconds between redraws


def wanted(stream: TextIO, quiet: bool) -> bool:
    if quiet or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def line(self, done: int, total: int, elapsed: float) -> str:
        rate = done / elapsed if elapsed > 0 else 0.0
        left = f"{(total - done) / rate:.0f} s" if rate > 0 else "?"
        return f"report-check: {done}/{total} 个文件 files, {rate:.1f}/s, 剩余 left ~{left}"

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        elapsed = now - self.start
        if done >= total:
            self.close()
            return
        if elapsed < DELAY or now - self.last < INTERVAL:
            return
        self.last = now
        self.stream.write("\r\x1b[K" + self.line(done, total, elapsed))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
