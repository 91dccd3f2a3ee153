"""Work on a thread of its own (an import, an export), and what the window does while it runs.

`Worker` runs one function at a time on a worker thread. The function runs inside
`store.connections.worker_connection` on the journal that was open when it was started, so it owns
its connection to *that* journal for its whole run: opening another journal in the window meanwhile
cannot redirect a single read or write. What it reports, returns or raises comes back to the GUI
thread as signals.

`WorkGuard` stands between the window and whatever would close the journal under running work
(opening another journal, quitting). It asks: wait for the work, or cancel it; the thing is done
once the work has stopped, or not at all. Journals are never mixed either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from cadence.ui.journal_file import JournalRef, current_journal, worker_connection

log = logging.getLogger(__name__)

Report = Callable[[object], None]


class Worker(QObject):
    """One function at a time on a thread of its own, with its own connection to its journal."""

    reported = Signal(object)  # what the function passed to report(), in the GUI thread
    succeeded = Signal(object)  # what it returned
    failed = Signal(object)  # the exception it raised
    _done = Signal(object, object)  # (result, exception), from the worker thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._jobs: list[_Job] = []
        self._done.connect(self._on_done)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def start(self, work: Callable[[Report], object], journal: JournalRef | None = None) -> None:
        """Run `work(report)` on the worker, on `journal` (default: the one open now)."""
        job = _Job(work, journal or current_journal(), self)
        job.setAutoDelete(False)
        self._jobs.append(job)
        self.pool.start(job)

    def _on_done(self, result: object, error: object) -> None:
        self._jobs.pop(0)
        if error is None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)

    def wait(self) -> None:
        self.pool.waitForDone()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Report], object], journal: JournalRef, worker: Worker):
        super().__init__()
        self.work, self.journal = work, journal
        self.reported, self.done = worker.reported, worker._done

    def run(self) -> None:
        result: object = None
        error: BaseException | None = None
        try:
            with worker_connection(self.journal):
                result = self.work(self.reported.emit)
        except Exception as exc:  # told to the GUI thread; the thread must not die silently
            error = exc
        self.done.emit(result, error)


class BackgroundWork(Protocol):
    """What the window asks of a controller that runs work on a worker (import, export)."""

    WORK_NAME: str  # "the import"
    CANCEL_KEEPS: str  # what cancelling leaves: "a cancelled export writes no file"
    finished: SignalInstance

    @property
    def busy(self) -> bool: ...

    def cancel(self) -> None: ...


class WorkGuard(QObject):
    """Asks before the journal is closed under running work; does the thing once it has stopped."""

    def __init__(self, window: QWidget, work: Callable[[], list[BackgroundWork]]) -> None:
        super().__init__(window)
        self.window, self.work = window, work
        self.question: QMessageBox | None = None
        self.wait_button = self.cancel_button = None
        self._pending: Callable[[], object] | None = None
        self._watched: set[int] = set()

    def running(self) -> list[BackgroundWork]:
        return [w for w in self.work() if w.busy]

    def allows(self, then: Callable[[], object], action: str) -> bool:
        """True when no work runs. Else ask whether to wait for it or cancel it, and call `then`
        once it has stopped (unless the answer was not to); `action` says what `then` does."""
        running = self.running()
        if not running:
            return True
        if self.question is not None:
            self.question.raise_()
            return False
        names = " and ".join(w.WORK_NAME for w in running)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Work in progress"),
            (
                self.tr("{names} is not finished yet.")
                if len(running) == 1
                else self.tr("{names} are not finished yet.")
            ).format(names=names.capitalize()),
            parent=self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            self.tr("Wait for it to finish, or cancel it ({effects}).").format(
                effects="; ".join(w.CANCEL_KEEPS for w in running)
            )
        )
        self.wait_button = box.addButton(
            self.tr("Wait, then {action}").format(action=action), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel_button = box.addButton(
            self.tr("Cancel {names}, then {action}").format(names=names, action=action),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        back = box.addButton(
            self.tr("Don't {action}").format(action=action), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(self.wait_button)
        box.setEscapeButton(back)
        box.finished.connect(partial(self._answered, box, then, action, running))
        self.question = box
        box.open()
        return False

    def _answered(
        self,
        box: QMessageBox,
        then: Callable[[], object],
        action: str,
        running: list[BackgroundWork],
        _result: int = 0,
    ) -> None:
        clicked = box.clickedButton()
        self.question = None
        box.deleteLater()
        if clicked is not self.wait_button and clicked is not self.cancel_button:
            return
        self._pending = then
        for work in running:
            if id(work) not in self._watched:
                self._watched.add(id(work))
                work.finished.connect(self._proceed_if_idle)
            if clicked is self.cancel_button and work.busy:
                work.cancel()
        status = getattr(getattr(self.window, "bus", None), "status_message", None)
        if status is not None and self.running():
            status.emit(
                self.tr("Will {action} when the work in progress stops.").format(action=action)
            )
        self._proceed_if_idle()

    def _proceed_if_idle(self, *_args: object) -> None:
        if self._pending is None or self.running():
            return
        then, self._pending = self._pending, None
        QTimer.singleShot(0, then)  # after the work's own last word (its summary, its message)
