"""Shared fixtures. Store and services tests never create a QApplication."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cadence.domain.enums import Discipline, SessionKind
from cadence.domain.records import SessionData
from cadence.store.db import close_journal, open_journal

# No timed assertions: hypothesis fails an example that takes over 200 ms by default, which a
# busy two-core machine does to a quick test now and then. What a test proves is its result.
settings.register_profile("cadence", deadline=None)
settings.load_profile("cadence")

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent / "data"


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Path]:
    """A new, empty journal opened on a real SQLite file; closed afterwards."""
    open_journal(journal_path)
    try:
        yield journal_path
    finally:
        close_journal()


def make_session(
    discipline: Discipline = Discipline.MUSIC,
    kind: SessionKind | None = None,
    day: date = date(2026, 3, 2),
    minutes: float = 30,
    **fields: object,
) -> SessionData:
    """A valid session record, for tests to adjust."""
    kind = kind or (SessionKind.PRACTICE if discipline == Discipline.MUSIC else SessionKind.EASY)
    return SessionData(
        discipline=discipline,
        kind=kind,
        started_at=datetime.combine(day, datetime.min.time()).replace(hour=7),
        local_date=day,
        duration_s=minutes * 60,
        **fields,
    )


@pytest.fixture(scope="session", autouse=True)
def _large_fit_decoded_once() -> Iterator[None]:
    """A large FIT file is decoded once a run (tests/fit_memo.py)."""
    from tests.fit_memo import remembering

    from cadence.services.imports import fit

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fit, "read_messages", remembering(fit.read_messages))
        yield


@pytest.fixture(scope="session")
def pg_cluster():
    """A private PostgreSQL cluster for the whole run (tests/pg_cluster.py); skips without the
    server binaries or psycopg, fails instead when CI is set."""
    from tests.pg_cluster import start_cluster

    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_journal(pg_cluster) -> Iterator[str]:
    """A new, empty journal on the test cluster (a database of its own), opened as its admin;
    yields its URL, closes it afterwards and drops the database."""
    with pg_cluster.open_new_journal() as url:
        yield url
