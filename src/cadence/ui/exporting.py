"""File → Export: the whole journal as JSON (restorable), a folder of CSV tables (spreadsheets), or
plans and goal events as iCalendar. Written on a worker thread (ui/background.py), which owns its
connection to the journal for the whole export, under a busy cursor (a ten-year journal is some
6 MB of JSON); the status bar says where the file went. Cancelled, it leaves no file."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cadence.ui.background import Worker
from cadence.ui.bus import AppBus

log = logging.getLogger(__name__)


class ExportKind(StrEnum):
    JSON = "json"
    CSV = "csv"
    ICS = "ics"


CHOICES = {
    ExportKind.JSON: (
        "The whole journal (JSON)",
        "Every session, note and setting in one file. Keep it as a copy, or restore it later.",
    ),
    ExportKind.CSV: (
        "Tables for a spreadsheet (CSV)",
        "One file per table, in a folder: sessions, blocks, stop-points, reflections…",
    ),
    ExportKind.ICS: (
        "Plans and goal events for a calendar (iCalendar)",
        "Planned sessions and races or recitals, as all-day events your calendar can import.",
    ),
}


@dataclass(frozen=True)
class ExportResult:
    kind: ExportKind
    path: Path
    counts: dict[str, int] | None = None  # rows per table (JSON, CSV)
    entries: int = 0  # calendar entries (iCalendar)


def default_name(kind: ExportKind, today: date) -> str:
    return {
        ExportKind.JSON: f"cadence-{today.isoformat()}.json",
        ExportKind.CSV: f"cadence-csv-{today.isoformat()}",
        ExportKind.ICS: f"cadence-{today.isoformat()}.ics",
    }[kind]


def csv_folder(chosen: Path, today: date) -> Path:
    """The chosen folder if it is empty; else a new folder in it, so a dozen tables are never
    scattered among the person's own files (nor written over them)."""
    if chosen.is_dir() and not any(chosen.iterdir()):
        return chosen
    base = chosen / default_name(ExportKind.CSV, today)
    target, n = base, 1
    while target.exists():
        n += 1
        target = base.with_name(f"{base.name}-{n}")
    return target


def with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def write_export(
    kind: ExportKind, path: Path, cancelled: Callable[[], bool] | None = None
) -> ExportResult:
    """Write the export from the journal this thread's queries go to (on the worker: its own).
    `cancelled()` is asked between tables; a cancelled export raises ExportCancelled and leaves no
    file."""
    from cadence.services.transfer.export import ExportCancelled, export_csv, export_json
    from cadence.services.transfer.export_ics import export_ics

    if kind == ExportKind.ICS:
        if cancelled is not None and cancelled():
            raise ExportCancelled
        return ExportResult(kind, path, entries=export_ics(path))
    export = export_json if kind == ExportKind.JSON else export_csv
    summary = export(path, cancelled=cancelled)
    return ExportResult(kind, path, counts=summary.counts)


def _problem(path: Path, exc: OSError) -> str:
    """The OS's reason, in words a person can act on where it is cryptic ("File exists")."""
    blocking = next((p for p in path.parents if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        return f"{blocking.name} is a file, not a folder"
    return exc.strerror or str(exc)


class ExportFormatDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        heading = QLabel(self.tr("What would you like to export?"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addSpacing(6)
        self.group = QButtonGroup(self)
        self.radios: dict[ExportKind, QRadioButton] = {}
        for kind, (title, description) in CHOICES.items():
            radio = QRadioButton(self.tr(title))
            about = QLabel(self.tr(description))
            about.setWordWrap(True)
            about.setStyleSheet("color: palette(placeholder-text); margin-left: 26px;")
            self.group.addButton(radio)
            self.radios[kind] = radio
            layout.addWidget(radio)
            layout.addWidget(about)
            layout.addSpacing(8)
        self.radios[ExportKind.JSON].setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose where…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # word-wrapped texts: size the dialog once rather than chase their height-for-width
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        width = max(self.minimumSizeHint().width(), 580)
        height = max(self.heightForWidth(width), self.minimumSizeHint().height())
        self.setMinimumSize(width, height)
        self.resize(width, height)

    def chosen(self) -> ExportKind:
        return next(kind for kind, radio in self.radios.items() if radio.isChecked())


class ExportController(QObject):
    finished = Signal(str)  # what the status bar (or the error box) said

    WORK_NAME = "the export"
    CANCEL_KEEPS = "a cancelled export writes no file"

    def __init__(self, window: QMainWindow, bus: AppBus) -> None:
        super().__init__(window)
        self.window, self.bus = window, bus
        self.worker = Worker(self)
        self.worker.succeeded.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self._cancel = threading.Event()
        self._path: Path | None = None  # the export being written
        self.format_dialog: ExportFormatDialog | None = None
        self.error_box: QMessageBox | None = None
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._path is not None

    def choose(self) -> None:
        """Ask what to export (non-blocking), then where."""
        dialog = ExportFormatDialog(self.window)
        dialog.accepted.connect(lambda: self.ask_where(dialog.chosen()))
        dialog.finished.connect(partial(self._format_closed, dialog))
        self.format_dialog = dialog
        dialog.open()

    def _format_closed(self, dialog: ExportFormatDialog, _result: int = 0) -> None:
        if self.format_dialog is dialog:
            self.format_dialog = None
        dialog.deleteLater()

    def ask_where(self, kind: ExportKind) -> None:
        today = date.today()
        start = str(Path(self._folder) / default_name(kind, today))
        if kind == ExportKind.CSV:
            folder = QFileDialog.getExistingDirectory(
                self.window, self.tr("Export tables into a folder"), self._folder
            )
            if not folder:
                return
            self._folder = folder
            self.export_to(kind, csv_folder(Path(folder), today))
            return
        title, pattern, suffix = {
            ExportKind.JSON: (
                self.tr("Export the journal"),
                self.tr("Journal export (*.json)"),
                ".json",
            ),
            ExportKind.ICS: (self.tr("Export to a calendar"), self.tr("Calendar (*.ics)"), ".ics"),
        }[kind]
        name, _ = QFileDialog.getSaveFileName(self.window, title, start, pattern)
        if not name:
            return
        self._folder = str(Path(name).parent)
        self.export_to(kind, with_suffix(Path(name), suffix))

    def export_to(self, kind: ExportKind, path: Path) -> None:
        if self._path is not None:
            self.bus.status_message.emit(self.tr("An export is still being written; a moment…"))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.window.statusBar().showMessage(self.tr("Exporting to {0}…").format(path))
        self._path = path
        self._cancel.clear()
        self.worker.start(lambda _report: write_export(kind, path, self._cancel.is_set))

    def cancel(self) -> None:
        """Stop before the next table; nothing of the export is left behind."""
        if self._path is not None:
            self._cancel.set()
            self.window.statusBar().showMessage(self.tr("Cancelling the export…"))

    def _on_done(self, result: ExportResult) -> None:
        self._finish()
        from cadence.services.transfer.export import describe_rows

        if result.kind == ExportKind.ICS:
            n = result.entries
            what = self.tr("1 calendar entry") if n == 1 else self.tr("{n} calendar entries")
            text = self.tr("Exported {what} to {path}").format(
                what=what.format(n=n), path=result.path
            )
        elif result.kind == ExportKind.CSV:
            text = self.tr("Exported {rows} as CSV files in {path}").format(
                rows=describe_rows(result.counts or {}), path=result.path
            )
        else:
            text = self.tr("Exported {rows} to {path}").format(
                rows=describe_rows(result.counts or {}), path=result.path
            )
        self.window.statusBar().showMessage(text, 15000)
        self.finished.emit(text)

    def _on_failed(self, exc: Exception) -> None:
        from cadence.services.transfer.export import ExportCancelled

        path = self._path
        assert path is not None
        self._finish()
        if isinstance(exc, ExportCancelled):
            text = self.tr("Export cancelled; nothing was written.")
            self.window.statusBar().showMessage(text, 8000)
            self.finished.emit(text)
            return
        if isinstance(exc, OSError):
            problem = _problem(path, exc)
        else:  # told to the person and logged
            log.error("export failed", exc_info=exc)
            problem = f"{type(exc).__name__}: {exc}"
        self.window.statusBar().clearMessage()
        text = self.tr(
            "Could not write {path}: {problem}. Choose a place you can write to."
        ).format(path=path, problem=problem)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export"), text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path is the person's, never markup
        box.finished.connect(partial(self._error_closed, box))
        self.error_box = box
        box.open()
        self.finished.emit(text)

    def _error_closed(self, box: QMessageBox, _result: int = 0) -> None:
        if self.error_box is box:
            self.error_box = None
        box.deleteLater()

    def _finish(self) -> None:
        self._path = None
        QApplication.restoreOverrideCursor()

    def shutdown(self) -> None:
        self.worker.wait()
