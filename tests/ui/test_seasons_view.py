"""The Seasons view driven like a person through the main window: a goal event typed in, a cycle
planned toward it with the proposed phases accepted and then changed, a mistake refused with a
message and nothing saved, the event trashed and brought back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.conftest import make_session

from cadence.domain.enums import (
    Discipline,
    EventKind,
    EventPriority,
    FocusGauge,
    MotivatorKind,
    PhaseName,
    ReflectionPrompt,
)
from cadence.domain.records import ReflectionData
from cadence.domain.seasons import (
    CycleData,
    Debrief,
    Demand,
    EventData,
    FocusData,
    Motivator,
    PhasePlan,
)
from cadence.services.changes import Changes
from cadence.services.records.journal import save_session
from cadence.services.records.library import add_focus
from cadence.services.season import seasons
from cadence.services.season.reviews import load_review, this_week
from cadence.services.stats.lazy import cycle_marks
from cadence.store.models import Cycle, Event
from cadence.ui.dialogs.cycle_editor import CycleDialog
from cadence.ui.dialogs.event_editor import EventDialog, qdate
from cadence.ui.dialogs.event_review import DebriefDialog, ReadinessDialog
from cadence.ui.dialogs.weekly_review import WeeklyReviewDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.views.seasons import SeasonsView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _no_error_box() -> None:
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def _open_seasons(qtbot, main_window: MainWindow) -> SeasonsView:
    qtbot.keyClick(main_window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    view = main_window.current_view()
    assert isinstance(view, SeasonsView)
    return view


def _shortcut(qtbot, view: SeasonsView, key: Qt.Key) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    # the offscreen platform does not hand activation back to the window when a dialog closes
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def _key(qtbot, widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed once the window is active again (the offscreen platform does not hand
    activation back when a dialog closes)."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def _type_event(qtbot, view: SeasonsView, race_day: date) -> EventDialog:
    _shortcut(qtbot, view, Qt.Key.Key_E)
    dialog = view.dialog
    assert isinstance(dialog, EventDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)  # the first field
    qtbot.keyClicks(dialog.name, "Spring Marathon")
    dialog.day.setDate(qdate(race_day))
    dialog.priority.setCurrentIndex(0)  # A
    qtbot.keyClicks(dialog.distance, "42.195")
    qtbot.keyClicks(dialog.target, "Under 3:30, even splits")
    # the offered aspects of a run: fill in the climb, leave the others empty
    table = dialog.demands.table
    climb = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Climb")
    table.item(climb, 1).setText("180 m, most of it after 30 km")
    table.item(climb, 2).setText("Hill repeats on Tuesdays")
    assert dialog.motivators.table.rowCount() == 2  # an intrinsic and an extrinsic row offered
    dialog.motivators.table.item(0, 1).setText("To run the last 10 km strong")
    return dialog


def test_a_season_is_planned_from_the_keyboard(qtbot, main_window: MainWindow) -> None:
    view = _open_seasons(qtbot, main_window)
    assert view.empty.isVisible()
    race_day = date.today() + timedelta(weeks=26)
    dialog = _type_event(qtbot, view, race_day)
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.target, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    [event] = seasons.events()
    assert (event.name, event.kind, event.day) == ("Spring Marathon", EventKind.RACE, race_day)
    assert event.priority is EventPriority.A and event.distance_m == pytest.approx(42_195)
    assert [(d.aspect, d.text, d.rehearse) for d in event.demands] == [
        ("Climb", "180 m, most of it after 30 km", "Hill repeats on Tuesdays")
    ]
    assert [(m.kind, m.text) for m in event.motivators] == [
        (MotivatorKind.INTRINSIC, "To run the last 10 km strong")
    ]
    assert view.current() == ("event", event.id)  # the new event is chosen in the list
    assert not view.empty.isVisible()

    # a cycle toward it: the phases are proposed from the marathon's date and size
    _shortcut(qtbot, view, Qt.Key.Key_Y)
    cycle_dialog = view.dialog
    assert isinstance(cycle_dialog, CycleDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cycle_dialog.name)
    assert cycle_dialog.name.text() == "Toward Spring Marathon"
    proposed = cycle_dialog.phase_plans()
    assert [p.name for p in proposed] == [
        PhaseName.BASE,
        PhaseName.BUILD,
        PhaseName.PEAK,
        PhaseName.TAPER,
        PhaseName.RECOVERY,
    ]
    assert proposed[3].end == race_day and proposed[3].days == 21
    assert "Marathon" in cycle_dialog.note.text()

    # a build phase moved into the base phase is refused, with a message, and nothing saved
    table = cycle_dialog.phases.table
    build_start = table.cellWidget(1, 1)
    build_start.setDate(qdate(proposed[0].end - timedelta(days=3)))
    qtbot.keyClick(cycle_dialog.name, Qt.Key.Key_Return)
    assert cycle_dialog.isVisible()
    assert "must not overlap" in cycle_dialog.phases.error.text()
    assert "Phase 2" in cycle_dialog.phases.error.text()
    assert Cycle.select().count() == 0

    # the user lengthens the base phase instead, and saves
    table.cellWidget(0, 2).setDate(qdate(proposed[0].end + timedelta(days=7)))
    build_start.setDate(qdate(proposed[0].end + timedelta(days=8)))
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(cycle_dialog.name, Qt.Key.Key_Return)
    assert not cycle_dialog.isVisible()
    [cycle] = seasons.cycles()
    assert cycle.event_id == event.id and cycle.name == "Toward Spring Marathon"
    assert cycle.phases[0].end == proposed[0].end + timedelta(days=7)
    assert cycle.phases[1].start == proposed[0].end + timedelta(days=8)
    assert view.current() == ("cycle", cycle.id)
    # Trends shades the phases and marks the event
    marks = cycle_marks(cycle.start, cycle.end)
    assert {p.name for p in marks.phases} >= {"base", "taper"}
    assert [e.name for e in marks.events] == ["Spring Marathon"]
    view.timeline.repaint()
    assert {(h.kind, h.item_id) for h in view.timeline.hits} == {
        ("event", event.id),
        ("cycle", cycle.id),
    }
    _no_error_box()


def test_an_event_is_edited_trashed_and_brought_back(qtbot, main_window: MainWindow) -> None:
    view = _open_seasons(qtbot, main_window)
    dialog = _type_event(qtbot, view, date.today() + timedelta(weeks=10))
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    event_id = Event.get().id

    # Enter on the chosen row opens it; the result is written afterwards
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    editor = view.dialog
    assert isinstance(editor, EventDialog) and editor.name.text() == "Spring Marathon"
    qtbot.keyClicks(editor.result_edit, "3:27:41")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(editor.result_edit, Qt.Key.Key_Return)
    assert seasons.load_event(event_id).result == "3:27:41"
    assert "3:27:41" in view.tree.currentItem().text(5)

    # a bad distance is named beside its field; Esc cancels and nothing changes
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    editor = view.dialog
    editor.distance.clear()
    qtbot.keyClicks(editor.distance, "far")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.isVisible() and "write a number" in editor.fields["distance_m"].error.text()
    qtbot.keyClick(editor.name, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert seasons.load_event(event_id).distance_m == pytest.approx(42_195)

    # Del moves it to the trash, Ctrl+Z brings it back
    view.select("event", event_id)
    _key(qtbot, view.tree, Qt.Key.Key_Delete)
    assert seasons.events() == [] and view.current() is None
    _key(qtbot, view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [e.id for e in seasons.events()] == [event_id]

    # trashed again, it waits in the Trash view, which restores it
    view.select("event", event_id)
    _key(qtbot, view.tree, Qt.Key.Key_Delete)
    _key(qtbot, view.tree, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    trash = main_window.current_view()
    assert trash.table.rowCount() == 1 and trash.table.item(0, 0).text() == "Goal event"
    trash.table.selectRow(0)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert [e.id for e in seasons.events()] == [event_id]
    _no_error_box()


def test_a_cycle_without_an_event_is_deleted_and_undone(qtbot, main_window: MainWindow) -> None:
    view = _open_seasons(qtbot, main_window)
    _shortcut(qtbot, view, Qt.Key.Key_Y)
    dialog = view.dialog
    assert not dialog.propose_button.isEnabled()  # nothing to propose from
    qtbot.keyClicks(dialog.name, "Scales every day")
    dialog.craft.setCurrentIndex(1)  # music
    qtbot.mouseClick(dialog.phases.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.phases.add_button, Qt.MouseButton.LeftButton)
    names = [p.name for p in dialog.phase_plans()]
    assert names == [PhaseName.LEARNING, PhaseName.POLISHING]
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    [cycle] = seasons.cycles()
    assert cycle.event_id is None and len(cycle.phases) == 2
    _key(qtbot, view.tree, Qt.Key.Key_Delete)
    assert seasons.cycles() == []
    _key(qtbot, view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seasons.cycles() == [cycle]
    _no_error_box()


def test_focus_targets_added_to_a_cycle_are_offered_on_today_with_the_next_time_note(
    qtbot, main_window: MainWindow
) -> None:
    save_session(
        make_session(
            Discipline.MUSIC,
            day=date.today() - timedelta(days=1),
            reflections=[ReflectionData(ReflectionPrompt.NEXT_TIME, "Bars 33-48 hands apart")],
        )
    )
    view = _open_seasons(qtbot, main_window)
    _shortcut(qtbot, view, Qt.Key.Key_Y)
    dialog = view.dialog
    qtbot.keyClicks(dialog.name, "Recital block")
    dialog.craft.setCurrentIndex(1)  # music
    titles = ["Relaxed shoulders", "Even semiquavers", "Breathe at phrase ends", "Sing it first"]
    for title in titles:
        qtbot.mouseClick(dialog.focuses.add_button, Qt.MouseButton.LeftButton)
        row = dialog.focuses.table.rowCount() - 1
        dialog.focuses.table.item(row, 0).setText(title)
    # past three active targets, a gentle note (never a refusal)
    assert not dialog.focus_note.isHidden() and "spreads thin" in dialog.focus_note.text()
    dialog.focuses.table.setCurrentCell(3, 0)
    qtbot.mouseClick(dialog.focuses.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.focus_note.isHidden()
    gauge = dialog.focuses.table.cellWidget(1, 1)
    gauge.setCurrentIndex(gauge.findData(FocusGauge.ACCURACY))
    assert gauge.currentText() == "Accuracy: clean ÷ done reps"
    # one's own rating is asked after each session as well as in the weekly review
    rating = gauge.itemText(gauge.findData(FocusGauge.RATING))
    assert rating == "Your 1-5 rating, after sessions and each week"
    assert "your own 1-5 rating are asked in each reflection" in gauge.toolTip()
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    [cycle] = seasons.cycles()
    assert [(f.title, f.gauge) for f in cycle.focuses] == [
        ("Relaxed shoulders", FocusGauge.INTENTIONS),
        ("Even semiquavers", FocusGauge.ACCURACY),
        ("Breathe at phrase ends", FocusGauge.INTENTIONS),
    ]

    # Today: the intention offers the cycle's focus targets and last time's "next time" note
    _key(qtbot, view.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = main_window.current_view()
    setup = today.panel.setup
    setup.set_discipline(Discipline.MUSIC)
    combo = setup.rows[0].focus_target
    assert combo.isVisibleTo(setup)
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[1:] == sorted(titles[:3])
    assert setup.carry.isVisibleTo(setup) and "Bars 33-48 hands apart" in setup.carry.label.text()
    qtbot.mouseClick(setup.carry.button, Qt.MouseButton.LeftButton)
    assert setup.rows[0].text.text() == "Bars 33-48 hands apart"
    assert setup.carry.rehearse_button.isHidden()  # no coming event to rehearse for


def test_today_offers_a_demand_of_a_coming_event_to_rehearse(
    qtbot, main_window: MainWindow
) -> None:
    seasons.save_event(
        EventData(
            "Spring recital",
            EventKind.RECITAL,
            date.today() + timedelta(weeks=5),
            Discipline.MUSIC,
            EventPriority.A,
            demands=[Demand("Dress", "Concert black", "A run-through in the concert shoes")],
        )
    )
    main_window.bus.publish(Changes(plans=True))
    today = main_window.show_view("today")
    setup = today.panel.setup
    setup.set_discipline(Discipline.MUSIC)
    assert setup.carry.rehearse_label.isVisibleTo(setup)
    assert "Rehearse for Spring recital (in 5 wk) — Dress" in setup.carry.rehearse_label.text()
    qtbot.mouseClick(setup.carry.rehearse_button, Qt.MouseButton.LeftButton)
    assert setup.rows[0].text.text() == "A run-through in the concert shoes"
    setup.set_discipline(Discipline.RUNNING)
    assert not setup.carry.isVisibleTo(setup)
    _no_error_box()
    _no_error_box()


def test_a_readiness_check_before_an_a_event_and_a_debrief_after(
    qtbot, main_window: MainWindow
) -> None:
    soon, _ = seasons.save_event(
        EventData(
            "Spring recital",
            EventKind.RECITAL,
            date.today() + timedelta(days=10),
            Discipline.MUSIC,
            EventPriority.A,
            demands=[Demand("Programme", "Bach, then Chopin"), Demand("Audience", "Forty")],
            motivators=[Motivator(MotivatorKind.INTRINSIC, "The slow movement as I hear it")],
        )
    )
    past, _ = seasons.save_event(
        EventData("Park 10K", EventKind.RACE, date.today() - timedelta(days=2), Discipline.RUNNING)
    )
    view = _open_seasons(qtbot, main_window)
    view.select("event", soon)
    assert "readiness check due" in view.tree.currentItem().text(4)
    assert view.review_button.text() == "&Readiness…"
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, ReadinessDialog)
    assert [aspect for aspect, _r, _n in dialog.rows] == ["Programme", "Audience"]
    _aspect, rating, note = dialog.rows[0]
    rating.set_value(4)
    qtbot.keyClicks(note, "Played it through for friends")
    dialog.rows[1][1].set_value(3)
    qtbot.keyClicks(dialog.plan, "Warm up hands apart, slow first page")
    # the seeds' question before an A event: do I still want this, and why?
    after = dialog.plan.nextInFocusChain()
    while not after.focusPolicy() & Qt.FocusPolicy.TabFocus:
        after = after.nextInFocusChain()
    assert after is dialog.still_want  # Tab goes there next
    qtbot.keyClicks(dialog.still_want, "Yes, to hear the slow movement in the hall")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.still_want, Qt.Key.Key_Return)
    check = seasons.load_event(soon).readiness
    assert check is not None and check.mean == 3.5 and check.plan.startswith("Warm up")
    assert check.still_want == "Yes, to hear the slow movement in the hall"
    assert view.tree.currentItem().text(4) == "A · ready 3.5/5"

    view.select("event", past)
    assert view.review_button.text() == "De&brief…"
    assert view.tree.currentItem().text(4) == "B · debrief?"
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    debrief = view.dialog
    assert isinstance(debrief, DebriefDialog)
    assert debrief.went_well.placeholderText() == "How it felt, and what to keep"
    assert debrief.to_change.placeholderText().startswith("What the cycle taught you")
    qtbot.keyClick(debrief.result_edit, Qt.Key.Key_Return)  # nothing written: a message, not saved
    assert debrief.isVisible() and "at least one line" in debrief.error.text()
    qtbot.keyClicks(debrief.result_edit, "44:10")
    qtbot.keyClicks(debrief.went_well, "Even splits")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(debrief.went_well, Qt.Key.Key_Return)
    event = seasons.load_event(past)
    assert event.result == "44:10" and event.debrief.went_well == "Even splits"
    assert view.tree.currentItem().text(4) == "B · debriefed"
    _no_error_box()


def test_a_week_is_reviewed_with_its_focus_targets_rated(qtbot, main_window: MainWindow) -> None:
    focus_id, _ = add_focus("Relaxed shoulders", Discipline.MUSIC)
    view = _open_seasons(qtbot, main_window)
    qtbot.mouseClick(view.week_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, WeeklyReviewDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.went_well)
    assert dialog.week_start() == this_week()
    qtbot.keyClick(dialog.went_well, Qt.Key.Key_Return)  # nothing written: refused, kept open
    assert dialog.isVisible() and "empty review" in dialog.error.text()
    qtbot.keyClicks(dialog.went_well, "Practised on five days")
    [(target, combo)] = dialog.ratings
    assert target.title == "Relaxed shoulders"
    combo.set_value(4)
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.went_well, Qt.Key.Key_Return)
    review = load_review(this_week())
    assert review.went_well == "Practised on five days"
    assert [(r.focus_id, r.rating) for r in review.ratings] == [(focus_id, 4)]
    assert view.current() == ("review", this_week().toordinal())
    assert view.tree.currentItem().text(4) == "focus 4.0/5"
    _key(qtbot, view.tree, Qt.Key.Key_Return)
    again = view.dialog
    assert isinstance(again, WeeklyReviewDialog)
    assert again.went_well.text() == "Practised on five days" and again.ratings[0][1].value() == 4
    qtbot.keyClick(again.learned, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.dialog is None)

    # Del moves it to the trash, Ctrl+Z brings it back, and the Trash view restores it too
    assert view.delete_button.isEnabled()
    with qtbot.waitSignal(main_window.bus.changed):
        _key(qtbot, view.tree, Qt.Key.Key_Delete)
    assert load_review(this_week()) is None
    assert (
        view.tree.findItems("Week of", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)
        == []
    )
    with qtbot.waitSignal(main_window.bus.changed):
        _key(qtbot, view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_review(this_week()).went_well == "Practised on five days"
    view.select("review", this_week().toordinal())
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    trash = main_window.show_view("trash")
    assert trash.table.rowCount() == 1 and trash.table.item(0, 0).text() == "Weekly review"
    trash.table.selectRow(0)
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert load_review(this_week()).ratings[0].rating == 4
    _no_error_box()


def test_a_new_cycle_learns_from_the_last_debrief_of_its_craft(
    qtbot, main_window: MainWindow
) -> None:
    recital, _ = seasons.save_event(
        EventData(
            "Spring recital", EventKind.RECITAL, date.today() - timedelta(days=20), Discipline.MUSIC
        )
    )
    seasons.save_debrief(
        recital,
        Debrief(
            date.today() - timedelta(days=18), "", "Slow practice of the memory slips.", "Rest"
        ),
        "Played it through",
    )
    race, _ = seasons.save_event(
        EventData("Park 10K", EventKind.RACE, date.today() - timedelta(days=5), Discipline.RUNNING)
    )
    seasons.save_debrief(race, Debrief(date.today(), "", "Start slower"), "44:10")
    view = _open_seasons(qtbot, main_window)
    _shortcut(qtbot, view, Qt.Key.Key_Y)
    dialog = view.dialog
    qtbot.keyClicks(dialog.name, "Autumn programme")
    dialog.craft.setCurrentIndex(dialog.craft.findData(Discipline.RUNNING))
    assert "Park 10K" in dialog.lesson.text() and "Start slower" in dialog.lesson.text()
    dialog.craft.setCurrentIndex(dialog.craft.findData(Discipline.MUSIC))
    assert not dialog.lesson.isHidden() and not dialog.lesson_button.isHidden()
    assert dialog.lesson.text() == (
        f"From the debrief of Spring recital ({date.today() - timedelta(days=20):%d %b %Y}): "
        "to change — Slow practice of the memory slips. Next — Rest."
    )
    qtbot.mouseClick(dialog.lesson_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.lesson_button, Qt.MouseButton.LeftButton)  # once is enough
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    [cycle] = seasons.cycles()
    assert [f.title for f in cycle.focuses] == ["Slow practice of the memory slips."]
    # editing a cycle does not offer it again
    view.select("cycle", cycle.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert view.dialog.lesson.isHidden()
    view.dialog.reject()
    _no_error_box()


def test_a_focus_target_chart_shades_its_own_crafts_phases_only(
    qtbot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = date.today() - timedelta(weeks=6)
    ids = {}
    for name, craft, phase in (
        ("Recital block", Discipline.MUSIC, PhaseName.POLISHING),
        ("Marathon base", Discipline.RUNNING, PhaseName.BASE),
    ):
        end = start + timedelta(weeks=8)
        data = CycleData(name, start, end, craft, phases=[PhasePlan(phase, start, end)])
        data.focuses = [FocusData(f"{name} aim")]
        ids[name], _ = seasons.save_cycle(data)
    focus_id = seasons.load_cycle(ids["Recital block"]).focuses[0].id
    view = _open_seasons(qtbot, main_window)
    drawn = []
    monkeypatch.setattr(view.detail.chart, "set_marks", drawn.append)
    view.select_focus(focus_id)
    assert drawn and [(p.cycle, p.name) for p in drawn[-1].phases] == [
        ("Recital block", PhaseName.POLISHING)
    ]
    _no_error_box()


def test_today_offers_the_weekly_review_at_the_weeks_end(qtbot, main_window: MainWindow) -> None:
    monday = date(2026, 11, 2)
    sunday = monday + timedelta(days=6)
    save_session(make_session(Discipline.MUSIC, day=monday + timedelta(days=1)))
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = main_window.current_view()
    offer = today.review_offer
    offer.refresh(monday + timedelta(days=3))  # midweek: nothing offered
    assert offer.isHidden()
    offer.refresh(sunday)
    assert offer.isVisibleTo(today) and "The week ends today" in offer.label.text()
    offer.refresh(sunday + timedelta(days=1))
    assert "The week of Mon 2 Nov to Sun 8 Nov is over" in offer.label.text()
    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    dialog = today.review_dialog
    assert isinstance(dialog, WeeklyReviewDialog) and dialog.week_start() == monday
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.went_well)
    qtbot.keyClicks(dialog.went_well, "Kept the easy days easy")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.went_well, Qt.Key.Key_Return)
    assert load_review(monday).went_well == "Kept the easy days easy"
    offer.refresh(sunday)
    assert offer.isHidden()  # reviewed: no longer offered
    _no_error_box()
