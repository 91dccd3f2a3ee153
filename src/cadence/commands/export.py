"""`cadence export --format json|csv|ics --out PATH`: the whole journal as JSON (restorable),
one CSV per table (for spreadsheets) or goal events and plans as iCalendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadence.commands.common import opened_journal
from cadence.services.transfer.export import export_csv, export_json
from cadence.services.transfer.export_ics import export_ics
from cadence.store.paths import journal_missing, resolve_db_path

NAME = "export"
HELP = "export the journal: json (lossless, restorable), csv (a folder of tables) or ics"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("json", "csv", "ics"), default="json", help="default: json"
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="PATH",
        help="the file to write (a folder for csv)",
    )


def run(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    if journal_missing(path):
        print(f"cadence: there is no journal at {path}; name one with --db.", file=sys.stderr)
        return 1
    with opened_journal(args):
        try:
            if args.format == "ics":
                count = export_ics(args.out)
                noun = "calendar entry" if count == 1 else "calendar entries"
                print(f"Wrote {count} {noun} to {args.out}")
                return 0
            summary = export_json(args.out) if args.format == "json" else export_csv(args.out)
        except OSError as exc:
            print(
                f"cadence: could not write {args.out} ({exc.strerror or exc}); "
                "choose a place you can write to.",
                file=sys.stderr,
            )
            return 1
    tables = sum(1 for n in summary.counts.values() if n)
    where = "files in " if args.format == "csv" else ""
    print(f"Wrote {summary.rows:,} rows from {tables} tables to {where}{summary.path}")
    return 0
