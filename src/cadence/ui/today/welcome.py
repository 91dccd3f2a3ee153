"""The first page of an empty journal: what goes where, and the next step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from cadence.ui.icons import icon
from cadence.ui.widgets.common import Card, hint


class WelcomeCard(Card):
    start_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Welcome to Cadence"), parent)
        self.body.addWidget(
            hint(
                self.tr("A practice journal for music and running. Each session goes the same way:")
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for row, (word, meaning) in enumerate(
            (
                (
                    self.tr("Intention"),
                    self.tr("Before you start, write what this session is for."),
                ),
                (
                    self.tr("Stop-point"),
                    self.tr("When form or focus goes, note where and why you stopped."),
                ),
                (
                    self.tr("Reflection"),
                    self.tr("Afterwards: what went well, what to let go, what to try next."),
                ),
                (
                    self.tr("Day entry"),
                    self.tr("Sleep, soreness and mood, on rest days too."),
                ),
            )
        ):
            name = QLabel(f"<b>{word}</b>")
            text = QLabel(meaning)
            text.setWordWrap(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(text, row, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.start_button = QPushButton(icon("new-session"), self.tr("Start your first session"))
        self.demo_button = QPushButton(self.tr("Open a demo journal"))
        self.start_button.clicked.connect(self.start_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.body.addSpacing(4)
        self.body.addLayout(buttons)
