"""A large practice CSV imported from the window (issue 20): the progress bar counts its rows batch
by batch, and Cancel stops it part-way with none of its rows saved."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from tests.imports.test_practice_csv_batches import SMALL_BATCH, write_log
from tests.ui.test_importing import TIMEOUT, mapping_dialog, summary_dialog

from cadence.services.imports import batch, music_csv
from cadence.store.models import Session
from cadence.ui import importing
from cadence.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
BATCH_ROWS = SMALL_BATCH  # rows a batch here (the importer's is lowered): a few batches, quickly


def test_the_bar_counts_the_rows_of_a_practice_csv(
    main_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(importing, "SHOW_PROGRESS_AFTER_MS", 0)
    monkeypatch.setattr(music_csv, "BATCH_ROWS", BATCH_ROWS)
    rows = 3 * BATCH_ROWS
    path = write_log(tmp_path, rows)
    importer = main_window.importer
    shown: list[tuple[int, int, str]] = []

    def look(_progress) -> None:
        bar = importer.progress_dialog.bar
        if bar.maximum():
            shown.append((bar.value(), bar.maximum(), bar.text()))

    importer.progressed.connect(look)
    main_window.import_files([path])
    dialog = mapping_dialog(main_window, qtbot)  # the columns are guessed: Date, Minutes, Piece
    with qtbot.waitSignal(importer.finished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(dialog.import_button, LEFT)

    assert blocker.args[0].new == rows == Session.select().count()
    in_rows = [s for s in shown if s[1] == rows]
    assert [value for value, _, _ in in_rows] == list(range(BATCH_ROWS, rows + 1, BATCH_ROWS))
    assert in_rows[0][2] == f"row {BATCH_ROWS} of {rows}"
    values = [value / maximum for value, maximum, _ in shown]
    assert values == sorted(values)  # never goes back
    summary_dialog(main_window, qtbot)


def test_cancel_stops_a_practice_csv_part_way_and_saves_none_of_it(
    main_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(importing, "SHOW_PROGRESS_AFTER_MS", 0)
    monkeypatch.setattr(music_csv, "BATCH_ROWS", BATCH_ROWS)
    rows = 6 * BATCH_ROWS
    path = write_log(tmp_path, rows)
    importer = main_window.importer
    clicked, report = threading.Event(), batch._rows_progress

    def held_after_reporting(*args) -> None:
        """The worker waits after its first batch for the click (small batches are quick)."""
        report(*args)
        assert clicked.wait(TIMEOUT / 1000), "Cancel was never clicked"

    def cancel_at_first_batch(progress) -> None:
        if progress.rows_done and not importer.progress_dialog.is_stopping:
            qtbot.mouseClick(importer.progress_dialog.cancel_button, LEFT)
            clicked.set()

    monkeypatch.setattr(batch, "_rows_progress", held_after_reporting)
    importer.progressed.connect(cancel_at_first_batch)
    main_window.import_files([path])
    dialog = mapping_dialog(main_window, qtbot)
    with qtbot.waitSignal(importer.finished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(dialog.import_button, LEFT)

    summary = blocker.args[0]
    assert summary.cancelled and summary.new == 0
    [result] = summary.results
    assert result.reason.startswith("was stopped at row ")
    assert result.reason.endswith(f" of {rows:,}; nothing of it was saved")
    assert Session.select().count() == 0
    shown = summary_dialog(main_window, qtbot)
    assert shown.heading.text() == "Import stopped"


def test_a_large_practice_csv_is_previewed_without_being_held(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from cadence.ui.dialogs.csv_mapping import CHECK_LIMIT_BYTES, PREVIEW_ROWS

    path = write_log(tmp_path, 50_000)
    assert path.stat().st_size > CHECK_LIMIT_BYTES
    main_window.import_files([path])
    dialog = mapping_dialog(main_window, qtbot)
    assert dialog.preview.data == b""  # only the first rows are read for the preview
    assert len(dialog.preview.rows) == PREVIEW_ROWS == dialog.table.rowCount()
    assert dialog.table.item(0, 0).text() == "1990-01-01"
    assert dialog.check.text() == "The rows are checked as they are imported."
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(main_window.importer.finished, timeout=TIMEOUT):
        dialog.reject()  # closed: nothing imported
    assert Session.select().count() == 0
