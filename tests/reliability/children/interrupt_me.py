"""Child of the Ctrl-C test: the app (a MainWindow, offscreen) with the interrupt handler
run_app installs; someone types an intention, then waits in the event loop.

Usage: interrupt_me.py JOURNAL SETTINGS_INI
Prints "typed" once the intention is typed (no draft saved yet), then runs the event loop; when
the loop ends (the window closed), closes the journal and prints "closed".
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from cadence.store.db import close_journal, open_journal
from cadence.ui.app import create_application, install_interrupt_handler
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState

INTENTION = "Long tones, even bow speed"


def main() -> None:
    journal, ini = Path(sys.argv[1]), sys.argv[2]
    app = create_application()
    open_journal(journal)
    window = MainWindow(AppBus(), journal, WindowState(QSettings(ini, QSettings.Format.IniFormat)))
    install_interrupt_handler(window)
    window.show()
    today = window.show_view("today")
    QTest.qWaitForWindowExposed(window)
    QTest.keyClicks(today.panel.setup.rows[0].text, INTENTION)
    print("typed", flush=True)
    app.exec()
    close_journal()
    print("closed", flush=True)


if __name__ == "__main__":
    main()
