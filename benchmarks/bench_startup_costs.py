"""Where a cold text check's time goes: class building, regex compiling and msgspec's import.

    PYTHONPATH=. python benchmarks/bench_startup_costs.py [--runs 7] [FILE]

Each run is a fresh process that times ``dataclasses`` building classes (``_process_class``: the
``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and, for frozen classes, ``__setattr__`` and
``__delattr__`` it generates from source and compiles) and ``re`` compiling patterns, while it
imports the CLI and checks FILE (default: the seed text report) as ``report-check --no-cache
--format json`` does. Medians of ``--runs``; the startup cache is filled by one untimed run first.
What ``python -X importtime`` cannot say: how much of an import is the class and pattern building
that every module body does. Since the model's records became msgspec Structs (built in C), the
dataclass line counts only what the standard library or a dependency still builds, and the cost of
that change is the time ``import msgspec`` takes (it is imported first, alone, to time it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "yuncheng-transport-2020.txt"

PROBE = r"""
import contextlib, io, json, sys, time
t0 = time.perf_counter()
import dataclasses, re._compiler as compiler
spent = {"classes": 0.0, "patterns": 0.0, "classes_count": 0, "patterns_count": 0}
def timed(function, key):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - start
            spent[key + "_count"] += 1
    return wrapper
dataclasses._process_class = timed(dataclasses._process_class, "classes")
compiler.compile = timed(compiler.compile, "patterns")
t1 = time.perf_counter()
import msgspec.structs
spent["msgspec"] = time.perf_counter() - t1
from checker.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["--no-cache", "--no-config", "--format", "json", sys.argv[1]])
t3 = time.perf_counter()
print(json.dumps({"total": t3 - t1, **spent}))
"""


def run(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("file", nargs="?", type=Path, default=SEED)
    args = parser.parse_args()
    run(args.file)  # fills the startup cache
    runs = [run(args.file) for _ in range(args.runs)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"{args.file.name}: median of {args.runs} fresh processes (s)")
    print(f"  in the process, after the interpreter started: {median['total']:.3f}"
          " (the CLI imports what a run needs as it goes)")
    print(f"  building {median['classes_count']:.0f} dataclasses: {median['classes']:.3f}"
          f" ({100 * median['classes'] / median['total']:.0f} %)")
    print(f"  compiling {median['patterns_count']:.0f} regular expressions: {median['patterns']:.3f}"
          f" ({100 * median['patterns'] / median['total']:.0f} %)")
    print(f"  importing msgspec: {median['msgspec']:.3f} ({100 * median['msgspec'] / median['total']:.0f} %)")


if __name__ == "__main__":
    main()
