"""Fixtures for the views: a real journal file, a main window driven with qtbot, and window
settings kept in a temporary INI file (never the user's own)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState


@pytest.fixture
def window_state(tmp_path: Path) -> WindowState:
    return WindowState(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def bus(qapp) -> AppBus:
    return AppBus()


@pytest.fixture
def main_window(
    qtbot, journal: Path, bus: AppBus, window_state: WindowState
) -> Iterator[MainWindow]:
    window = MainWindow(bus, journal, window_state)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    yield window
