"""A large practice CSV (issue 20): imported in batches, with progress row by row like the run
imports' progress item by item, in memory bounded by a batch rather than by the file, and still
whole or not at all.

What is proved about batches needs more rows than a batch, not a large file: the tests lower the
batch size (`small_batches`) so that a few hundred rows make several batches, and one test per
engine imports at the shipped BATCH_ROWS (`test_the_shipped_batch_size_...`)."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest

from cadence.services.imports import ImportProgress, Outcome, import_paths, music_csv
from cadence.services.imports.music_csv import BATCH_ROWS, music_csv_batches, practice_csv_file
from cadence.store.models import Session

FIRST = date(1990, 1, 1)
SMALL_BATCH = 20  # rows a batch in these tests: a few hundred rows make several batches


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """The importer reads SMALL_BATCH rows at a time (the shipped size is music_csv.BATCH_ROWS)."""
    monkeypatch.setattr(music_csv, "BATCH_ROWS", SMALL_BATCH)
    return SMALL_BATCH


def write_log(folder: Path, rows: int, bad_line: int | None = None, first: date = FIRST) -> Path:
    """`rows` practice sessions, eight a day (every 7th row repeats the one before: two
    sessions)."""
    path = folder / f"log-{rows}.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("Date,Minutes,Piece,Notes\n")
        for n in range(rows):
            day = first + timedelta(days=(n - (n % 7 == 6)) // 8)
            minutes = "x" if n + 2 == bad_line else 20 + (n - (n % 7 == 6)) % 40
            out.write(f"{day.isoformat()},{minutes},Etude {n % 12},slow then a little faster\n")
    return path


def import_measured(path: Path) -> tuple[list[ImportProgress], int, object]:
    seen: list[ImportProgress] = []
    tracemalloc.start()
    try:
        summary = import_paths([path], progress=seen.append, local_tz=UTC)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seen, peak, summary


def import_watched(path: Path) -> tuple[list[ImportProgress], object]:
    """The progress reported while importing `path`, and the summary (no memory measured)."""
    seen: list[ImportProgress] = []
    summary = import_paths([path], progress=seen.append, local_tz=UTC)
    return seen, summary


def read_measured(path: Path, size: int | None = None) -> tuple[int, int]:
    """Sessions read in batches (of `size` rows), and the peak memory of reading them."""
    count = 0
    tracemalloc.start()
    try:
        for _read, _total, batch in music_csv_batches(practice_csv_file(path), None, UTC, size):
            count += len(batch)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_progress_is_reported_by_batch_and_never_goes_back(
    journal: Path, tmp_path: Path, small_batches: int
) -> None:
    rows = 5 * small_batches
    seen, summary = import_watched(write_log(tmp_path, rows))

    [result] = summary.results
    assert result.outcome == Outcome.NEW, result.message
    assert len(result.new_ids) == rows and Session.select().count() == rows
    assert result.message == f"log-{rows}.csv: added {rows:,} sessions."
    row_reports = [p for p in seen if p.rows_total]
    assert [p.rows_done for p in row_reports] == [
        *range(small_batches, rows + 1, small_batches)
    ]  # one report a batch, the last at the last row
    assert {(p.done, p.total, p.current, p.rows_total) for p in row_reports} == {
        (0, 1, f"log-{rows}.csv", rows)
    }
    order = [(p.done, p.rows_done) for p in seen]
    assert order == sorted(order) and seen[0] == ImportProgress(0, 1, f"log-{rows}.csv")
    assert seen[-1] == ImportProgress(1, 1, "")


def test_reading_holds_a_batch_not_the_file(tmp_path: Path) -> None:
    """Small batches, so that five times the rows fit in a test's time (as below)."""
    small, large = write_log(tmp_path, 10 * SMALL_BATCH), write_log(tmp_path, 50 * SMALL_BATCH)
    read_measured(small, SMALL_BATCH)  # modules and caches loaded outside the measure
    small_count, small_peak = read_measured(small, SMALL_BATCH)
    large_count, large_peak = read_measured(large, SMALL_BATCH)
    assert (small_count, large_count) == (10 * SMALL_BATCH, 50 * SMALL_BATCH)
    # five times the rows; the peak grows only by 8 bytes a row (to find repeated rows)
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_importing_holds_a_batch_not_the_file(
    journal: Path, tmp_path: Path, small_batches: int
) -> None:
    """The whole import (read, check, save) at a small batch, so that five times the rows fit in a
    test's time: the peak grows by what each new row must leave (its id), not by its session."""
    (warm := tmp_path / "warm").mkdir()
    import_measured(write_log(warm, small_batches, first=date(1980, 1, 1)))  # modules, statements
    _, small_peak, small_summary = import_measured(write_log(tmp_path, 10 * small_batches))
    _, large_peak, large_summary = import_measured(
        write_log(tmp_path, 50 * small_batches, first=date(2000, 1, 1))
    )
    assert small_summary.new == 10 * small_batches, small_summary.lines()
    assert large_summary.new == 50 * small_batches, large_summary.lines()
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_a_bad_row_late_in_a_large_file_saves_nothing(
    journal: Path, tmp_path: Path, small_batches: int
) -> None:
    path = write_log(tmp_path, 3 * small_batches + 10, bad_line=3 * small_batches + 5)
    summary = import_paths([path], local_tz=UTC)
    [result] = summary.results
    assert result.outcome == Outcome.REFUSED
    assert f"line {3 * small_batches + 5}: the minutes 'x' is not a number" in result.reason
    assert result.reason.startswith("has 1 row Cadence cannot read")
    assert Session.select().count() == 0  # the batches saved before it were rolled back


def test_cancel_between_batches_saves_nothing_and_says_so(
    journal: Path, tmp_path: Path, small_batches: int
) -> None:
    path = write_log(tmp_path, 4 * small_batches)
    reports: list[ImportProgress] = []
    summary = import_paths(
        [path],
        progress=reports.append,
        cancelled=lambda: any(p.rows_done >= 2 * small_batches for p in reports),
        local_tz=UTC,
    )
    [result] = summary.results
    assert summary.cancelled and result.outcome == Outcome.SKIPPED
    assert (
        result.reason
        == f"was stopped at row {2 * small_batches:,} of {4 * small_batches:,}; "
        + ("nothing of it was saved")
    )
    assert Session.select().count() == 0


@pytest.mark.parametrize("rows", [1, SMALL_BATCH, SMALL_BATCH + 1])
def test_rows_at_the_edges_of_a_batch_all_arrive(
    journal: Path, tmp_path: Path, small_batches: int, rows: int
) -> None:
    seen, summary = import_watched(write_log(tmp_path, rows))
    assert summary.new == rows == Session.select().count()
    assert [p.rows_done for p in seen if p.rows_total][-1] == rows
    again = import_paths([write_log(tmp_path, rows)], local_tz=UTC)
    assert again.new == 0 and again.already_there == rows  # repeated rows stay two, found again


def test_the_shipped_batch_size_saves_every_row_and_reports_each_batch(
    journal: Path, tmp_path: Path
) -> None:
    """The path that ships, unchanged: a batch of BATCH_ROWS, then the one row left."""
    assert music_csv.BATCH_ROWS == BATCH_ROWS
    seen, summary = import_watched(write_log(tmp_path, BATCH_ROWS + 1))
    assert summary.new == BATCH_ROWS + 1 == Session.select().count()
    assert [p.rows_done for p in seen if p.rows_total] == [BATCH_ROWS, BATCH_ROWS + 1]
