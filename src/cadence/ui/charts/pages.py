"""Layout pieces the chart views share: a scrolling page of charts, and the panel that explains
an empty range instead of showing blank charts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class ChartPage(QScrollArea):
    """Charts one under the other, scrolling when they do not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(4, 8, 12, 8)
        self.column.setSpacing(14)
        self.setWidget(body)
        self._stretch_added = False

    def add(self, widget: QWidget) -> QWidget:
        self.column.addWidget(widget)
        return widget

    def finish(self) -> None:
        """Keep the charts together at the top when the page is taller than they are."""
        if not self._stretch_added:
            self.column.addStretch(1)
            self._stretch_added = True


def note_label(object_name: str) -> QLabel:
    """A line of text under a chart (an insight, a streak, a caveat)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setContentsMargins(8, 0, 8, 0)
    return label


class EmptyRange(QWidget):
    """What to do when the range holds no session: a longer range, or the demo journal."""

    show_all = Signal()
    open_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setObjectName("EmptyRangeText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.all_button = QPushButton(self.tr("Show the whole journal"))
        self.all_button.setObjectName("ShowAll")
        self.demo_button = QPushButton(self.tr("Open the demo journal"))
        self.demo_button.setObjectName("OpenDemo")
        self.all_button.clicked.connect(self.show_all)
        self.demo_button.clicked.connect(self.open_demo)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        for button in (self.all_button, self.demo_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def explain(self, message: str, journal_has_sessions: bool) -> None:
        self.text.setText(message)
        self.all_button.setVisible(journal_has_sessions)
