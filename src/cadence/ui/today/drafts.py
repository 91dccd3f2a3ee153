"""Crash-safe drafts: what is being typed is written to the journal within a second and a half of
the first unsaved keystroke, and at once on every state change (start, stop, +1 rep)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from cadence.services.records import days
from cadence.services.studio.members import viewed_person
from cadence.services.today import journal_is_open
from cadence.ui.journal_file import is_read_only

# A throttle, not a debounce: the timer is not restarted by later keystrokes, so even someone
# typing without a pause has their text saved no later than this after they began.
SAVE_WITHIN_MS = 1500


class DraftKeeper(QObject):
    """`collect()` returns the draft to keep, or None when there is nothing worth keeping."""

    def __init__(
        self,
        key: str,
        collect: Callable[[], dict[str, Any] | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.collect = collect
        self.suspended = False  # while a form is being filled from a draft or reset
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_WITHIN_MS)
        self.timer.timeout.connect(self.flush)

    def touch(self) -> None:
        """Something was typed: save soon."""
        if not self.suspended and not self.timer.isActive():
            self.timer.start()

    def flush(self) -> None:
        """Save now (or forget the draft when there is nothing to keep)."""
        self.timer.stop()
        if self.suspended or not _writable():
            return  # (a read-only journal keeps no drafts: nothing can be written to it)
        payload = self.collect()
        if payload is None:
            days.discard_draft(self.key)
        else:
            days.save_draft(self.key, payload)

    def load(self) -> dict[str, Any] | None:
        return days.load_draft(self.key)

    def discard(self) -> None:
        self.timer.stop()
        if _writable():
            days.discard_draft(self.key)


def _writable() -> bool:
    """Drafts can be kept: a journal is open, it can be written, and it is one's own (not a
    student's a teacher is looking at, where one's own drafts are out of sight)."""
    return journal_is_open() and not is_read_only() and viewed_person() is None
