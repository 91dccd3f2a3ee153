"""A line above the intentions for each experiment running in this craft: which arm today's
session is in (A or B when it alternates), with a button that makes it the intention's reminder."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from cadence.domain.enums import Discipline
from cadence.services.experiment.experiments import running_experiments, today_reminder


class ExperimentNote(QWidget):
    use_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExperimentNote")
        self.reminder = ""
        self.label = QLabel()
        self.label.setObjectName("ExperimentArm")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Remind me"))
        self.button.setToolTip(self.tr("Write it as this session's intention"))
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self.use_requested.emit(self.reminder))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(self.button, 0, 1)
        layout.setColumnStretch(0, 1)
        self.hide()

    def refresh(self, discipline: Discipline, today: date | None = None) -> None:
        today = today or date.today()
        lines, reminders = [], []
        for experiment in running_experiments(today, discipline):
            said, reminder = today_reminder(experiment, today)
            lines.append(said)
            reminders.append(reminder)
        self.reminder = "; ".join(reminders)
        self.label.setText("\n".join(lines))
        self.setVisible(bool(lines))
