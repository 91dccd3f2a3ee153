"""The Import summary lists every file and every Strava row of a batch holding each class of
refusal, skip, cleaning and duplicate, with its reason, as `cadence import` does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from tests.imports.imports_batch import every_class

from cadence.services.imports import Outcome
from cadence.store.models import Session
from cadence.ui.dialogs.import_summary import ImportSummaryDialog
from cadence.ui.main_window import MainWindow


def test_the_summary_names_every_refused_and_skipped_item_with_its_reason(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    paths, expected = every_class(tmp_path / "batch")
    with qtbot.waitSignal(main_window.importer.finished, timeout=60_000):
        main_window.import_files(paths)
    qtbot.waitUntil(lambda: main_window.importer.summary_dialog is not None)
    dialog = main_window.importer.summary_dialog
    assert isinstance(dialog, ImportSummaryDialog)
    qtbot.waitExposed(dialog)

    rows = {name: (outcome, text) for outcome, name, text in dialog.row_texts()}
    assert len(rows) == len(dialog.row_texts()) == len(expected)
    for item in expected:
        outcome, text = rows[item.name]
        assert outcome == item.outcome, (item.name, text)
        assert item.words.lower() in text.lower(), (item.name, text)
    assert dialog.heading.text() == "Import finished, with files to look at"
    assert Session.select().count() == sum(e.outcome == Outcome.NEW for e in expected) + 1
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Close), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: main_window.importer.summary_dialog is None)
