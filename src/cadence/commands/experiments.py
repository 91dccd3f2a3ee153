"""`cadence experiments [--json] [--today D]`: each experiment's comparison, as the view shows it.

The numbers and words come from services.experiment.experiment_results, the code the
Experiments view and the reports use, so the three always agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from cadence.commands.common import opened_journal, parse_date
from cadence.services.experiment.experiment_results import experiment_results, result_text
from cadence.store.paths import journal_missing, resolve_db_path

NAME = "experiments"
HELP = "print each experiment's comparison: the measures before vs during (or A vs B), in words"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=parse_date, help="the day a running experiment counts to (default: today)"
    )
    parser.add_argument("--json", action="store_true", help="print every number as JSON")


def run(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    if journal_missing(path):
        print(
            f"cadence experiments: there is no journal at {path}; pass --db with the journal "
            "file (or set CADENCE_DB)",
            file=sys.stderr,
        )
        return 2
    with opened_journal(args):
        results = experiment_results(args.today or date.today())
    if args.json:
        document = {"experiments": [r.to_json() for r in results]}
        print(json.dumps(document, indent=2, allow_nan=False, ensure_ascii=False))
    elif not results:
        print("No experiments yet. Start one in the Experiments view (Ctrl+0).")
    else:
        print("\n\n".join(result_text(r) for r in results))
    return 0
