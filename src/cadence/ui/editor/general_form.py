"""The session editor's General tab: what, when, how long, how it felt, the run's numbers, notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TypeVar

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, SessionStatus, label
from cadence.domain.records import SessionData
from cadence.domain.units import DURATION_HINT, METRES_PER_MILE, Units, format_distance
from cadence.services.records.library import gear_usage
from cadence.ui.widgets.dates import pydate, qdate
from cadence.ui.widgets.fields import (
    CR10_WORDS,
    DurationEdit,
    Field,
    NumberEdit,
    RatingCombo,
    select_data,
    with_reading,
)

T = TypeVar("T")


def local_to_utc(day: date, at: time) -> datetime:
    """The user's local wall-clock time as naive UTC (how the journal stores start times)."""
    return datetime.combine(day, at).astimezone(UTC).replace(tzinfo=None)


def utc_to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class GeneralForm(QWidget):
    disciplineChanged = Signal(object)  # Discipline

    def __init__(self, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = units
        self.fields: dict[str, Field] = {}

        self.discipline = QComboBox()
        for d in Discipline:
            self.discipline.addItem(self.tr(label(d)), d)
        self.kind = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("Done"), SessionStatus.DONE)
        self.status.addItem(self.tr("Planned (not done yet)"), SessionStatus.PLANNED)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.duration = DurationEdit(self.tr("Duration"))
        self.planned = DurationEdit(self.tr("Planned duration"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Optional, e.g. 'Bach prelude, slow work'"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. scales, hills"))
        self.gear = QComboBox()

        self.rpe = NumberEdit(self.tr("RPE"), self.tr("0-10"))
        self.rpe.setMaximumWidth(90)
        self.rpe_word = QLabel()
        self.rpe_word.setMinimumWidth(110)
        self.focus = RatingCombo(self.tr("scattered"), self.tr("absorbed"))
        self.mood = RatingCombo(self.tr("low"), self.tr("great"))
        self.energy = RatingCombo(self.tr("drained"), self.tr("fresh"))
        self.flow = RatingCombo(self.tr("flow"), self.tr("stress"))

        self.distance = NumberEdit(self.tr("Distance"), units, whole=False)
        self.moving = DurationEdit(self.tr("Moving time"))
        self.avg_hr = NumberEdit(self.tr("Average heart rate"), self.tr("bpm"))
        self.max_hr = NumberEdit(self.tr("Maximum heart rate"), self.tr("bpm"))
        self.elevation = NumberEdit(self.tr("Elevation gain"), self.tr("m"), whole=False)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(
            self.tr("Markdown: **bold**, *italic*, - lists. What happened, what you noticed.")
        )
        self.notes.setMinimumHeight(120)

        self._build_layout()
        self.discipline.currentIndexChanged.connect(self._on_discipline)
        self.rpe.textChanged.connect(self._show_rpe_word)

    # --- layout ------------------------------------------------------------------------------------

    def _field(self, key: str, widget: QWidget) -> Field:
        field = Field(widget)
        self.fields[key] = field
        return field

    def _duration_field(self, key: str, edit: DurationEdit) -> Field:
        field = self._field(key, with_reading(edit))
        field.editor = edit  # focus and frame the line edit, not the row
        return field

    def _build_layout(self) -> None:
        what = QGroupBox(self.tr("Session"))
        form = QFormLayout(what)
        form.addRow(self.tr("Discipline"), self._field("discipline", self.discipline))
        form.addRow(self.tr("Kind"), self._field("kind", self.kind))
        form.addRow(self.tr("Status"), self._field("status", self.status))
        form.addRow(self.tr("Date"), self._field("local_date", self.day))
        form.addRow(self.tr("Start time"), self._field("started_at", self.start))
        form.addRow(self.tr("Duration"), self._duration_field("duration_s", self.duration))
        form.addRow(self.tr("Planned"), self._duration_field("planned_duration_s", self.planned))
        form.addRow(self.tr("Title"), self._field("title", self.title))

        self.labels = labels = QGroupBox(self.tr("Gear and tags"))
        labels_form = QFormLayout(labels)
        labels_form.addRow(self.tr("Gear"), self._field("gear_id", self.gear))
        labels_form.addRow(self.tr("Tags"), self._field("tags", self.tags))

        felt = QGroupBox(self.tr("How it felt"))
        felt_form = QFormLayout(felt)
        rpe_row = QWidget()
        rpe_layout = QHBoxLayout(rpe_row)
        rpe_layout.setContentsMargins(0, 0, 0, 0)
        rpe_layout.addWidget(self.rpe)
        rpe_layout.addWidget(self.rpe_word, 1)
        felt_form.addRow(self.tr("Effort (RPE)"), self._field("rpe", rpe_row))
        self.fields["rpe"].editor = self.rpe  # focus and frame the line edit, not the row
        felt_form.addRow(self.tr("Focus"), self._field("focus", self.focus))
        felt_form.addRow(self.tr("Mood"), self._field("mood", self.mood))
        felt_form.addRow(self.tr("Energy"), self._field("energy", self.energy))
        felt_form.addRow(self.tr("Flow ↔ stress"), self._field("flow", self.flow))

        self.run_group = QGroupBox(self.tr("Run"))
        run_form = QFormLayout(self.run_group)
        run_form.addRow(
            self.tr("Distance ({units})").format(units=self.units),
            self._field("distance_m", self.distance),
        )
        run_form.addRow(self.tr("Moving time"), self._duration_field("moving_s", self.moving))
        run_form.addRow(self.tr("Average HR"), self._field("avg_hr", self.avg_hr))
        run_form.addRow(self.tr("Maximum HR"), self._field("max_hr", self.max_hr))
        run_form.addRow(
            self.tr("Elevation gain (m)"), self._field("elevation_gain_m", self.elevation)
        )

        self.right = right = QVBoxLayout()
        right.addWidget(felt)
        right.addWidget(self.run_group)
        right.addWidget(labels)
        right.addStretch(1)
        self.left = left = QVBoxLayout()
        left.addWidget(what)
        left.addStretch(1)

        notes_box = QGroupBox(self.tr("Notes"))
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self._field("notes", self.notes))

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(notes_box, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

    # --- behaviour ---------------------------------------------------------------------------------

    def current_discipline(self) -> Discipline:
        return self.discipline.currentData()

    def _on_discipline(self) -> None:
        discipline = self.current_discipline()
        kind = self.kind.currentData()
        self.kind.clear()
        for k in KINDS_BY_DISCIPLINE[discipline]:
            self.kind.addItem(self.tr(label(k)), k)
        select_data(self.kind, kind)
        running = discipline == Discipline.RUNNING
        for edit in (self.duration, self.planned, self.moving):
            edit.set_craft(discipline)
        self.run_group.setVisible(running)
        # balance the two columns: gear and tags go under the shorter one
        self.left.removeWidget(self.labels)
        self.right.removeWidget(self.labels)
        column = self.left if running else self.right
        column.insertWidget(1 if running else 2, self.labels)
        self.disciplineChanged.emit(discipline)

    def _show_rpe_word(self, text: str) -> None:
        text = text.strip()
        word = CR10_WORDS.get(int(text)) if text.isdigit() else None
        self.rpe_word.setText(self.tr(word) if word else "")

    def _fill_gear(self, current: int | None) -> None:
        self.gear.clear()
        self.gear.addItem(self.tr("— none —"), None)
        for use in gear_usage():
            if use.retired and use.gear_id != current:
                continue
            text = use.name
            if use.distance_m:
                text += f" ({format_distance(use.distance_m, self.units, 0)})"
            if use.retired:
                text += self.tr(" — retired")
            self.gear.addItem(text, use.gear_id)
        select_data(self.gear, current)

    # --- data in and out ---------------------------------------------------------------------------

    def set_data(self, data: SessionData) -> None:
        select_data(self.discipline, data.discipline)
        self._on_discipline()  # the kinds of this discipline, even if the index did not change
        select_data(self.kind, data.kind, keep_unknown=True)
        select_data(self.status, data.status, keep_unknown=True)
        local = utc_to_local(data.started_at)
        self.day.setDate(qdate(data.local_date))
        self.start.setTime(QTime(local.hour, local.minute))
        self.duration.set_seconds(data.duration_s)
        self.planned.set_seconds(data.planned_duration_s)
        self.title.setText(data.title)
        self.tags.setText(", ".join(data.tags))
        self._fill_gear(data.gear_id)
        self.rpe.set_number(data.rpe)
        self.focus.set_value(data.focus)
        self.mood.set_value(data.mood)
        self.energy.set_value(data.energy)
        self.flow.set_value(data.flow)
        per_unit = METRES_PER_MILE if self.units == "mi" else 1000.0
        self.distance.set_number(
            data.distance_m / per_unit if data.distance_m is not None else None, 2
        )
        self.moving.set_seconds(data.moving_s)
        self.avg_hr.set_number(data.avg_hr)
        self.max_hr.set_number(data.max_hr)
        self.elevation.set_number(data.elevation_gain_m, 0)
        self.notes.setPlainText(data.notes)

    def fill(self, data: SessionData, errors: dict[str, str]) -> None:
        """Write the fields into `data`; what cannot be read goes into `errors` by field name."""
        data.discipline = self.current_discipline()
        data.kind = self.kind.currentData()
        data.status = self.status.currentData()
        data.local_date = pydate(self.day.date())
        qtime = self.start.time()
        data.started_at = local_to_utc(data.local_date, time(qtime.hour(), qtime.minute()))
        data.title = self.title.text().strip()
        data.tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        data.gear_id = self.gear.currentData()
        data.focus = self.focus.value()
        data.mood = self.mood.value()
        data.energy = self.energy.value()
        data.flow = self.flow.value()
        data.notes = self.notes.toPlainText()

        def read(key: str, reader: Callable[[], T]) -> T | None:
            try:
                return reader()
            except ValueError as exc:
                errors[key] = str(exc)
                return None

        duration = read("duration_s", self.duration.seconds)
        if duration is None and "duration_s" not in errors:
            if data.status == SessionStatus.DONE:
                errors["duration_s"] = self.tr("Enter how long the session lasted: {0}").format(
                    self.tr(DURATION_HINT)
                )
            duration = 0
        data.duration_s = duration or 0
        data.planned_duration_s = read("planned_duration_s", self.planned.seconds)
        data.rpe = read("rpe", self.rpe.whole_number)
        if data.discipline == Discipline.RUNNING:
            distance = read("distance_m", self.distance.number)
            per_unit = METRES_PER_MILE if self.units == "mi" else 1000.0
            data.distance_m = distance * per_unit if distance is not None else None
            data.moving_s = read("moving_s", self.moving.seconds)
            data.avg_hr = read("avg_hr", self.avg_hr.whole_number)
            data.max_hr = read("max_hr", self.max_hr.whole_number)
            data.elevation_gain_m = read("elevation_gain_m", self.elevation.number)
        else:  # a music session has no run numbers
            data.distance_m = data.moving_s = data.avg_hr = data.max_hr = None
            data.elevation_gain_m = None

    def state(self) -> tuple:
        """What the user sees, to tell whether anything changed."""
        texts = [
            w.text()
            for w in (
                self.duration,
                self.planned,
                self.title,
                self.tags,
                self.rpe,
                self.distance,
                self.moving,
                self.avg_hr,
                self.max_hr,
                self.elevation,
            )
        ]
        combos = [
            c.currentIndex()
            for c in (
                self.discipline,
                self.kind,
                self.status,
                self.gear,
                self.focus,
                self.mood,
                self.energy,
                self.flow,
            )
        ]
        return (
            *texts,
            *combos,
            self.day.date(),
            self.start.time(),
            self.notes.toPlainText(),
        )

    # --- errors ------------------------------------------------------------------------------------

    def show_error(self, key: str, message: str) -> QWidget | None:
        field = self.fields.get(key)
        if field is None:
            return None
        field.show_error(message)
        return field.editor

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()
