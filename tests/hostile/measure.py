"""Time and peak memory of checking each hostile file in a fresh process (docs/reliability.md).

    python -m tests.hostile.measure [OUT_DIR]

Each file is checked by ``python -m checker.cli FILE --format json`` on its own; the wall time and
the child's peak RSS come from ``os.wait4``. The figures include the interpreter's start-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile.make_hostile import HOSTILE


def measure(path: Path) -> tuple[float, int, int, list[str]]:
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "checker.cli", str(path), "--format", "json", "-j", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, _ = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]] if out else []
    return seconds, usage.ru_maxrss // 1024, proc.returncode, rules


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="hostile-"))
    # made in another process: Linux keeps a parent's peak RSS as the floor of its children's
    subprocess.run([sys.executable, "-m", "tests.hostile.make_hostile", str(folder)], check=True, capture_output=True)
    made = {folder / name: expect for name, (_, expect) in HOSTILE.items()}
    print("| file | size | exit | finding | time (s) | peak RSS (MB) |\n|---|---:|---:|---|---:|---:|")
    for path, expect in made.items():
        seconds, rss, code, rules = measure(path)
        shown = f"{expect.rule} ({expect.limit})" if expect.limit else expect.rule
        ok = "" if expect.rule in rules and "INTERNAL" not in rules else " **unexpected: " + ", ".join(rules) + "**"
        print(f"| {path.name} | {path.stat().st_size:,} | {code} | {shown}{ok} | {seconds:.2f} | {rss} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
