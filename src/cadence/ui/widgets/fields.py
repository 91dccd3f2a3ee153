"""Small input widgets the session editor, the dialogs and Today share: typed durations and
numbers, 1-5 ratings, and the inline message shown under a field at fault."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.units import (
    DURATION_HINT,
    DURATION_PLACEHOLDER,
    duration_reading,
    duration_words,
    parse_duration,
)
from cadence.ui.widgets.common import ERROR_COLOUR

ERROR_FILL = QColor(213, 94, 0, 70)

# Foster's modified CR10 scale: the words people rate by
CR10_WORDS = {
    0: "rest",
    1: "very, very easy",
    2: "easy",
    3: "moderate",
    4: "somewhat hard",
    5: "hard",
    6: "hard+",
    7: "very hard",
    8: "very hard+",
    9: "very, very hard",
    10: "maximal",
}

_ERROR_KEY = re.compile(r"^(?P<group>\w+)\[(?P<index>\d+)\]\.(?P<field>\w+)$")


def split_error_key(key: str) -> tuple[str, int | None, str]:
    """'blocks[1].clean_reps' -> ('blocks', 1, 'clean_reps'); 'rpe' -> ('rpe', None, '')."""
    match = _ERROR_KEY.match(key)
    if match is None:
        group, _, index = key.partition("[")
        if index.rstrip("]").isdigit():
            return group, int(index.rstrip("]")), ""
        return key, None, ""
    return match["group"], int(match["index"]), match["field"]


def parse_number(text: str, what: str, whole: bool = False) -> float | int | None:
    """'' -> None; '4,5' and '4.5' -> 4.5. Raises ValueError naming what was expected."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValueError(f"{what}: write {kind}, not {text!r}") from None
    if whole:
        if not value.is_integer():
            raise ValueError(f"{what}: write a whole number, not {text!r}")
        return int(value)
    return value


def parse_optional_duration(text: str, what: str, craft: object = None) -> float | None:
    """'' -> None; otherwise `parse_duration`'s reading, its message prefixed with `what`."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_duration(text, craft)
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from None


def format_number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


class FieldError(QLabel):
    """The message under a field at fault; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FieldError")
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.show()

    def clear(self) -> None:
        self.setText("")
        self.hide()


class Field(QWidget):
    """An input with its inline error message underneath."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    def show_error(self, message: str) -> None:
        self.error.show_message(message)
        # a frame only on line edits: a style sheet on a combo box loses its native arrow
        if isinstance(self.editor, QLineEdit):
            self.editor.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR}; }}")

    def clear_error(self) -> None:
        self.error.clear()
        if isinstance(self.editor, QLineEdit):
            self.editor.setStyleSheet("")


class DurationEdit(QLineEdit):
    """A duration typed as minutes ('45'), h:mm:ss ('1:05:00') or with units ('1h20'); None when
    empty. `reading` (placed beside it by the form, see `with_reading`) says in words how the entry
    is read while it is typed, or why it cannot be: an ambiguous '1:20' is never taken silently."""

    def __init__(self, what: str, parent: QWidget | None = None, craft: object = None) -> None:
        super().__init__(parent)
        self.what = what
        self.craft = craft
        self.setPlaceholderText(self.tr(DURATION_PLACEHOLDER))
        # room for the hint and the clear button
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.placeholderText()) + 40)
        self.setToolTip(self.tr("Write {0}").format(self.tr(DURATION_HINT)))
        self.setClearButtonEnabled(True)
        self.reading = QLabel()
        self.reading.setObjectName("DurationReading")
        self.reading.setWordWrap(True)
        self.textChanged.connect(self.show_reading)

    def set_craft(self, craft: object) -> None:
        self.craft = craft
        self.show_reading()

    def show_reading(self) -> None:
        text = self.text()
        words, ok = duration_reading(text, self.craft)
        if ok and words == text.strip():
            words = ""  # already written the way it is read
        self.reading.setText(words if not ok or not words else f"= {words}")
        self.reading.setStyleSheet("" if ok else f"color: {ERROR_COLOUR};")

    def seconds(self) -> float | None:
        return parse_optional_duration(self.text(), self.what, self.craft)

    def set_seconds(self, seconds: float | None) -> None:
        self.setText(duration_words(seconds) if seconds else "")


def show_duration_cell(item, what: str, craft: object, error: FieldError) -> None:
    """A table cell holding a duration was edited: write it back as it is read ('1:20' on music
    becomes '1 h 20 min' at once), or say under the table why it cannot be read."""
    text = item.text()
    words, ok = duration_reading(text, craft)
    if not ok:
        error.show_message(f"{what}: {words}")
        error.setProperty("from_cell", error.text())
        return
    if error.property("from_cell") and error.property("from_cell") == error.text():
        error.clear()  # only the message this put there: a save's messages stay until the next
    if words and words != text.strip():
        # after the cell editor has finished committing: rewriting the item inside its own
        # itemChanged leaves the view with an editor it no longer knows
        table = item.tableWidget()
        row, col = item.row(), item.column()

        def rewrite() -> None:
            if table.item(row, col) is item and item.text() == text:
                item.setText(words)

        if table is not None:
            QTimer.singleShot(0, table, rewrite)  # dropped if the table is gone by then


def with_reading(edit: DurationEdit) -> QWidget:
    """The duration field with its reading beside it, as one cell of a form."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    layout.addWidget(edit.reading, 1)
    return row


class NumberEdit(QLineEdit):
    """A number typed freely (so a wrong value gets a message rather than being swallowed)."""

    def __init__(
        self, what: str, placeholder: str = "", whole: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.what = what
        self.whole = whole
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)

    def number(self) -> float | int | None:
        return parse_number(self.text(), self.what, self.whole)

    def whole_number(self) -> int | None:
        """`number` of a field of whole numbers (made with whole=True)."""
        assert self.whole
        value = self.number()
        return None if value is None else int(value)

    def set_number(self, value: float | None, digits: int = 1) -> None:
        self.setText(format_number(value, digits))


class RatingCombo(QComboBox):
    """A 1-5 rating, or none."""

    def __init__(self, low: str, high: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("—", None)
        for value in range(1, 6):
            text = str(value)
            if value == 1:
                text += f" · {low}"
            elif value == 5:
                text += f" · {high}"
            self.addItem(text, value)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, value: int | None) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))


def select_data(combo: QComboBox, value: object, *, keep_unknown: bool = False) -> None:
    """Select the item holding `value` (the first one if none does). With `keep_unknown`, a text
    no item holds (a value this version does not know, read from the journal) gets an item of its
    own, shown as it is: the value is kept unless changed, and a save names it instead of quietly
    putting the first item in its place."""
    index = combo.findData(value)
    if index < 0 and keep_unknown and isinstance(value, str) and value:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


class CellDelegate(QStyledItemDelegate):
    """The editors' table cells: Return or Enter writes the cell and closes its editor at once.

    Qt's own delegate only queues that on Return (to let the editor see the key first), so a
    save, a closed dialog or a model reset in between closes the editor before the queued commit
    runs, which then reaches the view with an editor it no longer has ("commitData called with an
    editor that does not belong to this view"), and the key went on to the dialog too."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(editor, QLineEdit)
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)
