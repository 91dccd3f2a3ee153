"""File → Import: files, a folder, or a drop onto the window, imported on a worker thread.

The import service (`cadence.services.imports.import_paths`) runs on a one-thread pool; its
callbacks come back to the GUI thread as queued signals. A practice CSV first asks which column
holds what (dialogs/csv_mapping.py). Paths that arrive while an import runs (a drop, a second
launch forwarding files) queue behind it, and one summary tells what became of all of them.

The worker (ui/background.py) owns its connection to the journal the import began in, for the
whole run. The progress dialog is window-modal: the window keeps painting and its timers keep
ticking while it shows. Opening another journal or quitting meanwhile asks first (wait, or
cancel after the item in hand) and never mixes journals.
"""

from __future__ import annotations

import gc
import html
import logging
import threading
from collections import deque
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.services.changes import Changes
from cadence.services.imports import CsvMapping, ImportProgress, ImportSummary, ItemResult, Outcome
from cadence.services.imports.common import Refused
from cadence.ui.background import Worker
from cadence.ui.bus import AppBus

if TYPE_CHECKING:  # the dialog is loaded when a CSV file needs it
    from cadence.ui.dialogs.csv_mapping import CsvMappingDialog

log = logging.getLogger(__name__)

SHOW_PROGRESS_AFTER_MS = 300  # a one-file import finishes before a dialog would only flash
FILE_FILTER = (
    "Runs and practice logs (*.gpx *.tcx *.fit *.gz *.zip *.csv);;"
    "Runs (*.gpx *.tcx *.fit *.gz);;Strava exports (*.zip);;Practice logs (*.csv);;All files (*)"
)
STRAVA_CSV = "activities.csv"  # a Strava export's list, not a practice log: no mapping asked


def is_practice_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv" and path.name.lower() != STRAVA_CSV and path.is_file()


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders of a drag; empty when it carries anything else."""
    if not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


@dataclass
class _Batch:
    paths: list[Path]
    mapping: CsvMapping | None = None


class ImportProgressDialog(QDialog):
    """The file in hand, how far the batch is, what it has brought so far, and Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Importing"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        self.heading = QLabel(self.tr("Looking for runs and practice…"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.file_label = QLabel(" ")
        self.file_label.setStyleSheet("color: palette(placeholder-text);")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self._file_name = ""
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the files are counted
        self.bar.setFormat(self.tr("%v of %m"))
        self.counts = QLabel(" ")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr(
                "Stop after the file in hand; what is done is kept (a practice CSV stops at "
                "once, and none of its rows are saved)"
            )
        )
        self.cancel_button.clicked.connect(self.reject)
        self._new = self._there = self._refused = 0

        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        # the texts change while the dialog is shown; its size is set once, not chased
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_label)
        layout.addWidget(self.bar)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        self.setMinimumHeight(self.minimumSizeHint().height())

    def set_progress(self, progress: ImportProgress) -> None:
        if progress.rows_total:  # a practice CSV: its rows, batch by batch
            self.bar.setRange(0, progress.rows_total)
            self.bar.setValue(progress.rows_done)
            self.bar.setFormat(self.tr("row %v of %m"))
        elif progress.total:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(progress.done)
            self.bar.setFormat(self.tr("%v of %m"))
        if progress.current and not self.is_stopping:
            locale = QLocale()
            self.heading.setText(
                self.tr("Importing {n} of {total}").format(
                    n=locale.toString(progress.done + 1), total=locale.toString(progress.total)
                )
            )
        self._file_name = progress.current
        self._elide()

    def count(self, result: ItemResult) -> None:
        self._new += len(result.new_ids)
        self._there += result.already_there
        self._refused += result.outcome == Outcome.REFUSED
        locale = QLocale()
        self.counts.setText(
            self.tr("{new} new · {there} already there · {refused} refused").format(
                new=locale.toString(self._new),
                there=locale.toString(self._there),
                refused=locale.toString(self._refused),
            )
        )

    @property
    def is_stopping(self) -> bool:
        return not self.cancel_button.isEnabled()

    def set_stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.heading.setText(self.tr("Stopping after the file in hand…"))

    def reject(self) -> None:
        """Cancel, Escape and the window's close button all ask to stop; the dialog closes when
        the worker has finished the file in hand."""
        if not self.is_stopping:
            self.cancel_requested.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.file_label.width(), 200)
        text = self.file_label.fontMetrics().elidedText(
            self._file_name, Qt.TextElideMode.ElideMiddle, width
        )
        self.file_label.setText(text or " ")
        # a tooltip is rich text when it looks like it; a file name never is
        self.file_label.setToolTip(
            f"<p>{html.escape(self._file_name)}</p>" if self._file_name else ""
        )


class ImportController(QObject):
    """Runs imports for the main window: asks for files, maps CSVs, shows progress and the summary."""

    progressed = Signal(object)  # ImportProgress, in the GUI thread
    finished = Signal(object)  # the ImportSummary of everything imported since the run began

    WORK_NAME = "the import"
    CANCEL_KEEPS = "a cancelled import keeps the files it finished"

    def __init__(self, window: QMainWindow, bus: AppBus) -> None:
        super().__init__(window)
        self.window, self.bus = window, bus
        self.worker = Worker(self)  # one writer at a time; batches queue
        self.worker.reported.connect(self._on_report)
        self.worker.succeeded.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self._cancel = threading.Event()
        self._queue: deque[_Batch] = deque()
        self._to_map: deque[Path] = deque()
        self._job: _Batch | None = None  # the batch on the worker
        self._run: ImportSummary | None = None
        self._batch_results: list[ItemResult] = []
        self._last_progress = ImportProgress(0, 0, "")
        self._batches_started = 0
        self.mapping_dialog: CsvMappingDialog | None = None
        self.progress_dialog: ImportProgressDialog | None = None
        self.summary_dialog: QDialog | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_progress)
        self._last_folder = str(Path.home())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._run is not None

    # --- asking -----------------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import runs and practice"),
            self._last_folder,
            self.tr(FILE_FILTER),
        )
        if names:
            self._last_folder = str(Path(names[0]).parent)
            self.import_files([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import every run in a folder"), self._last_folder
        )
        if folder:
            self._last_folder = folder
            self.import_files([Path(folder)])

    def import_files(self, paths: list[Path]) -> None:
        """Import these files and folders; queued behind an import already running."""
        paths = [Path(p) for p in paths]
        if not paths:
            return
        if self._run is None:
            # Parsing allocates a lot, and a full garbage collection then walks the whole heap
            # while holding the interpreter: 0.1-0.6 s pauses of the window, measured. Frozen, the
            # heap that existed before the import is left out of those walks until it ends.
            gc.freeze()
            self._run = ImportSummary()
            self._cancel.clear()
            self._batches_started = 0
            self._show_timer.start(SHOW_PROGRESS_AFTER_MS)
        others = [p for p in paths if not is_practice_csv(p)]
        if others:
            self._queue.append(_Batch(others))
        self._to_map.extend(p for p in paths if is_practice_csv(p))
        self._advance()

    def _advance(self) -> None:
        if self._job is not None or self.mapping_dialog is not None:
            return  # what is queued follows the batch in hand or the open question
        if self._to_map:
            self._ask_mapping(self._to_map.popleft())
        elif self._queue:
            self._start(self._queue.popleft())
        elif self._run is not None:
            self._finish_run()

    def _ask_mapping(self, path: Path) -> None:
        from cadence.ui.dialogs.csv_mapping import CsvMappingDialog, read_preview

        try:
            preview = read_preview(path)
        except Refused:  # the import itself refuses it, and the summary says why
            self._queue.append(_Batch([path]))
            self._advance()
            return
        self._show_timer.stop()  # the question comes first; progress shows once a batch runs
        dialog = CsvMappingDialog(path, preview, self.window)
        dialog.finished.connect(self._mapping_answered)
        self.mapping_dialog = dialog
        dialog.open()

    def _mapping_answered(self, result: int) -> None:
        dialog = self.mapping_dialog
        assert dialog is not None
        self.mapping_dialog = None
        path = dialog.path
        if result == QDialog.DialogCode.Accepted:
            self._queue.append(_Batch([path], dialog.mapping()))
        elif self._run is not None:
            self._run.results.append(
                ItemResult(
                    path.name, path, Outcome.SKIPPED, reason="was left out: the mapping was closed"
                )
            )
        dialog.deleteLater()
        self._advance()

    # --- running ----------------------------------------------------------------------------------

    def _start(self, batch: _Batch) -> None:
        self._batch_results = []
        self._last_progress = ImportProgress(0, 0, "")
        self._batches_started += 1
        if self.progress_dialog is not None and self.progress_dialog.isVisible():
            self.progress_dialog.bar.setRange(0, 0)
        elif not self._show_timer.isActive():
            self._show_timer.start(SHOW_PROGRESS_AFTER_MS)
        self._job = batch
        self.worker.start(partial(self._import, batch))

    def _import(self, batch: _Batch, report) -> ImportSummary:
        """On the worker: the batch, into the journal the worker owns for this run."""
        from cadence.services.imports import import_paths

        return import_paths(
            batch.paths,
            progress=report,
            cancelled=self._cancel.is_set,
            on_file=report,
            csv_mapping=batch.mapping,
        )

    def _progress(self) -> ImportProgressDialog:
        if self.progress_dialog is None:
            self.progress_dialog = ImportProgressDialog(self.window)
            self.progress_dialog.cancel_requested.connect(self.cancel)
        return self.progress_dialog

    def _show_progress(self) -> None:
        dialog = self._progress()
        if not dialog.isVisible():
            dialog.show()

    def cancel(self) -> None:
        """Stop after the item in hand; queued batches are not started."""
        self._cancel.set()
        self._progress().set_stopping()
        if self._run is not None:
            for path in [p for batch in self._queue for p in batch.paths] + list(self._to_map):
                self._run.results.append(
                    ItemResult(
                        path.name, path, Outcome.SKIPPED, reason="was not started: import cancelled"
                    )
                )
        self._queue.clear()
        self._to_map.clear()
        if self.mapping_dialog is not None:
            self.mapping_dialog.reject()  # its file is left out, and said so in the summary
        elif self._job is None:
            self._advance()

    def _on_report(self, news: ImportProgress | ItemResult) -> None:
        if isinstance(news, ImportProgress):
            self._on_progress(news)
        else:
            self._on_item(news)

    def _on_progress(self, progress: ImportProgress) -> None:
        self._last_progress = progress
        self._progress().set_progress(progress)
        self.progressed.emit(progress)

    def _on_item(self, result: ItemResult) -> None:
        self._batch_results.append(result)
        self._progress().count(result)

    def _on_done(self, summary: ImportSummary) -> None:
        self._job = None
        self._absorb(summary)
        self._advance()

    def _on_failed(self, exc: Exception) -> None:
        """An error the service did not foresee: keep what was finished, name the item in hand."""
        log.error("import failed", exc_info=exc)
        message = f"{type(exc).__name__}: {exc}"
        self._job = None
        summary = ImportSummary(results=list(self._batch_results), cancelled=True)
        for result in summary.results:
            if result.new_ids:
                summary.changes |= Changes(sessions=True, session_ids=frozenset(result.new_ids))
        shown = self._last_progress
        name = shown.current or "the import"
        reason = f"hit an unexpected error ({message}); the details are in the log"
        summary.results.append(ItemResult(name, Path(name), Outcome.REFUSED, reason=reason))
        summary.not_started = max(shown.total - shown.done - 1, 0)
        self._absorb(summary)
        self.cancel()

    def _absorb(self, summary: ImportSummary) -> None:
        run = self._run
        assert run is not None
        run.results.extend(summary.results)
        run.cancelled |= summary.cancelled
        run.not_started += summary.not_started
        run.changes |= summary.changes
        self.bus.publish(summary.changes)  # views refresh after each batch

    def _finish_run(self) -> None:
        run, self._run = self._run, None
        assert run is not None
        gc.unfreeze()
        self._show_timer.stop()
        if self.progress_dialog is not None:
            self.progress_dialog.done(0)
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self._batches_started == 0:  # only mapping questions, all closed: nothing to report
            self.bus.status_message.emit(self.tr("Nothing was imported."))
            self.finished.emit(run)
            return
        self.bus.status_message.emit(self.tr("Import: {0}").format(run.headline()))
        from cadence.ui.dialogs.import_summary import ImportSummaryDialog

        dialog = ImportSummaryDialog(run, self.window)
        dialog.review_requested.connect(self._review)
        dialog.finished.connect(partial(self._summary_closed, dialog))
        self.summary_dialog = dialog
        dialog.open()
        self.finished.emit(run)

    def _summary_closed(self, dialog: QDialog, _result: int = 0) -> None:
        if self.summary_dialog is dialog:
            self.summary_dialog = None
        dialog.deleteLater()

    def _review(self) -> None:
        show_view = getattr(self.window, "show_view", None)
        if show_view is not None:
            show_view("today")

    def shutdown(self) -> None:
        """The app is quitting: stop after the item in hand and wait for it (it is saved whole)."""
        self._cancel.set()
        self.worker.wait()
