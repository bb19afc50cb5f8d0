"""``report-check cache clear``: forget the result cache and the startup cache."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from checker.commands.common import EXIT_OK, HelpFormatter


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        formatter_class=HelpFormatter,
        prog="report-check cache",
        description="管理缓存 / Manage the caches: the repository's result cache (.report-check-cache/) and "
        "the compiled rule packs and plugin list in the user's cache folder.",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    clear = sub.add_parser("clear", help="删除缓存 / delete both caches")
    clear.add_argument("--dir", type=Path, default=None, help="the repository folder (default: the configuration "
                       "file's folder, else the working directory)")
    args = parser.parse_args(argv)
    from checker import startup
    from checker.config import find_config
    from checker.resultcache import CACHE_DIR, cache_root
    from checker.resultcache import clear as clear_results

    config = find_config() if args.dir is None else None
    root = args.dir if args.dir is not None else cache_root(str(config) if config else None)
    removed = clear_results(root)
    sys.stdout.write(f"{'已删除 / removed' if removed else '没有 / no'} {root / CACHE_DIR}\n")
    home = startup.cache_home()
    if home.is_dir():
        shutil.rmtree(home, ignore_errors=True)
        sys.stdout.write(f"已删除 / removed {home}\n")
    return EXIT_OK
