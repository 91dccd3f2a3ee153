"""What every command shares: finding and opening the journal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from cadence.store.db import OpenResult, close_journal, open_journal
from cadence.store.paths import resolve_db_path


@contextmanager
def opened_journal(args: argparse.Namespace, **options: bool) -> Iterator[OpenResult]:
    """Open the journal named by --db / $CADENCE_DB / the data folder for the length of a command."""
    result = open_journal(resolve_db_path(getattr(args, "db", None)), **options)
    if result.read_only:
        print(f"cadence: {result.path} is read-only: it is read, never changed.", file=sys.stderr)
    try:
        yield result
    finally:
        close_journal()


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from exc
