"""A line above the intentions: what the last session of this craft said to try next time, with
a button that makes it the intention."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cadence.domain.enums import Discipline
from cadence.services.today.carry import last_next_time


class CarryForward(QWidget):
    use_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CarryForward")
        self.text = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Carry it forward"))
        self.button.setToolTip(self.tr("Write it as this session's intention"))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self.use_requested.emit(self.text))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def refresh(self, discipline: Discipline) -> None:
        note = last_next_time(discipline)
        self.text = note.text if note else ""
        if note is not None:
            self.label.setText(
                self.tr("Next time, you wrote on {day}: “{text}”").format(
                    day=f"{note.day:%a} {note.day.day} {note.day:%b}", text=note.text
                )
            )
        self.setVisible(note is not None)
