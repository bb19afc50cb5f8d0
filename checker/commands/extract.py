"""``report-check extract FILE… --format json|csv``: what was read, as the rules see it.

Per file: extract, pick the pack (by report year for a selector pack), bind, and print the bound
model: year, version, agency, closing block, sections, and every template table cell by cell.
No rule runs. Exit 0 when every file was read, 1 when some could not be, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from checker.commands.common import EXIT_FINDINGS, EXIT_OK, HelpFormatter, UsageError
from checker.commands.validate import check_dependencies
from checker.engine import DEFAULT_PACK, Engine, discover


def extract_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        formatter_class=HelpFormatter,
        prog="report-check extract",
        description="输出读取到的报告内容（章节、统计表逐单元格）/ Print what was read: sections and every "
        "template table cell, as the rules see them.",
        epilog="JSON shape: schemas/extract.schema.json. CSV: one row per table cell. Exit codes: 0 every "
        "file read, 1 some file could not be read, 2 usage errors.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="report files or folders (recursively)")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    p.add_argument("--output", "-o", type=Path, help="write to FILE instead of stdout")
    p.add_argument("--pack", default=None, help=f"rule pack name or YAML file (default: {DEFAULT_PACK})")
    p.add_argument("--lang", choices=("zh", "en"), default="en", help="language of problem messages (default: en)")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="set a pack parameter")
    p.add_argument("--plugin", action="append", default=[], metavar="MODULE", help="also load this plugin module")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: .report-check.yaml or "
                   "pyproject.toml [tool.report-check], searched from the working directory upward)")
    p.add_argument("--no-config", action="store_true", help="ignore any configuration file")
    # The rest of what a check's settings are built from: no rule runs here, so none is asked for.
    p.set_defaults(severity=[], disable=[], fail_level=None)
    return p


def extract_file(engine: Engine, path: Path, lang: str = "en") -> dict[str, Any]:
    """One file's entry of the extract output."""
    from checker.binding import bind
    from checker.extract import report_to_dict, unreadable_to_dict

    document = engine.extract(path)
    if document.unreadable:
        return unreadable_to_dict(document, lang)
    settings = engine.settings.for_file(path)  # a configuration's pack and params for this path
    pack = engine.pack_for(document, engine.registry.load(settings.pack))
    return report_to_dict(bind(document, pack, settings.params), lang)


def write_json(files: list[dict[str, Any]], stream: TextIO) -> None:
    import json

    from checker.extract import run_to_dict

    json.dump(run_to_dict(files), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(files: list[dict[str, Any]], stream: TextIO) -> None:
    import csv

    from checker.extract import CSV_FIELDS, cell_rows

    writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(cell_rows(files))


def execute_extract(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    from checker.commands.check import build_config, build_settings

    # As a check reads the file: the configuration's pack, params and limits, the flags on top.
    engine = Engine(build_settings(args, build_config(args)))
    found = discover(args.paths, engine.suffixes())
    check_dependencies(engine, found)  # a missing library is exit 2, not a finding per file
    files = [extract_file(engine, path, args.lang) for path in found]
    with ExitStack() as stack:
        stream: TextIO = sys.stdout
        if args.output is not None:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            # newline="" lets the csv module own line endings; harmless for JSON
            stream = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        try:
            (write_csv if args.format == "csv" else write_json)(files, stream)
        except BrokenPipeError:  # `report-check extract … | head`: the reader has had enough
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_FINDINGS if any(f["status"] == "error" for f in files) else EXIT_OK


def main(argv: Sequence[str]) -> int:
    return execute_extract(extract_parser().parse_args(argv))
