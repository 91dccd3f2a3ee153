"""`cadence export-ics --out FILE.ics`: planned sessions and goal events for a calendar app.

(The lead folds this into `cadence export --format ics`.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadence.commands.common import opened_journal
from cadence.services.export_ics import export_ics

NAME = "export-ics"
HELP = "write planned sessions and goal events as an iCalendar (.ics) file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.ics", help="file to write")


def run(args: argparse.Namespace) -> int:
    with opened_journal(args):
        try:
            count = export_ics(args.out)
        except OSError as exc:
            print(
                f"cadence: could not write {args.out} ({exc.strerror or exc}); "
                "choose a folder you can write to",
                file=sys.stderr,
            )
            return 1
    print(f"Wrote {count} calendar entr{'y' if count == 1 else 'ies'} to {args.out}")
    return 0
