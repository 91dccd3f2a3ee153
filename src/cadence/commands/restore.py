"""`cadence restore FILE --db NEW`: rebuild a journal from a JSON export, into an empty file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadence.services.transfer.restore import RestoreError, restore_file
from cadence.store.paths import resolve_db_path

NAME = "restore"
HELP = "rebuild a journal from a JSON export (into a new, empty journal given with --db)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="a `cadence export` JSON file")


def run(args: argparse.Namespace) -> int:
    target = resolve_db_path(getattr(args, "db", None))
    try:
        summary = restore_file(args.file, target)
    except RestoreError as exc:
        print(f"cadence: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {summary.rows:,} rows from {summary.source} into {summary.target}")
    return 0
