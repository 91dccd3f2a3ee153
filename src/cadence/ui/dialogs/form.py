"""A small form that saves through a service: its fields, a line for what was refused, Save
and Cancel (Add a piece, a passage, shoes)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from cadence.services.validation import ValidationError
from cadence.ui.dialogs.entry import EntryDialog
from cadence.ui.widgets.common import ERROR_COLOUR


class FormDialog(EntryDialog):
    """A small form that saves through a service; a refused value is named in the dialog and
    nothing is lost (the dialog stays open with what was typed)."""

    def __init__(self, title: str, parent: QWidget | None, min_width: int = 420) -> None:
        super().__init__(parent)
        self.min_width = min_width
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.error = QLabel()
        self.error.setObjectName("FormError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error.setWordWrap(True)
        # room for two lines from the start: a message appears without the dialog jumping
        self.error.setFixedHeight(self.error.fontMetrics().lineSpacing() * 2 + 4)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def open(self) -> None:
        # A fixed minimum taken before showing: the form never shrinks below its fields (and
        # the window system is not asked to change the size limits of a shown window).
        hint = self.sizeHint()
        self.setMinimumSize(max(self.min_width, hint.width()), hint.height())
        super().open()

    def save(self) -> None:
        """Write what the form holds through a service (a piece, a passage, shoes); raise
        ValidationError to keep the dialog open with the message."""
        raise TypeError(f"{type(self).__name__} must say how it saves")

    def accept(self) -> None:
        try:
            self.save()
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            return
        super().accept()
