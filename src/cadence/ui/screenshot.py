"""Render any view of the main window to a PNG, offscreen: `cadence screenshot --view NAME`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def render_view(
    view: str, out: Path, size: tuple[int, int] = (1280, 820), settle_ms: int = 150
) -> Path:
    """The main window showing `view`, rendered to `out` (the journal must be open)."""
    from cadence.ui.app import create_application
    from cadence.ui.bus import AppBus
    from cadence.ui.journal_file import current_path
    from cadence.ui.main_window import MainWindow
    from cadence.ui.settings import WindowState

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "window.ini"), QSettings.Format.IniFormat)
        path = current_path()
        assert path is not None, "the window shows a journal file"
        window = MainWindow(AppBus(), path, WindowState(settings))
        window.resize(*size)
        window.show_view(view)
        window.show()
        _settle(app, settle_ms)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            raise OSError(f"Could not write {out}")
        window.close()
        window.deleteLater()
        app.processEvents()
    return out


def _settle(app: QApplication, ms: int) -> None:
    from PySide6.QtCore import QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents()


def ensure_offscreen() -> None:
    """Screenshots need no screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
