"""The values a musician and a runner type and read, driven through the main window: durations read
one way and shown back in words before saving."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableWidget
from tests.ui.test_session_editor import click_tab, type_in_cell
from tests.ui.test_today import FakeClock, click, shortcut, today_view

from cadence.services import journal as journal_service
from cadence.services.calendar import session_ids_on
from cadence.services.today import sessions_on
from cadence.ui.dialogs.session_editor import BLOCKS, GENERAL
from cadence.ui.editor import blocks_table
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import REFLECT, SETUP


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
