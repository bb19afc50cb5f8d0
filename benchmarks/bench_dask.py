"""Throughput of the Dask executor per worker, on a LocalCluster on loopback.

    PYTHONPATH=. python benchmarks/bench_dask.py [--files 200] [--workers 1 2]

Builds the mixed repository of ``bench_repo.py`` (``--files`` reports), starts a
``distributed.LocalCluster`` with N single-threaded worker processes on 127.0.0.1, and runs
``report-check REPO --executor dask --scheduler ADDR --no-cache`` in-process against it, timed
after the cluster is up and warmed (one small run first, so every worker has built its engine).
Reports files/s, files/s per worker and each worker's RSS after the run (psutil, which
``distributed`` depends on). On this 2-core machine more than 2 workers only share the cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import psutil
    from bench_repo import build_repo
    from distributed import Client, LocalCluster

    from checker.cli import main as cli

    repo = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    files = build_repo(repo, args.files)
    warm = repo / "warm"
    warm.mkdir()
    for f in files[:10]:
        shutil.copy(f, warm / f.name)
    print(f"{len(files)} files; load average {os.getloadavg()[0]:.1f}")
    print(f"{'workers':>7} {'wall s':>7} {'files/s':>8} {'per worker':>10} {'worker RSS MB':>14}")
    for n in args.workers:
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            address = cluster.scheduler_address
            common = ["--executor", "dask", "--scheduler", address, "--no-cache", "--quiet", "--format", "json",
                      "--output", os.devnull]
            cli([str(warm), *common])
            start = time.perf_counter()
            cli([str(repo), *common])
            wall = time.perf_counter() - start
            with Client(address) as client:
                rss = client.run(lambda: psutil.Process().memory_info().rss / 1e6)
            print(f"{n:7d} {wall:7.2f} {len(files) / wall:8.1f} {len(files) / wall / n:10.1f} "
                  f"{max(rss.values()):14.1f}", flush=True)
    shutil.rmtree(repo, ignore_errors=True)


if __name__ == "__main__":
    main()
