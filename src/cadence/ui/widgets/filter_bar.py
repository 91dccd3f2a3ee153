"""The filter bar above a session table: a date range, one choice (a piece, a kind of run) and
free text. Typing is debounced, so a table over 100,000 sessions re-queries once per pause
rather than once per key."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from cadence.ui.icons import icon
from cadence.ui.widgets.dates import pydate, qdate

DEBOUNCE_MS = 200

# (label, days counting today; None = all time, 0 = this calendar year, -1 = custom dates)
_RANGES: tuple[tuple[str, int | None], ...] = (
    ("All time", None),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 3 months", 91),
    ("Last 12 months", 365),
    ("This year", 0),
    ("Custom range…", -1),
)
_CUSTOM = len(_RANGES) - 1


class FilterBar(QWidget):
    """Emits `changed` when the filter changes: at once for the range and the choice, after a
    pause of DEBOUNCE_MS for typed text."""

    changed = Signal()

    def __init__(self, choice_name: str, all_choices: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self.range = QComboBox()
        self.range.setObjectName("FilterRange")
        for text, days in _RANGES:
            self.range.addItem(self.tr(text), days)
        self.range.setToolTip(self.tr("Which dates to list"))
        today = date.today()
        self.start = QDateEdit(qdate(today - timedelta(days=30)))
        self.end = QDateEdit(qdate(today))
        for edit, tip in ((self.start, "From (inclusive)"), (self.end, "To (inclusive)")):
            edit.setCalendarPopup(True)
            edit.setToolTip(self.tr(tip))
            edit.setVisible(False)
        self.dash = QLabel("–")
        self.dash.setVisible(False)

        self.choice = QComboBox()
        self.choice.setObjectName("FilterChoice")
        self.choice.setToolTip(choice_name)
        self.choice.setMinimumContentsLength(14)
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._all_choices = all_choices
        self.choice.addItem(all_choices, None)

        self.search = QLineEdit()
        self.search.setObjectName("FilterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setPlaceholderText(self.tr("Search titles, notes, intentions, reflections"))
        self.search.setToolTip(self.tr("Every word must match (Ctrl+F)"))
        self.search.setMinimumWidth(220)

        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setVisible(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.range)
        layout.addWidget(self.start)
        layout.addWidget(self.dash)
        layout.addWidget(self.end)
        layout.addWidget(self.choice)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.clear_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._emit)
        self.range.currentIndexChanged.connect(self._range_changed)
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self._end_changed)
        self.choice.currentIndexChanged.connect(lambda _i: self._emit())
        self.clear_button.clicked.connect(self.clear)

    # --- reading the filter ----------------------------------------------------------------------

    def date_range(self, today: date | None = None) -> tuple[date | None, date | None]:
        days = self.range.currentData()
        today = today or date.today()
        if days is None:
            return None, None
        if days == -1:
            return pydate(self.start.date()), pydate(self.end.date())
        if days == 0:
            return date(today.year, 1, 1), today
        return today - timedelta(days=days - 1), today

    def choice_value(self) -> object | None:
        return self.choice.currentData()

    def text(self) -> str:
        return self.search.text().strip()

    def is_active(self) -> bool:
        return (
            self.range.currentData() is not None
            or self.choice.currentIndex() > 0
            or bool(self.text())
        )

    # --- changing it -----------------------------------------------------------------------------

    def set_choices(self, choices: list[tuple[str, object]]) -> None:
        """Replace the choices, keeping the current one if it is still there (quietly)."""
        current = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(self._all_choices, None)
        for text, value in choices:
            self.choice.addItem(text, value)
        found = self.choice.findData(current) if current is not None else 0
        self.choice.setCurrentIndex(max(found, 0))
        self.choice.blockSignals(False)
        if current is not None and found < 0:
            self._emit()  # the chosen piece is gone: list everything again

    def set_custom_range(self, start: date, end: date) -> None:
        for edit in (self.start, self.end):
            edit.blockSignals(True)
        self.start.setDate(qdate(start))
        self.end.setDate(qdate(end))
        for edit in (self.start, self.end):
            edit.blockSignals(False)
        if self.range.currentIndex() == _CUSTOM:
            self._emit()
        else:
            self.range.setCurrentIndex(_CUSTOM)

    def focus_text(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear(self) -> None:
        for widget in (self.range, self.choice, self.search):
            widget.blockSignals(True)
        self.range.setCurrentIndex(0)
        self.choice.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.range, self.choice, self.search):
            widget.blockSignals(False)
        self._show_custom(False)
        self._emit()

    # --- internals -------------------------------------------------------------------------------

    def _show_custom(self, shown: bool) -> None:
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(shown)

    def _range_changed(self, index: int) -> None:
        self._show_custom(index == _CUSTOM)
        self._emit()

    def _start_changed(self, qdate: QDate) -> None:
        if qdate > self.end.date():  # keep the range the right way round
            self.end.blockSignals(True)
            self.end.setDate(qdate)
            self.end.blockSignals(False)
        self._emit()

    def _end_changed(self, qdate: QDate) -> None:
        if qdate < self.start.date():
            self.start.blockSignals(True)
            self.start.setDate(qdate)
            self.start.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.clear_button.setVisible(self.is_active())
        self.changed.emit()
