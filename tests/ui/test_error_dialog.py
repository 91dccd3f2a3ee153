from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cadence.ui import app as app_module
from cadence.ui.main_window import MainWindow


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_unexpected_error_says_what_happened_and_where_the_log_is(
    main_window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path, error_guard
) -> None:
    error_guard.expect_errors()  # this test reads and closes the dialog itself
    monkeypatch.setattr(app_module, "log_file", lambda: tmp_path / "cadence.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app_module.install_error_dialog(lambda: main_window)
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["details"] = box.detailedText()
        box.accept()

    QTimer.singleShot(50, read_and_close)
    try:
        raise ValueError("the metronome fell off the piano")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "the metronome fell off the piano" in seen["text"]
    assert "kept as a draft" in seen["text"]
    assert str(tmp_path / "cadence.log") in seen["text"]
    assert "ValueError" in seen["details"]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_write_to_a_read_only_journal_says_so_without_promising_a_draft(
    main_window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    import sqlite3

    monkeypatch.setattr(app_module, "log_file", lambda: tmp_path / "cadence.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_error_dialog(lambda: main_window)
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        box.accept()

    QTimer.singleShot(50, read_and_close)
    try:
        raise sqlite3.OperationalError("attempt to write a readonly database")
    except sqlite3.OperationalError:
        sys.excepthook(*sys.exc_info())
    assert "opened to read only" in seen["text"] and "draft" not in seen["text"]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_error_that_reaches_the_user_fails_the_test(
    main_window: MainWindow, qtbot, error_guard
) -> None:
    """The guard every UI test runs under: an exception in a slot reaches the hook and shows the
    app's error dialog, which the guard closes and turns into a test failure."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: 1 / 0)
    timer.start(0)
    qtbot.waitUntil(lambda: len(error_guard.seen) == 2)  # the hook, then the dialog
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)  # closed, not left open
    assert "ZeroDivisionError" in error_guard.seen[0]
    assert error_guard.seen[1].startswith("the error dialog appeared")
    with pytest.raises(pytest.fail.Exception, match="ZeroDivisionError"):
        error_guard.check()
    assert error_guard.seen == []
