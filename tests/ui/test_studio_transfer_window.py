"""File → Export… (JSON, CSV, iCalendar) and File → Import… (a GPX and a FIT file) through the
main window on a studio's journal on a real PostgreSQL (tests/pg_cluster.py), as a student: the
files hold her journal and nobody else's, the imported runs are hers. The worker threads open
connections of their own to the server. As every UI test, each fails if the error dialog
appeared."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from tests.conftest import FIXTURES, make_session
from tests.ui.test_exporting import export_as, save_to
from tests.ui.test_importing import close, import_and_wait, summary_dialog
from tests.ui.test_studio_window import open_window

from cadence.domain.enums import Discipline, SessionKind, SessionStatus
from cadence.services.records.journal import save_session
from cadence.services.studio import members as studio
from cadence.store.db import close_journal, open_journal
from cadence.ui.exporting import ExportKind

RUNNING = FIXTURES / "running"
TIMEOUT = 30_000


@pytest.fixture
def alices_window(qtbot, pg_cluster, window_state, error_guard) -> Iterator[tuple]:
    """alice's window on a studio where bob, another student, has saved a session too."""
    name = pg_cluster.new_database("transfer")
    open_journal(pg_cluster.url(name))
    try:
        studio.init_studio()
        studio.add_member("alice", "student")
        studio.add_member("bob", "student")
    finally:
        close_journal()
    open_journal(pg_cluster.url(name, "bob"))
    try:
        save_session(make_session(title="Bob's etude"))
    finally:
        close_journal()
    window = open_window(qtbot, pg_cluster.url(name, "alice"), window_state, error_guard)
    try:
        save_session(make_session(title="Scales", notes="=SUM(A1)"))
        plan = make_session(Discipline.RUNNING, SessionKind.INTERVALS, day=date(2026, 4, 1))
        plan.status, plan.title = SessionStatus.PLANNED, "6 × 800 m"
        save_session(plan)
        yield window, pg_cluster, name
    finally:
        window.close()
        close_journal()


def test_exports_hold_the_students_own_journal(alices_window, qtbot, monkeypatch, tmp_path) -> None:
    window, _cluster, _name = alices_window

    save_to(monkeypatch, tmp_path / "alice.json")
    message = export_as(window, qtbot, ExportKind.JSON)
    data = json.loads((tmp_path / "alice.json").read_text(encoding="utf-8"))
    rows = data["tables"]["session"]["rows"]
    assert len(rows) == 2 and message == f"Exported 2 sessions to {tmp_path / 'alice.json'}"

    chosen = tmp_path / "csv"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(chosen)))
    message = export_as(window, qtbot, ExportKind.CSV)
    with (chosen / "session.csv").open(encoding="utf-8", newline="") as handle:
        titles = sorted(r["title"] for r in csv.DictReader(handle))
    assert titles == ["6 × 800 m", "Scales"]  # not bob's
    assert message.endswith(f"as CSV files in {chosen}")

    save_to(monkeypatch, tmp_path / "plans.ics")
    message = export_as(window, qtbot, ExportKind.ICS)
    text = (tmp_path / "plans.ics").read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and "DTSTART;VALUE=DATE:20260401" in text
    assert message == f"Exported 1 calendar entry to {tmp_path / 'plans.ics'}"


def test_imported_runs_are_the_students(alices_window, qtbot, monkeypatch) -> None:
    window, cluster, name = alices_window
    running = window.show_view("running")
    assert running.panel.model.rowCount() == 1  # her planned run; bob's session is not hers

    def open_names(parent, title, folder, filters):
        return [str(RUNNING / "polar-m400-run.gpx"), str(RUNNING / "run-8-laps.fit")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
    with qtbot.waitSignal(window.importer.finished, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    summary = blocker.args[0]
    assert (summary.new, summary.refused) == (2, 0)
    dialog = summary_dialog(window, qtbot)
    assert [row[0] for row in dialog.row_texts()] == ["new", "new"]
    close(dialog, qtbot)
    assert running.panel.model.rowCount() == 3  # refreshed: her planned run and the two
    stored = cluster.admin_sql(
        "SELECT owner, source FROM session WHERE source IN ('gpx', 'fit') ORDER BY source",
        name,
    )
    assert stored == [("alice", "fit"), ("alice", "gpx")]

    again = import_and_wait(window, qtbot, [RUNNING / "polar-m400-run.gpx"])
    assert (again.new, again.already_there) == (0, 1)  # already there: nothing added
    close(summary_dialog(window, qtbot), qtbot)
