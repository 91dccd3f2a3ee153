"""At the week's end, Today offers the weekly review: a line and a button that opens it. Shown on
the week's last day and the first two days of the next (for the week just ended), until that week
is reviewed; never a reminder that nags."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cadence.services.season.reviews import review_due
from cadence.ui.widgets.common import Card


class ReviewOffer(Card):
    open_requested = Signal(object)  # the week's first day

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.week: date | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Weekly review…"))
        self.button.setToolTip(
            self.tr("What went well, what you learned, next week, and your focus targets")
        )
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self.open_requested.emit(self.week))
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(row)
        self.hide()

    def refresh(self, today: date | None = None) -> None:
        today = today or date.today()
        self.week = review_due(today)
        self.setVisible(self.week is not None)
        if self.week is None:
            return
        last = self.week + timedelta(days=6)
        if last == today:
            text = self.tr("The week ends today. A few minutes to look back on it?")
        else:
            text = self.tr("The week of {first} to {last} is over. A few minutes to look back?")
            text = text.format(
                first=f"{self.week:%a} {self.week.day} {self.week:%b}",
                last=f"{last:%a} {last.day} {last:%b}",
            )
        self.label.setText(text)
