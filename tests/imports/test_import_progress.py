"""The service API the Import dialog uses: progress before each item, cancel between items,
each result as it comes, and a worker thread of its own."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from imports_helpers import INVALID, RUNNING, session_count
from peewee import SqliteDatabase

from cadence.services.imports import (
    ImportProgress,
    ImportSummary,
    ItemResult,
    commits,
    import_paths,
)
from cadence.store.connections import current_journal, worker_connection
from cadence.store.models import database

FILES = [RUNNING / "run.tcx", RUNNING / "laps-3-run.tcx", RUNNING / "run-8-laps.fit"]


def test_progress_is_reported_before_each_item_and_at_the_end(journal: Path) -> None:
    seen: list[ImportProgress] = []
    results: list[ItemResult] = []
    summary = import_paths(FILES, progress=seen.append, on_file=results.append)
    assert [(p.done, p.total) for p in seen] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert [p.current for p in seen] == ["run.tcx", "laps-3-run.tcx", "run-8-laps.fit", ""]
    assert results == summary.results
    assert summary.changes.sessions and len(summary.changes.session_ids) == 3


def test_cancel_stops_between_items_and_keeps_what_was_done(journal: Path) -> None:
    stop = threading.Event()

    def before_each(progress: ImportProgress) -> None:
        stop.set()  # the user presses Cancel while the first file is being imported

    summary = import_paths(FILES, cancelled=stop.is_set, progress=before_each)
    assert summary.cancelled and summary.not_started == 2
    assert summary.new == 1 and session_count() == 1
    assert summary.headline().endswith("cancelled with 2 not started")


def test_cancel_before_start_imports_nothing(journal: Path) -> None:
    summary = import_paths(FILES, cancelled=lambda: True)
    assert summary.cancelled and summary.not_started == 3 and session_count() == 0


def test_runs_in_a_worker_thread_with_its_own_connection(journal: Path) -> None:
    out: list[ImportSummary] = []
    opened: list[SqliteDatabase] = []
    ref = current_journal()

    def work() -> None:
        with worker_connection(ref) as own:
            opened.append(own)
            out.append(import_paths([*FILES, INVALID / "bad-crc.fit"]))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert out[0].new == 3 and out[0].refused == 1
    assert session_count() == 3  # seen from the main thread's connection
    assert not database.is_closed()  # the main thread's connection was left alone
    assert opened[0].is_closed() and opened[0] is not database.obj  # the worker's, closed


@pytest.mark.sqlite_only  # reads the file through a second sqlite3 connection
def test_a_result_is_handed_on_only_once_its_run_is_on_disk(journal: Path) -> None:
    # Items are committed in groups; a result said "new" must already be readable by anyone.
    import sqlite3

    seen: list[tuple[list[int], list[int]]] = []

    def on_file(result: ItemResult) -> None:
        other = sqlite3.connect(journal)
        try:
            rows = other.execute("SELECT id FROM session ORDER BY id").fetchall()
        finally:
            other.close()
        seen.append((result.new_ids, [r[0] for r in rows]))

    summary = import_paths([*FILES, INVALID / "bad-crc.fit"], on_file=on_file)
    assert summary.new == 3 and len(seen) == 4
    for new_ids, committed in seen:
        assert set(new_ids) <= set(committed)


def test_a_failed_commit_reports_its_items_refused(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peewee import OperationalError

    def full_disk() -> None:
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(database.obj, "commit", full_disk)
    # the three files in one group whatever the machine's speed (a slow first file would
    # otherwise be committed, and refused, alone)
    monkeypatch.setattr(commits, "GROUP_S", 3600.0)
    results: list[ItemResult] = []
    with pytest.raises(OperationalError):
        import_paths(FILES, on_file=results.append)
    monkeypatch.undo()
    assert session_count() == 0
    assert [r.outcome for r in results] == ["refused"] * 3
    assert all("could not be saved (database or disk is full)" in r.reason for r in results)
