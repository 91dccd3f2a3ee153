"""Small building blocks of the Today page: cards, a muted hint, rating pickers, messages next to
the field at fault, and the calm banner."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.palette import discipline_colour

ERROR_COLOUR = "#D55E00"  # the "pain" orange of the stop-point palette: readable on light and dark

PAGE_STYLE = f"""
QFrame#TodayCard {{
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 10px;
}}
QLabel#CardTitle {{ font-weight: 600; }}
QLabel#FieldError {{ color: {ERROR_COLOUR}; }}
QPushButton[flat="true"] {{
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 3px 8px;
}}
QPushButton[flat="true"]:focus {{ border: 1px solid palette(highlight); }}
QPushButton[flat="true"]:hover {{ background: palette(midlight); }}
QPushButton[flat="true"]:disabled {{ color: palette(placeholder-text); }}
QFrame#Banner {{
    background: palette(alternate-base);
    border: 1px solid palette(midlight);
    border-radius: 8px;
}}
"""


def long_date(day: date, with_year: bool = False) -> str:
    """'Tuesday 3 March' in the user's locale (with the year when it is not this year's)."""
    fmt = "dddd d MMMM" if not with_year and day.year == date.today().year else "ddd d MMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def short_date(day: date) -> str:
    """'Sun 11 Jun', with the year when it is not this year ('Sun 11 Jun 2017')."""
    shown = "ddd d MMM" if day.year == date.today().year else "ddd d MMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), shown)


def muted(label: QLabel) -> QLabel:
    """Secondary text in the palette's placeholder colour (follows light and dark schemes)."""
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return muted(label)


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


class Card(QFrame):
    """A quiet panel with a title; add content to `body`."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TodayCard")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 16)
        outer.setSpacing(10)
        self.title = QLabel(title)
        self.title.setObjectName("CardTitle")
        scaled_font(self.title, 1.15, bold=True)
        self.title.setVisible(bool(title))
        outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        outer.addLayout(self.body)


class Chip(QLabel):
    """A small round dot in a discipline's colour."""

    def __init__(self, discipline: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(10, 10)
        self.set_discipline(discipline)

    def set_discipline(self, discipline: str | None) -> None:
        self.setStyleSheet(f"background: {discipline_colour(discipline)}; border-radius: 5px;")


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("FieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class FieldErrors:
    """Messages next to the field at fault, keyed by the service's field names
    ("rpe", "blocks[0].clean_reps"); anything unknown goes to the form's general label."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, field: str, widget: QWidget, label: QLabel) -> None:
        """Show `field`'s messages in `label`, next to `widget`. A label that is destroyed is
        forgotten with it, so a removed row can never be left registered."""
        self._fields[field] = (widget, label)
        label.destroyed.connect(lambda _obj=None, f=field, lb=label: self._forget_label(f, lb))

    def _forget_label(self, field: str, label: QLabel) -> None:
        entry = self._fields.get(field)
        if entry is not None and entry[1] is label:
            del self._fields[field]

    def forget(self, prefix: str) -> None:
        """Drop every field starting with `prefix` (rows being rebuilt register themselves again)."""
        for field in [f for f in self._fields if f.startswith(prefix)]:
            del self._fields[field]

    def label_for(self, field: str) -> QLabel | None:
        entry = self._fields.get(field)
        return entry[1] if entry else None

    def clear(self) -> None:
        for _widget, label in self._fields.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def show(self, errors: dict[str, str]) -> QWidget | None:
        """Show every message; return the first widget at fault (to put the cursor there)."""
        self.clear()
        first: QWidget | None = None
        general = []
        for field, message in errors.items():
            entry = self._fields.get(field)
            if entry is None:
                general.append(message)
                continue
            widget, label = entry
            label.setText(message)
            label.show()
            first = first or widget
        if general:
            self.general.setText("\n".join(general))
            self.general.show()
        return first


def with_error(widget: QWidget, label: QLabel) -> QWidget:
    """The field with its message underneath, as one cell of a form."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(label)
    return box


class ScaleCombo(QComboBox):
    """A rating that may be left unrated: '—', then 'n · meaning' for each value."""

    def __init__(self, labels: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("—", None)
        for value, text in labels.items():
            self.addItem(f"{value} · {text}", value)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, value: int | None) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class Banner(QFrame):
    """A calm one-line message with an optional action, closed with 'Dismiss'."""

    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.action = QPushButton()
        self.action.setFlat(True)
        self.action.clicked.connect(self.action_clicked)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, action: str = "") -> None:
        self.text.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()
