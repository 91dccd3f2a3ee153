"""The first step of a session: what it is for (one to three intentions) and, optionally, a plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, SessionKind, label
from cadence.domain.limits import MAX_BPM, MAX_INTENTIONS, MAX_REPS
from cadence.domain.palette import MUSIC, RUNNING
from cadence.domain.records import RehearsalData
from cadence.domain.units import (
    METRES_PER_MILE,
    Units,
    distance_in,
    format_duration,
    pace_text,
    parse_pace,
)
from cadence.services.records import library
from cadence.services.records.preferences import load_preferences
from cadence.services.season.rehearsals import demand_choices
from cadence.services.today import (
    Plan,
    Practice,
    passage_choices,
    plan_from_session,
    planned_sessions,
)
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.new_passage import NEW_PASSAGE, offer_new_passage
from cadence.ui.today.carry_forward import CarryForward
from cadence.ui.today.experiment_note import ExperimentNote
from cadence.ui.today.intention_row import PLACEHOLDERS, IntentionRow
from cadence.ui.today.plan_size_hint import PlanSizeHint
from cadence.ui.today.teacher_notes import TeacherNotes
from cadence.ui.widgets.common import FieldErrors, error_label, hint, with_error
from cadence.ui.widgets.season_links import DemandPicker


class SetupForm(QWidget):
    """Discipline, kind, intentions and the optional plan. `changed` fires on every edit."""

    changed = Signal()
    start_requested = Signal()
    rows_changed = Signal()  # an intention row came or went: Tab's order follows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = Units.KM
        self._focuses: list[tuple[int, str]] = []
        self._has_passages = False
        self.plan_link: Plan | None = None  # a planned session being followed
        self.music = QPushButton(self.tr("Music"))
        self.running = QPushButton(self.tr("Running"))
        self.disciplines = QButtonGroup(self)
        for button, colour in ((self.music, MUSIC), (self.running, RUNNING)):
            button.setCheckable(True)
            button.setMinimumWidth(96)
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {colour}; color: white; "
                f"border: 1px solid {colour}; border-radius: 4px; padding: 4px 12px; }}"
                "QPushButton:checked:focus { border: 2px solid palette(highlight); padding: 3px 11px; }"
            )
            self.disciplines.addButton(button)
        self.music.setChecked(True)
        self.kind = QComboBox()
        self.kind.setMinimumContentsLength(12)
        top = QHBoxLayout()
        top.addWidget(self.music)
        top.addWidget(self.running)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Kind")))
        top.addWidget(self.kind)
        top.addStretch(1)

        intro = QLabel(self.tr("<b>Intention</b> — what is this session for?"))
        self.carry = CarryForward()  # the last session's "next time" note
        self.carry.use_requested.connect(self._carry_forward)
        self.notes = TeacherNotes()  # a teacher's open notes (a journal on a studio's server)
        self.notes.take_requested.connect(self._take_note)
        self.note_uid: str | None = None  # the note this session takes up
        self.experiment = ExperimentNote()  # which arm of a running experiment today is in
        self.experiment.use_requested.connect(self._carry_forward)
        self.demands = DemandPicker()  # the demands of a coming goal event it rehearses
        self.demands.changed.connect(self.changed)
        self.carry.rehearse_button.clicked.connect(self._mark_rehearsal)
        self.rows: list[IntentionRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(6)
        self.add_row_button = QPushButton(self.tr("Add another intention"))
        self.add_row_button.setFlat(True)
        self.add_row_button.clicked.connect(lambda: self.add_row(focus=True))
        self.intentions_error = error_label()

        self.reps = self._spin(MAX_REPS, self.tr(" reps"))
        self.minutes = self._spin(600, self.tr(" min"))
        self.tempo = self._spin(int(MAX_BPM), self.tr(" BPM"))
        self.distance = QDoubleSpinBox()  # running: runners plan "10 km" more than "45 min"
        self.distance.setRange(0, 500)
        self.distance.setDecimals(1)
        self.distance.setSingleStep(1.0)
        self.distance.setSpecialValueText("—")
        self.distance.setMinimumWidth(110)
        self.pace = QLineEdit()
        self.pace.setPlaceholderText("m:ss")
        self.pace.setMaximumWidth(120)
        self.bus: AppBus | None = None  # the app bus, set by the session panel
        self.passage = QComboBox()
        self.passage.setMinimumContentsLength(24)
        self.new_passage = QPushButton(self.tr(NEW_PASSAGE))
        self.new_passage.setToolTip(
            self.tr("Add a piece and a passage to the repertoire (Music), and plan it here")
        )
        self.new_passage.clicked.connect(self.add_passage)
        passage_row = QHBoxLayout()
        passage_row.setContentsMargins(0, 0, 0, 0)
        passage_row.addWidget(self.passage, 1)
        passage_row.addWidget(self.new_passage)
        passage_box = QWidget()
        passage_box.setLayout(passage_row)
        self.workout = QComboBox()
        self.workout.setMinimumContentsLength(24)
        self.use_plan = QPushButton(self.tr("Use this plan"))
        self.use_plan.clicked.connect(self.use_selected_plan)
        self.plan_note = hint("")
        self.plan_note.hide()
        self.errors = FieldErrors(error_label())
        self.plan_form = QFormLayout()
        self.plan_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.plan_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.plan_form.setHorizontalSpacing(14)
        self.plan_form.setVerticalSpacing(8)
        self._plan_rows: dict[str, tuple[QLabel, QWidget]] = {}
        workout_row = QHBoxLayout()
        workout_row.setContentsMargins(0, 0, 0, 0)
        workout_row.addWidget(self.workout, 1)
        workout_row.addWidget(self.use_plan)
        workout_box = QWidget()
        workout_box.setLayout(workout_row)
        self._add_plan_row("workout", self.tr("Planned workout"), workout_box, None)
        self._add_plan_row("passage", self.tr("Passage"), passage_box, "blocks[0].passage_id")
        self._add_plan_row("reps", self.tr("Repetitions"), self.reps, "blocks[0].planned_reps")
        self._add_plan_row("minutes", self.tr("Minutes"), self.minutes, "planned_duration_s")
        self._add_plan_row(
            "distance", self.tr("Distance"), self.distance, "blocks[0].planned_distance_m"
        )
        self._add_plan_row("tempo", self.tr("Target tempo"), self.tempo, "blocks[0].target_bpm")
        self._add_plan_row(
            "pace", self.tr("Target pace"), self.pace, "blocks[0].target_pace_s_per_km"
        )

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setDefault(True)
        self.start_button.setMinimumWidth(120)
        self.start_button.clicked.connect(self.start_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addSpacing(4)
        layout.addWidget(intro)
        layout.addWidget(self.carry)
        layout.addWidget(self.notes)
        layout.addWidget(self.experiment)
        layout.addWidget(self.demands)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.intentions_error)
        layout.addWidget(self.add_row_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(4)
        layout.addWidget(QLabel(self.tr("<b>Plan</b> (optional) — where will you stop?")))
        layout.addLayout(self.plan_form)
        self.plan_size = PlanSizeHint(self)  # a size that fits your own stops, when known
        layout.addWidget(self.plan_size)
        layout.addWidget(self.plan_note)
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)

        self.errors.add("intentions", self.add_row_button, self.intentions_error)
        self.disciplines.buttonToggled.connect(self._discipline_toggled)
        self.passage.currentIndexChanged.connect(self._passage_chosen)
        for signal in (
            self.kind.currentIndexChanged,
            self.reps.valueChanged,
            self.minutes.valueChanged,
            self.tempo.valueChanged,
            self.distance.valueChanged,
            self.pace.textChanged,
            self.passage.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self.add_row()
        self.refresh_choices()

    # --- building ---

    def _spin(self, maximum: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, maximum)
        spin.setSpecialValueText("—")
        spin.setSuffix(suffix)
        spin.setMinimumWidth(110)
        return spin

    def _add_plan_row(self, key: str, text: str, widget: QWidget, field: str | None) -> None:
        label_widget = QLabel(text)
        cell: QWidget = widget
        if field is not None:
            message = error_label()
            self.errors.add(field, widget, message)
            cell = with_error(widget, message)
        self.plan_form.addRow(label_widget, cell)
        self._plan_rows[key] = (label_widget, cell)

    def _show_plan_row(self, key: str, visible: bool) -> None:
        label_widget, cell = self._plan_rows[key]
        label_widget.setVisible(visible)
        cell.setVisible(visible)

    def add_row(self, text: str = "", focus_id: int | None = None, focus: bool = False) -> None:
        if len(self.rows) >= MAX_INTENTIONS:
            return
        row = IntentionRow(self)
        row.text.setPlaceholderText(self.tr(PLACEHOLDERS[self.discipline()]))
        row.fill_focuses(self._focuses)
        row.text.setText(text)
        row.focus_target.setCurrentIndex(max(row.focus_target.findData(focus_id), 0))
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove_row)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._update_rows()
        if focus:
            row.text.setFocus()
        self.changed.emit()

    def _remove_row(self, row: IntentionRow) -> None:
        if len(self.rows) <= 1:
            row.text.clear()
            return
        self.rows.remove(row)
        row.deleteLater()
        self._update_rows()
        self.rows[0].text.setFocus()
        self.changed.emit()

    def _update_rows(self) -> None:
        """After a row came or went: messages are shown next to the rows there are now."""
        self.errors.forget("intentions[")
        for i, row in enumerate(self.rows):
            self.errors.add(f"intentions[{i}].text", row.text, row.error)
            self.errors.add(f"intentions[{i}].focus_id", row.focus_target, row.error)
        self.add_row_button.setEnabled(len(self.rows) < MAX_INTENTIONS)
        for row in self.rows:
            row.remove.setVisible(len(self.rows) > 1)
        self.rows_changed.emit()

    def tab_stops(self) -> list[QWidget]:
        """Reading order: discipline, kind, what to carry forward, the intentions, the plan, Start."""
        rows = [w for row in self.rows for w in (row.text, row.focus_target, row.remove)]
        plan = [
            self.workout,
            self.use_plan,
            self.passage,
            self.new_passage,
            self.reps,
            self.minutes,
            self.distance,
            self.tempo,
        ]
        return [
            self.music,
            self.running,
            self.kind,
            self.carry.button,
            self.carry.rehearse_button,
            *self.notes.buttons,
            self.experiment.button,
            self.demands.button,
            *rows,
            self.add_row_button,
            *plan,
            self.pace,
            self.plan_size.accept_button,
            self.start_button,
        ]

    # --- discipline and choices ---

    def discipline(self) -> Discipline:
        return Discipline.RUNNING if self.running.isChecked() else Discipline.MUSIC

    def set_discipline(self, discipline: Discipline) -> None:
        (self.running if discipline == Discipline.RUNNING else self.music).setChecked(True)
        self._apply_discipline()

    def _discipline_toggled(self, _button, checked: bool) -> None:
        if checked:
            self._apply_discipline()
            self.changed.emit()

    def _apply_discipline(self) -> None:
        discipline = self.discipline()
        keep = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in KINDS_BY_DISCIPLINE[discipline]:
            self.kind.addItem(self.tr(label(kind)), str(kind))
        self.kind.setCurrentIndex(max(self.kind.findData(keep), 0))
        self.kind.blockSignals(False)
        music = discipline == Discipline.MUSIC
        self._show_plan_row("tempo", music)
        self._show_plan_row("passage", music)
        self.passage.setEnabled(self._has_passages)
        self._show_plan_row("pace", not music)
        self._show_plan_row("distance", not music)
        self._show_plan_row("workout", not music and self.workout.count() > 1)
        if music and self.plan_link is not None:
            self.unlink_plan()
        self.carry.refresh(discipline)
        self.notes.refresh(discipline)
        self.experiment.refresh(discipline)
        self.demands.set_choices(demand_choices(discipline, date.today()))
        held = library.active_focuses(discipline)
        self._focuses = [(f.id, f.title) for f in held if f.id is not None]  # saved: it has one
        for row in self.rows:
            row.fill_focuses(self._focuses)
            row.text.setPlaceholderText(self.tr(PLACEHOLDERS[discipline]))

    def refresh_choices(self) -> None:
        """Re-read focus targets, passages, planned workouts and units from the journal."""
        self.units = load_preferences().units
        self.pace.setToolTip(self.tr("Minutes and seconds per {0}").format(self.units))
        self._plan_rows["pace"][0].setText(self.tr("Target pace (per {0})").format(self.units))
        self.distance.setSuffix(f" {self.units}")
        keep = self.passage.currentData()
        self.passage.blockSignals(True)
        self.passage.clear()
        self.passage.addItem(self.tr("No particular passage"), None)
        for passage_id, text, bpm in passage_choices():
            self.passage.addItem(text, passage_id)
            self.passage.setItemData(self.passage.count() - 1, bpm, Qt.ItemDataRole.UserRole + 1)
        self.passage.setCurrentIndex(max(self.passage.findData(keep), 0))
        self.passage.blockSignals(False)
        self._has_passages = self.passage.count() > 1
        self.workout.clear()
        self.workout.addItem(self.tr("Choose a planned workout…"), None)
        for plan in planned_sessions():
            length = f", {format_duration(plan.planned_s)}" if plan.planned_s else ""
            text = f"{plan.title} ({plan.local_date:%d %b}, {plan.blocks} steps{length})"
            self.workout.addItem(text, plan.id)
        self._focuses = []
        self._apply_discipline()
        self.plan_size.update_proposal()  # the journal changed: so may the history

    def add_passage(self) -> None:
        """The Music view's Add piece/passage dialogs; the new passage becomes the plan's."""
        if self.bus is None:
            return

        def chosen(passage_id: int) -> None:
            self.refresh_choices()
            self.passage.setCurrentIndex(max(self.passage.findData(passage_id), 0))

        offer_new_passage(self.bus, self, chosen)

    def _passage_chosen(self) -> None:
        bpm = self.passage.currentData(Qt.ItemDataRole.UserRole + 1)
        if bpm and not self.tempo.value():
            self.tempo.setValue(round(bpm))

    def use_selected_plan(self) -> None:
        plan_id = self.workout.currentData()
        if plan_id is None:
            return
        self.apply_plan(plan_from_session(plan_id))
        self.first_empty_intention().setFocus()

    def apply_plan(self, plan: Plan) -> None:
        self.plan_link = plan
        self.reps.setValue(plan.reps or 0)
        self.minutes.setValue(round((plan.planned_s or 0) / 60))
        self.pace.setText(pace_text(plan.target_pace_s_per_km, self.units))
        self.distance.setValue(distance_in(plan.planned_distance_m, self.units) or 0)
        steps = len(plan.blocks)
        self.plan_note.setText(
            self.tr("Following the plan “{0}”: {1} steps.").format(plan.label, steps)
        )
        self.plan_note.show()
        self.changed.emit()

    def unlink_plan(self) -> None:
        self.plan_link = None
        self.plan_note.hide()

    def _carry_forward(self, text: str) -> None:
        if all(row.text.text().strip() for row in self.rows):
            self.add_row()
        target = self.first_empty_intention()
        if not target.text().strip():
            target.setText(text)
            target.setFocus()

    def _take_note(self, uid: str, text: str) -> None:
        self._carry_forward(text)
        self.note_uid = uid
        self.notes.mark_taken(uid)
        self.changed.emit()

    def _mark_rehearsal(self) -> None:
        coming = self.carry.coming
        if coming is not None and coming.event_id is not None:
            self.demands.mark(RehearsalData(coming.event_id, coming.aspect))

    def first_empty_intention(self) -> QLineEdit:
        for row in self.rows:
            if not row.text.text().strip():
                return row.text
        return self.rows[0].text

    # --- reading and restoring ---

    def collect(self) -> tuple[Practice | None, dict[str, str]]:
        """The practice this form describes, or messages for the fields at fault."""
        errors: dict[str, str] = {}
        try:
            pace = parse_pace(self.pace.text(), self.units)
        except ValueError as exc:
            errors["blocks[0].target_pace_s_per_km"] = str(exc)
            pace = None
        intentions = [row.intention() for row in self.rows]
        filled = [i for i in intentions if i.text.strip()]
        if not filled:
            errors["intentions[0].text"] = self.tr(
                "Write what this session is for first: one clear intention is enough"
            )
        if errors:
            return None, errors
        base = self.plan_link or Plan()
        music = self.discipline() == Discipline.MUSIC
        plan = Plan(
            reps=self.reps.value() or None,
            planned_s=self.minutes.value() * 60.0 or None,
            target_bpm=(self.tempo.value() or None) if music else None,
            target_pace_s_per_km=None if music else pace,
            planned_distance_m=(
                None
                if music or not self.distance.value()
                else self.distance.value() * (METRES_PER_MILE if self.units == "mi" else 1000.0)
            ),
            passage_id=self.passage.currentData() if music else None,
            label=self.passage.currentText() if music and self.passage.currentData() else "",
            plan_session_id=base.plan_session_id,
            blocks=list(base.blocks),
        )
        if base.plan_session_id is not None:
            plan.label = base.label
        kind = SessionKind(self.kind.currentData())
        rehearsals = self.demands.rehearsals()
        practice = Practice(self.discipline(), kind, filled, plan, rehearsals=rehearsals)
        practice.note_uid = self.note_uid
        return practice, {}

    def show_errors(self, errors: dict[str, str]) -> None:
        widget = self.errors.show(errors)
        if widget is not None:
            widget.setFocus()

    def is_blank(self) -> bool:
        return not any(row.text.text().strip() for row in self.rows) and self.plan_link is None

    def state(self) -> dict[str, Any]:
        return {
            "discipline": str(self.discipline()),
            "kind": self.kind.currentData(),
            "intentions": [
                {"text": r.text.text(), "focus_id": r.focus_target.currentData()} for r in self.rows
            ],
            "reps": self.reps.value(),
            "minutes": self.minutes.value(),
            "tempo": self.tempo.value(),
            "pace": self.pace.text(),
            "distance": self.distance.value(),
            "passage_id": self.passage.currentData(),
            "plan_session_id": self.plan_link.plan_session_id if self.plan_link else None,
            "rehearsals": self.demands.state(),
            "note_uid": self.note_uid,
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.reset()
        self.set_discipline(Discipline(state.get("discipline", "music")))
        self.kind.setCurrentIndex(max(self.kind.findData(state.get("kind")), 0))
        for i, item in enumerate(state.get("intentions") or [{}]):
            if i >= len(self.rows):
                self.add_row()
            self.rows[i].text.setText(item.get("text", ""))
            index = self.rows[i].focus_target.findData(item.get("focus_id"))
            self.rows[i].focus_target.setCurrentIndex(max(index, 0))
        self.passage.setCurrentIndex(max(self.passage.findData(state.get("passage_id")), 0))
        plan_id = state.get("plan_session_id")
        if plan_id is not None:
            try:
                self.apply_plan(plan_from_session(plan_id))
            except KeyError:
                self.unlink_plan()  # the plan is gone; the numbers typed below still come back
        self.reps.setValue(int(state.get("reps") or 0))
        self.minutes.setValue(int(state.get("minutes") or 0))
        self.tempo.setValue(int(state.get("tempo") or 0))
        self.pace.setText(state.get("pace") or "")
        self.distance.setValue(float(state.get("distance") or 0))
        links = [RehearsalData(int(e), str(a)) for e, a in state.get("rehearsals") or []]
        self.demands.set_rehearsals(links)
        self.note_uid = state.get("note_uid") or None
        self.notes.mark_taken(self.note_uid)

    def reset(self) -> None:
        """A fresh form (the discipline chosen last stays)."""
        while len(self.rows) > 1:
            row = self.rows.pop()
            row.deleteLater()
        self.rows[0].text.clear()
        self.rows[0].focus_target.setCurrentIndex(0)
        self._update_rows()
        for spin in (self.reps, self.minutes, self.tempo, self.distance):
            spin.setValue(0)
        self.pace.clear()
        self.passage.setCurrentIndex(0)
        self.workout.setCurrentIndex(0)
        self.unlink_plan()
        self.demands.set_rehearsals([])
        self.note_uid = None
        self.notes.mark_taken(None)
        self.errors.clear()
        self.intentions_error.hide()
