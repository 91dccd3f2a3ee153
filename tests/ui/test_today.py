"""Today, driven as a person would: write an intention, start, count reps, stop early, say why,
reflect, save — then check what the journal holds and what the page shows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    Source,
    StopAction,
    StopReason,
)
from cadence.domain.records import BlockData
from cadence.services.records import days
from cadence.services.records import journal as journal_service
from cadence.services.today import sessions_on
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import PRACTICE, REFLECT, SETUP
from cadence.ui.views.today import SESSION_DRAFT, SHORTCUTS, TodayView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


def today_view(window: MainWindow, qtbot) -> TodayView:
    view = window.show_view("today")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return view  # type: ignore[return-value]


def shortcut(qtbot, view: TodayView, name: str) -> None:
    """Press the shortcut where the keyboard focus is, as a person would."""
    target = view.window().focusWidget() or view
    sequence = QKeySequence(SHORTCUTS[name])[0]
    qtbot.keyClick(target, sequence.key(), sequence.keyboardModifiers())


def type_number(qtbot, spin: QWidget, text: str) -> None:
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin, text)


def ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_music_session_stopped_early_is_saved_whole(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    clock = FakeClock()
    view.panel.stopwatch.clock = clock
    setup = view.panel.setup
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL)  # File → New session
    assert setup.rows[0].text.hasFocus()
    qtbot.keyClicks(setup.rows[0].text, "Bars 33-48 at 96, relaxed shoulders")
    click(qtbot, setup.add_row_button)
    qtbot.keyClicks(setup.rows[1].text, "Let wrong notes go")
    type_number(qtbot, setup.reps, "8")
    type_number(qtbot, setup.tempo, "96")
    assert (setup.reps.value(), setup.tempo.value()) == (8, 96)

    setup.rows[1].text.setFocus()
    shortcut(qtbot, view, "timer")  # Ctrl+T while the cursor is still in a text field
    assert view.panel.step == PRACTICE
    panel = view.panel.practice_panel
    assert "Bars 33-48 at 96, relaxed shoulders" in panel.intentions.text()
    assert "8 reps" in panel.plan.text() and "♩ = 96" in panel.plan.text()
    shortcut(qtbot, view, "clean")
    shortcut(qtbot, view, "clean")
    click(qtbot, panel.attempt_button)
    shortcut(qtbot, view, "rep")
    shortcut(qtbot, view, "take_back")  # a mis-press
    assert panel.counter.text() == "3 of 8 reps"
    assert panel.counter_detail.text() == "2 clean · 1 not clean yet"
    clock.advance(12)
    view.panel._on_tick()
    assert panel.clock.text() == "12:00"

    shortcut(qtbot, view, "stop")  # early: 3 of 8 reps
    dialog = view.panel.stop_dialog
    assert dialog is not None and dialog.isVisible()
    assert "At 12:00, after rep 3 of 8." in dialog.where.text()
    dialog.reason.setCurrentIndex(dialog.reason.findData("pain"))
    dialog.body_area.setCurrentIndex(dialog.body_area.findData("wrists"))
    dialog.severity.set_value(3)
    qtbot.keyClicks(dialog.note, "left wrist tight")
    assert dialog.stopped.isChecked()
    ok(qtbot, dialog)

    assert view.panel.step == REFLECT
    form = view.panel.reflection
    assert "3 of 8 reps" in form.summary.text() and "stopped early: strain or pain" in (
        form.summary.text()
    )
    click(qtbot, form.outcome_rows[0].buttons[Outcome.PARTLY])
    click(qtbot, form.outcome_rows[1].buttons[Outcome.ACHIEVED])
    assert [b.prompt for b in form.prompts] == [
        ReflectionPrompt.WENT_WELL,
        ReflectionPrompt.LET_GO,
        ReflectionPrompt.TO_IMPROVE,
        ReflectionPrompt.NEXT_TIME,
    ]
    qtbot.keyClicks(form.prompts[0].edit, "Legato in bar 40 at last")
    click(qtbot, form.prompts[0].share)
    qtbot.keyClicks(form.prompts[3].edit, "Start at 88")
    assert form.achieved_bpm.value() == 0  # not assumed: only the player knows
    assert form._rows["bpm"][0].text() == "Best clean tempo (target 96)"
    type_number(qtbot, form.achieved_bpm, "92")
    form.rpe.set_value(6)
    form.focus.set_value(4)
    form.mood.set_value(4)
    form.flow.set_value(2)
    shortcut(qtbot, view, "save")

    assert view.panel.step == SETUP and not setup.rows[0].text.text()
    [line] = sessions_on(date.today())
    saved = journal_service.load_session(line.id)
    block = saved.blocks[0]
    assert (block.planned_reps, block.done_reps, block.clean_reps) == (8, 3, 2)
    assert (block.target_bpm, block.achieved_bpm, block.duration_s) == (96, 92, 720)
    assert (saved.duration_s, saved.rpe, saved.focus, saved.mood, saved.flow) == (720, 6, 4, 4, 2)
    assert [(i.text, i.outcome) for i in saved.intentions] == [
        ("Bars 33-48 at 96, relaxed shoulders", Outcome.PARTLY),
        ("Let wrong notes go", Outcome.ACHIEVED),
    ]
    [stop] = saved.stop_points
    assert (stop.reason, stop.body_area, stop.severity, stop.action) == (
        StopReason.PAIN,
        BodyArea.WRISTS,
        3,
        StopAction.STOPPED,
    )
    assert (stop.elapsed_s, stop.rep_index, stop.planned_reps, stop.note) == (
        720,
        3,
        8,
        "left wrist tight",
    )
    assert [(r.prompt, r.text, r.share_in_reports) for r in saved.reflections] == [
        (ReflectionPrompt.WENT_WELL, "Legato in bar 40 at last", True),
        (ReflectionPrompt.NEXT_TIME, "Start at 88", False),
    ]
    # the page lists it; the draft is gone
    [row] = view.sessions.rows
    assert "3 reps (2 clean)" in row.text.text()
    assert days.load_draft(SESSION_DRAFT) is None
    assert "Saved the music session" in main_window.statusBar().currentMessage()


def test_running_past_the_plan_gets_a_gentle_note(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    clock = FakeClock()
    view.panel.stopwatch.clock = clock
    setup = view.panel.setup
    click(qtbot, setup.running)
    assert setup.kind.currentData() == "easy"
    assert not setup._plan_rows["tempo"][1].isVisible() and setup.pace.isVisible()
    qtbot.keyClicks(setup.rows[0].text, "Easy and present, nose breathing")
    type_number(qtbot, setup.minutes, "30")
    qtbot.keyClicks(setup.pace, "5:30")
    click(qtbot, setup.start_button)
    panel = view.panel.practice_panel
    assert not panel.clean_button.isVisible() and not view.act_clean.isEnabled()
    clock.advance(29)
    view.panel._on_tick()
    assert not panel.note.isVisible()
    clock.advance(1)
    view.panel._on_tick()
    assert panel.note.isVisible() and "plan done" in panel.note.text()
    clock.advance(2)
    view.panel._on_tick()
    assert "Never just one more" in panel.note.text()

    click(qtbot, panel.stop_button)  # past the plan: no stop-point asked
    assert view.panel.stop_dialog is None and view.panel.step == REFLECT
    form = view.panel.reflection
    assert form.distance.isVisible() and not form.achieved_bpm.isVisible()
    type_number(qtbot, form.distance, "6.4")
    click(qtbot, form.save_button)
    [line] = sessions_on(date.today())
    saved = journal_service.load_session(line.id)
    assert (saved.discipline, saved.distance_m, saved.duration_s) == ("running", 6400, 32 * 60)
    assert saved.blocks[0].target_pace_s_per_km == 330
    assert saved.blocks[0].achieved_pace_s_per_km == 300  # 32 min over 6.4 km
    assert saved.stop_points == []


def test_warning_sign_is_logged_and_the_session_goes_on(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    clock = FakeClock()
    view.panel.stopwatch.clock = clock
    qtbot.keyClicks(view.panel.setup.rows[0].text, "Scales, even sixteenths")
    shortcut(qtbot, view, "timer")
    clock.advance(5)
    shortcut(qtbot, view, "rep")
    shortcut(qtbot, view, "warning")
    dialog = view.panel.stop_dialog
    assert dialog.windowTitle() == "Log a warning sign" and dialog.pushed_on.isChecked()
    dialog.reason.setCurrentIndex(dialog.reason.findData("mind"))
    ok(qtbot, dialog)
    panel = view.panel.practice_panel
    assert view.panel.step == PRACTICE and view.panel.timer_running
    assert "warning sign" in panel.note.text() and "Never just one more" in panel.note.text()
    assert "Warning sign at 5:00, after rep 1: mind" in panel.stops.text()
    shortcut(qtbot, view, "timer")  # pause
    assert not view.panel.timer_running and view.act_timer.text() == "&Resume timer"
    shortcut(qtbot, view, "stop")  # no plan: nothing to stop early from
    assert view.panel.step == REFLECT
    assert "1 warning sign noted" in view.panel.reflection.summary.text()
    shortcut(qtbot, view, "save")
    [line] = sessions_on(date.today())
    [stop] = journal_service.load_session(line.id).stop_points
    assert (stop.action, stop.reason, stop.elapsed_s, stop.rep_index) == (
        StopAction.PUSHED_ON,
        StopReason.MIND,
        300,
        1,
    )


def test_back_to_the_timer_and_discard_with_undo(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    setup = view.panel.setup
    qtbot.keyClicks(setup.rows[0].text, "Long tones")
    type_number(qtbot, setup.reps, "5")
    shortcut(qtbot, view, "timer")
    shortcut(qtbot, view, "stop")
    view.panel.stop_dialog.reason.setCurrentIndex(0)
    ok(qtbot, view.panel.stop_dialog)
    assert view.panel.step == REFLECT and len(view.panel.practice.stop_points) == 1
    click(qtbot, view.panel.reflection.back_button)
    assert view.panel.step == PRACTICE and view.panel.practice.stop_points == []
    view.act_discard.trigger()
    assert view.panel.step == SETUP and not setup.rows[0].text.text()
    assert days.load_draft(SESSION_DRAFT) is None
    assert main_window.act_undo.isEnabled()
    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)
    assert view.panel.step == PRACTICE
    assert view.panel.practice.intentions[0].text == "Long tones"
    assert days.load_draft(SESSION_DRAFT)["step"] == PRACTICE


def test_validation_messages_sit_next_to_the_field(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    setup = view.panel.setup
    click(qtbot, setup.start_button)  # no intention yet
    row = setup.rows[0]
    assert view.panel.step == SETUP
    assert row.error.isVisible() and "Write what this session is for" in row.error.text()
    assert row.text.hasFocus()

    qtbot.keyClicks(row.text, "Arpeggios")
    type_number(qtbot, setup.tempo, "5")
    click(qtbot, setup.start_button)
    tempo_error = setup.errors.label_for("blocks[0].target_bpm")
    assert view.panel.step == SETUP and tempo_error.isVisible()
    assert "tempo (BPM) must be between 10 and 400" in tempo_error.text()
    assert not row.error.isVisible()

    type_number(qtbot, setup.tempo, "80")
    click(qtbot, setup.start_button)
    shortcut(qtbot, view, "clean")
    shortcut(qtbot, view, "stop")
    form = view.panel.reflection
    type_number(qtbot, form.clean_reps, "4")  # more clean than done
    form.duration.clear()
    qtbot.keyClicks(form.duration, "ten minutes")
    click(qtbot, form.save_button)
    duration_error = form.errors.label_for("duration_s")
    assert duration_error.isVisible() and "not a duration" in duration_error.text()
    assert sessions_on(date.today()) == []

    form.duration.clear()
    qtbot.keyClicks(form.duration, "10 min")
    click(qtbot, form.save_button)
    clean_error = form.errors.label_for("blocks[0].clean_reps")
    assert clean_error.isVisible()
    assert "more clean repetitions than repetitions done" in clean_error.text()
    assert not duration_error.isVisible()
    assert form.clean_reps.hasFocus()
    assert sessions_on(date.today()) == [] and view.panel.step == REFLECT

    type_number(qtbot, form.clean_reps, "1")
    click(qtbot, form.save_button)
    assert len(sessions_on(date.today())) == 1 and view.panel.step == SETUP


def test_a_planned_workout_is_followed(main_window: MainWindow, qtbot) -> None:
    steps = ["Warm-up", "Interval", "Rest", "Interval", "Cool-down"]
    plan = make_session(
        Discipline.RUNNING,
        SessionKind.INTERVALS,
        day=date.today(),
        minutes=0,
        status=SessionStatus.PLANNED,
        title="2 × 1 km",
        source=Source.FIT,
        source_ref="workout:7",
        blocks=[BlockData(label=s, planned_duration_s=240) for s in steps],
    )
    journal_service.save_session(plan)
    view = today_view(main_window, qtbot)
    view.refresh_now()
    setup = view.panel.setup
    click(qtbot, setup.running)
    assert setup.workout.isVisible() and "2 × 1 km" in setup.workout.itemText(1)
    setup.workout.setCurrentIndex(1)
    click(qtbot, setup.use_plan)
    assert (setup.reps.value(), setup.minutes.value()) == (2, 20)
    assert "2 × 1 km" in setup.plan_note.text() and setup.rows[0].text.hasFocus()
    qtbot.keyClicks(setup.rows[0].text, "Even splits")
    shortcut(qtbot, view, "timer")
    shortcut(qtbot, view, "rep")
    shortcut(qtbot, view, "rep")
    shortcut(qtbot, view, "stop")
    assert view.panel.step == REFLECT  # both intervals done: not early by reps
    shortcut(qtbot, view, "save")
    saved = journal_service.load_session(plan.id)
    assert saved.status == SessionStatus.DONE and saved.title == "2 × 1 km"
    assert [b.done_reps for b in saved.blocks] == [None, 1, None, 1, None]
    assert saved.intentions[0].text == "Even splits"


def test_session_menu_toolbar_and_typing_space(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    [menu] = [a.menu() for a in main_window.menuBar().actions() if a.text() == "&Session"]
    entries = {a.text(): a.shortcut().toString() for a in menu.actions() if not a.isSeparator()}
    assert entries["&New session\tCtrl+N"] == ""  # the window's Ctrl+N, shown here
    assert entries["&Start session"] == "Ctrl+T"
    assert entries["+1 &rep"] == "Ctrl+R"
    assert entries["+1 &clean"] == "Ctrl+Shift+C"
    assert entries["Log a &warning sign…"] == "Ctrl+Shift+W"
    assert entries["St&op"] == "Ctrl+."
    assert entries["&Save"] == "Ctrl+S"
    toolbar = main_window.findChild(type(main_window.addToolBar("probe")), "MainToolbar")
    assert {view.act_timer, view.act_rep, view.act_stop} <= set(toolbar.actions())
    assert not view.act_rep.isEnabled() and not view.act_stop.isEnabled()
    field = view.panel.setup.rows[0].text
    field.setFocus()
    qtbot.keyClicks(field, "slow and even")
    assert field.text() == "slow and even"  # Space types a space


def test_closing_with_a_running_timer_keeps_it_as_a_draft(
    main_window: MainWindow, qtbot, bus
) -> None:
    view = today_view(main_window, qtbot)
    qtbot.keyClicks(view.panel.setup.rows[0].text, "Intervals, relaxed arms")
    shortcut(qtbot, view, "timer")
    shortcut(qtbot, view, "rep")
    assert view.can_close()
    draft = days.load_draft(SESSION_DRAFT)
    assert draft["step"] == PRACTICE and draft["practice"]["reps"] == 1
    assert draft["timer"]["running"] is True and draft["practice"]["started_at"]
    assert main_window.close()
