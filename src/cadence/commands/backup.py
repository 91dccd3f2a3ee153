"""`cadence backup`: take a backup of the journal now, beside it in JOURNAL.backups/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadence.commands.common import opened_journal
from cadence.store.backup import backup_now
from cadence.store.paths import resolve_db_path

NAME = "backup"
HELP = "make a backup of the journal now and say where it is"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options besides --db."""


def run(args: argparse.Namespace) -> int:
    path = Path(resolve_db_path(getattr(args, "db", None)))  # (cli refuses a server journal)
    if not path.exists():
        print(f"cadence: there is no journal at {path}; name one with --db.", file=sys.stderr)
        return 1
    with opened_journal(args) as opened:  # refuses a damaged or newer file, with the reason
        journal = opened.path
    try:
        made = backup_now(Path(journal))
    except OSError as exc:
        print(f"cadence: the backup could not be written ({exc}).", file=sys.stderr)
        return 1
    print(f"Backed up {journal} to {made}")
    return 0
