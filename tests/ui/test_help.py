"""Help: the shortcut sheet lists the window's real shortcuts, the getting-started page names the
real keys, and the card buttons say their keys in their tooltips (issue 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from cadence.ui.dialogs.help import GettingStartedDialog, ShortcutsDialog, shortcut_rows
from cadence.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_the_shortcut_sheet_is_read_from_the_actions(main_window: MainWindow, qtbot) -> None:
    today = main_window.show_view("today")
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    sheet = main_window.findChild(ShortcutsDialog)
    assert sheet is not None
    qtbot.waitExposed(sheet)
    table = sheet.table
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert ("File", "New session…", "Ctrl+N") in rows
    assert ("Session", "+1 rep", "Ctrl+R") in rows
    assert ("Session", "+1 clean", "Ctrl+Shift+C") in rows
    assert ("Session", "Log a warning sign…", "Ctrl+Shift+W") in rows
    assert ("Session", "Stop", "Ctrl+.") in rows
    assert ("Session", "Save", "Ctrl+S") in rows
    assert ("Edit", "Undo", "Ctrl+Z") in rows
    assert ("View", "Trends", "Ctrl+5") in rows
    assert ("Help", "Keyboard shortcuts", "Ctrl+/") in rows
    assert ("Trash", "Delete forever (the selected or current items)", "Del") in rows
    keys = [r[2] for r in rows if r[0] != "Session" or r[1] != "New session"]
    assert len(keys) == len(set(keys)), "one command per key"
    sheet.reject()

    # it cannot drift: change an action's keys and the sheet follows
    today.act_rep.setShortcut(QKeySequence("Ctrl+Shift+1"))
    assert ("Session", "+1 rep", "Ctrl+Shift+1") in shortcut_rows(main_window)


def test_getting_started_names_the_real_keys(main_window: MainWindow, qtbot) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    page = main_window.findChild(GettingStartedDialog)
    assert page is not None
    text = page.text.toPlainText()
    for words in ("Press Ctrl+N", "Ctrl+T starts the timer", "Ctrl+R", "Ctrl+.", "Ctrl+S"):
        assert words in text
    page.reject()


def test_card_buttons_say_their_keys(main_window: MainWindow) -> None:
    today = main_window.show_view("today")
    practice = today.panel.practice_panel
    tips = {
        practice.rep_button: "+1 rep (Ctrl+R)",
        practice.clean_button: "+1 clean (Ctrl+Shift+C)",
        practice.attempt_button: "+1 attempt (not clean) (Ctrl+Shift+A)",
        practice.pause_button: "Pause or resume the timer (Ctrl+T)",
        practice.stop_button: "Stop (Ctrl+.)",
        practice.warning_button: "Log a warning sign (Ctrl+Shift+W)",
        practice.take_back_button: "Take back last rep (Ctrl+Shift+R)",
        today.panel.setup.start_button: "Start the timer (Ctrl+T)",
        today.panel.reflection.save_button: "Save the session (Ctrl+S)",
    }
    assert [button.toolTip() for button in tips] == list(tips.values())
