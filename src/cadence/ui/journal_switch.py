"""Switching the open journal: the demo journal (made in a child process, so the window stays
responsive and the demo can be cancelled), another file, or back to the user's own. Never under
running work: an import or an export is waited for or cancelled first (ui/background.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from cadence.ui.journal_file import (
    JournalError,
    ServerError,
    close_journal,
    data_dir,
    default_db_path,
    open_journal,
)
from cadence.ui.studio_window import SERVER_ADVICE, journal_name

DEMO_YEARS = 3
DEMO_SEED = 1


def demo_path() -> Path:
    return data_dir() / "demo.sqlite"


def switch_journal(window, path: Path | str) -> bool:
    """Close the current journal and open `path`; on failure reopen the previous one.

    While an import or an export runs, first ask whether to wait for it or cancel it; the switch
    then happens once it has stopped (False is returned: not switched yet)."""
    action = window.tr("open {name}").format(
        name=path.name if isinstance(path, Path) else journal_name(path)
    )
    if not window.work_guard.allows(lambda: switch_journal(window, path), action):
        return False
    previous = window.journal_path
    for view in window.views.values():
        view.can_close()  # views write their drafts into the journal being closed
    close_journal()
    try:
        open_journal(path)
    except JournalError as exc:
        advice = f"\n\n{SERVER_ADVICE}" if isinstance(exc, ServerError) else ""
        QMessageBox.critical(window, window.tr("Cannot open the journal"), f"{exc}{advice}")
        open_journal(previous)
        return False
    window.set_journal_path(path)
    return True


def make_demo_process(path: Path, parent: QWidget | None = None) -> QProcess:
    process = QProcess(parent)
    process.setProgram(sys.executable)
    process.setArguments(
        [
            "-m",
            "cadence",
            "demo",
            "--years",
            str(DEMO_YEARS),
            "--seed",
            str(DEMO_SEED),
            "--db",
            str(path),
        ]
    )
    return process


def open_demo_journal(window) -> None:
    """Open the demo journal, making it first if needed (a separate file, never the user's)."""
    path = demo_path()
    if path.exists():
        switch_journal(window, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name("demo-in-progress.sqlite")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    progress = QProgressDialog(
        window.tr("Writing a demo journal of three years…"), window.tr("Cancel"), 0, 0, window
    )
    progress.setWindowTitle(window.tr("Demo journal"))
    progress.setMinimumDuration(0)
    process = make_demo_process(partial, window)

    def finished(code: int, _status) -> None:
        progress.reset()
        if code == 0 and partial.exists():
            partial.rename(path)
            switch_journal(window, path)
        elif not progress.wasCanceled():
            detail = bytes(process.readAllStandardError().data()).decode(errors="replace")
            QMessageBox.warning(
                window,
                window.tr("Demo journal"),
                window.tr("The demo could not be made.") + "\n" + detail,
            )
        process.deleteLater()

    def cancel() -> None:
        process.kill()
        partial.unlink(missing_ok=True)

    process.finished.connect(finished)
    progress.canceled.connect(cancel)
    process.start()


def open_other_journal(window) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, window.tr("Open a journal"), str(data_dir()), window.tr("Journals (*.sqlite)")
    )
    if name:
        switch_journal(window, Path(name))


def open_own_journal(window) -> None:
    """The user's own: the journal on a server named in Preferences, else the file."""
    switch_journal(window, window.window_state.server_journal() or default_db_path())
