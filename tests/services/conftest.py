"""The services tests run on both engines: every test that takes `journal` runs on a journal
file (SQLite) and on a journal on the test PostgreSQL server (docs/studio.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", "postgres"])
def journal(request: pytest.FixtureRequest, journal_path: Path) -> Iterator[Path | str]:
    if request.param == "postgres":
        yield request.getfixturevalue("pg_journal")
        return
    yield request.getfixturevalue("journal_file")


@pytest.fixture
def journal_file(journal_path: Path) -> Iterator[Path]:
    from cadence.store.db import close_journal, open_journal

    open_journal(journal_path)
    try:
        yield journal_path
    finally:
        close_journal()
