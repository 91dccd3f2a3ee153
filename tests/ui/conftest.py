"""Fixtures for the views: a real journal file, a main window driven with qtbot, and window
settings kept in a temporary INI file (never the user's own).

Every UI test fails if the app's error dialog ("Something went wrong") appeared or an exception
reached `sys.excepthook`: the main window is built with the app's own error handler installed, as
`cadence` runs it, and `error_guard` records (and closes) any error dialog and fails the test."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cadence.ui import app as app_module
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState

# Offscreen Qt's own screen is 800×800, smaller than the windows the views are drawn in: the views
# are tested on a desktop screen of 1920×1080 (tests/ui/test_layout.py also tries 1280×720).
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    SCREEN = Path(__file__).with_name("screen-1920x1080.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"


class ErrorGuard(QObject):
    """Watches the whole application for the error dialog, and wraps the exception hook."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []
        self.passive = False  # a test of the error dialog itself reads and closes it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QMessageBox)
            and watched.windowTitle() == app_module.ERROR_TITLE
        ):
            self.seen.append(
                f"the error dialog appeared: {watched.text()}\n{watched.detailedText()}"
            )
            if not self.passive:
                QTimer.singleShot(0, watched.reject)  # never left blocking the test
        return False

    def wrap_hook(self) -> None:
        hook = sys.excepthook

        def recording(kind, value, tb) -> None:
            self.seen.append("".join(traceback.format_exception(kind, value, tb)))
            hook(kind, value, tb)

        sys.excepthook = recording

    def check(self) -> None:
        if self.seen and not self.passive:
            seen, self.seen = self.seen, []
            pytest.fail("An unexpected error reached the user:\n" + "\n".join(seen))

    def expect_errors(self) -> list[str]:
        """For a test that provokes the error dialog on purpose: stop guarding, hand over."""
        self.passive = True
        return self.seen


@pytest.fixture(autouse=True)
def error_guard(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[ErrorGuard]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # whatever is installed is undone
    guard = ErrorGuard()
    qapp.installEventFilter(guard)
    try:
        yield guard
    finally:
        QApplication.processEvents()
        qapp.removeEventFilter(guard)
    guard.check()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield
    guard = getattr(item, "funcargs", {}).get("error_guard")
    if guard is not None:
        QApplication.processEvents()
        guard.check()  # a failure of the test itself, not an error in its teardown
    return result


@pytest.fixture
def window_state(tmp_path: Path) -> WindowState:
    return WindowState(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def bus(qapp) -> AppBus:
    return AppBus()


@pytest.fixture
def main_window(
    qtbot, journal: Path, bus: AppBus, window_state: WindowState, error_guard: ErrorGuard
) -> Iterator[MainWindow]:
    window = MainWindow(bus, journal, window_state)
    qtbot.addWidget(window)
    app_module.install_error_dialog(lambda: window)  # as the app runs: errors go to the dialog
    error_guard.wrap_hook()
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    yield window
