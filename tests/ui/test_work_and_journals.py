"""Opening another journal, or quitting, while an export or an import runs on its worker.

The worker is held at a chosen moment (before the first table, between two tables, at the last;
before an item, inside an item's transaction) by a pause the test lets go of, so every moment is
hit every time. Then the person switches journals (File → Open my journal), opens another (File →
Open journal…) or quits, and answers the question: wait for the work, or cancel it. Whatever the
moment and the answer: an export file holds one journal, whole, or there is no file; the journal
the import began in holds exactly what its summary says, and the other journal nothing of it."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from tests.conftest import FIXTURES

from cadence.services.demo.generate import generate_demo
from cadence.services.imports import ImportSummary, batch
from cadence.services.transfer import export
from cadence.services.transfer.export import row_counts
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Session
from cadence.ui import journal_switch
from cadence.ui.exporting import ExportKind
from cadence.ui.main_window import MainWindow

TIMEOUT = 30_000
ACTIONS = ("switch", "open", "quit")
ANSWERS = ("wait", "cancel")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    open_journal(path)
    try:
        generate_demo(0.5, 3, date(2026, 3, 1))  # sessions with every kind of row around them
    finally:
        close_journal()
    return path


@pytest.fixture
def journal(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    """The window's journal: half a year of demo life (replaces the empty one of conftest)."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(demo_file, path)
    open_journal(path)
    try:
        yield path
    finally:
        close_journal()


class Pause:
    """Holds the worker at one moment until the test lets it go on."""

    def __init__(self) -> None:
        self.reached, self.go = threading.Event(), threading.Event()

    def __call__(self) -> None:
        if not self.reached.is_set():
            self.reached.set()
            assert self.go.wait(TIMEOUT / 1000), "the test never let the worker go on"


def other_journal(tmp_path: Path) -> Path:
    path = tmp_path / "other.sqlite"
    open_journal(path)  # made, then the window's is bound again
    return path


def act(window: MainWindow, action: str, other: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the person does while the work runs: File → Open my journal, Open journal…, Quit."""
    if action == "switch":
        monkeypatch.setattr(journal_switch, "default_db_path", lambda: other)
        window.act_own.trigger()
    elif action == "open":
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(other), "Journals"))
        )
        window.act_open.trigger()
    else:
        window.act_quit.trigger()


def answer(window: MainWindow, qtbot, choice: str) -> None:
    guard = window.work_guard
    qtbot.waitUntil(lambda: guard.question is not None and guard.question.isVisible())
    box = guard.question
    assert "not finished yet" in box.text()
    button = guard.wait_button if choice == "wait" else guard.cancel_button
    assert button.text().startswith("Wait, then" if choice == "wait" else "Cancel the")
    button.click()


def settled(window: MainWindow, qtbot, action: str, old: Path, other: Path) -> None:
    """The switch or the quit has happened, after the work stopped; nothing unexpected shown."""
    if action == "quit":
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
        assert window.journal_path == old
    else:
        qtbot.waitUntil(lambda: window.journal_path == other, timeout=TIMEOUT)
        assert Session.select().count() == 0  # the window shows the other journal, empty
    assert window.work_guard.question is None


def rows_in(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# --- export ---------------------------------------------------------------------------------------


def pause_export_at(monkeypatch: pytest.MonkeyPatch, table: str) -> Pause:
    pause, original = Pause(), export.table_rows

    def table_rows(model):
        if model._meta.table_name == table:
            pause()
        yield from original(model)

    monkeypatch.setattr(export, "table_rows", table_rows)
    return pause


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("choice", ANSWERS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("table", ["tag", "block", "draft"])  # the first, after session, the last
def test_an_export_holds_one_journal_whole_or_is_not_written(
    main_window: MainWindow,
    qtbot,
    journal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    action: str,
    choice: str,
) -> None:
    expected = row_counts()
    assert expected["session"] > 100 and expected["block"] and expected["stop_point"]
    other = other_journal(tmp_path)
    open_journal(journal)
    out = tmp_path / "out" / "journal.json"
    pause = pause_export_at(monkeypatch, table)
    said: list[str] = []
    main_window.exporter.finished.connect(said.append)

    main_window.exporter.export_to(ExportKind.JSON, out)
    assert pause.reached.wait(10)
    act(main_window, action, other, monkeypatch)
    answer(main_window, qtbot, choice)
    assert main_window.journal_path == journal  # nothing switched under the running export
    pause.go.set()
    settled(main_window, qtbot, action, journal, other)

    assert len(said) == 1 and main_window.exporter.error_box is None
    if choice == "cancel":
        assert said == ["Export cancelled; nothing was written."]
        assert not out.parent.exists() or list(out.parent.iterdir()) == []
        return
    data = json.loads(out.read_text(encoding="utf-8"))
    counts = {name: len(t["rows"]) for name, t in data["tables"].items()}
    assert counts == expected  # the old journal, every table of it
    assert said == [f"Exported {export.describe_rows(expected)} to {out}"]


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("choice", ANSWERS)
def test_a_csv_export_switched_away_from_is_whole_or_absent(
    main_window: MainWindow,
    qtbot,
    journal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
) -> None:
    expected = row_counts()
    other = other_journal(tmp_path)
    open_journal(journal)
    folder = tmp_path / "tables"
    pause = pause_export_at(monkeypatch, "block")
    main_window.exporter.export_to(ExportKind.CSV, folder)
    assert pause.reached.wait(10)
    act(main_window, "switch", other, monkeypatch)
    answer(main_window, qtbot, choice)
    pause.go.set()
    settled(main_window, qtbot, "switch", journal, other)

    if choice == "cancel":
        assert not folder.exists()  # the tables written before the cancel went with it
        return
    counts = {}
    for path in folder.iterdir():
        with path.open(encoding="utf-8", newline="") as handle:
            counts[path.stem] = len(list(csv.reader(handle))) - 1  # less the header
    assert counts == expected  # the old journal, every table of it


# --- import ---------------------------------------------------------------------------------------

RUNS = 6


def lap_runs(folder: Path) -> list[Path]:
    """Six real TCX runs of three laps, each moved to a day of its own (years before the demo)."""
    text = (FIXTURES / "running" / "laps-3-run.tcx").read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for i in range(RUNS):
        path = folder / f"run-{i}.tcx"
        path.write_text(text.replace("2012-12-26", f"2012-01-{10 + i:02d}"), encoding="utf-8")
        paths.append(path)
    return paths


def pause_import_at(monkeypatch: pytest.MonkeyPatch, moment: str) -> Pause:
    """'first': before the first item; 'between': before the fourth; 'inside': in the fourth's
    transaction, its session saved and not yet committed."""
    pause = Pause()
    items = 0
    import_item, save_session = batch.import_item, batch.save_session

    def held_item(item, **kwargs):
        nonlocal items
        items += 1
        if moment == "first" or (moment == "between" and items == 4):
            pause()
        return import_item(item, **kwargs)

    def held_save(session):
        saved = save_session(session)
        if moment == "inside" and items == 4:
            pause()
        return saved

    monkeypatch.setattr(batch, "import_item", held_item)
    monkeypatch.setattr(batch, "save_session", held_save)
    return pause


IMPORTED = "SELECT id FROM session WHERE source = 'tcx' ORDER BY id"


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("choice", ANSWERS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("moment", ["first", "between", "inside"])
def test_an_import_writes_only_to_its_journal_what_its_summary_says(
    main_window: MainWindow,
    qtbot,
    journal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    moment: str,
    action: str,
    choice: str,
) -> None:
    other = other_journal(tmp_path)
    open_journal(journal)
    files = lap_runs(tmp_path / "runs")
    pause = pause_import_at(monkeypatch, moment)
    summaries: list[ImportSummary] = []
    main_window.importer.finished.connect(summaries.append)

    main_window.import_files(files)
    assert pause.reached.wait(10)
    act(main_window, action, other, monkeypatch)
    answer(main_window, qtbot, choice)
    assert main_window.journal_path == journal
    pause.go.set()
    settled(main_window, qtbot, action, journal, other)

    (summary,) = summaries
    in_hand = 1 if moment == "first" else 4  # the item in hand is finished, whole
    assert summary.new == (RUNS if choice == "wait" else in_hand)
    assert summary.cancelled == (choice == "cancel")
    ids = [row[0] for row in rows_in(journal, IMPORTED)]
    assert len(ids) == summary.new and set(ids) == set(summary.changes.session_ids)
    assert rows_in(other, IMPORTED) == []  # nothing of it went to the other journal
    # each imported run is whole: its three laps came with it
    laps = rows_in(journal, "SELECT session_id, count(*) FROM block GROUP BY session_id")
    assert {i: 3 for i in ids}.items() <= dict(laps).items()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_quitting_while_a_practice_log_waits_for_its_columns(
    main_window: MainWindow, qtbot, journal: Path
) -> None:
    """The import has only asked its question yet: cancelling it leaves the log out, says so."""
    before = rows_in(journal, "SELECT count(*) FROM session")
    summaries: list[ImportSummary] = []
    main_window.importer.finished.connect(summaries.append)
    main_window.import_files([FIXTURES / "music" / "practice-log.csv"])
    qtbot.waitUntil(lambda: main_window.importer.mapping_dialog is not None)
    main_window.act_quit.trigger()
    answer(main_window, qtbot, "cancel")
    qtbot.waitUntil(lambda: not main_window.isVisible(), timeout=TIMEOUT)
    (summary,) = summaries
    assert summary.new == 0 and "the mapping was closed" in summary.results[0].reason
    assert rows_in(journal, "SELECT count(*) FROM session") == before


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_import_and_an_export_at_once_are_both_cancelled_before_quitting(
    main_window: MainWindow, qtbot, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "journal.json"
    exporting = pause_export_at(monkeypatch, "block")
    importing = pause_import_at(monkeypatch, "first")
    summaries: list[ImportSummary] = []
    main_window.importer.finished.connect(summaries.append)
    main_window.exporter.export_to(ExportKind.JSON, out)
    main_window.import_files(lap_runs(tmp_path / "runs"))
    assert exporting.reached.wait(10) and importing.reached.wait(10)

    main_window.act_quit.trigger()
    guard = main_window.work_guard
    qtbot.waitUntil(lambda: guard.question is not None and guard.question.isVisible())
    assert guard.question.text() == "The import and the export are not finished yet."
    assert guard.cancel_button.text() == "Cancel the import and the export, then quit"
    guard.cancel_button.click()
    exporting.go.set()
    importing.go.set()
    qtbot.waitUntil(lambda: not main_window.isVisible(), timeout=TIMEOUT)
    assert not out.exists()
    (summary,) = summaries
    assert summary.cancelled and summary.new == 1
    assert len(rows_in(journal, IMPORTED)) == 1
