"""Opening the demo journal (a separate file, made in a child process) and switching back."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadence.store.models import Session
from cadence.ui import journal_switch
from cadence.ui.main_window import MainWindow


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_demo_journal_is_its_own_file_and_the_way_back_is_open(
    main_window: MainWindow, qtbot, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "data" / "demo.sqlite"
    monkeypatch.setattr(journal_switch, "demo_path", lambda: demo)
    monkeypatch.setattr(journal_switch, "DEMO_YEARS", 0.25)
    assert Session.select().count() == 0

    warned: list[str] = []  # a demo that fails says so in a modal box: recorded, not left open
    monkeypatch.setattr(
        journal_switch.QMessageBox, "warning", lambda _parent, _title, text: warned.append(text)
    )

    main_window.bus.command.emit("open-demo")  # what the welcome card's button sends
    qtbot.waitUntil(lambda: main_window.journal_path == demo or bool(warned), timeout=60_000)
    assert not warned, warned[0]

    assert Session.select().count() > 20
    assert "demo" in main_window.windowTitle()
    assert not demo.with_name("demo-in-progress.sqlite").exists()

    assert journal_switch.switch_journal(main_window, journal)
    assert Session.select().count() == 0  # the user's journal holds nothing of the demo
    assert main_window.journal_path == journal


def test_a_journal_that_cannot_be_opened_keeps_the_current_one(
    main_window: MainWindow, qtbot, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a journal" * 100)
    shown: list[str] = []
    monkeypatch.setattr(
        journal_switch.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    assert not journal_switch.switch_journal(main_window, broken)
    assert "damaged or is not a Cadence journal" in shown[0]
    assert main_window.journal_path == journal
    assert Session.select().count() == 0  # the previous journal is open again
