"""The service API the Import dialog uses: progress before each item, cancel between items,
each result as it comes, and a worker thread of its own."""

from __future__ import annotations

import threading
from pathlib import Path

from imports_helpers import INVALID, RUNNING, session_count
from peewee import SqliteDatabase

from cadence.services.imports import ImportProgress, ImportSummary, ItemResult, import_paths
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

    def after_each(result: ItemResult) -> None:
        stop.set()  # the user presses Cancel while the first file is being imported

    summary = import_paths(FILES, cancelled=stop.is_set, on_file=after_each)
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
