"""Issue 14's whole loop, driven through the real main window as a person would: a recital is
planned (its demands, one with how to rehearse it), a cycle toward it takes the proposed phases
with one date changed and three focus targets; Today offers them and the rehearsal, a session
carries a focus target, rehearses the demand and rates the target in its reflection; the Seasons
view shows the rehearsal and the target's progress; a weekly review, a readiness check and a
debrief are written; and the cycle's report is printed and read back page by page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.test_cli_report import image_count, page_texts
from tests.ui.test_day_scenarios import press, settle
from tests.ui.test_reports_view import choose, reports, settled
from tests.ui.test_seasons_view import _key, _open_seasons, _shortcut

from cadence.domain.enums import EventKind, FocusGauge
from cadence.domain.records import FocusScoreData, RehearsalData
from cadence.services.records.journal import load_session
from cadence.services.season import seasons
from cadence.services.season.reviews import load_review, this_week
from cadence.services.today import sessions_on
from cadence.ui.dialogs.cycle_editor import CycleDialog
from cadence.ui.dialogs.event_editor import EventDialog, qdate
from cadence.ui.dialogs.event_review import DebriefDialog, ReadinessDialog
from cadence.ui.dialogs.weekly_review import WeeklyReviewDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import REFLECT, SETUP

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _no_error_box() -> None:
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_a_season_from_the_event_to_the_cycle_report(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:
    today = date.today()
    recital = today + timedelta(weeks=5)
    view = _open_seasons(qtbot, main_window)

    # the event: a recital in five weeks, what it will demand, how to rehearse one of them
    _shortcut(qtbot, view, Qt.Key.Key_E)
    dialog = view.dialog
    assert isinstance(dialog, EventDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    qtbot.keyClicks(dialog.name, "Spring recital")
    dialog.kind.setCurrentIndex(dialog.kind.findData(EventKind.RECITAL))
    dialog.day.setDate(qdate(recital))
    dialog.priority.setCurrentIndex(0)  # A
    table = dialog.demands.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    table.item(rows["Programme"], 1).setText("Bach, then Chopin, 25 minutes")
    table.item(rows["Dress"], 1).setText("Concert black and the hard shoes")
    table.item(rows["Dress"], 2).setText("A run-through in the concert shoes")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    [event] = seasons.events()
    assert [d.aspect for d in event.demands] == ["Programme", "Dress"]

    # a cycle toward it: the phases proposed, one date changed, three focus targets
    _shortcut(qtbot, view, Qt.Key.Key_Y)
    cycle_dialog = view.dialog
    assert isinstance(cycle_dialog, CycleDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cycle_dialog.name)
    proposed = cycle_dialog.phase_plans()
    assert proposed[-2].end == recital and len(proposed) >= 3
    phases = cycle_dialog.phases.table
    phases.cellWidget(0, 2).setDate(qdate(proposed[0].end - timedelta(days=2)))
    phases.cellWidget(1, 1).setDate(qdate(proposed[1].start - timedelta(days=2)))
    cycle_dialog.craft.setCurrentIndex(cycle_dialog.craft.findData("music"))
    for title in ("Relaxed shoulders", "Even semiquavers", "Sing the line first"):
        qtbot.mouseClick(cycle_dialog.focuses.add_button, Qt.MouseButton.LeftButton)
        row = cycle_dialog.focuses.table.rowCount() - 1
        cycle_dialog.focuses.table.item(row, 0).setText(title)
    gauge = cycle_dialog.focuses.table.cellWidget(0, 1)
    gauge.setCurrentIndex(gauge.findData(FocusGauge.RATING))
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(cycle_dialog.name, Qt.Key.Key_Return)
    [cycle] = seasons.cycles()
    assert cycle.event_id == event.id
    assert cycle.phases[0].end == proposed[0].end - timedelta(days=2)
    assert cycle.phases[1].start == proposed[1].start - timedelta(days=2)
    shoulders = next(f for f in cycle.focuses if f.title == "Relaxed shoulders")
    assert shoulders.gauge == FocusGauge.RATING

    # Today: the focus targets are offered, and the demand to rehearse
    _key(qtbot, view.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today_view = main_window.current_view()
    setup = today_view.panel.setup
    setup.set_discipline("music")
    combo = setup.rows[0].focus_target
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "Even semiquavers",
        "Relaxed shoulders",
        "Sing the line first",
    ]
    assert "Dress: A run-through in the concert shoes" in setup.carry.rehearse_label.text()
    qtbot.mouseClick(setup.carry.rehearse_button, Qt.MouseButton.LeftButton)
    assert setup.rows[0].text.text() == "A run-through in the concert shoes"
    assert setup.demands.rehearsals() == [RehearsalData(event.id, "Dress")]
    assert "Rehearses Dress for Spring recital" in setup.demands.summary.text()
    combo.setCurrentIndex(combo.findData(shoulders.id))
    setup.rows[0].text.setFocus()
    press(qtbot, main_window, "timer", "stop")
    assert today_view.panel.step == REFLECT
    ratings = today_view.panel.reflection.focus_ratings
    assert ratings.isVisibleTo(today_view) and [t.title for t, _, _ in ratings.rows] == [
        "Relaxed shoulders"
    ]
    ratings.combos()[0].set_value(4)
    press(qtbot, main_window, "save")
    assert today_view.panel.step == SETUP
    [line] = sessions_on(today)
    saved = load_session(line.id)
    assert saved.intentions[0].focus_id == shoulders.id
    assert saved.rehearsals == [RehearsalData(event.id, "Dress")]
    assert saved.focus_ratings == [FocusScoreData(shoulders.id, 4)]

    # the Seasons view: the event shows the rehearsal, the target its progress
    view = _open_seasons(qtbot, main_window)
    view.select("event", event.id)
    assert "Dress — rehearsed 1×" in view.detail.text.text()
    assert "Programme — not rehearsed yet" in view.detail.text.text()
    assert "Not rehearsed yet: Programme" not in view.detail.text.text()  # 5 weeks
    view.select_focus(shoulders.id)
    assert view.detail.chart.isVisibleTo(view)
    assert "session_ratings" in view.detail.chart.series
    assert view.detail.sessions.topLevelItemCount() == 1
    assert view.detail.sessions.topLevelItem(0).text(3) == "4"

    # a weekly review rates the targets held this week
    qtbot.mouseClick(view.week_button, Qt.MouseButton.LeftButton)
    review = view.dialog
    assert isinstance(review, WeeklyReviewDialog)
    qtbot.keyClicks(review.went_well, "Played in the concert shoes")
    for target, rating in review.ratings:
        if target.title == "Relaxed shoulders":
            rating.set_value(3)
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(review.went_well, Qt.Key.Key_Return)
    assert load_review(this_week()).went_well == "Played in the concert shoes"

    # a readiness check before the event
    view.select("event", event.id)
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    check = view.dialog
    assert isinstance(check, ReadinessDialog)
    for _aspect, rating, _note in check.rows:
        rating.set_value(4)
    qtbot.keyClicks(check.plan, "Slow first page, then trust it")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(check.plan, Qt.Key.Key_Return)
    assert seasons.load_event(event.id).readiness.mean == 4

    # and, the day after the recital, the debrief
    view.select("event", event.id)
    view.today = recital + timedelta(days=1)
    view._update_buttons()
    assert view.review_button.text() == "De&brief…"
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    debrief = view.dialog
    assert isinstance(debrief, DebriefDialog)
    qtbot.keyClicks(debrief.result_edit, "Played it through, one slip in the Chopin")
    qtbot.keyClicks(debrief.went_well, "The shoes were no surprise")
    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.keyClick(debrief.went_well, Qt.Key.Key_Return)
    assert seasons.load_event(event.id).debrief.went_well == "The shoes were no surprise"

    # the cycle's report, printed and read back
    report_view = reports(qtbot, main_window)
    choose(qtbot, report_view.range_chooser.preset_box, "cycle")
    settled(qtbot, report_view)
    assert report_view.report.content.spec.cycle_id == cycle.id
    target = tmp_path / "cycle.pdf"
    report_view.write_pdf(target)
    settle()
    pages = page_texts(target)
    text = " ".join(" ".join(pages).split())
    for expected in (
        f"The cycle: {cycle.name}",
        f"Spring recital — Recital on {recital.day} {recital:%b %Y}, priority A",
        "Result: Played it through, one slip in the Chopin",
        "Programme Bach, then Chopin, 25 minutes",
        "Phases: load and minutes",
        "All phases 1 0 0",
        "Relaxed shoulders Your 1-5 rating, after sessions and each week Active 1 rated 4 → 4 after sessions "
        "(once); 3 → 3 in weekly reviews",
        "Dress 1 " + f"{today.day} {today:%b %Y}",
        "Programme 0 not rehearsed",
        "Readiness check",
        "mean 4.0/5",
        "Debrief",
        "The shoes were no surprise",
        "Weekly reviews",
        "Played in the concert shoes",
    ):
        assert expected in text, expected
    assert len(pages) >= 2
    assert sum(image_count(target)) == len(report_view.report.content.charts) >= 3
    _no_error_box()
