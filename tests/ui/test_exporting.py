"""File → Export, as a person would: choose JSON, CSV or iCalendar, then where; the file is written
on a worker thread under a busy cursor and the status bar says where it went. The file dialogs
are replaced by functions that answer with a temporary path; everything else is real."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from tests.conftest import make_session

from cadence.domain.enums import Discipline, SessionKind, SessionStatus
from cadence.services.records.journal import save_session
from cadence.ui.exporting import ExportFormatDialog, ExportKind, csv_folder
from cadence.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
TIMEOUT = 20_000


@pytest.fixture
def filled(main_window: MainWindow) -> MainWindow:
    save_session(make_session(title="Scales", notes="=SUM(A1)"))
    save_session(make_session(Discipline.RUNNING, SessionKind.EASY, distance_m=8000))
    plan = make_session(Discipline.RUNNING, SessionKind.INTERVALS, day=date(2026, 4, 1))
    plan.status, plan.title = SessionStatus.PLANNED, "6 × 800 m"
    save_session(plan)
    return main_window


def format_dialog(window: MainWindow, qtbot) -> ExportFormatDialog:
    window.act_export.trigger()
    dialog = window.exporter.format_dialog
    assert isinstance(dialog, ExportFormatDialog)
    qtbot.waitExposed(dialog)
    return dialog


def export_as(window: MainWindow, qtbot, kind: ExportKind) -> str:
    """Choose the kind in the dialog, press "Choose where…", wait for the file to be written."""
    dialog = format_dialog(window, qtbot)
    radio = dialog.radios[kind]
    qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))  # on its round button
    assert dialog.chosen() == kind
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.text() == "Choose where…"
    with qtbot.waitSignal(window.exporter.finished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(ok, LEFT)
        # the call came back at once: the file is written on a worker, under a busy cursor
        if window.exporter.busy:
            assert QApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    assert QApplication.overrideCursor() is None
    return blocker.args[0]


def save_to(monkeypatch, path: Path, asked: list[str] | None = None) -> None:
    def answer(parent, title, start, filters):
        if asked is not None:
            asked.append(Path(start).name)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


def test_json_export_of_the_whole_journal(filled: MainWindow, qtbot, monkeypatch, tmp_path) -> None:
    asked: list[str] = []
    save_to(monkeypatch, tmp_path / "backup", asked)  # no suffix typed: .json is added
    message = export_as(filled, qtbot, ExportKind.JSON)

    target = tmp_path / "backup.json"
    assert asked == [f"cadence-{date.today().isoformat()}.json"]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "cadence-journal-export"
    assert len(data["tables"]["session"]["rows"]) == 3
    assert message == f"Exported 3 sessions to {target}"
    assert filled.statusBar().currentMessage() == message


def test_csv_export_goes_into_a_new_folder_when_the_chosen_one_has_files(
    filled: MainWindow, qtbot, monkeypatch, tmp_path
) -> None:
    chosen = tmp_path / "Documents"
    chosen.mkdir()
    (chosen / "letter.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(chosen)))
    message = export_as(filled, qtbot, ExportKind.CSV)

    folder = chosen / f"cadence-csv-{date.today().isoformat()}"
    assert message.endswith(f"as CSV files in {folder}")
    assert sorted(p.name for p in chosen.iterdir()) == [folder.name, "letter.txt"]
    with (folder / "session.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["title"] for r in rows) == ["", "6 × 800 m", "Scales"]
    assert {r["notes"] for r in rows} == {"", "'=SUM(A1)"}  # a formula is kept as text
    # an empty folder is written into directly; a second export beside the first gets its own
    assert csv_folder(tmp_path / "empty-one", date(2026, 1, 2)).name == "cadence-csv-2026-01-02"
    (tmp_path / "empty").mkdir()
    assert csv_folder(tmp_path / "empty", date(2026, 1, 2)) == tmp_path / "empty"
    second = csv_folder(chosen, date.today())
    assert second.name == f"{folder.name}-2"


def test_icalendar_export_of_plans(filled: MainWindow, qtbot, monkeypatch, tmp_path) -> None:
    save_to(monkeypatch, tmp_path / "plans.ics")
    message = export_as(filled, qtbot, ExportKind.ICS)
    text = (tmp_path / "plans.ics").read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20260401" in text
    assert message == f"Exported 1 calendar entry to {tmp_path / 'plans.ics'}"


# QMessageBox fixes its size once shown, which the offscreen platform reports as unsupported
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_place_that_cannot_be_written_says_what_to_do(
    filled: MainWindow, qtbot, monkeypatch, tmp_path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    save_to(monkeypatch, blocked / "journal.json")
    message = export_as(filled, qtbot, ExportKind.JSON)

    assert message == (
        f"Could not write {blocked / 'journal.json'}: a-file is a file, not a folder. "
        "Choose a place you can write to."
    )
    box = filled.exporter.error_box
    assert box is not None and box.isVisible() and box.text() == message
    assert blocked.read_text(encoding="utf-8") == "not a folder"  # nothing else was touched
    assert not filled.exporter.busy


def test_cancelling_either_dialog_writes_nothing(
    filled: MainWindow, qtbot, monkeypatch, tmp_path
) -> None:
    dialog = format_dialog(filled, qtbot)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), LEFT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    dialog = format_dialog(filled, qtbot)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), LEFT)
    assert not filled.exporter.busy
    assert QApplication.overrideCursor() is None
    journal_files = {"journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm", "window.ini"}
    assert {p.name for p in tmp_path.iterdir()} <= journal_files
