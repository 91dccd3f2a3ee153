"""Imported sessions waiting for what only the person knows: what they were for and how they went.

"Fill in" opens the session editor on its Intentions tab; once saved, the session leaves the inbox.
"Dismiss" takes a session out of the inbox (Edit → Undo puts it back)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import label
from cadence.domain.units import Units, format_distance, format_duration
from cadence.services.records import journal
from cadence.services.records.preferences import load_preferences
from cadence.services.today import InboxLine, inbox, return_to_inbox
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.dialogs.session_editor import PURPOSE, SessionEditor
from cadence.ui.widgets.common import (
    Card,
    Chip,
    hint,
    short_date,
)

SHOWN = 5


class InboxCard(Card):
    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add intention and reflection"), parent)
        self.bus = bus
        self.editor: SessionEditor | None = None
        self.body.addWidget(
            hint(
                self.tr(
                    "Imported sessions wait here for what only you know: what they were for "
                    "and how they went."
                )
            )
        )
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        self.body.addLayout(self.rows)
        self.more = hint("")
        self.body.addWidget(self.more)
        self.buttons: dict[int, tuple[QPushButton, QPushButton]] = {}

    def reload(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        lines, total = inbox(SHOWN)
        units = load_preferences().units
        for line in lines:
            self.rows.addWidget(self._row(line, units))
        self.more.setText(
            self.tr("and {0} more waiting in the journal").format(total - len(lines))
            if total > len(lines)
            else ""
        )
        self.more.setVisible(total > len(lines))
        self.setVisible(total > 0)

    def _row(self, line: InboxLine, units: Units) -> QWidget:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 2, 0, 2)
        title = line.title or self.tr(label(line.discipline))
        parts = [short_date(line.local_date)]
        if line.distance_m:
            parts.append(format_distance(line.distance_m, units, 1))
        if line.duration_s:
            parts.append(format_duration(line.duration_s))
        text = QLabel(f"{title}\n{' · '.join(parts)}")
        text.setTextFormat(Qt.TextFormat.PlainText)
        fill = QPushButton(self.tr("Fill in"))
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.setFlat(True)
        fill.clicked.connect(lambda: self.fill_in(line.id))
        dismiss.clicked.connect(lambda: self.dismiss(line.id))
        self.buttons[line.id] = (fill, dismiss)
        row.setSpacing(8)
        row.addWidget(Chip(line.discipline))
        row.addWidget(text, 1)
        row.addWidget(fill)
        row.addWidget(dismiss)
        outer.addLayout(row)
        return box

    def fill_in(self, session_id: int) -> SessionEditor:
        """The session editor, on the tab where intentions and stop-points are written."""
        self.editor = SessionEditor(self.bus, session_id, parent=self.window())
        self.editor.tabs.setCurrentIndex(PURPOSE)
        self.editor.accepted.connect(lambda: self._after_editor(session_id))
        self.editor.finished.connect(self.editor.deleteLater)
        self.editor.open()
        return self.editor

    def _after_editor(self, session_id: int) -> None:
        if journal.load_session(session_id).needs_review:
            self.bus.run(lambda: journal.mark_reviewed(session_id))

    def dismiss(self, session_id: int) -> None:
        self.bus.run(
            lambda: journal.mark_reviewed(session_id),
            UndoStep(self.tr("Dismiss from the inbox"), lambda: return_to_inbox([session_id])),
        )
