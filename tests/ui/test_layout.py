"""Layout at the desk: every window and dialog fits a 1280×720 screen (and a 1920×1080 one) and
remembers the size it was left at; the Practising card keeps its height whatever the right
column holds (issue 12, defects 5 and 6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog
from tests.conftest import make_session
from tests.ui.test_today_pages import imported_run

from cadence.services.demo.generate import generate_demo
from cadence.services.records.journal import save_session
from cadence.ui import sizing
from cadence.ui.dialogs.preferences import PreferencesDialog
from cadence.ui.dialogs.session_editor import SessionEditor
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import PRACTICE
from cadence.ui.today.stop_point_dialog import StopPointDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen Qt has no window manager

SCREENS = [QSize(1280, 720), QSize(1920, 1080)]


@pytest.fixture(params=SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def screen(request, monkeypatch: pytest.MonkeyPatch) -> QRect:
    area = QRect(0, 0, request.param.width(), request.param.height())
    monkeypatch.setattr(sizing, "available_area", lambda _widget=None: QRect(area))
    return area


def fits(window, area: QRect) -> bool:
    frame = window.frameGeometry()
    return frame.width() <= area.width() and frame.height() <= area.height()


def open_dialogs(window: MainWindow, qtbot) -> list[QDialog]:
    """Every dialog a person opens in a day, opened as the app opens it."""
    dialogs: list[QDialog] = []
    music = window.show_view("music")
    music.repertoire.add_piece_button.click()
    dialogs.append(music.repertoire.dialog)
    running = window.show_view("running")
    running.gear.add_shoes()
    dialogs.append(running.gear.dialog)
    prefs = PreferencesDialog(window.bus, window)
    prefs.open()
    dialogs.append(prefs)
    stop = StopPointDialog("At 12:00, after rep 3 of 8.", parent=window)
    stop.open()
    dialogs.append(stop)
    editor = SessionEditor(window.bus, None, window)
    editor.open()
    dialogs.append(editor)
    reports = window.show_view("reports")
    qtbot.waitUntil(lambda: reports.report is not None, timeout=20_000)
    reports.open_preview()
    dialogs.append(reports.preview_dialog)
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
    return dialogs


def test_every_window_and_dialog_fits_the_screen(
    journal, qtbot, bus, window_state, screen: QRect
) -> None:
    generate_demo(0.1, 1, date.today())
    window = MainWindow(bus, journal, window_state)  # opened as on first start: no saved size
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert fits(window, screen), window.frameGeometry()
    for dialog in open_dialogs(window, qtbot):
        assert fits(dialog, screen), (type(dialog).__name__, dialog.frameGeometry())
        assert dialog.minimumWidth() <= screen.width()
        assert dialog.minimumHeight() <= screen.height()
        dialog.done(0)


def test_the_report_preview_and_the_editor_remember_their_size(
    main_window: MainWindow, qtbot, screen: QRect
) -> None:
    reports = main_window.show_view("reports")
    qtbot.waitUntil(lambda: reports.report is not None, timeout=20_000)
    reports.open_preview()
    preview = reports.preview_dialog
    qtbot.waitExposed(preview)
    assert preview.height() <= screen.height() - sizing.FRAME_ALLOWANCE.height()
    preview.resize(700, 500)
    preview.reject()
    reports.open_preview()
    qtbot.waitExposed(reports.preview_dialog)
    assert reports.preview_dialog.size() == QSize(700, 500)
    reports.preview_dialog.reject()

    music = main_window.show_view("music")
    music.repertoire.add_piece_button.click()
    qtbot.waitExposed(music.repertoire.dialog)
    hint = music.repertoire.dialog.sizeHint()
    assert music.repertoire.dialog.height() <= max(hint.height(), 200)  # sized to its fields
    music.repertoire.dialog.resize(640, 300)
    music.repertoire.dialog.done(0)
    music.repertoire.add_piece_button.click()
    qtbot.waitExposed(music.repertoire.dialog)
    assert music.repertoire.dialog.size() == QSize(640, 300)
    music.repertoire.dialog.done(0)

    editor = SessionEditor(main_window.bus, None, main_window)
    editor.open()
    qtbot.waitExposed(editor)
    editor.resize(900, 600)
    editor.reject()
    again = SessionEditor(main_window.bus, None, main_window)
    assert again.size() == QSize(900, 600)
    again.deleteLater()


def test_a_main_window_left_on_a_larger_screen_opens_inside_this_one(
    journal, qtbot, bus, window_state, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = MainWindow(bus, journal, window_state)
    qtbot.addWidget(first)
    first.resize(1900, 1050)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    small = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(sizing, "available_area", lambda _widget=None: QRect(small))
    second = MainWindow(bus, journal, window_state)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert fits(second, small), second.frameGeometry()
    assert second.testAttribute(Qt.WidgetAttribute.WA_WState_Visible)


def practising_geometry(view, qtbot) -> dict[str, int]:
    QApplication.processEvents()
    card = view.session_card
    panel = view.panel.practice_panel
    assert view.panel.step == PRACTICE and panel.isVisible()

    def top(widget) -> int:
        return widget.mapTo(card, widget.rect().topLeft()).y()

    # the card has no room beyond what its content needs at its width
    assert card.height() <= card.heightForWidth(card.width())
    return {
        "intentions": top(panel.intentions) - top(card.title),
        "plan": top(panel.plan) - top(card.title),
        "clock": top(panel.clock) - top(card.title),
    }


def practise(view, aim: str) -> None:
    setup = view.panel.setup
    setup.rows[0].text.setText(aim)
    setup.reps.setValue(6)
    assert view.panel.start()


def test_the_practising_card_keeps_its_height_beside_a_long_right_column(
    main_window: MainWindow, qtbot
) -> None:
    for n in range(8):  # a long inbox and a long list of today's sessions
        imported_run(date.today() - timedelta(days=n + 1), f"Run {n}", f"run@{n}")
        save_session(make_session(day=date.today(), title=f"Scales {n}"))
    view = main_window.show_view("today")
    view.refresh_now()
    practise(view, "Bars 1-8, relaxed")
    first = practising_geometry(view, qtbot)
    right = view.sessions.geometry().bottom()
    assert right > view.session_card.geometry().bottom() + 150  # the right column is taller

    view.panel.stop()  # early: the reflection, taller than the timer, is laid out
    view.panel.stop_dialog.accept()
    view.panel.back_to_timer()  # not finished after all
    assert practising_geometry(view, qtbot) == first

    view.panel.stop()
    view.panel.stop_dialog.accept()
    assert view.panel.save() is not None
    practise(view, "Scales in thirds")  # the next session of the day
    assert practising_geometry(view, qtbot) == first
