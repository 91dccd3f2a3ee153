"""A worker owns its connection to its journal for the whole run: opening another journal on the
main thread meanwhile changes nothing the worker reads or writes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.services.records.journal import save_session
from cadence.store.connections import (
    NoJournalError,
    current_journal,
    own_connection,
    worker_connection,
)
from cadence.store.db import close_journal, current_path, open_journal
from cadence.store.models import Block, Session, database


def run_in_thread(work: Callable[[], None]) -> None:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    if errors:
        raise errors[0]


def test_a_worker_keeps_its_journal_while_another_is_opened(tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    open_journal(first)
    try:
        save_session(make_session(title="first's"))
        ref = current_journal()
        read_one, switched = threading.Event(), threading.Event()
        seen: list[object] = []

        def work() -> None:
            with worker_connection(ref):
                seen.append(Session.select().count())
                read_one.set()
                assert switched.wait(10)
                # the window opened another journal meanwhile: this thread still reads its own
                seen.append([s.title for s in Session.select()])
                seen.append(Block.select().count())
                seen.append(current_path())
                with database.atomic():
                    Session.update(title="still first's").execute()
            seen.append(own_connection())

        thread = threading.Thread(target=work)
        thread.start()
        assert read_one.wait(10)
        open_journal(second)
        switched.set()
        thread.join(timeout=30)
        assert not thread.is_alive()
        assert seen == [1, ["first's"], 0, first, None]
        assert Session.select().count() == 0  # the window's journal got nothing of it
        open_journal(first)
        assert [s.title for s in Session.select()] == ["still first's"]
    finally:
        close_journal()


def test_the_workers_connection_is_closed_when_its_work_fails(journal: Path) -> None:
    ref = current_journal()
    opened = []

    def work() -> None:
        with worker_connection(ref) as own:
            opened.append(own)
            raise ValueError("the work failed")

    with pytest.raises(ValueError):
        run_in_thread(work)
    assert opened[0].is_closed()
    assert not database.is_closed()  # the main thread's connection is left alone


def test_a_journal_that_is_gone_is_not_made_anew(journal: Path, tmp_path: Path) -> None:
    ref = current_journal()
    close_journal()
    moved = tmp_path / "moved.sqlite"
    journal.rename(moved)

    def work() -> None:
        with worker_connection(ref):
            pass

    with pytest.raises(NoJournalError, match="no longer there"):
        run_in_thread(work)
    assert not journal.exists()


def test_every_connection_keeps_a_small_page_cache(journal: Path) -> None:
    """The window's connection lives as long as the app, and its page cache grew with the journal
    up to its cap (2 MB before): the window's and each worker's stay at 500 KiB or less."""

    def cache_kib() -> int:
        (size,) = database.execute_sql("PRAGMA cache_size").fetchone()
        # negative: KiB; positive: pages (of page_size bytes)
        if size >= 0:
            (page_size,) = database.execute_sql("PRAGMA page_size").fetchone()
            return size * page_size // 1024
        return -size

    seen: list[int] = [cache_kib()]
    ref = current_journal()

    def work() -> None:
        with worker_connection(ref):
            seen.append(cache_kib())

    run_in_thread(work)
    assert len(seen) == 2
    assert all(0 < kib <= 500 for kib in seen), seen
