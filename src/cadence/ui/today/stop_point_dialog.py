"""Where and why a session stopped short of its plan, or a warning sign noticed while going on."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import BodyArea, BodySide, StopAction, StopReason, label
from cadence.ui.dialogs.entry import EntryDialog
from cadence.ui.widgets.common import ScaleCombo, hint

REASONS = {
    StopReason.FORM: "Form or technique breaking down",
    StopReason.PAIN: "Strain or pain",
    StopReason.FATIGUE: "Tired, fatigue",
    StopReason.MIND: "Mind wandering, focus gone",
    StopReason.FRUSTRATION: "Frustration",
    StopReason.TIME: "Out of time",
    StopReason.PLANNED: "A planned end",
    StopReason.OTHER: "Something else",
}
SIDES = {
    BodySide.NONE: "—",
    BodySide.LEFT: "Left",
    BodySide.RIGHT: "Right",
    BodySide.BOTH: "Both sides",
}
SEVERITY = {1: "barely", 2: "mild", 3: "clear", 4: "strong", 5: "severe"}


class StopPointDialog(EntryDialog):
    """Opened with `open()` (never blocks); read `values()` once accepted."""

    def __init__(
        self,
        where: str,
        warning: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a warning sign") if warning else self.tr("Stopping early"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr("What are you noticing? Writing it down is enough; no need to judge it.")
            if warning
            else self.tr(
                "You are stopping before the plan. Noting why helps you plan the next one."
            )
        )
        intro.setWordWrap(True)
        self.where = hint(where)
        self.reason = QComboBox()
        for reason, text in REASONS.items():
            self.reason.addItem(self.tr(text), str(reason))
        self.body_area = QComboBox()
        self.body_area.addItem(self.tr("Nowhere in particular"), str(BodyArea.NONE))
        for area in BodyArea:
            if area != BodyArea.NONE:
                self.body_area.addItem(self.tr(label(area)), str(area))
        self.side = QComboBox()
        self.side.setAccessibleName(self.tr("Side"))
        for side, text in SIDES.items():
            self.side.addItem(self.tr(text), str(side))
        self.side.setEnabled(False)
        self.body_area.currentIndexChanged.connect(
            lambda: self.side.setEnabled(self.body_area.currentData() != str(BodyArea.NONE))
        )
        where_row = QHBoxLayout()
        where_row.addWidget(self.body_area, 1)
        where_row.addWidget(self.side)
        self.severity = ScaleCombo({k: self.tr(v) for k, v in SEVERITY.items()})
        self.severity.removeItem(0)  # a stop-point always has a severity
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. left wrist tight after the fast run in bar 40"))
        self.stopped = QRadioButton(self.tr("I stopped"))
        self.pushed_on = QRadioButton(self.tr("I pushed on"))
        self.action = QButtonGroup(self)
        self.action.addButton(self.stopped)
        self.action.addButton(self.pushed_on)
        (self.pushed_on if warning else self.stopped).setChecked(True)
        actions = QHBoxLayout()
        actions.addWidget(self.stopped)
        actions.addWidget(self.pushed_on)
        actions.addStretch(1)

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Why"), self.reason)
        form.addRow(self.tr("Where in the body"), where_row)
        form.addRow(self.tr("How strong"), self.severity)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Then"), actions)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(buttons)
        # size constraints settled before the window exists (some platforms cannot change them later)
        layout.activate()
        self.entry_keys(self.reason, buttons)

    def values(self) -> dict:
        return {
            "reason": StopReason(self.reason.currentData()),
            "body_area": BodyArea(self.body_area.currentData()),
            "side": BodySide(self.side.currentData())
            if self.body_area.currentData() != str(BodyArea.NONE)
            else BodySide.NONE,
            "severity": self.severity.value() or 1,
            "action": StopAction.PUSHED_ON if self.pushed_on.isChecked() else StopAction.STOPPED,
            "note": self.note.text(),
        }
