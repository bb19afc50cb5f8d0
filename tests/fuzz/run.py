"""The long fuzz run: many mutants per format, with the figures docs/reliability.md records.

    python -m tests.fuzz.run --count 300                 # every format, cases 0..299
    python -m tests.fuzz.run --format docx --case 1234   # reproduce one input (kept in ./fuzz-out)

Each format runs in its own process, so its peak memory (ru_maxrss) is its own. A failing case is
printed and the run goes on; the exit status is 1 if any case failed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from checker.engine import Engine, Settings
from tests.fuzz.harness import FORMATS, SUFFIX, Tally, check, mutant


def run_format(fmt: str, start: int, count: int) -> dict[str, object]:
    engine = Engine(Settings())
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(start, start + count):
            tally.tried += 1
            try:
                outcome = check(engine, Path(tmp), fmt, case)
            except AssertionError as exc:
                tally.crashes.append(str(exc))
                continue
            tally.limits += "EXTRACT-limit" in outcome.rules
            tally.unreadable += outcome.result.status.value == "error"
            tally.max_seconds = max(tally.max_seconds, outcome.seconds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    return {"format": fmt, "tried": tally.tried, "crashes": tally.crashes, "limits": tally.limits,
            "unreadable": tally.unreadable, "max_seconds": round(tally.max_seconds, 2), "peak_rss_mb": peak // 2**20}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run")
    parser.add_argument("--format", choices=FORMATS, action="append")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--case", type=int, help="write this one input to ./fuzz-out and check it")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child: one format, JSON out
    args = parser.parse_args(argv)
    formats = args.format or list(FORMATS)
    if args.case is not None:
        out = Path("fuzz-out")
        out.mkdir(exist_ok=True)
        for fmt in formats:
            path = out / f"{fmt}-{args.case}{SUFFIX[fmt]}"
            path.write_bytes(mutant(fmt, args.case))
            print(path)
        return 0
    if args.one:
        print(json.dumps(run_format(formats[0], args.start, args.count), ensure_ascii=False))
        return 0
    failed = False
    for fmt in formats:
        proc = subprocess.run([sys.executable, "-m", "tests.fuzz.run", "--one", "--format", fmt,
                               "--start", str(args.start), "--count", str(args.count)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"{fmt}: the run itself failed:\n{proc.stderr}")
            failed = True
            continue
        figures = json.loads(proc.stdout.strip().splitlines()[-1])
        failed |= bool(figures["crashes"])
        print(json.dumps(figures, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
