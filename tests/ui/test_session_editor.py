"""The session editor driven like a person: type into fields and table cells, press the buttons
and shortcuts, then look at what the journal file holds and at what the dialog shows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    BodySide,
    Discipline,
    GearKind,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    StopAction,
    StopReason,
)
from cadence.domain.records import (
    BlockData,
    IntentionData,
    ReflectionData,
    StopPointData,
)
from cadence.services.browse.calendar import session_ids_on
from cadence.services.records.journal import load_session, save_session, trashed_sessions
from cadence.services.records.library import add_focus, add_gear, add_passage, add_piece
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.ask import AskDialog
from cadence.ui.dialogs.session_editor import BLOCKS, GENERAL, PURPOSE, SessionEditor
from cadence.ui.editor import blocks_table, stops_table

DAY = date(2026, 3, 2)


def open_editor(qtbot, bus: AppBus, session_id: int | None = None, **kwargs) -> SessionEditor:
    editor = SessionEditor(bus, session_id, None, **kwargs)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def click_tab(qtbot, editor: SessionEditor, index: int) -> None:
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert editor.tabs.currentIndex() == index


def type_in_cell(qtbot, table: QTableWidget, row: int, col: int, text: str) -> None:
    """Click the cell, F2, type, Enter."""
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell_editor = QApplication.focusWidget()
    assert cell_editor is not table and table.isAncestorOf(cell_editor)
    cell_editor.selectAll()
    qtbot.keyClicks(cell_editor, text)
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)


def answer_next_box(qtbot, button_text: str) -> list[str]:
    """Click `button_text` in the question box about to open; returns what the box asked."""
    seen: list[str] = []
    tries = [0]

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, AskDialog):
            tries[0] += 1
            assert tries[0] < 200, "no question box opened"
            QTimer.singleShot(10, click)
            return
        seen.append(box.findChild(QLabel, "AskText").text())
        button = next(b for b in box.buttons.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return seen


def test_a_new_session_typed_in_full_is_saved(qtbot, journal: Path, bus: AppBus) -> None:
    piece, _ = add_piece("Prelude BWV 999")
    passage, _ = add_passage(piece, "Bars 33-48", "33-48")
    focus, _ = add_focus("Relaxed right hand", Discipline.MUSIC)
    editor = open_editor(qtbot, bus, None, discipline=Discipline.MUSIC, day=DAY)
    assert editor.windowTitle() == "New music session"
    general = editor.general

    qtbot.keyClicks(general.duration, "45")
    qtbot.keyClicks(general.planned, "1:00:00")
    qtbot.keyClicks(general.rpe, "6")
    assert general.rpe_word.text() == "hard+"
    qtbot.keyClicks(general.focus, "4")
    qtbot.keyClicks(general.title, "Slow work")
    qtbot.keyClicks(general.tags, "bach, slow practice")
    qtbot.keyClicks(general.notes, "Kept **shoulders** low")

    click_tab(qtbot, editor, BLOCKS)
    qtbot.mouseClick(editor.blocks.add_button, Qt.MouseButton.LeftButton)
    table = editor.blocks.table
    qtbot.keyClicks(QApplication.focusWidget(), "Bars 33-48")  # the new row's label is open
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    col = blocks_table.COLUMN_OF
    type_in_cell(qtbot, table, 0, col["planned_reps"], "10")
    type_in_cell(qtbot, table, 0, col["done_reps"], "8")
    type_in_cell(qtbot, table, 0, col["clean_reps"], "6")
    type_in_cell(qtbot, table, 0, col["duration_s"], "15")
    type_in_cell(qtbot, table, 0, col["target_bpm"], "96")
    type_in_cell(qtbot, table, 0, col["achieved_bpm"], "84")
    passage_combo = table.cellWidget(0, col["passage_id"])
    qtbot.keyClicks(passage_combo, "Prelude")
    assert passage_combo.currentData() == passage

    click_tab(qtbot, editor, PURPOSE)
    intention = editor.intentions.rows[0]
    qtbot.keyClicks(intention.text, "Bars 33-48 at 96, relaxed shoulders")
    qtbot.keyClicks(intention.outcome, "Partly")
    qtbot.keyClicks(intention.focus, "Relaxed")
    qtbot.mouseClick(editor.stops.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "20")  # the new stop's time is open
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    stops = editor.stops.table
    type_in_cell(qtbot, stops, 0, stops_table.REP, "8")
    qtbot.keyClicks(stops.cellWidget(0, stops_table.REASON), "Pain")
    qtbot.keyClicks(stops.cellWidget(0, stops_table.BODY), "Shoulders")
    qtbot.keyClicks(stops.cellWidget(0, stops_table.SIDE), "Right")
    qtbot.keyClicks(stops.cellWidget(0, stops_table.ACTION), "Pushed")
    qtbot.keyClicks(stops.cellWidget(0, stops_table.BLOCK), "B")  # a space would open it
    type_in_cell(qtbot, stops, 0, stops_table.NOTE, "right shoulder up")

    click_tab(qtbot, editor, 3)
    went_well = editor.reflections.boxes[0]
    qtbot.keyClicks(went_well.text, "The shift in bar 37")
    qtbot.mouseClick(went_well.share, Qt.MouseButton.LeftButton)

    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(DAY)
    saved = load_session(session_id)
    assert (saved.discipline, saved.kind) == (Discipline.MUSIC, SessionKind.PRACTICE)
    assert (saved.duration_s, saved.planned_duration_s) == (2700, 3600)
    assert (saved.rpe, saved.focus, saved.title) == (6, 4, "Slow work")
    assert saved.tags == ["bach", "slow practice"]
    assert saved.notes == "Kept **shoulders** low"
    assert saved.blocks == [
        BlockData(
            "Bars 33-48",
            planned_reps=10,
            done_reps=8,
            clean_reps=6,
            duration_s=900,
            target_bpm=96,
            achieved_bpm=84,
            passage_id=passage,
        )
    ]
    assert saved.intentions == [
        IntentionData("Bars 33-48 at 96, relaxed shoulders", focus, Outcome.PARTLY)
    ]
    stop = saved.stop_points[0]
    assert (stop.elapsed_s, stop.rep_index, stop.reason) == (1200, 8, StopReason.PAIN)
    assert (stop.body_area, stop.action) == (BodyArea.SHOULDERS, StopAction.PUSHED_ON)
    assert stop.side == BodySide.RIGHT
    assert (stop.block_position, stop.note) == (0, "right shoulder up")
    assert (stop.planned_reps, stop.planned_s) == (10, 3600)  # the plan in force
    assert saved.reflections == [
        ReflectionData(ReflectionPrompt.WENT_WELL, "The shift in bar 37", True)
    ]
    assert bus.can_undo  # adding can be undone (to the trash)


def test_a_block_label_typed_then_return_then_save_keeps_it(
    qtbot, journal: Path, bus: AppBus
) -> None:
    """Return in a cell and Ctrl+S straight after: the cell is written before the save, and no
    commit of an editor already closed reaches the table afterwards (a Qt warning)."""
    editor = open_editor(qtbot, bus, None, discipline=Discipline.MUSIC, day=DAY)
    qtbot.keyClicks(editor.general.duration, "45")
    click_tab(qtbot, editor, BLOCKS)
    qtbot.mouseClick(editor.blocks.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Bars 33-48")  # the new row's label is open
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert editor.isVisible()  # Return ends the cell, it does not save the session
    assert editor.blocks.table.item(0, 0).text() == "Bars 33-48"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)  # what was queued runs: nothing may reach the closed editor
    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(DAY)
    assert [b.label for b in load_session(session_id).blocks] == ["Bars 33-48"]


def test_an_invalid_rpe_is_shown_at_the_field_and_nothing_is_saved(
    qtbot, journal: Path, bus: AppBus
) -> None:
    editor = open_editor(qtbot, bus, None, discipline=Discipline.MUSIC, day=DAY)
    qtbot.keyClicks(editor.general.duration, "30")
    qtbot.keyClicks(editor.general.rpe, "12")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    error = editor.general.fields["rpe"].error
    assert error.isVisible()
    assert "between 0 and 10" in error.text()
    assert QApplication.focusWidget() is editor.general.rpe
    assert editor.tabs.currentIndex() == GENERAL
    assert "(1 ⚠)" in editor.tabs.tabText(GENERAL)
    assert editor.summary.isVisible() and "Nothing was saved" in editor.summary.text()
    assert editor.isVisible()
    assert session_ids_on(DAY) == []

    editor.general.rpe.clear()
    qtbot.keyClicks(editor.general.rpe, "7")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert not error.isVisible()
    assert load_session(session_ids_on(DAY)[0]).rpe == 7


def test_a_stop_point_after_the_end_is_shown_at_its_row(qtbot, journal: Path, bus: AppBus) -> None:
    session = make_session(minutes=30)
    save_session(session)
    editor = open_editor(qtbot, bus, session.id)
    click_tab(qtbot, editor, PURPOSE)
    qtbot.mouseClick(editor.stops.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "45")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # still typing

    table = editor.stops.table
    assert editor.stops.error.isVisible()
    assert "Stop-point 1" in editor.stops.error.text()
    assert "after the session's end" in editor.stops.error.text()
    assert (table.currentRow(), table.currentColumn()) == (0, stops_table.AT)
    assert (
        table.item(0, stops_table.AT).toolTip() == "This stop-point comes after the session's end"
    )
    assert editor.tabs.currentIndex() == PURPOSE
    assert load_session(session.id).stop_points == []

    type_in_cell(qtbot, table, 0, stops_table.AT, "25")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert load_session(session.id).stop_points[0].elapsed_s == 1500


def test_block_errors_mark_the_cell_both_unreadable_and_refused(
    qtbot, journal: Path, bus: AppBus
) -> None:
    session = make_session(blocks=[BlockData("Scales", done_reps=4, clean_reps=4)])
    save_session(session)
    editor = open_editor(qtbot, bus, session.id)
    click_tab(qtbot, editor, BLOCKS)
    table = editor.blocks.table
    col = blocks_table.COLUMN_OF
    type_in_cell(qtbot, table, 0, col["clean_reps"], "9")
    type_in_cell(qtbot, table, 0, col["duration_s"], "ten")
    click_tab(qtbot, editor, GENERAL)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    # the unreadable duration is caught before the service; nothing else is checked yet
    assert editor.tabs.currentIndex() == BLOCKS
    assert "is not a duration" in editor.blocks.error.text()
    assert table.currentColumn() == col["duration_s"]
    type_in_cell(qtbot, table, 0, col["duration_s"], "10")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert "more clean repetitions than repetitions done" in editor.blocks.error.text()
    assert (table.currentRow(), table.currentColumn()) == (0, col["clean_reps"])
    assert table.item(0, col["clean_reps"]).toolTip()
    assert load_session(session.id).blocks[0].clean_reps == 4


def test_an_intention_left_without_text_is_named(qtbot, journal: Path, bus: AppBus) -> None:
    editor = open_editor(qtbot, bus, None, day=DAY)
    qtbot.keyClicks(editor.general.duration, "20")
    click_tab(qtbot, editor, PURPOSE)
    qtbot.keyClicks(editor.intentions.rows[0].outcome, "Achieved")  # rated, but no text
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    row = editor.intentions.rows[0]
    assert row.error.isVisible() and row.error.text() == "Write the intention"
    assert QApplication.focusWidget() is row.text
    assert session_ids_on(DAY) == []


def test_intentions_stop_at_three(qtbot, journal: Path, bus: AppBus) -> None:
    editor = open_editor(qtbot, bus, None, day=DAY)
    click_tab(qtbot, editor, PURPOSE)
    add = editor.intentions.add_button
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert len(editor.intentions.rows) == 3
    assert not add.isEnabled()
    qtbot.mouseClick(editor.intentions.rows[1].remove, Qt.MouseButton.LeftButton)
    assert len(editor.intentions.rows) == 2 and add.isEnabled()


def test_a_full_run_opens_as_saved_and_saves_unchanged(qtbot, journal: Path, bus: AppBus) -> None:
    shoes, _ = add_gear(GearKind.SHOES, "Pegasus 40")
    run = make_session(
        Discipline.RUNNING,
        kind=SessionKind.INTERVALS,
        minutes=50,
        planned_duration_s=3000,
        moving_s=2950,
        distance_m=9420,
        avg_hr=152,
        max_hr=178,
        elevation_gain_m=96,
        gear_id=shoes,
        rpe=7,
        mood=4,
        energy=3,
        flow=2,
        title="5×800",
        tags=["track"],
        blocks=[
            BlockData("800 m #1", distance_m=800, duration_s=180, target_pace_s_per_km=225),
            BlockData("800 m #2", distance_m=800, duration_s=183, achieved_pace_s_per_km=229),
        ],
        intentions=[IntentionData("Stay present in each rep", None, Outcome.ACHIEVED)],
        stop_points=[StopPointData(StopReason.PAIN, elapsed_s=2400, block_position=1)],
        reflections=[ReflectionData(ReflectionPrompt.FREE, "Windy on the back straight")],
    )
    run.started_at = datetime(2026, 3, 2, 17, 45)
    save_session(run)
    before = load_session(run.id)

    editor = open_editor(qtbot, bus, run.id)
    general = editor.general
    assert general.run_group.isVisible()
    assert general.distance.text() == "9.42"
    assert general.moving.text() == "49 min 10 s"
    assert general.gear.currentText().startswith("Pegasus 40")
    assert editor.delete_button.isVisible()
    click_tab(qtbot, editor, BLOCKS)
    table = editor.blocks.table
    col = blocks_table.COLUMN_OF
    assert table.item(0, col["target_pace_s_per_km"]).text() == "3:45"
    assert table.isColumnHidden(col["clean_reps"]) and not table.isColumnHidden(col["distance_m"])
    click_tab(qtbot, editor, PURPOSE)
    assert editor.stops.table.cellWidget(0, stops_table.BLOCK).currentText() == "Block 2 · 800 m #2"
    assert not editor.is_dirty()

    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    # the local/UTC round trip and every field hold; the stop-point gains the plan in force
    before.stop_points[0].planned_s = 3000
    assert load_session(run.id) == before


def test_distances_and_paces_follow_the_miles_preference(qtbot, journal: Path, bus: AppBus) -> None:
    save_preferences(Preferences(units="mi"))
    editor = open_editor(qtbot, bus, None, discipline=Discipline.RUNNING, day=DAY)
    qtbot.keyClicks(editor.general.duration, "40")
    qtbot.keyClicks(editor.general.distance, "5")
    click_tab(qtbot, editor, BLOCKS)
    qtbot.mouseClick(editor.blocks.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_in_cell(
        qtbot, editor.blocks.table, 0, blocks_table.COLUMN_OF["achieved_pace_s_per_km"], "8:00"
    )
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    saved = load_session(session_ids_on(DAY)[0])
    assert saved.distance_m == pytest.approx(8046.72)
    assert saved.blocks[0].achieved_pace_s_per_km == pytest.approx(480 / 1.609344)


def test_switching_discipline_changes_kinds_columns_and_prompts(
    qtbot, journal: Path, bus: AppBus
) -> None:
    editor = open_editor(qtbot, bus, None, discipline=Discipline.MUSIC, day=DAY)
    assert not editor.general.run_group.isVisible()
    qtbot.keyClicks(editor.general.discipline, "Running")
    assert editor.general.kind.currentData() == SessionKind.EASY
    assert editor.general.run_group.isVisible()
    assert editor.windowTitle() == "New running session"
    assert editor.blocks.table.isColumnHidden(blocks_table.COLUMN_OF["target_bpm"])
    questions = [b.question.text() for b in editor.reflections.boxes]
    assert "<b>What can you let go of from this run?</b>" in questions


def test_escape_asks_before_losing_typed_changes(qtbot, journal: Path, bus: AppBus) -> None:
    editor = open_editor(qtbot, bus, None, day=DAY)
    qtbot.keyClicks(editor.general.title, "Half-typed")

    said = answer_next_box(qtbot, "Keep editing")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert said == ["This session has changes that are not saved."]
    assert editor.isVisible()

    answer_next_box(qtbot, "Discard")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert session_ids_on(DAY) == []


def test_escape_without_changes_closes_at_once(qtbot, journal: Path, bus: AppBus) -> None:
    save_session(session := make_session())
    editor = open_editor(qtbot, bus, session.id)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert QApplication.activeModalWidget() is None


def test_move_to_trash_from_the_editor_can_be_undone(qtbot, journal: Path, bus: AppBus) -> None:
    save_session(session := make_session())
    editor = open_editor(qtbot, bus, session.id)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert editor.result() == SessionEditor.Deleted
    assert [s.id for s in trashed_sessions()] == [session.id]
    assert bus.undo()
    assert trashed_sessions() == []


def test_exec_returns_accepted_when_saved(qtbot, journal: Path, bus: AppBus) -> None:
    editor = SessionEditor(bus, None, None, Discipline.RUNNING, day=DAY)
    qtbot.addWidget(editor)

    def fill_and_save() -> None:
        qtbot.keyClicks(editor.general.duration, "35")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_and_save)
    assert editor.exec() == QDialog.DialogCode.Accepted
    assert load_session(editor.saved_id).kind == SessionKind.EASY


def test_the_editor_fits_a_laptop_screen(qtbot, journal: Path, bus: AppBus) -> None:
    editor = open_editor(qtbot, bus, None, day=DAY)
    assert editor.width() <= 1280 and editor.height() <= 820
    assert editor.minimumSizeHint().height() <= 720
