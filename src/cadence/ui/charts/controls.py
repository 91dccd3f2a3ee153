"""The controls above the charts: a date range (presets or two dates) and a discipline choice.
Shared by Trends and Compare so both read the same range the same way."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from cadence.domain.enums import Discipline
from cadence.domain.ranges import preset_range
from cadence.ui.widgets.dates import pydate, qdate

CUSTOM = "custom"


class RangeState(QObject):
    """The range chosen last in any chart view of a window (Trends and Compare share one):
    a preset, or custom with its two dates. `chosen(chooser)` names the chooser that set it."""

    chosen = Signal(object)

    def __init__(self, preset: str = "3m", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preset = preset
        self.dates: tuple[date, date] | None = None  # for a custom range

    def choose(self, preset: str, dates: tuple[date, date] | None, source: object) -> None:
        if (preset, dates) != (self.preset, self.dates):
            self.preset, self.dates = preset, dates
            self.chosen.emit(source)


def shared_range(owner: QObject) -> RangeState:
    """The one RangeState of `owner` (the window's bus), made on first use."""
    state = owner.findChild(RangeState, "SharedRange")
    if state is None:
        state = RangeState(parent=owner)
        state.setObjectName("SharedRange")
    return state


class RangeChooser(QWidget):
    """Last 4 weeks, 3 months, a year, all, or custom (two date edits, enabled for custom).

    `changed` fires when the chosen range changes; `resolve()` gives its dates, or None (with
    `error` saying why) when the two custom dates are the wrong way round.
    """

    changed = Signal()
    # another chooser of the same RangeState chose a range; this one now shows it
    followed = Signal()

    def __init__(
        self, parent: QWidget | None = None, preset: str = "3m", state: RangeState | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.preset_box = QComboBox()
        self.preset_box.setObjectName("RangePreset")
        for key, text in (
            ("4w", self.tr("Last 4 weeks")),
            ("3m", self.tr("Last 3 months")),
            ("1y", self.tr("Last year")),
            ("all", self.tr("All")),
            (CUSTOM, self.tr("Custom")),
        ):
            self.preset_box.addItem(text, key)
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset))
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit, name in ((self.start_edit, "RangeStart"), (self.end_edit, "RangeEnd")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.error = QLabel()
        self.error.setObjectName("RangeError")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(QLabel(self.tr("Range:")))
        layout.addWidget(self.preset_box)
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end_edit)
        layout.addWidget(self.error)
        self.preset_box.currentIndexChanged.connect(self._preset_changed)
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)
        if state is not None:
            self._follow(None)
            state.chosen.connect(self._follow)
        self._sync_enabled()

    @property
    def preset(self) -> str:
        return str(self.preset_box.currentData())

    def set_preset(self, preset: str) -> None:
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset))

    def resolve(
        self, today: date, week_start: int, span: tuple[date, date] | None
    ) -> tuple[date, date] | None:
        """The dates chosen. For a preset, the edits are set to show them."""
        if self.preset != CUSTOM:
            start, end = preset_range(self.preset, today, week_start, span)
            self._show_dates(start, end)
            self.error.clear()
            return start, end
        start, end = pydate(self.start_edit.date()), pydate(self.end_edit.date())
        if end < start:
            self.error.setText(self.tr("The range ends before it starts: swap the two dates"))
            return None
        self.error.clear()
        return start, end

    def _show_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def _sync_enabled(self) -> None:
        custom = self.preset == CUSTOM
        self.start_edit.setEnabled(custom)
        self.end_edit.setEnabled(custom)

    def _preset_changed(self) -> None:
        self._sync_enabled()
        self._share()
        self.changed.emit()

    def _dates_changed(self) -> None:
        if self.preset == CUSTOM:
            self._share()
            self.changed.emit()

    def _share(self) -> None:
        if self.state is None:
            return
        dates = None
        if self.preset == CUSTOM:
            dates = (pydate(self.start_edit.date()), pydate(self.end_edit.date()))
        self.state.choose(self.preset, dates, self)

    def _follow(self, source: object) -> None:
        """Show the shared range (chosen in another view), without a `changed` of our own."""
        if source is self or self.state is None:
            return
        widgets = (self.preset_box, self.start_edit, self.end_edit)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.preset_box.setCurrentIndex(self.preset_box.findData(self.state.preset))
            if self.state.dates is not None:
                self._show_dates(*self.state.dates)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._sync_enabled()
        if source is not None:
            self.followed.emit()


class DisciplineChooser(QComboBox):
    """Music, running, or both (None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DisciplineChoice")
        self.addItem(self.tr("Music and running"), None)
        self.addItem(self.tr("Music"), Discipline.MUSIC.value)
        self.addItem(self.tr("Running"), Discipline.RUNNING.value)

    @property
    def discipline(self) -> Discipline | None:
        value = self.currentData()
        return Discipline(value) if value else None

    def set_discipline(self, discipline: Discipline | str | None) -> None:
        self.setCurrentIndex(self.findData(Discipline(discipline).value if discipline else None))
