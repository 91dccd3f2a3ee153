"""`cadence demo --years N --seed S --db PATH`: write a believable demo journal into a new file."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cadence.commands.common import parse_date
from cadence.services.demo.generate import MAX_YEARS, DemoError, generate_demo
from cadence.store.db import close_journal, open_journal
from cadence.store.paths import data_dir

NAME = "demo"
HELP = "write a demo journal (a musician who runs) into a file of its own"
DEFAULT_FILE = "demo.sqlite"


def _years(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of years") from None
    if not 0 < value <= MAX_YEARS:
        raise argparse.ArgumentTypeError(
            f"choose more than 0 and at most {MAX_YEARS:g} years (got {text})"
        )
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--years", type=_years, default=3.0, help="how many years (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same journal (default 1)")
    parser.add_argument(
        "--end",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the journal's last day (default today)",
    )
    parser.epilog = (
        f"Without --db the demo goes to {data_dir() / DEFAULT_FILE}, never into your journal."
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.db).expanduser() if getattr(args, "db", None) else data_dir() / DEFAULT_FILE
    end = args.end or date.today()
    existed = path.exists() and path.stat().st_size > 0
    opened = open_journal(path)
    try:
        summary = generate_demo(args.years, args.seed, end)
    except DemoError as exc:
        close_journal()
        _remove_new(Path(opened.path), existed)
        print(f"cadence: {exc}", file=sys.stderr)
        return 1
    except BaseException:
        close_journal()
        _remove_new(Path(opened.path), existed)
        raise
    close_journal()
    print(
        f"Wrote a demo journal to {opened.path}: {summary.sessions:,} sessions from "
        f"{summary.start} to {summary.end} ({summary.instrument} and running, seed {summary.seed}). "
        f"Open it with: cadence --db {opened.path}"
    )
    return 0


def _remove_new(path: Path, existed: bool) -> None:
    """A file this command created for a demo that failed is removed again."""
    if existed:
        return
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
