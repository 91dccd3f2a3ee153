"""A teacher's note, from the people picker to the student's Today and back, through the main
window on a studio's real PostgreSQL (tests/pg_cluster.py): the teacher writes it while looking at
the student; the student's window, open on another connection, hears it (NOTIFY) and offers it in
Today; the student takes it up and answers it in the reflection; the teacher reads the answer in
the note dialog. As every UI test, each fails if the error dialog appeared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from tests.ui.test_day_scenarios import CTRL, intentions_saved, press, settle, today, type_here
from tests.ui.test_studio_window import open_window

from cadence.domain.enums import Outcome
from cadence.services.studio import members as studio
from cadence.services.studio import notes as studio_notes
from cadence.store import server
from cadence.store.connections import JournalRef, worker_connection
from cadence.store.db import close_journal, open_journal
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.studio_note import StudioNoteDialog
from cadence.ui.main_window import MainWindow

NOTE = "bars 33–48 at ♩=80, hands separately"
TYPED = "bars 33-48 at 80, hands separately"  # QTest types Latin-1 only
ANSWER = "RH fine; LH at 72 so far"


@pytest.fixture
def notes_studio(pg_cluster) -> str:
    """A studio of its own (no notes yet) with alice, a student, and tess, her teacher."""
    name = pg_cluster.new_database("notes")
    open_journal(pg_cluster.url(name))
    try:
        studio.init_studio()
        studio.add_member("alice", "student")
        studio.add_member("tess", "teacher")
    finally:
        close_journal()
    return name


@pytest.fixture
def window_of(qtbot, pg_cluster, notes_studio, window_state, error_guard) -> Iterator:
    windows: list[MainWindow] = []

    def make(role: str) -> MainWindow:
        url = pg_cluster.url(notes_studio, role)
        windows.append(open_window(qtbot, url, window_state, error_guard))
        return windows[-1]

    try:
        yield make
    finally:
        for window in windows:
            window.close()
        close_journal()


def notes_in(pg_cluster, notes_studio: str) -> list[tuple]:
    """The notes and their answers, read as the admin (no row security in the way)."""
    return pg_cluster.admin_sql(
        "SELECT n.owner, n.student, n.text, a.answer, a.session_id IS NOT NULL "
        "FROM studio_note n LEFT JOIN note_answer a ON a.note_uid = n.uid ORDER BY n.id",
        notes_studio,
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen's limit, for any dialog shown
def test_the_teacher_writes_a_note_while_looking_at_the_student(
    qtbot, window_of, pg_cluster, notes_studio
) -> None:
    window = window_of("tess")
    banner = window.studio.banner
    assert not banner.isVisible()
    picker = window.studio.picker
    picker.combo.setCurrentIndex(picker.combo.findData("alice"))  # as a person picks from the list
    settle()
    assert banner.isVisible() and banner.note.isVisible()
    assert banner.note.text() == "Note for alice…"

    banner.note.click()
    (dialog,) = window.findChildren(StudioNoteDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.windowTitle() == "Note for alice" and dialog.text.hasFocus()
    qtbot.keyClicks(dialog.text, TYPED)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    settle()
    assert window.findChildren(StudioNoteDialog) == []  # written, closed
    assert notes_in(pg_cluster, notes_studio) == [("tess", "alice", TYPED, None, False)]
    assert studio.viewed_person() == "alice" and banner.isVisible()  # still looking at alice

    window.studio.look_at(None)
    assert not banner.isVisible()


def teacher_dialog(qtbot, pg_cluster, notes_studio: str):
    """The teacher's side, on a connection of her own (another program, as far as the
    student's window knows): runs `act(dialog)` on a new "Note for alice" dialog."""

    def run(act) -> StudioNoteDialog:
        tess = server.connect(pg_cluster.url(notes_studio, "tess"))
        try:
            with worker_connection(JournalRef(notes_studio, tess)):
                dialog = StudioNoteDialog(AppBus(), "alice")
                qtbot.addWidget(dialog)
                act(dialog)
        finally:
            tess.close()
        return dialog

    return run


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_note_reaches_the_students_open_today_and_her_answer_the_teacher(
    qtbot, window_of, pg_cluster, notes_studio
) -> None:
    window = window_of("alice")
    view = today(window, qtbot)
    offers = view.panel.setup.notes
    assert not offers.isVisible()  # nothing from her teacher yet

    def write(dialog: StudioNoteDialog) -> None:
        dialog.text.setPlainText(NOTE)
        dialog.kind.setCurrentIndex(dialog.kind.findData("assignment"))
        dialog.save_button.click()  # no event loop while on the teacher's connection

    teacher = teacher_dialog(qtbot, pg_cluster, notes_studio)
    teacher(write)
    # heard by NOTIFY: Today offers it without anything done in the student's window
    qtbot.waitUntil(offers.isVisible, timeout=3000)
    assert offers.labels[0].text() == f"tess's assignment: “{NOTE}”"

    # she takes it up, practises, and answers it in the reflection
    offers.buttons[0].click()
    settle()
    assert view.panel.setup.rows[0].text.text() == NOTE
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.panel.setup.start_button.setFocus()
    press(qtbot, window, "timer", "stop")
    box = view.panel.reflection.note_answer
    assert box.isVisible() and NOTE in box.note_label.text()
    view.panel.reflection.outcome_rows[0].buttons[Outcome.PARTLY].setChecked(True)
    box.edit.setFocus()
    type_here(qtbot, window, ANSWER)
    press(qtbot, window, "save")
    assert intentions_saved() == [[NOTE]]
    assert notes_in(pg_cluster, notes_studio) == [("tess", "alice", NOTE, ANSWER, True)]
    (mine,) = studio_notes.notes_for_me()
    assert mine.answer == ANSWER and not mine.done  # not done: offered for the next session too

    # the teacher opens the dialog again: the answer is under "Written before"
    seen = teacher(lambda dialog: None)
    assert f"alice: {ANSWER}" in seen.earlier.text() and "taken up" in seen.earlier.text()
