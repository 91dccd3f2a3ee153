"""Child of the draft tests: the app (a MainWindow, offscreen) on a journal, someone typing in Today,
and then nothing: the parent kills this process with SIGKILL.

Usage: today_typist.py JOURNAL SETTINGS_INI scene
         types an intention, starts and stops the session, types a reflection answer and the
         day entry, processes events for 2.5 s, prints "typed", and waits to be killed.
       today_typist.py JOURNAL SETTINGS_INI stream TEXT
         writes an intention, starts and stops, then types TEXT into the first reflection answer
         one key every 40 ms, printing "key N T" (N keys typed by CLOCK_MONOTONIC time T) after
         each, until killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from cadence.store.db import open_journal
from cadence.ui.app import create_application
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState

INTENTION = "Bars 33-48 at 96, relaxed shoulders"
REFLECTION = "Let the wrong notes go; the shift in bar 40 came after slow reps"
DAY = "Slept 7 h; calm, a little stiff in the neck"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    journal, ini, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    create_application()
    open_journal(journal)
    state = WindowState(QSettings(ini, QSettings.Format.IniFormat))
    window = MainWindow(AppBus(), journal, state)
    window.show()
    today = window.show_view("today")
    QTest.qWaitForWindowExposed(window)
    QTest.keyClicks(today.panel.setup.rows[0].text, INTENTION)
    today.act_timer.trigger()  # start
    QTest.qWait(50)
    today.act_stop.trigger()  # no plan, so no stop-point question: straight to the reflection
    answer = today.panel.reflection.prompts[0].edit
    if mode == "scene":
        QTest.keyClicks(answer, REFLECTION)
        QTest.keyClicks(today.day_entry.text, DAY)
        QTest.qWait(2500)
        say("typed")
        while True:
            QTest.qWait(100)
    text = sys.argv[4]
    say("typing")
    for n, key in enumerate(text, start=1):
        QTest.keyClicks(answer, key)
        say(f"key {n} {time.monotonic()}")
        QTest.qWait(40)
    while True:
        QTest.qWait(100)


if __name__ == "__main__":
    main()
