"""A small question box ("Discard changes?", "Delete forever?") that returns the chosen answer.

Unlike QMessageBox it keeps the size it opens with: QMessageBox re-fixes its size while showing,
which platforms without window size hints (the offscreen one of the tests) warn about.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)
from shiboken6 import isValid

ICONS = {
    "question": QStyle.StandardPixmap.SP_MessageBoxQuestion,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "information": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class AskDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        detail: str,
        answers: list[tuple[str, str, QDialogButtonBox.ButtonRole]],
        default: str,
        kind: str = "question",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choice = ""
        # an explicit minimum keeps the layout from re-fixing the window's size as it shows
        self.setMinimumSize(420, 120)
        picture = QLabel()
        picture.setPixmap(self.style().standardIcon(ICONS[kind]).pixmap(40, 40))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(text)
        heading.setObjectName("AskText")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        more = QLabel(detail)
        more.setWordWrap(True)
        more.setVisible(bool(detail))
        self.buttons = QDialogButtonBox()
        self.answer_buttons: dict[str, QPushButton] = {}
        for key, label, role in answers:
            button = self.buttons.addButton(label, role)
            button.clicked.connect(lambda _=False, k=key: self._answer(k))
            self.answer_buttons[key] = button
        self.answer_buttons[default].setDefault(True)
        self.answer_buttons[default].setFocus()
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.addWidget(picture, 0, 0, 2, 1)
        grid.addWidget(heading, 0, 1)
        grid.addWidget(more, 1, 1)
        grid.addWidget(self.buttons, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def _answer(self, key: str) -> None:
        self.choice = key
        self.accept()


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    detail: str,
    answers: list[tuple[str, str, QDialogButtonBox.ButtonRole]],
    default: str,
    kind: str = "question",
) -> str:
    """The key of the answer chosen; "" when the box was closed with Esc or the window button.

    Afterwards the keyboard is back where it was (the window that asked is active again and its
    field has the cursor), so "Keep editing" means typing on: not every window system gives the
    activation back to the window under a closed box by itself."""
    typing_in = QApplication.focusWidget()
    dialog = AskDialog(parent, title, text, detail, answers, default, kind)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    if typing_in is not None and isValid(typing_in) and typing_in.isVisible():
        typing_in.window().activateWindow()
        typing_in.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    return choice
