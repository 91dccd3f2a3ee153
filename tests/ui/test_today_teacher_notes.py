"""A student's Today on a studio's server: the teacher's open note is offered above the
intentions, taking it up fills the session's intention, and the reflection answers it — which the
teacher then reads. This drives the Today view itself with the mouse (its shortcuts belong to the
window), on the student's connection to a real PostgreSQL (tests/pg_cluster.py); the whole window,
the note heard while Today is open, is tests/ui/test_studio_notes_window.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tests.ui.test_today import FakeClock, click

from cadence.domain.enums import Outcome
from cadence.domain.notes import NoteKind
from cadence.services.records import days
from cadence.services.records.journal import load_all_sessions
from cadence.services.studio import members as studio
from cadence.services.studio import notes as studio_notes
from cadence.store.db import close_journal, open_journal
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.studio_note import StudioNoteDialog, note_action
from cadence.ui.today.session_panel import REFLECT, SETUP
from cadence.ui.views.today import SESSION_DRAFT, TodayView

NOTE = "bars 33–48 at ♩=80, hands separately"


@pytest.fixture
def studio_url(pg_cluster) -> Iterator[tuple]:
    name = pg_cluster.new_database("today")
    open_journal(pg_cluster.url(name))
    try:
        studio.init_studio()
        studio.add_member("tara", "teacher")
        studio.add_member("nina", "student")
    finally:
        close_journal()
    open_journal(pg_cluster.url(name, "tara"))
    try:
        studio_notes.write_note("nina", NOTE, NoteKind.ASSIGNMENT, "music", "bars 33–48")
    finally:
        close_journal()
    yield pg_cluster, name


def students_today(qtbot, url: str) -> TodayView:
    open_journal(url)
    view = TodayView(AppBus())
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.layout().activate()  # size constraints before the window exists: offscreen cannot change them
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_a_student_takes_up_the_note_and_answers_it(qtbot, studio_url) -> None:
    cluster, name = studio_url
    try:
        view = students_today(qtbot, cluster.url(name, "nina"))
        setup = view.panel.setup
        offers = setup.notes
        assert offers.isVisible()
        assert offers.labels[0].text() == f"tara's assignment (bars 33–48): “{NOTE}”"
        click(qtbot, offers.buttons[0])
        assert setup.rows[0].text.text() == NOTE
        assert offers.buttons[0].text() == "Taken up" and not offers.buttons[0].isEnabled()

        clock = FakeClock()
        view.panel.stopwatch.clock = clock
        click(qtbot, setup.start_button)
        clock.advance(20)
        click(qtbot, view.panel.practice_panel.stop_button)
        assert view.panel.step == REFLECT
        form = view.panel.reflection
        box = form.note_answer
        assert box.isVisible() and NOTE in box.note_label.text()
        click(qtbot, form.outcome_rows[0].buttons[Outcome.PARTLY])
        qtbot.keyClicks(box.edit, "RH fine; LH at 72 so far")
        click(qtbot, view.panel.reflection.save_button)
        assert view.panel.step == SETUP

        (session,) = load_all_sessions()
        assert [i.text for i in session.intentions] == [NOTE]
        (note,) = studio_notes.notes_for_me()  # not marked done: still offered
        assert (note.session_id, note.answer, note.done) == (
            session.id,
            "RH fine; LH at 72 so far",
            False,
        )
        assert offers.isVisible() and offers.buttons[0].text() == "Take it up"

        # the next session finishes it: done takes it off Today
        click(qtbot, offers.buttons[0])
        click(qtbot, setup.start_button)
        clock.advance(15)
        click(qtbot, view.panel.practice_panel.stop_button)
        assert form.note_answer.edit.toPlainText() == "RH fine; LH at 72 so far"
        click(qtbot, form.note_answer.edit)
        form.note_answer.edit.clear()
        qtbot.keyClicks(form.note_answer.edit, "both hands at 80 now")
        qtbot.keyClick(form.note_answer.edit, Qt.Key.Key_Tab)  # to "Done with it"
        assert form.note_answer.done.hasFocus()
        qtbot.keyClick(form.note_answer.done, Qt.Key.Key_Space)
        click(qtbot, form.outcome_rows[0].buttons[Outcome.ACHIEVED])
        click(qtbot, view.panel.reflection.save_button)
        assert studio_notes.notes_for_me() == [] and not offers.isVisible()
    finally:
        close_journal()
    open_journal(cluster.url(name, "tara"))
    try:
        (written,) = studio_notes.notes_written()
        assert (written.answer, written.done) == ("both hands at 80 now", True)
    finally:
        close_journal()


def test_a_session_that_took_up_no_note_asks_nothing(qtbot, studio_url) -> None:
    cluster, name = studio_url
    try:
        view = students_today(qtbot, cluster.url(name, "nina"))
        setup = view.panel.setup
        qtbot.keyClicks(setup.rows[0].text, "long tones")
        click(qtbot, setup.start_button)
        click(qtbot, view.panel.practice_panel.stop_button)
        assert not view.panel.reflection.note_answer.isVisible()
        click(qtbot, view.panel.reflection.outcome_rows[0].buttons[Outcome.ACHIEVED])
        click(qtbot, view.panel.reflection.save_button)
        assert len(studio_notes.notes_for_me()) == 1
        assert studio_notes.notes_for_me()[0].session_id is None
    finally:
        close_journal()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen's limit, for any dialog shown
def test_a_teacher_writes_a_note_from_the_file_menu(qtbot, studio_url) -> None:
    cluster, name = studio_url
    try:
        open_journal(cluster.url(name, "tara"))
        window = QWidget()
        qtbot.addWidget(window)
        bus = AppBus()
        act = note_action(window, bus)
        assert act.isVisible()  # tara teaches nina
        act.trigger()  # one student: no question, the dialog for nina
        (dialog,) = [w for w in window.findChildren(StudioNoteDialog)]
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "Note for nina"
        assert NOTE in dialog.earlier.text()  # written before
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and "Write what the note says" in dialog.error.text()
        qtbot.keyClicks(dialog.text, "sing it before you play it")
        dialog.kind.setCurrentIndex(dialog.kind.findData("note"))
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible()
        assert [n.text for n in studio_notes.notes_written("nina")] == [
            "sing it before you play it",
            NOTE,
        ]
    finally:
        close_journal()
    open_journal(cluster.url(name, "nina"))
    try:
        assert not note_action(window, AppBus()).isVisible()  # a student writes no notes
    finally:
        close_journal()


def test_a_half_written_answer_comes_back(qtbot, studio_url) -> None:
    cluster, name = studio_url
    try:
        view = students_today(qtbot, cluster.url(name, "nina"))
        click(qtbot, view.panel.setup.notes.buttons[0])
        click(qtbot, view.panel.setup.start_button)
        click(qtbot, view.panel.practice_panel.stop_button)
        box = view.panel.reflection.note_answer
        click(qtbot, box.edit)
        qtbot.keyClicks(box.edit, "LH still rushes")
        qtbot.waitUntil(
            lambda: (
                (days.load_draft(SESSION_DRAFT) or {}).get("reflection", {}).get("note_answer")
                == {"text": "LH still rushes", "done": False}
            ),
            timeout=2000,
        )
        again = students_today(qtbot, cluster.url(name, "nina"))  # as after a restart
        assert again.panel.step == REFLECT
        restored = again.panel.reflection.note_answer
        assert restored.isVisible() and restored.edit.toPlainText() == "LH still rushes"
        click(qtbot, again.panel.reflection.outcome_rows[0].buttons[Outcome.PARTLY])
        click(qtbot, again.panel.reflection.save_button)
        (note,) = studio_notes.notes_for_me()
        assert note.answer == "LH still rushes" and note.session_id is not None
    finally:
        close_journal()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_teacher_of_several_is_asked_whom(qtbot, studio_url, monkeypatch) -> None:
    cluster, name = studio_url
    open_journal(cluster.url(name))
    try:
        studio.add_member("otto", "student")
    finally:
        close_journal()
    asked: list[list[str]] = []

    def choose(parent, title, text, items, current, editable):
        asked.append(list(items))
        return "otto", True

    monkeypatch.setattr("cadence.ui.dialogs.studio_note.QInputDialog.getItem", choose)
    try:
        open_journal(cluster.url(name, "tara"))
        window = QWidget()
        qtbot.addWidget(window)
        note_action(window, AppBus()).trigger()
        assert asked == [["nina", "otto"]]
        (dialog,) = window.findChildren(StudioNoteDialog)
        assert dialog.windowTitle() == "Note for otto" and not dialog.earlier.isVisible()
    finally:
        close_journal()
