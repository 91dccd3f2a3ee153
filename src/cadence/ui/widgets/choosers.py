"""The range chooser every view uses (presets, a training cycle or two dates) and the charts'
discipline choice. Trends and Compare share one chosen range; Reports lays the same chooser out
in its column of choices, with the calendar presets and a training cycle."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QWidget

from cadence.domain.enums import Discipline
from cadence.domain.ranges import CHART_PRESETS, REPORT_PRESETS, preset_range
from cadence.ui.widgets.dates import pydate, qdate

CUSTOM = "custom"
CYCLE = "cycle"  # a training cycle's dates; the cycles are the view's to fill (set_cycles)
# The choices of the charts and of the reports (the order is the list's)
CHART_CHOICES: tuple[str, ...] = (*CHART_PRESETS, CUSTOM)
REPORT_CHOICES: tuple[str, ...] = (*REPORT_PRESETS, CYCLE, CUSTOM)


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
    """A named range (`choices`: the charts' last 4 weeks … all by default), a training cycle
    (when `choices` holds CYCLE) or custom: two date edits, enabled for custom, that show the
    dates of whatever is chosen.

    `changed` fires when the chosen range changes; `resolve()` gives its dates, or None (with
    `error` saying why) when the two custom dates are the wrong way round or there is no cycle.
    Laid out in a row, or, given a `form`, as its rows Range, Cycle and Dates.
    """

    changed = Signal()
    # another chooser of the same RangeState chose a range; this one now shows it
    followed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        preset: str = "3m",
        state: RangeState | None = None,
        choices: tuple[str, ...] = CHART_CHOICES,
        form: QFormLayout | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.preset_box = QComboBox()
        self.preset_box.setObjectName("RangePreset")
        texts = {
            "4w": self.tr("Last 4 weeks"),
            "3m": self.tr("Last 3 months"),
            "1y": self.tr("Last year"),
            "all": self.tr("All"),
            "this_week": self.tr("This week"),
            "last_week": self.tr("Last week"),
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            CYCLE: self.tr("A training cycle"),
            CUSTOM: self.tr("Custom dates"),
        }
        for key in choices:
            self.preset_box.addItem(texts[key], key)
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset))
        self.cycle_box = QComboBox()
        self.cycle_box.setObjectName("RangeCycle")
        # long cycle names are elided rather than widening the chooser
        self.cycle_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.cycle_box.setMinimumContentsLength(12)
        self.cycle_label = QLabel(self.tr("Cycle:"))
        self._cycle_dates: dict[int, tuple[date, date]] = {}  # by the cycle's index in the box
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit, name in ((self.start_edit, "RangeStart"), (self.end_edit, "RangeEnd")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(qdate(date.today()))
        self.error = QLabel()
        self.error.setObjectName("RangeError")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        if form is None:
            layout.addWidget(QLabel(self.tr("Range:")))
            layout.addWidget(self.preset_box)
            if CYCLE in choices:
                layout.addWidget(self.cycle_label)
                layout.addWidget(self.cycle_box)
            layout.addWidget(self.start_edit)
            layout.addWidget(QLabel("–"))
            layout.addWidget(self.end_edit)
            layout.addWidget(self.error)
        else:  # the form's owner says what is wrong (the error label stays hidden)
            layout.addWidget(self.preset_box)
            self.error.setParent(self)
            self.error.hide()
            form.addRow(self.tr("Range:"), self)
            if CYCLE in choices:
                form.addRow(self.cycle_label, self.cycle_box)
            dates = QHBoxLayout()
            dates.setSpacing(6)
            dates.addWidget(self.start_edit, 1)
            dates.addWidget(QLabel("–"))
            dates.addWidget(self.end_edit, 1)
            form.addRow(self.tr("Dates:"), dates)
        self.preset_box.currentIndexChanged.connect(self._preset_changed)
        self.cycle_box.currentIndexChanged.connect(self._cycle_changed)
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

    def set_custom(self, start: date, end: date) -> None:
        """Choose the two dates `start` … `end`."""
        self.set_preset(CUSTOM)
        self.start_edit.setDate(qdate(start))
        self.end_edit.setDate(qdate(end))

    @property
    def cycle(self) -> object | None:
        """The chosen training cycle's data (as given to set_cycles), when a cycle is chosen."""
        return self.cycle_box.currentData() if self.preset == CYCLE else None

    def set_cycles(self, cycles: list[tuple[str, tuple[date, date], object]]) -> None:
        """The training cycles to choose from: (text, (start, end), data) each; the one chosen
        stays chosen if it is still there, without a `changed`."""
        chosen = self.cycle_box.currentData()
        self.cycle_box.blockSignals(True)
        self.cycle_box.clear()
        self._cycle_dates = {}
        for i, (text, dates, data) in enumerate(cycles):
            self.cycle_box.addItem(text, data)
            self._cycle_dates[i] = dates
        index = self.cycle_box.findData(chosen) if chosen is not None else 0
        self.cycle_box.setCurrentIndex(max(0, index))
        self.cycle_box.blockSignals(False)

    def resolve(
        self, today: date, week_start: int, span: tuple[date, date] | None
    ) -> tuple[date, date] | None:
        """The dates chosen. For a preset or a cycle, the edits are set to show them."""
        if self.preset == CYCLE:
            dates = self._cycle_dates.get(self.cycle_box.currentIndex())
            if dates is None:
                self.error.setText(
                    self.tr("This journal has no training cycles yet; choose dates.")
                )
                return None
            self._show_dates(*dates)
            self.error.clear()
            return dates
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
        self.cycle_box.setVisible(self.preset == CYCLE)
        self.cycle_label.setVisible(self.preset == CYCLE)

    def _preset_changed(self) -> None:
        self._sync_enabled()
        self._share()
        self.changed.emit()

    def _cycle_changed(self) -> None:
        if self.preset == CYCLE:
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
