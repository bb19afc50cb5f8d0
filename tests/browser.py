"""A small Chrome DevTools Protocol client for browser tests: headless Chromium (the system's
``chromium``, never a downloaded browser) driven over ``--remote-debugging-pipe``.

The pipe protocol is JSON messages ending in NUL: we write on the browser's fd 3 and read its fd 4.
No port is opened and no package beyond the standard library is needed.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--font-render-hinting=none",
    "--force-device-scale-factor=1",
)


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page; ``send`` a command, read what happened in ``events``."""

    def __init__(self, width: int = 1280, height: int = 900, executable: str = CHROMIUM) -> None:
        self.profile = tempfile.mkdtemp(prefix="report-check-chromium-")
        to_browser_r, self._w = os.pipe()
        self._r, from_browser_w = os.pipe()

        # The browser talks on fds 3 (in) and 4 (out): bash (dash knows only fds 0-9) moves the pipes there, then execs it.
        # Copies above 99 first, so that moving one pipe onto fd 3 or 4 cannot close the other.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100) for fd in (to_browser_r, from_browser_w)]
        wire = f'exec 3<&{high[0]} 4>&{high[1]} {high[0]}<&- {high[1]}>&-; exec "$@"'
        argv = ["/bin/bash", "-c", wire, "bash", executable, *FLAGS, f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe", f"--window-size={width},{height}", "about:blank"]
        # Chromium's own messages go to a log in the profile: a failed start says why.
        self.log = os.path.join(self.profile, "chromium.log")
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(argv, pass_fds=high, stdout=subprocess.DEVNULL, stderr=log)
        for fd in (to_browser_r, from_browser_w, *high):
            os.close(fd)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        try:
            # A loaded machine (a parallel test run, LibreOffice) can take Chromium long to start.
            target = self.send("Target.createTarget", {"url": "about:blank"}, timeout=120)["targetId"]
        except BrowserError as exc:
            tail = self._log_tail()
            self.close()
            raise BrowserError(f"{exc}; Chromium's log ends: {tail}") from exc
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable", session=self.session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=self.session)

    # -- protocol ---------------------------------------------------------------------------------

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("no answer from Chromium in time")
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise BrowserError(f"Chromium closed the pipe (exit status {self.proc.poll()})")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def page(self, method: str, params: dict[str, Any] | None = None, timeout: float = 30) -> dict[str, Any]:
        return self.send(method, params, self.session, timeout)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self.events.append(self._receive(deadline))

    # -- conveniences -----------------------------------------------------------------------------

    def open(self, url: str, timeout: float = 60) -> None:
        self.events.clear()
        self.page("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired", timeout)

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        import base64

        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
        return base64.b64decode(self.page("Page.captureScreenshot", params)["data"])

    def _log_tail(self, size: int = 2000) -> str:
        try:
            with open(self.log, "rb") as fh:
                return fh.read()[-size:].decode("utf-8", "replace")
        except OSError:
            return "(no log)"

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._r, self._w):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)
