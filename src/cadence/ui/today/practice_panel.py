"""The second step: practising. A calm timer, the intentions in view, the rep counter, and a gentle
note when the plan is done or a warning sign was pushed through. It only shows; the session panel
decides."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, StopAction, label, where_felt
from cadence.domain.units import Units, format_distance, format_duration, pace_text
from cadence.services.today import Practice
from cadence.ui.icons import icon
from cadence.ui.plurals import plural
from cadence.ui.today.slip_widgets import SlipWord
from cadence.ui.widgets.common import Chip, hint, muted, scaled_font


def local_time(utc_naive: datetime | None) -> str:
    if utc_naive is None:
        return ""
    return utc_naive.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


class PracticePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = Units.KM
        self.chip = Chip()
        self.heading = QLabel()
        scaled_font(self.heading, 1.1, bold=True)
        self.started = muted(QLabel())
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.chip)
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.started)

        self.intentions = QLabel()
        self.intentions.setWordWrap(True)
        self.intentions.setTextFormat(Qt.TextFormat.PlainText)
        scaled_font(self.intentions, 1.15)
        self.plan = hint("")
        self.steps = QLabel()  # a planned workout's steps, the one being run marked
        self.steps.setObjectName("PlanSteps")
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setWordWrap(True)
        self.steps.hide()

        self.clock = QLabel("0:00")
        self.clock.setObjectName("SessionClock")
        scaled_font(self.clock, 3.6, bold=False)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.clock_plan = muted(QLabel())
        self.counter = QLabel()
        self.counter.setObjectName("RepCounter")
        scaled_font(self.counter, 2.2)
        self.counter_detail = muted(QLabel())

        self.pause_button = QPushButton()
        self.rep_button = QPushButton(self.tr("+1 rep"))
        self.clean_button = QPushButton(self.tr("+1 clean"))
        self.attempt_button = QPushButton(self.tr("+1 attempt"))
        self.take_back_button = QPushButton(self.tr("Take back"))
        self.take_back_button.setFlat(True)
        self.warning_button = QPushButton(self.tr("Log a warning sign"))
        self.slip_button = QPushButton(self.tr("Slip — let it go"))
        self.slip_button.setObjectName("SlipButton")
        self.slip_word = SlipWord()  # after a slip: a word, if wanted; never a question
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setFlat(True)
        self.stop_button = QPushButton(icon("stop"), self.tr("Stop"))
        self.stop_button.setMinimumWidth(110)

        timer_box = QVBoxLayout()
        timer_box.setSpacing(2)
        timer_box.addWidget(self.clock)
        timer_box.addWidget(self.clock_plan)
        timer_box.addSpacing(6)
        timer_box.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignLeft)
        count_box = QVBoxLayout()
        count_box.setSpacing(2)
        count_box.addWidget(self.counter)
        count_box.addWidget(self.counter_detail)
        count_box.addSpacing(6)
        count_buttons = QHBoxLayout()
        count_buttons.setSpacing(6)
        for button in (
            self.rep_button,
            self.clean_button,
            self.attempt_button,
            self.take_back_button,
        ):
            count_buttons.addWidget(button)
        count_buttons.addStretch(1)
        count_box.addLayout(count_buttons)
        middle = QGridLayout()
        middle.setHorizontalSpacing(36)
        middle.addLayout(timer_box, 0, 0, Qt.AlignmentFlag.AlignTop)
        middle.addLayout(count_box, 0, 1, Qt.AlignmentFlag.AlignTop)
        middle.setColumnStretch(1, 1)

        self.note = QLabel()
        self.note.setObjectName("GentleNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "QLabel#GentleNote { background: palette(alternate-base); border-radius: 6px;"
            " padding: 8px 12px; }"
        )
        self.note.hide()
        self.stops = hint("")
        self.stops.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.slip_button)
        bottom.addWidget(self.warning_button)
        bottom.addStretch(1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.stop_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.intentions)
        layout.addWidget(self.plan)
        layout.addWidget(self.steps)
        layout.addSpacing(6)
        layout.addLayout(middle)
        layout.addWidget(self.note)
        layout.addWidget(self.stops)
        layout.addWidget(self.slip_word)
        layout.addSpacing(8)
        layout.addLayout(bottom)

    def show_practice(self, practice: Practice) -> None:
        """What does not change while practising: heading, intentions, plan."""
        music = practice.discipline == Discipline.MUSIC
        self.chip.set_discipline(practice.discipline)
        self.heading.setText(
            f"{self.tr(label(practice.discipline))} · {self.tr(label(practice.kind))}"
        )
        self.started.setText(self.tr("started {0}").format(local_time(practice.started_at)))
        lines = [f"→ {i.text.strip()}" for i in practice.intentions]
        self.intentions.setText("\n".join(lines))
        plan = practice.plan
        parts = []
        if plan.label:
            parts.append(plan.label)
        if plan.reps:
            parts.append(
                plural(
                    plan.reps, self.tr("%n rep", "", plan.reps), self.tr("%n reps", "", plan.reps)
                )
            )
        if plan.planned_s:
            parts.append(self.tr("{0} min").format(round(plan.planned_s / 60)))
        if music and plan.target_bpm:
            parts.append(f"♩ = {plan.target_bpm:g}")
        if not music and plan.planned_distance_m:
            parts.append(format_distance(plan.planned_distance_m, self.units, 1))
        if not music and plan.target_pace_s_per_km:
            parts.append(f"{pace_text(plan.target_pace_s_per_km, self.units)} /{self.units}")
        self.plan.setText(
            self.tr("Plan: {0}").format(" · ".join(parts))
            if parts
            else self.tr("No plan: stop when form or focus goes.")
        )
        self.clean_button.setVisible(music)
        self.attempt_button.setVisible(music)

    def update_state(self, practice: Practice, elapsed: float, running: bool) -> None:
        """What changes: the clock, the counts, the note."""
        self.clock.setText(format_duration(elapsed))
        plan = practice.plan
        self.clock_plan.setText(
            self.tr("of {0} planned").format(format_duration(plan.planned_s))
            if plan.planned_s
            else (self.tr("running") if running else self.tr("paused"))
        )
        if plan.planned_s and not running:
            self.clock_plan.setText(self.clock_plan.text() + self.tr(" · paused"))
        self.pause_button.setText(self.tr("Pause") if running else self.tr("Resume"))
        self.pause_button.setIcon(icon("pause" if running else "start"))
        self.counter.setText(
            self.tr("{0} of {1} reps").format(practice.reps, plan.reps)
            if plan.reps
            else self.tr("{0} reps").format(practice.reps)
            if practice.reps != 1
            else self.tr("1 rep")
        )
        if practice.discipline == Discipline.MUSIC and practice.classified:
            self.counter_detail.setText(
                self.tr("{0} clean · {1} not clean yet").format(practice.clean, practice.attempts)
            )
        else:
            self.counter_detail.setText(
                self.tr("Count each repetition as you finish it.") if not practice.reps else ""
            )
        self.take_back_button.setEnabled(bool(practice.counted))
        self._show_steps(practice)
        self._update_note(practice, elapsed)
        self.slip_word.show_slips(practice.slips)
        warnings = [s for s in practice.stop_points if s.action == StopAction.PUSHED_ON]
        self.stops.setVisible(bool(warnings))
        self.stops.setText(
            "\n".join(
                self.tr("Warning sign at {0}, after rep {1}: {2}").format(
                    format_duration(s.elapsed_s),
                    s.rep_index,
                    " — ".join(
                        part
                        for part in (
                            self.tr(label(s.reason)).lower(),
                            where_felt(s.body_area, s.side).lower(),
                        )
                        if part
                    ),
                )
                for s in warnings
            )
        )

    def _show_steps(self, practice: Practice) -> None:
        """A planned workout step by step: the plan to follow, the step being run marked."""
        lines = practice.plan.step_lines(self.units)
        current = practice.plan.current_step(practice.reps)
        self.steps.setText(
            "\n".join(
                f"{'▶' if n == current else '  '} {n + 1}. {line}" for n, line in enumerate(lines)
            )
        )
        self.steps.setVisible(bool(lines))

    def _update_note(self, practice: Practice, elapsed: float) -> None:
        if practice.past_plan(elapsed):
            text = self.tr(
                "You are past the plan. Never just one more — stopping here, while it is "
                "still good, is what makes tomorrow's practice good."
            )
        elif practice.pushed_on:
            text = self.tr(
                "You noted a warning sign and carried on. Never just one more: stop as soon "
                "as form or focus goes."
            )
        elif practice.reached_plan(elapsed):
            text = self.tr("That is the plan done. A good moment to stop.")
        else:
            text = ""
        self.note.setText(text)
        self.note.setVisible(bool(text))
