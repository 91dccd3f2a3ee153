"""The session editor opens with the cursor in its first field (issue 12): a person opens it from
the Journal by keyboard, types at once, and Esc asks before anything typed is lost."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QStyleOption, QTableView

from cadence.domain.enums import Discipline
from cadence.services.browse.calendar import session_ids_on
from cadence.services.records.journal import load_session
from cadence.ui.dialogs.ask import AskDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.views.journal import JournalView

DAY = date(2026, 3, 11)
CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def journal_by_keyboard(qtbot, window: MainWindow) -> JournalView:
    """Ctrl+<n> of the Journal (as its menu says), then to DAY, with the calendar focused."""
    number = window.view_names.index("journal") + 1
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), CTRL)
    view = window.views["journal"]
    assert window.current_view() is view
    view.open_item(DAY)
    view.calendar.findChild(QTableView).setFocus()
    return view


def answer_when_asked(qtbot, choice: str, seen: list[str]) -> None:
    """Press the answer `choice` ("" = Keep editing) of the question box about to open, as a
    person does: Tab to its button, Space."""
    tries = [0]

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, AskDialog):
            tries[0] += 1
            assert tries[0] < 200, "no question box opened"
            QTimer.singleShot(20, answer)
            return
        seen.append(box.windowTitle())
        button = box.answer_buttons[choice]
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)

    QTimer.singleShot(0, answer)


def test_a_new_session_opens_in_its_first_field_and_esc_asks(
    qtbot, main_window: MainWindow
) -> None:
    view = journal_by_keyboard(qtbot, main_window)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter on an empty day: a new session
    editor = view.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    assert focused() is editor.general.discipline  # the first field, ready for typing
    look = QStyleOption()
    qtbot.waitUntil(lambda: editor.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange))
    look.initFrom(editor.general.discipline)
    framed = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
    assert look.state & framed == framed  # drawn with its focus frame before any Tab

    qtbot.keyClicks(focused(), "R")  # "Running", chosen by its first letter
    assert editor.general.current_discipline() == Discipline.RUNNING
    assert editor.windowTitle() == "New running session"

    seen: list[str] = []
    answer_when_asked(qtbot, "", seen)  # Keep editing
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert seen == ["Unsaved changes"]
    assert editor.isVisible()
    assert editor.general.current_discipline() == Discipline.RUNNING
    qtbot.waitUntil(editor.isActiveWindow)
    assert focused() is editor.general.discipline  # back where the typing was

    answer_when_asked(qtbot, "discard", seen)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert seen == ["Unsaved changes"] * 2
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert session_ids_on(DAY) == []


def test_a_new_session_by_keyboard_only_is_saved(qtbot, main_window: MainWindow) -> None:
    view = journal_by_keyboard(qtbot, main_window)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    editor = view.editor
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    general = editor.general
    assert focused() is general.discipline
    qtbot.keyClicks(focused(), "R")
    walked = []
    while focused() is not general.duration and len(walked) < 12:  # Tab, in reading order
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        walked.append(focused())
    assert walked[:2] == [general.kind, general.status]
    assert focused() is general.duration
    qtbot.keyClicks(focused(), "40")
    while focused() is not general.distance and len(walked) < 40:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        walked.append(focused())
    qtbot.keyClicks(focused(), "8")
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)

    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(DAY)
    saved = load_session(session_id)
    assert saved.discipline == Discipline.RUNNING
    assert saved.duration_s == 40 * 60
    assert saved.distance_m == 8000
    assert view.cards and view.cards[0].session_id == session_id  # the day shows it


def test_an_edited_session_opens_in_its_first_field_too(qtbot, main_window: MainWindow) -> None:
    from tests.conftest import make_session

    from cadence.services.records.journal import save_session

    save_session(session := make_session(day=DAY))
    view = journal_by_keyboard(qtbot, main_window)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter on a day: its first session
    editor = view.editor
    assert editor.original.id == session.id
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    assert focused() is editor.general.discipline
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not editor.isVisible()


def test_ctrl_2_then_enter_opens_the_chosen_day(qtbot, main_window: MainWindow) -> None:
    """From Today's intention field, the Journal's shortcut puts the keyboard in its calendar, so
    Enter opens the day at once (a new session for an empty day)."""
    today = main_window.show_view("today")
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    today.setFocus()  # as after a start: the cursor in the intention of a new session
    assert focused() is not None and today.isAncestorOf(focused())
    number = main_window.view_names.index("journal") + 1
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{number}"), CTRL)
    view = main_window.views["journal"]
    assert main_window.current_view() is view
    assert focused() is not None and view.calendar.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    editor = view.editor
    assert editor is not None and editor.original.local_date == view.selected_day()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    assert focused() is editor.general.discipline
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_a_view_shortcut_from_the_sidebar_puts_the_keyboard_in_the_view(
    qtbot, main_window: MainWindow
) -> None:
    """With the keyboard in the sidebar (arrowed to, or clicked), a view's shortcut moves it into
    the view, so Enter acts there: the Journal's calendar opens the chosen day."""
    main_window.show_view("today")
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    main_window.nav.setFocus()
    qtbot.waitUntil(lambda: focused() is main_window.nav)
    number = main_window.view_names.index("journal") + 1
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{number}"), CTRL)
    view = main_window.views["journal"]
    assert main_window.current_view() is view
    assert focused() is not None and view.calendar.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    editor = view.editor
    assert editor is not None and editor.original.local_date == view.selected_day()
    qtbot.waitExposed(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())
    # a view without a focus proxy takes the keyboard in its first field
    number = main_window.view_names.index("music") + 1
    main_window.nav.setFocus()
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{number}"), CTRL)
    music = main_window.views["music"]
    assert focused() is not None and music.isAncestorOf(focused())
