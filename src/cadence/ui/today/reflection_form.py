"""The last step: how it went. Outcome of each intention, what was done, the discipline's prompts
(each may be shared in reports), and effort, focus, mood and flow↔stress."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, Outcome, ReflectionPrompt, label
from cadence.domain.limits import MAX_BPM, MAX_REPS
from cadence.domain.records import FocusScoreData, ReflectionData
from cadence.domain.units import (
    DURATION_HINT,
    METRES_PER_MILE,
    Units,
    duration_words,
    format_distance,
    pace_text,
    parse_pace,
)
from cadence.services.records.library import reflection_prompts
from cadence.services.season.rehearsals import rated_focus_targets
from cadence.services.today import Plan, Practice, Reflection
from cadence.ui.today.slip_widgets import SlipsQuestion
from cadence.ui.today.teacher_notes import NoteAnswer
from cadence.ui.widgets.common import (
    FieldErrors,
    ScaleCombo,
    error_label,
    hint,
    with_error,
)
from cadence.ui.widgets.fields import DurationEdit, with_reading
from cadence.ui.widgets.season_links import FocusRatings

RPE = {
    0: "rest",
    1: "very easy",
    2: "easy",
    3: "moderate",
    4: "somewhat hard",
    5: "hard",
    6: "hard +",
    7: "very hard",
    8: "very hard +",
    9: "nearly maximal",
    10: "maximal",
}
FOCUS = {1: "scattered", 2: "drifting", 3: "steady", 4: "focused", 5: "absorbed"}
MOOD = {1: "low", 2: "flat", 3: "okay", 4: "good", 5: "great"}
FLOW = {1: "deep flow", 2: "flowing", 3: "neither", 4: "some stress", 5: "stressed"}
OUTCOMES = (Outcome.ACHIEVED, Outcome.PARTLY, Outcome.MISSED)


class OutcomeRow(QWidget):
    """One intention and its rating: achieved, partly or missed."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(f"→ {text}")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QButtonGroup(self)
        self.buttons: dict[Outcome, QRadioButton] = {}
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        for outcome in OUTCOMES:
            button = QRadioButton(self.tr(label(outcome)))
            self.group.addButton(button)
            self.buttons[outcome] = button
            row.addWidget(button)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def outcome(self) -> Outcome:
        for outcome, button in self.buttons.items():
            if button.isChecked():
                return outcome
        return Outcome.NOT_RATED

    def set_outcome(self, outcome: Outcome) -> None:
        if outcome in self.buttons:
            self.buttons[outcome].setChecked(True)


class PromptBox(QWidget):
    changed = Signal()

    def __init__(self, prompt: ReflectionPrompt, question: str, parent=None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.question = QLabel(question)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(question)
        self.edit.setFixedHeight(round(self.edit.fontMetrics().lineSpacing() * 2.5) + 14)
        self.share = QCheckBox(self.tr("Share in reports"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.question, 1)
        top.addWidget(self.share)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self.changed)
        self.share.toggled.connect(self.changed)

    def answer(self) -> ReflectionData:
        return ReflectionData(self.prompt, self.edit.toPlainText(), self.share.isChecked())


class ReflectionForm(QWidget):
    changed = Signal()
    save_requested = Signal()
    back_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = Units.KM
        self.discipline = Discipline.MUSIC
        self.summary = hint("")
        self.outcome_rows: list[OutcomeRow] = []
        self.outcome_box = QVBoxLayout()
        self.outcome_box.setSpacing(6)
        self.slips = SlipsQuestion()  # was each slip let go?
        self.slips.changed.connect(self.changed)
        self.note_answer = NoteAnswer()  # the answer to a teacher's note the session took up
        self.note_answer.changed.connect(self.changed)

        self.duration = DurationEdit(self.tr("Time"))
        self.done_reps = QSpinBox()
        self.done_reps.setRange(0, MAX_REPS)
        self.clean_reps = QSpinBox()
        self.clean_reps.setRange(0, MAX_REPS)
        self.clean_reps.setSpecialValueText(self.tr("not counted"))
        self.clean_reps.setMinimum(-1)
        self.achieved_bpm = QSpinBox()
        self.achieved_bpm.setRange(0, int(MAX_BPM))
        self.achieved_bpm.setSpecialValueText("—")
        self.achieved_bpm.setSuffix(" BPM")
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0, 500)
        self.distance.setDecimals(2)
        self.distance.setSingleStep(0.5)
        self.distance.setSpecialValueText("—")
        self.pace = QLineEdit()
        self.pace.setPlaceholderText("m:ss")
        self.pace.setMaximumWidth(120)
        self._auto_pace = ""  # the pace this form filled in from time and distance
        self.avg_hr = QSpinBox()
        self.avg_hr.setRange(0, 250)
        self.avg_hr.setSpecialValueText("—")
        self.avg_hr.setSuffix(" bpm")
        self.plan = Plan()
        self.distance_note = hint("")
        self.distance_note.hide()
        self.errors = FieldErrors(error_label())
        self.done_form = QFormLayout()
        self.done_form.setHorizontalSpacing(14)
        self.done_form.setVerticalSpacing(6)
        self.done_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.done_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, text, widget, fields in (
            ("duration", "Time practised", self.duration, ("duration_s", "blocks[0].duration_s")),
            ("done", "Repetitions done", self.done_reps, ("blocks[0].done_reps",)),
            ("clean", "Clean repetitions", self.clean_reps, ("blocks[0].clean_reps",)),
            ("bpm", "Best clean tempo", self.achieved_bpm, ("blocks[0].achieved_bpm",)),
            ("distance", "Distance", self.distance, ("distance_m", "blocks[0].distance_m")),
            ("pace", "Average pace", self.pace, ("blocks[0].achieved_pace_s_per_km",)),
            ("hr", "Average heart rate", self.avg_hr, ("avg_hr",)),
        ):
            message = error_label()
            for field in fields:
                self.errors.add(field, widget, message)
            text_label = QLabel(self.tr(text))
            shown = with_reading(widget) if isinstance(widget, DurationEdit) else widget
            cell = with_error(shown, message)
            self.done_form.addRow(text_label, cell)
            self._rows[key] = (text_label, cell)

        self.focus_ratings = FocusRatings()  # focus targets seen by a 1-5 rating of one's own
        self.focus_ratings.changed.connect(self.changed)
        self.prompts: list[PromptBox] = []
        self.prompt_box = QVBoxLayout()
        self.prompt_box.setSpacing(10)

        self.rpe = ScaleCombo({k: self.tr(v) for k, v in RPE.items()})
        self.focus = ScaleCombo({k: self.tr(v) for k, v in FOCUS.items()})
        self.mood = ScaleCombo({k: self.tr(v) for k, v in MOOD.items()})
        self.flow = ScaleCombo({k: self.tr(v) for k, v in FLOW.items()})
        ratings = QGridLayout()
        ratings.setHorizontalSpacing(14)
        ratings.setVerticalSpacing(4)
        for n, (name, text, combo) in enumerate(
            (
                ("rpe", "Effort (RPE 0–10)", self.rpe),
                ("focus", "Focus", self.focus),
                ("mood", "Mood", self.mood),
                ("flow", "Flow ↔ stress", self.flow),
            )
        ):
            message = error_label()
            self.errors.add(name, combo, message)
            row, col = divmod(n, 2)
            ratings.addWidget(QLabel(self.tr(text)), row * 2, col * 2, Qt.AlignmentFlag.AlignRight)
            ratings.addWidget(with_error(combo, message), row * 2, col * 2 + 1)
        ratings.setColumnStretch(1, 1)
        ratings.setColumnStretch(3, 1)

        self.back_button = QPushButton(self.tr("Back to the timer"))
        self.back_button.setFlat(True)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setFlat(True)
        self.save_button = QPushButton(self.tr("Save session"))
        self.save_button.setMinimumWidth(130)
        self.back_button.clicked.connect(self.back_requested)
        self.discard_button.clicked.connect(self.discard_requested)
        self.save_button.clicked.connect(self.save_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addLayout(self.outcome_box)
        layout.addWidget(self.slips)
        layout.addSpacing(4)
        layout.addLayout(self.done_form)
        layout.addWidget(self.distance_note)
        layout.addLayout(ratings)
        layout.addWidget(self.focus_ratings)
        layout.addSpacing(6)
        layout.addWidget(self.note_answer)
        layout.addLayout(self.prompt_box)
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)
        for signal in (
            self.duration.textChanged,
            self.done_reps.valueChanged,
            self.clean_reps.valueChanged,
            self.achieved_bpm.valueChanged,
            self.distance.valueChanged,
            self.pace.textChanged,
            self.avg_hr.valueChanged,
            self.rpe.currentIndexChanged,
            self.focus.currentIndexChanged,
            self.mood.currentIndexChanged,
            self.flow.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self.duration.textChanged.connect(self._run_numbers)
        self.distance.valueChanged.connect(self._run_numbers)

    def _run_numbers(self) -> None:
        """A run: the pace follows time and distance (unless typed over), and going past the
        planned distance gets the same quiet note as going past the planned reps."""
        if self.discipline != Discipline.RUNNING:
            return
        distance = self.distance.value() * (METRES_PER_MILE if self.units == "mi" else 1000.0)
        if self.pace.text() in ("", self._auto_pace):
            try:
                seconds = self.duration.seconds()
            except ValueError:
                seconds = None
            per_km = seconds / (distance / 1000.0) if seconds and distance else None
            self._auto_pace = pace_text(per_km, self.units)
            self.pace.setText(self._auto_pace)
        past = self.plan.past_distance(distance)
        self.distance_note.setText(
            self.tr(
                "Past the planned {0}. Never just one more — the run that stops while it is "
                "still good is the one that makes tomorrow's good."
            ).format(format_distance(self.plan.planned_distance_m, self.units, 1))
            if past
            else ""
        )
        self.distance_note.setVisible(past)

    def _show_row(self, key: str, visible: bool) -> None:
        for widget in self._rows[key]:
            widget.setVisible(visible)

    def begin(self, practice: Practice, elapsed: float, summary: str, units: Units) -> None:
        """A fresh form for this practice, filled with what the timer and counter know."""
        self.units = units
        self.discipline = practice.discipline
        music = practice.discipline == Discipline.MUSIC
        self.summary.setText(summary)
        for row in self.outcome_rows:
            row.deleteLater()
        self.outcome_rows = []
        self.errors.forget("intentions[")
        for i, intention in enumerate(practice.intentions):
            row = OutcomeRow(intention.text, self)
            row.changed.connect(self.changed)
            self.outcome_box.addWidget(row)
            self.outcome_rows.append(row)
            self.errors.add(f"intentions[{i}].outcome", row, row.error)
        self.slips.begin(practice.slips)
        for box in self.prompts:
            box.deleteLater()
        self.prompts = []
        for prompt, question in reflection_prompts(practice.discipline):
            box = PromptBox(prompt, self.tr(question), self)
            box.changed.connect(self.changed)
            self.prompt_box.addWidget(box)
            self.prompts.append(box)
        self.duration.set_craft(practice.discipline)
        self.duration.setText(duration_words(elapsed))
        self.done_reps.setValue(practice.reps)
        self.clean_reps.setValue(practice.clean if music and practice.classified else -1)
        # left empty: only the person knows whether the target was reached cleanly
        self.achieved_bpm.setValue(0)
        target = practice.plan.target_bpm
        self._rows["bpm"][0].setText(
            self.tr("Best clean tempo (target {0:g})").format(target)
            if target
            else self.tr("Best clean tempo")
        )
        self.plan = practice.plan
        self.distance.setValue(0)
        self.distance.setSuffix(f" {units}")
        self.pace.clear()
        self._auto_pace = ""
        self.avg_hr.setValue(0)
        self.distance_note.hide()
        self._rows["pace"][0].setText(self.tr("Average pace (per {0})").format(units))
        self._rows["duration"][0].setText(
            self.tr("Time practised") if music else self.tr("Time running")
        )
        self._show_row("clean", music)
        self._show_row("bpm", music)
        self._show_row("distance", not music)
        self._show_row("pace", not music)
        self._show_row("hr", not music)
        for combo in (self.rpe, self.focus, self.mood, self.flow):
            combo.set_value(None)
        day = practice.local_date or date.today()
        self.focus_ratings.set_targets(rated_focus_targets(practice.discipline, day))
        self.note_answer.begin(practice.note_uid)
        self.errors.clear()

    def tab_stops(self) -> list[QWidget]:
        """Reading order: how each intention went, what was done, the ratings, each answer then
        its "Share in reports", and the buttons."""
        outcomes = [b for row in self.outcome_rows for b in row.buttons.values()]
        done = [self.duration, self.done_reps, self.clean_reps, self.achieved_bpm, self.distance]
        ratings = [self.pace, self.avg_hr, self.rpe, self.focus, self.mood, self.flow]
        ratings += self.focus_ratings.combos()
        answers = [w for box in self.prompts for w in (box.edit, box.share)]
        answers = [self.note_answer.edit, self.note_answer.done, *answers]  # hidden: no note
        buttons = [self.back_button, self.discard_button, self.save_button]
        return [*outcomes, *self.slips.combos, *done, *ratings, *answers, *buttons]

    def collect(self) -> tuple[Reflection | None, dict[str, str]]:
        errors: dict[str, str] = {}
        try:
            duration = self.duration.seconds()
        except ValueError as exc:
            errors["duration_s"] = str(exc)
            duration = 0.0
        if duration is None:
            errors["duration_s"] = self.tr("Write how long it lasted: {0}").format(
                self.tr(DURATION_HINT)
            )
        try:
            pace = parse_pace(self.pace.text(), self.units)
        except ValueError as exc:
            errors["blocks[0].achieved_pace_s_per_km"] = str(exc)
            pace = None
        if errors:
            return None, errors
        assert duration is not None  # (none is one of the errors above)
        music = self.discipline == Discipline.MUSIC
        per = METRES_PER_MILE if self.units == "mi" else 1000.0
        return Reflection(
            duration_s=duration,
            done_reps=self.done_reps.value(),
            clean_reps=self.clean_reps.value() if music and self.clean_reps.value() >= 0 else None,
            achieved_bpm=(self.achieved_bpm.value() or None) if music else None,
            achieved_pace_s_per_km=None if music else pace,
            distance_m=None if music or not self.distance.value() else self.distance.value() * per,
            avg_hr=None if music else (self.avg_hr.value() or None),
            rpe=self.rpe.value(),
            focus=self.focus.value(),
            mood=self.mood.value(),
            flow=self.flow.value(),
            outcomes=[row.outcome() for row in self.outcome_rows],
            answers=[box.answer() for box in self.prompts],
            let_go=self.slips.answers(),
            focus_ratings=self.focus_ratings.ratings(),
        ), {}

    def show_errors(self, errors: dict[str, str]) -> None:
        widget = self.errors.show(errors)
        if widget is not None:
            widget.setFocus()

    # --- drafts ---

    def state(self) -> dict[str, Any]:
        return {
            "duration": self.duration.text(),
            "done": self.done_reps.value(),
            "clean": self.clean_reps.value(),
            "bpm": self.achieved_bpm.value(),
            "distance": self.distance.value(),
            "pace": self.pace.text(),
            "hr": self.avg_hr.value(),
            "rpe": self.rpe.value(),
            "focus": self.focus.value(),
            "mood": self.mood.value(),
            "flow": self.flow.value(),
            "outcomes": [str(row.outcome()) for row in self.outcome_rows],
            "let_go": self.slips.answers(),
            "answers": [
                {"text": b.edit.toPlainText(), "share": b.share.isChecked()} for b in self.prompts
            ],
            "focus_ratings": self.focus_ratings.state(),
            "note_answer": self.note_answer.state(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.duration.setText(state.get("duration", self.duration.text()))
        self.done_reps.setValue(int(state.get("done", 0)))
        self.clean_reps.setValue(int(state.get("clean", -1)))
        self.achieved_bpm.setValue(int(state.get("bpm", 0)))
        self.distance.setValue(float(state.get("distance", 0)))
        self.pace.setText(state.get("pace", ""))
        self.avg_hr.setValue(int(state.get("hr", 0)))
        for name in ("rpe", "focus", "mood", "flow"):
            getattr(self, name).set_value(state.get(name))
        for row, outcome in zip(self.outcome_rows, state.get("outcomes", []), strict=False):
            row.set_outcome(Outcome(outcome))
        self.slips.set_answers(state.get("let_go", []))
        for box, answer in zip(self.prompts, state.get("answers", []), strict=False):
            box.edit.setPlainText(answer.get("text", ""))
            box.share.setChecked(bool(answer.get("share")))
        given = state.get("focus_ratings") or []
        self.focus_ratings.set_ratings([FocusScoreData(int(f), int(r)) for f, r in given])
        self.note_answer.restore(state.get("note_answer") or {})
