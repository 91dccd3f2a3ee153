"""`cadence check`: look the journal over (SQLite integrity, links between rows, believable
values). Exit 0 when all is well, 1 when problems are found, 2 when the file is damaged."""

from __future__ import annotations

import argparse
import sys

from cadence.commands.common import opened_journal
from cadence.store.db import integrity_report
from cadence.store.errors import JournalError
from cadence.store.paths import journal_missing, resolve_db_path

NAME = "check"
HELP = "check the journal file for damage and inconsistencies"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options besides --db."""


def run(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    if journal_missing(path):
        print(f"cadence: there is no journal at {path}; name one with --db.", file=sys.stderr)
        return 2
    try:
        with opened_journal(args) as opened:
            problems = integrity_report()
    except JournalError as exc:
        print(f"cadence: {exc}", file=sys.stderr)
        return 2
    if not problems:
        print(f"{opened.path}: ok")
        return 0
    print(f"{opened.path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    for problem in problems:
        print(f"  - {problem}")
    return 1
