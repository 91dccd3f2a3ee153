"""Killing the app mid-entry loses nothing typed more than two seconds before: drafts are written
as you type and on every state change, and a new Today on the same journal offers them back."""

from __future__ import annotations

import time
from datetime import date, timedelta

from PySide6.QtCore import Qt
from tests.ui.test_today import FakeClock, shortcut, today_view, type_number

from cadence.domain.enums import Outcome
from cadence.services.records import days
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.today.drafts import SAVE_WITHIN_MS
from cadence.ui.today.session_panel import PRACTICE, REFLECT, SETUP
from cadence.ui.views.today import DAY_DRAFT, SESSION_DRAFT, TodayView


def fresh_view(qtbot) -> TodayView:
    """Another Today on the same journal, as after a restart."""
    view = TodayView(AppBus())
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.layout().activate()  # size constraints before the window exists: offscreen cannot change them
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_typed_intention_is_in_the_draft_within_two_seconds(main_window: MainWindow, qtbot) -> None:
    assert SAVE_WITHIN_MS <= 2000
    view = today_view(main_window, qtbot)
    field = view.panel.setup.rows[0].text
    began = time.monotonic()
    # typing without a pause for longer than the delay is saved while it goes on (a throttle;
    # a debounce would wait for a pause that never comes)
    for word in ("Bars ", "1-8 ", "with ", "a ", "singing ", "tone", ""):
        qtbot.keyClicks(field, word)
        qtbot.wait(300)
    assert time.monotonic() - began >= SAVE_WITHIN_MS / 1000
    draft = days.load_draft(SESSION_DRAFT)
    assert draft is not None and draft["setup"]["intentions"][0]["text"].startswith("Bars")
    qtbot.waitUntil(
        lambda: (
            days.load_draft(SESSION_DRAFT)["setup"]["intentions"][0]["text"]
            == "Bars 1-8 with a singing tone"
        ),
        timeout=2000,
    )

    again = fresh_view(qtbot)
    assert again.banner.isVisible()
    assert "Restored what you were writing" in again.banner.text.text()
    assert again.panel.step == SETUP
    assert again.panel.setup.rows[0].text.text() == "Bars 1-8 with a singing tone"


def test_a_running_session_comes_back_paused_with_its_counts(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    clock = FakeClock()
    view.panel.stopwatch.clock = clock
    setup = view.panel.setup
    qtbot.keyClicks(setup.rows[0].text, "Shifting in tune")
    type_number(qtbot, setup.reps, "10")
    shortcut(qtbot, view, "timer")
    clock.advance(7.5)
    shortcut(qtbot, view, "clean")
    shortcut(qtbot, view, "attempt")
    # saved at once on each state change, without waiting for the typing delay
    draft = days.load_draft(SESSION_DRAFT)
    assert draft["step"] == PRACTICE and draft["practice"]["reps"] == 2
    assert draft["timer"] == {"elapsed_s": 450.0, "running": True}

    again = fresh_view(qtbot)
    panel = again.panel
    assert panel.step == PRACTICE and not panel.timer_running
    assert panel.stopwatch.elapsed() == 450
    assert panel.practice.intentions[0].text == "Shifting in tune"
    assert (panel.practice.reps, panel.practice.clean, panel.practice.plan.reps) == (2, 1, 10)
    assert panel.practice_panel.counter.text() == "2 of 10 reps"
    assert "The timer is paused at 7:30" in again.banner.text.text()
    assert again.act_timer.text() == "&Resume timer"
    again.panel.start_or_pause()
    assert panel.timer_running


def test_a_half_written_reflection_comes_back(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    qtbot.keyClicks(view.panel.setup.rows[0].text, "Hill reps with quick feet")
    qtbot.mouseClick(view.panel.setup.running, Qt.MouseButton.LeftButton)
    shortcut(qtbot, view, "timer")
    shortcut(qtbot, view, "stop")
    form = view.panel.reflection
    qtbot.mouseClick(form.outcome_rows[0].buttons[Outcome.ACHIEVED], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.prompts[0].edit, "Quick feet on the last two")
    form.rpe.set_value(7)
    qtbot.waitUntil(
        lambda: (
            (days.load_draft(SESSION_DRAFT) or {})
            .get("reflection", {})
            .get("answers", [{}])[0]
            .get("text")
            == "Quick feet on the last two"
        ),
        timeout=2000,
    )
    again = fresh_view(qtbot)
    restored = again.panel.reflection
    assert again.panel.step == REFLECT
    assert restored.prompts[0].edit.toPlainText() == "Quick feet on the last two"
    assert restored.outcome_rows[0].outcome() == Outcome.ACHIEVED and restored.rpe.value() == 7
    assert restored.distance.isVisible()  # a run: the running fields, not the music ones


def test_day_entry_draft_comes_back_and_saving_clears_it(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    entry = view.day_entry
    qtbot.keyClicks(entry.text, "Slept badly; *calm* practice anyway.")
    qtbot.waitUntil(lambda: days.load_draft(DAY_DRAFT) is not None, timeout=2000)
    again = fresh_view(qtbot)
    assert again.day_entry.text.toPlainText() == "Slept badly; *calm* practice anyway."
    assert again.day_entry.dirty and "Restored" in again.banner.text.text()
    again.day_entry.save()
    qtbot.wait(SAVE_WITHIN_MS + 200)
    assert days.load_draft(DAY_DRAFT) is None
    assert days.get_day_entry(date.today()).text == "Slept badly; *calm* practice anyway."


def test_a_draft_from_yesterday_is_saved_to_yesterday(journal, qtbot) -> None:
    yesterday = date.today() - timedelta(days=1)
    days.save_draft(DAY_DRAFT, {"day": yesterday.isoformat(), "text": "Rest day", "sleep": 8.5})
    view = fresh_view(qtbot)
    assert view.day_entry.day == yesterday and view.day_entry.sleep.value() == 8.5
    assert view.day_entry.save()
    assert days.get_day_entry(yesterday).sleep_h == 8.5
    assert view.day_entry.day == date.today() and not view.day_entry.text.toPlainText()


def test_another_journal_brings_its_own_drafts(journal, qtbot, tmp_path) -> None:
    from cadence.services.changes import Changes
    from cadence.store.db import close_journal, open_journal

    days.save_draft(SESSION_DRAFT, {"step": "setup", "setup": {"intentions": [{"text": "A"}]}})
    view = fresh_view(qtbot)
    assert view.panel.setup.rows[0].text.text() == "A"
    qtbot.keyClicks(view.panel.setup.rows[0].text, " and more")  # pending when the switch comes
    other = tmp_path / "other.sqlite"
    close_journal()
    open_journal(other)
    try:
        days.save_draft(DAY_DRAFT, {"day": date.today().isoformat(), "text": "Journal B"})
        view.bus.publish(Changes.everything())
        assert view.panel.setup.rows[0].text.text() == ""
        assert view.day_entry.text.toPlainText() == "Journal B"
        qtbot.wait(SAVE_WITHIN_MS + 200)
        assert days.load_draft(SESSION_DRAFT) is None  # nothing of journal A leaked into B
    finally:
        close_journal()
        open_journal(journal)
    assert days.load_draft(SESSION_DRAFT)["setup"]["intentions"][0]["text"] == "A"


def test_save_with_nothing_written_creates_no_empty_entry(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    shortcut(qtbot, view, "save")
    assert days.get_day_entry(date.today()) is None
    assert main_window.statusBar().currentMessage() == "Nothing new to save"
