"""A journal holding values this Cadence does not know (a hand-edited file, a value a newer version
wrote) still opens in every view: an enum column's unknown value reads back as its stored text,
a JSON column's broken text as nothing, and no view fails on them (store/fields.py)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from tests.conftest import make_session

from cadence.domain.enums import (
    Discipline,
    EventKind,
    GearKind,
    ReflectionPrompt,
    SessionKind,
    StopReason,
)
from cadence.domain.records import IntentionData, ReflectionData, StopPointData
from cadence.domain.seasons import EventData, ReviewData
from cadence.services.records.journal import load_session, save_session
from cadence.services.records.library import add_focus, add_gear, add_piece
from cadence.services.season.reviews import save_review
from cadence.services.season.seasons import save_event
from cadence.store.models import database
from cadence.ui import app as app_module
from cadence.ui.dialogs.session_editor import SessionEditor
from cadence.ui.main_window import MainWindow
from cadence.ui.views.registry import VIEW_NAMES

# (table, column, value) written by hand into the file
UNKNOWN = [
    ("stop_point", "reason", "boredom"),
    ("stop_point", "body_area", "elbows"),
    ("stop_point", "side", "middle"),
    ("intention", "outcome", "sort_of"),
    ("reflection", "prompt", "haiku"),
    ("session", "source", "garmin_connect"),
    ("session", "kind", "aquajogging"),
    ("piece", "status", "memorised"),
    ("gear", "kind", "bicycle"),
    ("event", "kind", "relay"),
    ("event", "priority", "D"),
    ("event", "demands", "not json"),
    ("focus", "gauge", "vibes"),
    ("focus", "status", "paused"),
    ("weekly_review", "ratings", "{not json"),
]


def _journal_with_unknown_values() -> None:
    today = date.today()
    for days_ago in (0, 1, 8):
        save_session(
            make_session(
                Discipline.MUSIC,
                SessionKind.PRACTICE,
                day=today - timedelta(days=days_ago),
                intentions=[IntentionData("Slow hands")],
                stop_points=[StopPointData(reason=StopReason.FORM, elapsed_s=600)],
                reflections=[ReflectionData(ReflectionPrompt.WENT_WELL, "Even tempo")],
            )
        )
    add_piece("Prelude in C", "Bach")
    add_gear(GearKind.SHOES, "Trail shoes", 700_000, discipline=Discipline.RUNNING)
    relay = EventData(
        "Spring relay", EventKind.RACE, today + timedelta(days=30), Discipline.RUNNING, None
    )
    save_event(relay)
    add_focus("Even tempo", Discipline.MUSIC)
    monday = today - timedelta(days=today.weekday() + 7)
    save_review(ReviewData(week_start=monday, went_well="Steady"), today)
    for table, column, value in UNKNOWN:
        database.execute_sql(f'UPDATE "{table}" SET "{column}" = ?', (value,))


def test_every_view_opens_on_values_this_version_does_not_know(
    journal, bus, window_state, error_guard, qtbot
) -> None:
    _journal_with_unknown_values()

    window = MainWindow(bus, journal, window_state)
    qtbot.addWidget(window)
    app_module.install_error_dialog(lambda: window)
    error_guard.wrap_hook()
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    for i, name in enumerate(VIEW_NAMES):  # Ctrl+1 .. Ctrl+0, as a person looks around
        digit = (i + 1) % 10
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + digit), Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(50)
        assert window.current_view().NAME == name
    # the unknown values are still in the file as they were: reading changed nothing
    for table, column, value in UNKNOWN:
        stored = database.execute_sql(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
        assert stored == [(value,)], (table, column)


def test_the_editor_keeps_an_unknown_kind_in_sight_and_a_save_names_it(
    journal, bus, qtbot, error_guard
) -> None:
    session = make_session(Discipline.RUNNING, SessionKind.EASY, day=date(2026, 3, 2))
    save_session(session)
    database.execute_sql("UPDATE session SET kind = 'aquajogging' WHERE id = ?", (session.id,))
    editor = SessionEditor(bus, session.id, None)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.waitExposed(editor)
    kind = editor.general.kind
    assert kind.currentText() == "aquajogging"  # shown as it is, not the first kind in its place

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    error = editor.general.fields["kind"].error
    assert error.isVisible() and "'aquajogging' is not a kind of running session" in error.text()
    assert editor.isVisible()
    stored = database.execute_sql("SELECT kind FROM session WHERE id = ?", (session.id,))
    assert stored.fetchall() == [("aquajogging",)]

    kind.setCurrentIndex(kind.findData(SessionKind.LONG))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert load_session(session.id).kind is SessionKind.LONG
