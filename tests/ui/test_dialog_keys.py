"""Every dialog that takes typing opens with the cursor in its first field, Enter saves, Esc
cancels, and nothing typed is dropped without asking (issue 12, defect 4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from cadence.services.records import library
from cadence.store.models import Gear, Piece
from cadence.ui.dialogs.ask import AskDialog
from cadence.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints"
)  # offscreen Qt, resizing a shown dialog


def focused():
    return QApplication.focusWidget()


def wait_open(qtbot, dialog) -> None:
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)


def answer_when_asked(qtbot, choice: str, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, AskDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.windowTitle())
        box.answer_buttons[choice].click()

    QTimer.singleShot(0, answer)


def test_add_piece_keeps_what_is_typed(main_window: MainWindow, qtbot) -> None:
    view = main_window.show_view("music")
    panel = view.repertoire
    panel.add_piece_button.click()
    dialog = panel.dialog
    wait_open(qtbot, dialog)
    assert focused() is dialog.title  # typing goes into Title at once
    qtbot.keyClicks(focused(), "Clair de lune")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Debussy")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    assert [(p.title, p.composer) for p in Piece.select()] == [("Clair de lune", "Debussy")]

    panel.add_piece_button.click()
    dialog = panel.dialog
    wait_open(qtbot, dialog)
    qtbot.keyClicks(focused(), "Arabesque No. 1")
    seen: list[str] = []
    answer_when_asked(qtbot, "", seen)  # Esc asks; "Keep editing"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert seen == ["Discard what you typed?"] and dialog.isVisible()
    assert dialog.title.text() == "Arabesque No. 1"
    answer_when_asked(qtbot, "discard", seen)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and Piece.select().count() == 1

    panel.add_piece_button.click()  # nothing typed: Esc just closes
    dialog = panel.dialog
    wait_open(qtbot, dialog)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(seen) == 2


def test_add_passage_and_shoes_and_preferences_open_in_their_first_field(
    main_window: MainWindow, qtbot
) -> None:
    library.add_piece("Clair de lune", "Debussy")
    music = main_window.show_view("music")
    music.refresh_now()
    music.repertoire.add_passage_button.click()
    dialog = music.repertoire.dialog
    wait_open(qtbot, dialog)
    assert focused() is dialog.piece
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    running = main_window.show_view("running")
    running.gear.add_shoes()
    dialog = running.gear.dialog
    wait_open(qtbot, dialog)
    assert focused() is dialog.name
    qtbot.keyClicks(focused(), "Trail shoes")
    qtbot.keyClick(focused(), Qt.Key.Key_Enter)
    assert not dialog.isVisible() and [g.name for g in Gear.select()] == ["Trail shoes"]

    from cadence.ui.dialogs.preferences import PreferencesDialog

    prefs = PreferencesDialog(main_window.bus, main_window)
    prefs.open()
    wait_open(qtbot, prefs)
    assert focused() is prefs.name
    prefs.reject()  # nothing typed: closes without asking
    assert not prefs.isVisible()


def test_the_stop_point_dialog_asks_before_dropping_a_note(main_window: MainWindow, qtbot) -> None:
    today = main_window.show_view("today")
    today.panel.setup.rows[0].text.setText("Long tones")
    today.panel.setup.reps.setValue(5)
    assert today.panel.start()
    today.panel.stop()  # early: where and why
    dialog = today.panel.stop_dialog
    wait_open(qtbot, dialog)
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "left wrist tight")
    seen: list[str] = []
    answer_when_asked(qtbot, "", seen)  # Esc asks; keep editing
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert seen == ["Discard what you typed?"] and dialog.isVisible()

    today.act_discard.trigger()  # the session itself goes: the dialog closes without asking
    assert today.panel.stop_dialog is None and today.panel.step == "setup"
    assert seen == ["Discard what you typed?"]
