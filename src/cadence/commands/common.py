"""What every command shares: finding and opening the journal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from cadence.domain.limits import EARLIEST_DAY, LATEST_DAY
from cadence.store.db import OpenResult, close_journal, open_journal
from cadence.store.paths import resolve_db_path


@contextmanager
def opened_journal(args: argparse.Namespace, **options: bool) -> Iterator[OpenResult]:
    """Open the journal named by --db / $CADENCE_DB / the data folder for the length of a command."""
    result = open_journal(resolve_db_path(getattr(args, "db", None)), **options)
    if result.read_only:
        print(f"cadence: {result.path} is read-only: it is read, never changed.", file=sys.stderr)
    try:
        person = getattr(args, "person", None)
        if person:
            from cadence.services.studio.members import view_person

            view_person(person)  # a teacher or coach looks at a student's journal (studio.md)
        yield result
    finally:
        close_journal()


def add_person_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--person",
        metavar="NAME",
        help="a studio's teacher or coach: the journal of this student (docs/studio.md)",
    )


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from exc
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            f"{text} is not a date a journal holds; choose one between {EARLIEST_DAY} and "
            f"{LATEST_DAY}"
        )
    return day


def fitted_range(command: str, start: date, end: date, today: date) -> tuple[date, date]:
    """start..end cut to what the open journal can show (see trends.fit_range), saying so on
    stderr when it was cut; raises RangeError for a long range far from every session."""
    from cadence.services.stats.lazy import fit_range

    low, high = fit_range(start, end, today)
    if (low, high) != (start, end):
        print(
            f"cadence {command}: showing {low} .. {high}: the journal's sessions lie within "
            "these dates, with a year either side",
            file=sys.stderr,
        )
    return low, high
