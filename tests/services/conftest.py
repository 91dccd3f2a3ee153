"""The services tests run on both engines: a test that takes `journal` runs on a journal file
(SQLite) and, for the modules below, on a journal on the test PostgreSQL server too.

One module is left out: test_repertoire_passages counts statements with SQLite's trace callback.
A test marked `sqlite_only` tests SQLite's own connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

ON_BOTH_ENGINES = {
    "test_listing",
    "test_calendar",
    "test_carry",
    "test_demo",
    "test_export_cancel",
    "test_focus_progress",
    "test_journal",
    "test_reports",
    "test_reviews",
    "test_seasons",
    "test_stats",
    "test_stats_journal",
    "test_experiments",
    "test_experiment_pace",
    "test_experiment_reports",
    "test_experiment_slips",
    "test_export_restore",
    "test_focus_measures",
    "test_plan_minutes",
    "test_record_rows",
    "test_restore_hostile",
    "test_season_links",
    "test_slips",
    "test_stats_slips",
    "test_week_summary",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_engines(metafunc, ON_BOTH_ENGINES)


def parametrize_engines(metafunc: pytest.Metafunc, on_both: set[str]) -> None:
    """A test that takes `journal` runs on a file, and on the server too for `on_both`'s modules
    (tests/imports/conftest.py uses this with its own list)."""
    if "journal" in metafunc.fixturenames:
        both = metafunc.module.__name__.rpartition(".")[2] in on_both
        # a test of SQLite's own connection (sqlite3 on the file, its trace callback)
        both = both and metafunc.definition.get_closest_marker("sqlite_only") is None
        engines = ["sqlite", "postgres"] if both else ["sqlite"]
        metafunc.parametrize("journal", engines, indirect=True)


@pytest.fixture
def journal(request: pytest.FixtureRequest, journal_path: Path) -> Iterator[Path | str]:
    """A new, empty journal: a file, or a database on the test server."""
    if request.param == "postgres":
        yield request.getfixturevalue("pg_journal")
        return
    from cadence.store.db import close_journal, open_journal

    open_journal(journal_path)
    try:
        yield journal_path
    finally:
        close_journal()


DEMO_END = date(2026, 3, 1)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """A two-year demo journal (seed 1) ending on DEMO_END, written once for every module that
    reads one: tests open it read-only or copy it first."""
    from cadence.services.demo.generate import generate_demo
    from cadence.store.db import close_journal, open_journal

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    open_journal(path)
    try:
        generate_demo(2, 1, DEMO_END)
    finally:
        close_journal()
    return path
