"""The Trash view: what was deleted, restoring several at once (undoable), deleting forever only
after a confirmation, and a day entry that cannot come back because its day has a new one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from tests.conftest import make_session

from cadence.domain.enums import Discipline
from cadence.domain.records import DayEntryData
from cadence.services.records.days import (
    get_day_entry,
    save_day_entry,
    trash_day_entry,
    trashed_day_entries,
)
from cadence.services.records.journal import (
    load_session,
    save_session,
    trash_sessions,
    trashed_sessions,
)
from cadence.ui.dialogs.ask import AskDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.views.trash import TrashView

DAY = date(2026, 3, 11)


def trash_view(window: MainWindow) -> TrashView:
    return window.show_view("trash")  # type: ignore[return-value]


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


def select_rows(qtbot, view: TrashView, rows: list[int]) -> None:
    """Click the first row, Ctrl+click the others."""
    table = view.table
    for i, row in enumerate(rows):
        rect = table.visualItemRect(table.item(row, 2))
        modifier = Qt.KeyboardModifier.ControlModifier if i else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def fill_trash() -> tuple[int, int]:
    music = make_session(day=DAY, title="Scales")
    run = make_session(Discipline.RUNNING, day=DAY, distance_m=8000)
    save_session(music)
    save_session(run)
    save_day_entry(DayEntryData(day=DAY, text="**Tired** legs\nsecond line"))
    trash_sessions([music.id])
    trash_sessions([run.id])
    trash_day_entry(DAY)
    return music.id, run.id


def test_the_trash_lists_sessions_and_day_entries(qtbot, main_window: MainWindow) -> None:
    fill_trash()
    view = trash_view(main_window)
    table = view.table
    assert table.rowCount() == 3
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(3)}
    assert rows["Music session"] == "Practice · 30:00 · Scales"
    assert rows["Running session"] == "Easy · 30:00 · 8.00 km"
    assert rows["Day entry"] == "Tired legs"
    assert "3 items in the trash" in view.count.text()
    assert not view.restore_button.isEnabled() and not view.delete_button.isEnabled()
    assert not view.empty.isVisible()


def test_an_empty_trash_says_what_goes_there(qtbot, main_window: MainWindow) -> None:
    view = trash_view(main_window)
    assert view.empty.isVisible() and not view.table.isVisible()
    assert "The trash is empty" in view.empty.text()


def test_restore_several_at_once_and_undo(qtbot, main_window: MainWindow) -> None:
    music_id, run_id = fill_trash()
    view = trash_view(main_window)
    kinds = [view.table.item(r, 0).text() for r in range(3)]
    select_rows(qtbot, view, [kinds.index("Music session"), kinds.index("Day entry")])
    assert len(view.selected_items()) == 2

    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)

    assert [s.id for s in trashed_sessions()] == [run_id]
    assert get_day_entry(DAY).text.startswith("**Tired**")
    assert view.table.rowCount() == 1
    assert view.table.item(0, 0).text() == "Running session"

    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {s.id for s in trashed_sessions()} == {music_id, run_id}
    assert get_day_entry(DAY) is None
    assert view.table.rowCount() == 3


def test_delete_forever_asks_first(qtbot, main_window: MainWindow) -> None:
    music_id, run_id = fill_trash()
    view = trash_view(main_window)
    view.table.selectAll()

    said = answer_next_box(qtbot, "Cancel")
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert said == ["Delete 3 items forever?"]
    assert len(trashed_sessions()) == 2 and len(trashed_day_entries()) == 1

    answer_next_box(qtbot, "Delete forever")
    main_window.activateWindow()  # offscreen, nothing gives the window back its focus
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert trashed_sessions() == [] and trashed_day_entries() == []
    for session_id in (music_id, run_id):
        with pytest.raises(KeyError):
            load_session(session_id)
    assert view.empty.isVisible()


def test_a_day_entry_whose_day_has_a_new_one_stays_in_the_trash(
    qtbot, main_window: MainWindow
) -> None:
    save_day_entry(DayEntryData(day=DAY, text="old"))
    trash_day_entry(DAY)
    save_day_entry(DayEntryData(day=DAY, text="new"))
    view = trash_view(main_window)
    view.table.selectionModel().select(
        view.table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    said = answer_next_box(qtbot, "OK")
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert "already has an entry" in said[0]
    assert get_day_entry(DAY).text == "new"
    assert [e.text for e in trashed_day_entries()] == ["old"]


def test_trashed_in_the_journal_restored_from_the_trash(qtbot, main_window: MainWindow) -> None:
    save_session(session := make_session(day=DAY))
    journal = main_window.show_view("journal")
    journal.open_item(DAY)
    qtbot.mouseClick(journal.cards[0].trash_button, Qt.MouseButton.LeftButton)

    qtbot.keyClick(main_window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    view = main_window.current_view()
    assert view.NAME == "trash" and view.table.rowCount() == 1
    select_rows(qtbot, view, [0])
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert trashed_sessions() == []

    main_window.show_view("journal")
    assert [c.session_id for c in journal.cards] == [session.id]


def test_restore_and_delete_act_on_the_current_row(qtbot, main_window: MainWindow) -> None:
    """Issue 12: the row the cursor is on counts, without an explicit selection."""
    fill_trash()
    view = trash_view(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    view.table.setFocus()  # Tab into the table: a row is current, none is selected
    view.table.clearSelection()
    view.table.setCurrentCell(1, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
    assert not view.table.selectionModel().selectedRows()
    current = view.table.item(1, 0).text()
    assert view.restore_button.isEnabled() and view.delete_button.isEnabled()

    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == 2
    assert current not in [view.table.item(r, 0).text() for r in range(2)]

    view.table.clearSelection()
    view.table.setCurrentCell(0, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
    said = answer_next_box(qtbot, "Delete forever")
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert said == ["Delete 1 item forever?"] and view.table.rowCount() == 1
