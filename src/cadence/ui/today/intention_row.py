"""One intention of a session: its text and, optionally, the focus target it serves."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from cadence.domain.enums import Discipline
from cadence.domain.records import IntentionData
from cadence.ui.widgets.common import error_label

PLACEHOLDERS = {
    Discipline.MUSIC: "e.g. bars 33-48 at ♩=96, relaxed shoulders",
    Discipline.RUNNING: "e.g. 5 × 800 m at 3:45/km, stay present in each rep",
}


class IntentionRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setAccessibleName(self.tr("Intention"))
        self.focus_target = QComboBox()
        self.focus_target.setToolTip(self.tr("Link this intention to a focus target"))
        self.focus_target.setMinimumContentsLength(14)
        self.focus_target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setToolTip(self.tr("Remove this intention"))
        self.remove.setAutoRaise(True)
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 3)
        row.addWidget(self.focus_target, 2)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.text.textChanged.connect(self.changed)
        self.focus_target.currentIndexChanged.connect(self.changed)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def fill_focuses(self, focuses: list[tuple[int, str]]) -> None:
        keep = self.focus_target.currentData()
        self.focus_target.blockSignals(True)
        self.focus_target.clear()
        self.focus_target.addItem(self.tr("No focus target"), None)
        for focus_id, title in focuses:
            self.focus_target.addItem(title, focus_id)
        self.focus_target.setCurrentIndex(max(self.focus_target.findData(keep), 0))
        self.focus_target.setVisible(bool(focuses))
        self.focus_target.blockSignals(False)

    def intention(self) -> IntentionData:
        return IntentionData(self.text.text(), self.focus_target.currentData())
