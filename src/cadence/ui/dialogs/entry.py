"""What every dialog that takes typing does the same way: it opens with the cursor in its first
field, Enter saves, Esc cancels, and nothing typed is dropped without asking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from cadence.ui.dialogs.ask import ask
from cadence.ui.sizing import fit_to_screen, keep_size


def typed_state(dialog: QWidget) -> tuple:
    """What the dialog's fields hold, to tell whether anything was typed or chosen."""
    values: list[object] = []
    for child in dialog.findChildren(QWidget):
        if isinstance(child, QLineEdit) and not isinstance(child.parentWidget(), QAbstractSpinBox):
            if not isinstance(child.parentWidget(), QComboBox):
                values.append(child.text())
        elif isinstance(child, QAbstractSpinBox):
            values.append(child.text())
        elif isinstance(child, QComboBox):
            values.append(child.currentIndex())
        elif isinstance(child, QPlainTextEdit | QTextEdit):
            values.append(child.toPlainText())
        elif isinstance(child, QAbstractButton) and child.isCheckable():
            values.append(child.isChecked())
    return tuple(values)


class EntryDialog(QDialog):
    """Call `entry_keys(first_field, buttons)` once the fields are built."""

    _first: QWidget | None = None
    _opened_with: tuple | None = None

    def entry_keys(self, first: QWidget, buttons: QDialogButtonBox) -> None:
        self._first = first
        save = next(
            (
                b
                for b in buttons.buttons()
                if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
            ),
            None,
        )
        if isinstance(save, QPushButton):
            save.setDefault(True)  # Enter in a field saves
        first.setFocus()

    def showEvent(self, event) -> None:
        if self._opened_with is None:  # before it is on screen: the size it was left at
            resized = self.testAttribute(Qt.WidgetAttribute.WA_Resized)
            keep_size(self, type(self).__name__, self.size() if resized else self.sizeHint())
        super().showEvent(event)
        fit_to_screen(self)
        if self._opened_with is None:
            self._opened_with = typed_state(self)
            if self._first is not None:
                self._first.setFocus()

    def typed(self) -> bool:
        return self._opened_with is not None and typed_state(self) != self._opened_with

    def reject(self) -> None:
        """Esc or Cancel: ask first when something was typed."""
        if self.typed():
            role = QDialogButtonBox.ButtonRole
            answer = ask(
                self,
                self.tr("Discard what you typed?"),
                self.tr("What you typed in “{0}” is not saved.").format(self.windowTitle()),
                self.tr("Discard it, or keep editing?"),
                [
                    ("discard", self.tr("Discard"), role.DestructiveRole),
                    ("", self.tr("Keep editing"), role.RejectRole),
                ],
                default="",
            )
            if answer != "discard":
                return
        super().reject()
