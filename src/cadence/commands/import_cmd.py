"""`cadence import PATH... [--map FIELD=COLUMN ...] [--date-format FMT]`.

Imports GPX, TCX and FIT files (also .gz), folders of them, Strava bulk exports (folder or .zip)
and music practice CSVs. Prints one line per file and a summary; exits 0 only if nothing was
refused. Ctrl-C stops after the file in hand: what was imported stays, nothing is half-written.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from cadence.commands.common import opened_journal
from cadence.services.imports.common import ItemResult
from cadence.services.imports.music_csv import FIELDS as CSV_FIELDS
from cadence.services.imports.music_csv import CsvMapping

NAME = "import"
HELP = (
    "import runs (GPX, TCX, FIT, .gz, folders, Strava exports as folder or .zip) "
    "and music practice CSVs"
)
EXIT_REFUSED = 1
EXIT_CANCELLED = 130


def _mapping_item(text: str) -> tuple[str, str]:
    field, sep, column = text.partition("=")
    field, column = field.strip().lower(), column.strip()
    if not sep or not field or not column:
        raise argparse.ArgumentTypeError(f"{text!r}: write FIELD=COLUMN, e.g. minutes=Mins")
    if field not in CSV_FIELDS:
        raise argparse.ArgumentTypeError(
            f"{field!r} is not a field; map one of: {', '.join(CSV_FIELDS)}"
        )
    return field, column


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or .zip exports")
    fields = "; ".join(f"{name}: {what}" for name, what in CSV_FIELDS.items())
    parser.add_argument(
        "--map",
        dest="mappings",
        action="append",
        type=_mapping_item,
        default=[],
        metavar="FIELD=COLUMN",
        help="for practice CSVs: which column holds a field (repeatable). Columns named after "
        f"a field are found without it. Fields: {fields}",
    )
    parser.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="for practice CSVs whose dates are ambiguous, e.g. %%d/%%m/%%Y or %%m/%%d/%%Y",
    )


def _print_result(result: ItemResult) -> None:
    print(result.line(), flush=True)


def run(args: argparse.Namespace) -> int:
    from cadence.services.imports.batch import import_paths  # the parsers load only when needed

    mapping = None
    if args.mappings or args.date_format:
        mapping = CsvMapping(dict(args.mappings), args.date_format, fill_from_header=True)
    stop = threading.Event()

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("Stopping after the file in hand (Ctrl-C again to stop at once)...", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        with opened_journal(args):
            summary = import_paths(
                args.paths, cancelled=stop.is_set, on_file=_print_result, csv_mapping=mapping
            )
    finally:
        signal.signal(signal.SIGINT, previous)
    print(summary.headline())
    if summary.cancelled:
        return EXIT_CANCELLED
    return 0 if summary.ok else EXIT_REFUSED
