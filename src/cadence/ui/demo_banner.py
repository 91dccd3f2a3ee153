"""A clear banner across the window while the demo journal is open, so no one writes real
practice into it by mistake; its button goes back to the person's own journal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

STYLE = """
QFrame#DemoBanner { background: #FFF3CD; border-bottom: 1px solid #E0C46C; }
QFrame#DemoBanner QLabel { color: #5C4400; }
"""


class DemoBanner(QFrame):
    own_journal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBanner")
        self.setStyleSheet(STYLE)
        self.text = QLabel(
            self.tr(
                "<b>This is the demo journal</b> — made-up sessions to look around. Your own "
                "practice goes in your journal: File → Open my journal."
            )
        )
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Open my journal"))
        self.button.clicked.connect(self.own_journal_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()
