"""The values a musician and a runner type and read, driven through the main window: durations read
one way and shown back in words before saving."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget
from tests.conftest import make_session
from tests.ui.test_day_scenarios import dialog_closed, key, press, type_here
from tests.ui.test_session_editor import click_tab, type_in_cell
from tests.ui.test_today import FakeClock, click, ok, shortcut, today_view, type_number

from cadence.domain.enums import Discipline, SessionKind, Source, area_key_label, label
from cadence.domain.titles import is_timestamp, run_title
from cadence.domain.units import counted, format_run_pace, run_pace
from cadence.services.browse.calendar import session_ids_on
from cadence.services.changes import Changes
from cadence.services.imports.batch import import_paths
from cadence.services.records import journal as journal_service
from cadence.services.records.journal import save_session
from cadence.services.reports.html import session_cells
from cadence.services.reports.queries import session_rows, stop_counts
from cadence.services.stats.sql import Scope
from cadence.services.today import sessions_on
from cadence.ui.dialogs.session_editor import BLOCKS, GENERAL
from cadence.ui.editor import blocks_table
from cadence.ui.main_window import MainWindow
from cadence.ui.plurals import plural
from cadence.ui.today.session_panel import REFLECT, SETUP
from cadence.ui.widgets.common import short_date

DAY = date(2026, 3, 11)


def start_and_stop(qtbot, view, running: bool, minutes: float = 12) -> None:
    setup = view.panel.setup
    view.panel.stopwatch.clock = clock = FakeClock()
    if running:
        click(qtbot, setup.running)
    qtbot.keyClicks(setup.rows[0].text, "Stay present")
    click(qtbot, setup.start_button)
    clock.advance(minutes)
    view.panel._on_tick()
    shortcut(qtbot, view, "stop")
    assert view.panel.step == REFLECT


def retype(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_today_reads_1_20_as_hours_for_music_and_asks_on_a_run(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    start_and_stop(qtbot, view, running=False)
    form = view.panel.reflection
    assert form.duration.text() == "12 min"  # the timer's time, written the way it reads back
    assert form._rows["duration"][0].text() == "Time practised"
    retype(qtbot, form.duration, "1:20")
    assert form.duration.reading.isVisible() and form.duration.reading.text() == "= 1 h 20 min"
    click(qtbot, form.save_button)
    assert view.panel.step == SETUP
    [line] = sessions_on(date.today())
    assert journal_service.load_session(line.id).duration_s == 4800

    start_and_stop(qtbot, view, running=True, minutes=40)
    form = view.panel.reflection
    assert form._rows["duration"][0].text() == "Time running"
    retype(qtbot, form.duration, "1:20")
    reading = form.duration.reading.text()
    assert "1 h 20 min or 1 min 20 s" in reading and "1:20:00" in reading
    click(qtbot, form.save_button)  # not guessed: nothing is saved
    assert view.panel.step == REFLECT and len(sessions_on(date.today())) == 1
    assert "1:20:00" in form.errors.label_for("duration_s").text()
    retype(qtbot, form.duration, "1h20")
    assert form.duration.reading.text() == "= 1 h 20 min"
    click(qtbot, form.save_button)
    run = [line for line in sessions_on(date.today()) if line.discipline == "running"]
    assert journal_service.load_session(run[0].id).duration_s == 4800


def test_the_editor_reads_1_20_the_same_in_its_fields_and_blocks(
    main_window: MainWindow, qtbot
) -> None:
    view = main_window.show_view("journal")
    qtbot.mouseClick(view.add_music, Qt.MouseButton.LeftButton)
    editor = view.editor
    qtbot.waitUntil(editor.isActiveWindow)
    general = editor.general
    qtbot.keyClicks(general.duration, "1:20")
    assert general.duration.reading.text() == "= 1 h 20 min"
    click_tab(qtbot, editor, BLOCKS)
    qtbot.mouseClick(editor.blocks.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # no label
    table = editor.blocks.table
    col = blocks_table.COLUMN_OF["duration_s"]
    type_in_cell(qtbot, table, 0, col, "0:20")
    qtbot.waitUntil(lambda: table.item(0, col).text() == "20 min")  # shown back before saving
    click_tab(qtbot, editor, GENERAL)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(view.selected_day())
    saved = journal_service.load_session(session_id)
    assert (saved.duration_s, saved.blocks[0].duration_s) == (4800, 1200)
    assert table.state() == QTableWidget.State.NoState  # no cell left open


def test_the_editor_asks_which_1_20_a_run_lasted(main_window: MainWindow, qtbot) -> None:
    view = main_window.show_view("journal")
    qtbot.mouseClick(view.add_run, Qt.MouseButton.LeftButton)
    editor = view.editor
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(editor.general.duration, "1:20")
    assert "1 h 20 min or 1 min 20 s" in editor.general.duration.reading.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() != QDialog.DialogCode.Accepted
    assert "1:20:00" in editor.general.fields["duration_s"].error.text()
    assert session_ids_on(view.selected_day()) == []
    editor.general.duration.setText("1:20:00")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(view.selected_day())
    assert journal_service.load_session(session_id).duration_s == 4800


def test_a_run_has_one_labelled_pace_in_the_journal_the_table_and_the_report(
    main_window: MainWindow, qtbot
) -> None:
    # 10 km in 55:40 elapsed, 54:40 moving: 5:28 /km moving, 5:34 /km elapsed
    run = make_session(
        Discipline.RUNNING, day=DAY, minutes=55 + 40 / 60, distance_m=10000, moving_s=3280
    )
    save_session(run)
    journal = main_window.show_view("journal")
    journal.open_item(DAY)
    card_text = " ".join(label.text() for label in journal.cards[0].findChildren(QLabel))
    assert "5:28 /km (moving)" in card_text and "5:34" not in card_text

    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    running = main_window.current_view()
    model = running.panel.model
    pace_column = [c.key for c in model.columns].index("pace")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, pace_column).data() == "5:28 /km (moving)"

    [row] = session_rows(Scope(DAY, DAY, (Discipline.RUNNING,)))
    assert "5:28 /km (moving)" in " ".join(session_cells(row))


def test_run_pace_is_moving_when_known_else_elapsed() -> None:
    assert run_pace(3340, 3280, 10000) == (328, "moving")
    assert run_pace(3340, None, 10000) == (334, "elapsed")
    assert run_pace(3340, None, None) == (None, "elapsed")
    assert format_run_pace(3340, None, 10000) == "5:34 /km (elapsed)"
    assert format_run_pace(3340, 3280, 1609.344 * 2, "mi") == "27:20 /mi (moving)"


def test_a_run_planned_by_distance_notes_going_past_it_and_fills_pace_and_hr(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    setup = view.panel.setup
    view.panel.stopwatch.clock = clock = FakeClock()
    click(qtbot, setup.running)
    assert setup.distance.isVisible() and not setup.tempo.isVisible()
    qtbot.keyClicks(setup.rows[0].text, "Easy, nose breathing")
    type_number(qtbot, setup.distance, "10")
    click(qtbot, setup.start_button)
    assert "10.0 km" in view.panel.practice_panel.plan.text()
    clock.advance(60)
    view.panel._on_tick()
    click(qtbot, view.panel.practice_panel.stop_button)
    assert view.panel.stop_dialog is None  # a distance plan: the desk cannot know it fell short
    form = view.panel.reflection
    retype(qtbot, form.duration, "1h")
    type_number(qtbot, form.distance, "12")
    assert form.pace.text() == "5:00"  # from time and distance
    assert form.distance_note.isVisible() and "Never just one more" in form.distance_note.text()
    type_number(qtbot, form.distance, "10.05")
    assert not form.distance_note.isVisible()  # within GPS noise of the plan
    assert form.pace.text() == "5:58"
    type_number(qtbot, form.avg_hr, "148")
    click(qtbot, form.save_button)
    assert view.panel.step == SETUP
    [line] = sessions_on(date.today())
    saved = journal_service.load_session(line.id)
    assert (saved.avg_hr, saved.distance_m, saved.duration_s) == (148, 10050, 3600)
    assert saved.blocks[0].planned_distance_m == 10000


def test_tired_is_a_reason_and_the_warning_line_names_the_body_area(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    view.panel.stopwatch.clock = clock = FakeClock()
    qtbot.keyClicks(view.panel.setup.rows[0].text, "Octaves, loose wrist")
    shortcut(qtbot, view, "timer")
    clock.advance(5)
    shortcut(qtbot, view, "rep")
    shortcut(qtbot, view, "warning")
    dialog = view.panel.stop_dialog
    assert dialog.reason.findText("Tired, fatigue") >= 0
    dialog.reason.setCurrentIndex(dialog.reason.findData("fatigue"))
    dialog.body_area.setCurrentIndex(dialog.body_area.findData("wrists"))
    ok(qtbot, dialog)
    panel = view.panel.practice_panel
    assert "after rep 1: tired / fatigue — wrists" in panel.stops.text()
    shortcut(qtbot, view, "stop")
    shortcut(qtbot, view, "save")
    [line] = sessions_on(date.today())
    [stop] = journal_service.load_session(line.id).stop_points
    assert (stop.reason, stop.body_area) == ("fatigue", "wrists")

    journal = main_window.show_view("journal")
    journal.open_item(date.today())
    card_text = " ".join(label.text() for label in journal.cards[0].findChildren(QLabel))
    assert "Tired / fatigue" in card_text and "wrists" in card_text


def test_a_left_wrist_is_logged_by_keyboard_and_read_apart_from_the_right(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    view.panel.stopwatch.clock = clock = FakeClock()
    press(qtbot, main_window, "new")
    assert QApplication.focusWidget() is view.panel.setup.rows[0].text
    type_here(qtbot, main_window, "Octaves, loose wrist")
    press(qtbot, main_window, "timer")
    clock.advance(5)
    press(qtbot, main_window, "rep", "warning")
    dialog = view.panel.stop_dialog
    assert QApplication.focusWidget() is dialog.reason
    assert not dialog.side.isEnabled()  # no side without a body area
    key(qtbot, main_window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.body_area
    type_here(qtbot, main_window, "wr")  # a combo box finds what is typed
    assert dialog.body_area.currentData() == "wrists" and dialog.side.isEnabled()
    key(qtbot, main_window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.side
    type_here(qtbot, main_window, "l")
    assert dialog.side.currentData() == "left"
    key(qtbot, main_window, Qt.Key.Key_Return)  # Record
    dialog_closed(qtbot, main_window)
    assert view.panel.stop_dialog is None
    assert "wrists (left)" in view.panel.practice_panel.stops.text()
    press(qtbot, main_window, "stop", "save")
    [line] = sessions_on(date.today())
    [stop] = journal_service.load_session(line.id).stop_points
    assert (stop.body_area, stop.side) == ("wrists", "left")

    right = journal_service.load_session(line.id)
    right.id = None
    right.stop_points[0].side = "right"
    save_session(right)
    journal = main_window.show_view("journal")
    journal.open_item(date.today())
    cards = " ".join(lbl.text() for c in journal.cards for lbl in c.findChildren(QLabel))
    assert "wrists (left)" in cards and "wrists (right)" in cards
    rows = session_rows(Scope(date.today(), date.today(), (Discipline.MUSIC,)))
    report = " ".join(cell for row in rows for cell in session_cells(row))
    assert "wrists (left)" in report and "wrists (right)" in report
    _, by_area = stop_counts(rows)
    assert sorted((c.name, c.total) for c in by_area) == [("wrists:left", 1), ("wrists:right", 1)]
    assert [area_key_label(c.name) for c in sorted(by_area, key=lambda c: c.name)] == [
        "Wrists (left)",
        "Wrists (right)",
    ]


def test_the_inbox_shows_the_year_of_old_runs_and_names_a_timestamp_title(
    main_window: MainWindow, qtbot
) -> None:
    old = make_session(
        Discipline.RUNNING,
        day=date(2017, 6, 11),
        minutes=42,
        title="2013-07-06T14:59:00Z",  # a device's name for the run
        source=Source.GPX,
        source_ref="run@2017",
        distance_m=8000,
        needs_review=True,
    )
    save_session(old)
    view = today_view(main_window, qtbot)
    view.refresh_now()
    inbox = view.inbox
    [row] = [w.text() for w in inbox.findChildren(QLabel) if " · " in w.text()]
    title, facts = row.split("\n")
    assert title == "Morning run"  # started at 7:00
    assert facts.startswith("Sun 11 Jun 2017 · 8.0 km")


def test_titles_and_dates_people_read() -> None:
    assert is_timestamp("2013-07-06T14:59:00Z") and is_timestamp("2013-07-06 14:59")
    assert not is_timestamp("Track with Anna") and not is_timestamp("")
    assert run_title("2013-07-06T14:59:00Z", datetime(2013, 7, 6, 18, 59)) == "Evening run"
    assert run_title("", datetime(2013, 7, 6, 13, 0)) == "Afternoon run"
    assert run_title(" Track with Anna ", datetime(2013, 7, 6, 13, 0)) == "Track with Anna"
    assert short_date(date.today()).count(" ") == 2  # no year this year


def test_counted_words_read_right_for_one_and_many(main_window: MainWindow, qtbot) -> None:
    save_session(make_session(day=DAY, minutes=45))
    journal = main_window.show_view("journal")
    journal.open_item(DAY)
    main_window.bus.publish(Changes(sessions=True))
    assert "· 1 active day · 0 day entries" in journal.month_totals.text()

    assert counted(1, "row", "rows") == "1 row" and counted(1200, "row", "rows") == "1,200 rows"
    assert label(SessionKind.STRENGTH) == "Strength & mobility"
    assert plural(1, "%n item", "%n items") == "1 item"
    assert plural(3, "%n item", "%n items") == "3 items"


def test_a_passage_can_be_made_from_the_plan_and_from_the_blocks_tab(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    setup = view.panel.setup
    assert setup.new_passage.isVisible()  # offered even before the repertoire has any
    click(qtbot, setup.new_passage)
    piece = setup._new_passage_dialog
    qtbot.waitUntil(piece.isVisible)
    qtbot.keyClicks(piece.title, "Nocturne op. 9/2")
    piece.accept()
    passage = setup._new_passage_dialog
    assert passage is not piece and passage.piece.currentText() == "Nocturne op. 9/2"
    qtbot.keyClicks(passage.label, "Bars 33-48")
    passage.accept()
    assert "Bars 33-48" in setup.passage.currentText() and setup.passage.currentData()

    journal = main_window.show_view("journal")
    qtbot.mouseClick(journal.add_music, Qt.MouseButton.LeftButton)
    editor = journal.editor
    qtbot.waitUntil(editor.isActiveWindow)
    click_tab(qtbot, editor, BLOCKS)
    blocks = editor.blocks
    click(qtbot, blocks.new_passage_button)
    dialog = blocks._new_passage_dialog
    qtbot.keyClicks(dialog.label, "Coda")
    dialog.accept()
    combo = blocks.table.cellWidget(0, blocks_table.COLUMN_OF["passage_id"])
    assert combo.currentText() == "Nocturne op. 9/2 · Coda"
    click_tab(qtbot, editor, GENERAL)
    qtbot.keyClicks(editor.general.duration, "30")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(journal.selected_day())
    assert journal_service.load_session(session_id).blocks[0].passage_id == combo.currentData()


def test_a_fit_workout_is_followed_step_by_step(main_window: MainWindow, qtbot) -> None:
    fixture = Path(__file__).parent.parent / "fixtures" / "running" / "workout-repeat-steps.fit"
    import_paths([fixture], now=datetime(2026, 3, 2, tzinfo=UTC), local_tz=UTC)
    view = today_view(main_window, qtbot)
    view.refresh_now()
    setup = view.panel.setup
    click(qtbot, setup.running)
    setup.workout.setCurrentIndex(1)
    click(qtbot, setup.use_plan)
    # only the warm-up is timed: no made-up "1 min" total; the steps carry the plan
    assert (setup.reps.value(), setup.minutes.value()) == (6, 0)
    qtbot.keyClicks(setup.rows[0].text, "Smooth 500s")
    shortcut(qtbot, view, "timer")
    steps = view.panel.practice_panel.steps
    lines = steps.text().split("\n")
    assert steps.isVisible() and len(lines) == 8
    assert lines[0].startswith("▶ 1. Warm-up") and "1 min · heart-rate zone 2" in lines[0]
    assert "2. Run: B1_ — 500 m · power zone 5" in lines[1]
    assert "until heart rate is below 125 bpm" in lines[7]
    shortcut(qtbot, view, "rep")
    assert steps.text().split("\n")[2].startswith("▶ 3.")  # the first 500 m done
    for _ in range(5):
        shortcut(qtbot, view, "rep")
    assert steps.text().split("\n")[7].startswith("▶ 8. Cool-down")
