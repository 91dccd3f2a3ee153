"""One application-level signal: a service returned `Changes`, and every view decides for itself
whether to refresh (the pattern of Anki's CollectionOp/OpChanges). Also the app's undo list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from cadence.services.changes import Changes


@dataclass
class UndoStep:
    description: str  # "Move 2 sessions to the trash"
    undo: Callable[[], Changes]


class AppBus(QObject):
    changed = Signal(object)  # Changes
    undo_available = Signal(str)  # description of the next undo, "" when none
    status_message = Signal(str)
    # ask the main window to show a view and hand it something to open (a date, a session id)
    navigate = Signal(str, object)
    # ask the main window for a window-level command: "open-demo", "new-session", "import"
    command = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._undo: list[UndoStep] = []

    def publish(self, changes: Changes) -> None:
        if changes.any:
            self.changed.emit(changes)

    def run(self, op: Callable[[], Changes], undo: UndoStep | None = None) -> Changes:
        """Run a service operation, tell the views, and remember how to undo it."""
        changes = op()
        if undo is not None:
            self._undo.append(undo)
            self.undo_available.emit(undo.description)
        self.publish(changes)
        return changes

    def save(self, write: Callable[[], tuple[int, Changes]]) -> int:
        """Run a service write that returns (the saved record's id, what changed), like `run`;
        returns the id. A ValidationError from the service goes to the caller."""
        saved: list[int] = []

        def op() -> Changes:
            record_id, changes = write()
            saved.append(record_id)
            return changes

        self.run(op)
        return saved[0]

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        self.publish(step.undo())
        self.status_message.emit(f"Undone: {step.description}")
        self.undo_available.emit(self._undo[-1].description if self._undo else "")
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def clear_undo(self) -> None:
        self._undo.clear()
        self.undo_available.emit("")
