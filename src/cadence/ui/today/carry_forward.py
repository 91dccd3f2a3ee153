"""Lines above the intentions: what the last session of this craft said to try next time, and a
demand of a coming goal event to rehearse, each with a button that makes it the intention."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from cadence.domain.enums import Discipline
from cadence.services.today.carry import last_next_time, rehearsal


def _line() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CarryForward(QWidget):
    use_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CarryForward")
        self.text = ""
        self.rehearse_text = ""
        self.coming = None  # the demand to rehearse offered (services.today.carry.Rehearsal)
        self.label = _line()
        self.button = QPushButton(self.tr("Carry it forward"))
        self.button.setToolTip(self.tr("Write it as this session's intention"))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self.use_requested.emit(self.text))
        self.rehearse_label = _line()
        self.rehearse_button = QPushButton(self.tr("Rehearse it"))
        self.rehearse_button.setToolTip(
            self.tr("Write it as this session's intention, and mark the demand as rehearsed")
        )
        self.rehearse_button.setAutoDefault(False)
        self.rehearse_button.clicked.connect(lambda: self.use_requested.emit(self.rehearse_text))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(self.button, 0, 1)
        layout.addWidget(self.rehearse_label, 1, 0)
        layout.addWidget(self.rehearse_button, 1, 1)
        layout.setColumnStretch(0, 1)
        self.hide()

    def refresh(self, discipline: Discipline, today: date | None = None) -> None:
        note = last_next_time(discipline)
        self.text = note.text if note else ""
        if note is not None:
            self.label.setText(
                self.tr("Next time, you wrote on {day}: “{text}”").format(
                    day=f"{note.day:%a} {note.day.day} {note.day:%b}", text=note.text
                )
            )
        today = today or date.today()
        coming = rehearsal(discipline, today)
        self.coming = coming
        self.rehearse_text = coming.how if coming else ""
        if coming is not None:
            weeks = (coming.day - today).days // 7
            when = self.tr("in {n} wk").format(n=weeks) if weeks else self.tr("this week")
            self.rehearse_label.setText(
                self.tr("Rehearse for {event} ({when}) — {aspect}: {how}").format(
                    event=coming.event, when=when, aspect=coming.aspect, how=coming.how
                )
            )
        for widget in (self.label, self.button):
            widget.setVisible(note is not None)
        for widget in (self.rehearse_label, self.rehearse_button):
            widget.setVisible(coming is not None)
        self.setVisible(note is not None or coming is not None)
