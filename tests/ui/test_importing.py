"""Importing from the app, as a person would: File → Import, a drop onto the window, files from the
command line; progress with Cancel; the summary with each refused file's reason; a practice CSV
through its mapping dialog. Real fixture files, a real journal, the real import service."""

from __future__ import annotations

import gc
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLabel
from tests.conftest import FIXTURES

from cadence.domain.enums import Discipline, Source
from cadence.services.imports import ImportSummary, batch
from cadence.store.models import Session
from cadence.ui import importing
from cadence.ui.dialogs.csv_mapping import CsvMappingDialog
from cadence.ui.dialogs.import_summary import ImportSummaryDialog
from cadence.ui.main_window import MainWindow

RUNNING = FIXTURES / "running"
INVALID = RUNNING / "invalid"
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
TIMEOUT = 30_000


def import_and_wait(window: MainWindow, qtbot, paths: list[Path]) -> ImportSummary:
    with qtbot.waitSignal(window.importer.finished, timeout=TIMEOUT) as blocker:
        window.import_files(paths)
    return blocker.args[0]


def summary_dialog(window: MainWindow, qtbot) -> ImportSummaryDialog:
    qtbot.waitUntil(lambda: window.importer.summary_dialog is not None)
    dialog = window.importer.summary_dialog
    assert isinstance(dialog, ImportSummaryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def close(dialog, qtbot) -> None:
    button = dialog.buttons.button(dialog.buttons.StandardButton.Close)
    qtbot.mouseClick(button, LEFT)


def runs() -> list[Session]:
    return list(
        Session.select().where(Session.discipline == "running").order_by(Session.started_at)
    )


def shifted_copies(folder: Path, n: int) -> list[Path]:
    """n copies of a real GPX run, each moved to another day, so each is a run of its own."""
    text = (RUNNING / "polar-m400-run.gpx").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        day = f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}"
        path = folder / f"run-{i:03d}.gpx"
        path.write_text(text.replace("2020-10-26", day), encoding="utf-8")
        paths.append(path)
    return paths


def test_imported_runs_fill_the_running_view_and_todays_inbox(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_view("running")
    running = main_window.current_view()
    assert running.panel.is_empty

    summary = import_and_wait(main_window, qtbot, [RUNNING / "run-8-laps.fit", RUNNING / "run.tcx"])

    assert (summary.new, summary.refused) == (2, 0)
    stored = runs()
    assert [s.source for s in stored] == [Source.TCX, Source.FIT]
    assert round(stored[1].distance_m) == 7864
    # the visible view refreshed at once; Today (hidden) refreshes when shown
    assert running.panel.model.rowCount() == 2
    dialog = summary_dialog(main_window, qtbot)
    assert [row[0] for row in dialog.row_texts()] == ["new", "new"]
    assert "7.86 km" in dialog.row_texts()[0][2]
    assert dialog.review_button.isVisible()
    qtbot.mouseClick(dialog.review_button, LEFT)
    today = main_window.current_view()
    assert today.NAME == "today"
    assert set(today.inbox.buttons) == {s.id for s in stored}
    assert today.inbox.isVisible()
    assert "2 new" in main_window.statusBar().currentMessage()


def test_a_refused_file_is_named_with_its_reason_and_the_others_import(
    main_window: MainWindow, qtbot
) -> None:
    paths = [INVALID / "bad-crc.fit", RUNNING / "laps-3-run.tcx", INVALID / "made-png-renamed.fit"]
    summary = import_and_wait(main_window, qtbot, paths)

    assert (summary.new, summary.refused) == (1, 2)
    assert [s.source for s in runs()] == [Source.TCX]
    dialog = summary_dialog(main_window, qtbot)
    rows = dialog.row_texts()
    assert [(outcome, name) for outcome, name, _ in rows] == [
        ("refused", "bad-crc.fit"),
        ("refused", "made-png-renamed.fit"),
        ("new", "laps-3-run.tcx"),
    ]
    assert "checksum does not match" in rows[0][2]
    assert "Nothing of it was saved" in rows[0][2]
    assert rows[1][2].startswith("It is a PNG image")
    assert dialog.heading.text() == "Import finished, with files to look at"
    close(dialog, qtbot)
    qtbot.waitUntil(lambda: main_window.importer.summary_dialog is None)


def test_the_same_runs_again_are_already_there(main_window: MainWindow, qtbot) -> None:
    import_and_wait(main_window, qtbot, [RUNNING / "run.tcx"])
    close(summary_dialog(main_window, qtbot), qtbot)
    summary = import_and_wait(main_window, qtbot, [RUNNING / "run.tcx"])
    assert (summary.new, summary.already_there) == (0, 1)
    assert len(runs()) == 1
    assert summary_dialog(main_window, qtbot).row_texts()[0][:2] == ("already there", "run.tcx")


def drag_events(paths: list[Path] | None, urls: list[QUrl] | None = None):
    mime = QMimeData()
    mime.setUrls(urls if urls is not None else [QUrl.fromLocalFile(str(p)) for p in paths or []])
    enter = QDragEnterEvent(
        QPoint(400, 300), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    drop = QDropEvent(
        QPointF(400, 300), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    return mime, enter, drop


def test_a_folder_and_a_file_dropped_on_the_window_are_imported(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "watch"
    (folder / "older").mkdir(parents=True)
    (folder / "older" / "run.tcx").write_bytes((RUNNING / "run.tcx").read_bytes())
    (folder / "laps.tcx").write_bytes((RUNNING / "laps-3-run.tcx").read_bytes())
    (folder / "notes.txt").write_text("not a run", encoding="utf-8")
    _mime, enter, drop = drag_events([folder, RUNNING / "fenix5-short-run.fit"])

    QApplication.sendEvent(main_window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT) as blocker:
        QApplication.sendEvent(main_window, drop)
    assert drop.isAccepted()

    summary = blocker.args[0]
    assert summary.new == 3
    assert {r.name for r in summary.results} == {
        "watch/laps.tcx",
        "watch/older/run.tcx",
        "fenix5-short-run.fit",
    }
    assert len(runs()) == 3


def test_a_drag_of_web_links_is_not_taken(main_window: MainWindow) -> None:
    _mime, enter, _drop = drag_events(None, [QUrl("https://example.org/run.gpx")])
    enter.ignore()
    QApplication.sendEvent(main_window, enter)
    assert not enter.isAccepted()


def test_cancel_stops_the_batch_between_files(
    main_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(importing, "SHOW_PROGRESS_AFTER_MS", 0)
    total = 25
    shifted_copies(tmp_path / "many", total)
    importer = main_window.importer
    finished = []
    importer.finished.connect(finished.append)
    with qtbot.waitSignal(importer.progressed, timeout=TIMEOUT):
        main_window.import_files([tmp_path / "many"])
    qtbot.waitUntil(lambda: importer.progress_dialog is not None)
    dialog = importer.progress_dialog
    qtbot.waitExposed(dialog)
    assert dialog.heading.text().endswith(f"of {total}")
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.cancel_button.isEnabled()
    assert dialog.heading.text() == "Stopping after the file in hand…"
    qtbot.waitUntil(lambda: bool(finished), timeout=TIMEOUT)

    summary = finished[0]
    assert summary.cancelled
    assert 1 <= summary.new < total
    assert summary.not_started == total - len(summary.results)
    assert len(runs()) == summary.new  # what was finished is kept, nothing half-written
    shown = summary_dialog(main_window, qtbot)
    assert shown.heading.text() == "Import stopped"
    assert f"{summary.not_started} not started" in shown.note.text()


def test_the_window_stays_responsive_while_importing(
    main_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    """While a file is being read, the window's event loop keeps turning. Told by behaviour, not
    by a clock: the first file's parse waits until the GUI thread's timer has fired three times
    after the parse began. On the GUI thread that wait could never end (the timer would not fire
    until the parse returned); on the worker it ends at once."""
    shifted_copies(tmp_path / "many", 24)
    gui_thread = threading.get_ident()
    ticks_since_parse: list[int] = []
    turned = threading.Event()
    seen: list[tuple[int, bool]] = []  # (thread of the parse, whether the window turned meanwhile)
    real_parse = batch.parse_activity

    def parse_while_window_turns(data):
        if not seen:
            ticks_since_parse.append(0)
            seen.append((threading.get_ident(), turned.wait(timeout=5)))
        return real_parse(data)

    def tick() -> None:
        if ticks_since_parse:
            ticks_since_parse[0] += 1
            if ticks_since_parse[0] >= 3:
                turned.set()

    monkeypatch.setattr(batch, "parse_activity", parse_while_window_turns)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    summary = import_and_wait(main_window, qtbot, [tmp_path / "many"])
    timer.stop()
    assert summary.new == 24
    [(parse_thread, window_turned)] = seen
    assert parse_thread != gui_thread
    assert window_turned, "the window's event loop did not turn while a file was being read"
    assert gc.get_freeze_count() == 0  # the heap is thawed once the import is over


def test_ctrl_i_and_import_a_folder_use_the_file_dialogs(
    main_window: MainWindow, qtbot, monkeypatch, tmp_path: Path
) -> None:
    asked = []

    def open_names(parent, title, folder, filters):
        asked.append(title)
        return [str(RUNNING / "run.tcx")], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT):
        qtbot.keyClick(main_window, Qt.Key.Key_I, CTRL)
    assert asked == ["Import runs and practice"]
    close(summary_dialog(main_window, qtbot), qtbot)
    # an empty view's "import" button asks the window the same way
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT):
        main_window.bus.command.emit("import")
    assert len(asked) == 2
    close(summary_dialog(main_window, qtbot), qtbot)

    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "laps.tcx").write_bytes((RUNNING / "laps-3-run.tcx").read_bytes())
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(folder))
    )
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT):
        main_window.act_import_folder.trigger()
    assert len(runs()) == 2
    menu = [a.text() for a in main_window.file_menu.actions()]
    assert menu[2:5] == ["&Import…", "Import a &folder…", "&Export…"]
    assert main_window.act_import.shortcut().toString() == "Ctrl+I"


def test_an_unexpected_error_keeps_what_was_done_and_says_so(
    main_window: MainWindow, qtbot, journal: Path
) -> None:
    """Another program holds the journal's write lock longer than SQLite waits (5 s)."""
    blocker = sqlite3.connect(journal, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        summary = import_and_wait(main_window, qtbot, [RUNNING / "run.tcx"])
    finally:
        blocker.close()
    assert summary.cancelled and summary.refused == 1 and summary.new == 0
    rows = summary_dialog(main_window, qtbot).row_texts()
    assert rows[0][:2] == ("refused", "run.tcx")
    assert "database is locked" in rows[0][2] and "details are in the log" in rows[0][2]
    assert runs() == []


# --- a music practice log -------------------------------------------------------------------------


def choose(combo: QComboBox, qtbot, text: str) -> None:
    """Pick an entry by typing its first letters, as on a closed combo box."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText() == text


def mapping_dialog(window: MainWindow, qtbot) -> CsvMappingDialog:
    qtbot.waitUntil(lambda: window.importer.mapping_dialog is not None)
    dialog = window.importer.mapping_dialog
    assert isinstance(dialog, CsvMappingDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_csv_mapping_dialog_maps_columns_and_imports(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    log = tmp_path / "practice.csv"
    log.write_text(
        "When;Practised;What;Effort\n"
        "2024-03-01;45;Scales in thirds;4\n"
        "2024-03-02;1:10;Bach Allemande;6\n",
        encoding="utf-8",
    )
    main_window.show_view("music")
    main_window.import_files([log])
    dialog = mapping_dialog(main_window, qtbot)
    assert not dialog.import_button.isEnabled()
    assert "Date, Minutes" in dialog.check.text()
    assert dialog.table.item(1, 2).text() == "Bach Allemande"

    choose(dialog.combos["date"], qtbot, "When")
    choose(dialog.combos["minutes"], qtbot, "Practised")
    choose(dialog.combos["piece"], qtbot, "What")
    choose(dialog.combos["rpe"], qtbot, "Effort")
    assert dialog.table.horizontalHeaderItem(3).text() == "Effort\n→ Effort (RPE)"
    assert dialog.check.text() == "Ready: 2 practice sessions, from 2024-03-01 to 2024-03-02."
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(dialog.import_button, LEFT)

    assert blocker.args[0].new == 2
    sessions = list(Session.select().where(Session.discipline == Discipline.MUSIC.value))
    assert sorted((s.title, s.duration_s, s.rpe) for s in sessions) == [
        ("Bach Allemande", 4200, 6),
        ("Scales in thirds", 2700, 4),
    ]
    assert main_window.current_view().panel.model.rowCount() == 2


def test_csv_guessed_columns_are_chosen_and_a_closed_mapping_imports_nothing(
    main_window: MainWindow, qtbot
) -> None:
    main_window.import_files([FIXTURES / "music" / "practice-log.csv"])
    dialog = mapping_dialog(main_window, qtbot)
    chosen = {name: combo.currentText() for name, combo in dialog.combos.items()}
    assert chosen["date"] == "Date" and chosen["minutes"] == "Minutes"
    assert chosen["piece"] == "Piece" and chosen["notes"] == "Notes"
    assert dialog.import_button.isEnabled()
    assert dialog.check.text().startswith("Ready: 4 practice sessions")
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT):
        cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        qtbot.mouseClick(cancel, LEFT)
    assert Session.select().count() == 0
    assert main_window.statusBar().currentMessage() == "Nothing was imported."


def test_a_csv_the_mapping_cannot_read_cannot_be_imported_as_mapped(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("Date,Minutes\n2024-03-01,forty\n", encoding="utf-8")
    main_window.import_files([log, RUNNING / "run.tcx"])
    dialog = mapping_dialog(main_window, qtbot)
    assert not dialog.import_button.isEnabled()
    assert "line 2: the minutes 'forty' is not a number" in dialog.check.text()
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    summary = blocker.args[0]
    assert summary.new == 1  # the run still imports
    rows = summary_dialog(main_window, qtbot).row_texts()
    assert ("skipped", "log.csv") in [row[:2] for row in rows]


@pytest.mark.parametrize(
    ("exists", "reason"), [(True, "It is empty."), (False, "It does not exist.")]
)
def test_an_unreadable_csv_is_refused_in_the_summary(
    main_window: MainWindow, qtbot, tmp_path: Path, exists: bool, reason: str
) -> None:
    log = tmp_path / "log.csv"
    if exists:
        log.write_bytes(b"")
    summary = import_and_wait(main_window, qtbot, [log])
    assert summary.refused == 1
    row = summary_dialog(main_window, qtbot).row_texts()[0]
    assert row[:2] == ("refused", "log.csv")
    assert row[2].startswith(reason)


def test_a_file_name_that_looks_like_markup_is_shown_as_text(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    log = tmp_path / "<img src=x><b>log.csv"
    log.write_text("Date,Minutes\n2024-03-01,30\n", encoding="utf-8")
    main_window.import_files([log])
    dialog = mapping_dialog(main_window, qtbot)
    heading = dialog.findChildren(QLabel)[0]
    assert heading.text() == "Which column holds what in “<img src=x><b>log.csv”?"
    assert heading.textFormat() == Qt.TextFormat.PlainText
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.import_button, LEFT)
    table = summary_dialog(main_window, qtbot).table
    assert table.item(0, 1).text() == log.name
    assert "&lt;img src=x&gt;" in table.item(0, 1).toolTip()
