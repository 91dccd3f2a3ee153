"""Absurd dates and ranges on the command line: a clear message, never a traceback, and never
gigabytes of empty weeks (years 0001-9998 were 16.7 GB of stats)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for

from cadence.services.records.journal import save_session
from cadence.store.db import close_journal, open_journal


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ranges") / "journal.sqlite"
    open_journal(path)
    try:
        for number in range(0, 60, 3):  # 2020-01-01 .. 2020-02-27
            save_session(session_for(number, 0))
    finally:
        close_journal()
    return path


def _cadence(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cadence", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "command", [["stats"], ["report", "--pdf", "out.pdf"], ["demo", "--years", "1", "--end"]]
)
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_date_at_the_ends_of_the_calendar_is_refused_with_a_message(
    journal: Path, command: list[str], day: str
) -> None:
    args = [*command, day] if command[0] == "demo" else [*command, "--from", day, "--to", day]
    done = _cadence(*args, "--db", str(journal))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "is not a date a journal holds" in done.stderr


def test_a_huge_range_is_cut_to_the_journal_with_a_year_either_side(journal: Path) -> None:
    done = _cadence(
        "stats",
        "--from",
        "1900-01-01",
        "--to",
        "2199-12-31",
        "--today",
        "2020-03-01",
        "--json",
        "--db",
        str(journal),
    )
    assert done.returncode == 0, done.stderr
    assert "showing 2019-01-01 .. 2021-03-01" in done.stderr
    assert '"start": "2019-01-01"' in done.stdout


def test_a_report_reaching_far_past_the_journal_is_cut_too(journal: Path, tmp_path: Path) -> None:
    """(A report refuses more than ten years; within them it is cut to the journal too.)"""
    out = tmp_path / "all.pdf"
    done = _cadence(
        "report",
        "--from",
        "2012-01-01",
        "--to",
        "2021-12-31",
        "--today",
        "2020-03-01",
        "--pdf",
        str(out),
        "--db",
        str(journal),
    )
    assert done.returncode == 0, done.stderr
    assert "showing 2019-01-01 .. 2021-03-01" in done.stderr and out.stat().st_size > 0


def test_a_long_range_far_from_every_session_is_refused(journal: Path) -> None:
    done = _cadence("stats", "--from", "1950-01-01", "--to", "1970-12-31", "--db", str(journal))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "the journal runs from 2020-01-01" in done.stderr


def test_a_short_empty_range_is_still_answered(journal: Path) -> None:
    done = _cadence("stats", "--from", "1950-01-01", "--to", "1950-01-31", "--db", str(journal))
    assert done.returncode == 0 and "Cadence stats 1950-01-01 .. 1950-01-31" in done.stdout
