"""A session from intention to reflection: the three steps, the stopwatch, the stop-point dialog,
and saving one session through the journal service."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cadence.domain.enums import Discipline, StopAction, label
from cadence.domain.units import format_duration
from cadence.services.changes import Changes
from cadence.services.records.journal import save_session, validate_session
from cadence.services.records.preferences import load_preferences
from cadence.services.studio.members import StudioError
from cadence.services.studio.notes import answer_note
from cadence.services.today import Practice, Reflection, build_session
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.plurals import plural
from cadence.ui.today.practice_panel import PracticePanel
from cadence.ui.today.reflection_form import ReflectionForm
from cadence.ui.today.setup_form import SetupForm
from cadence.ui.today.stop_point_dialog import REASONS, StopPointDialog
from cadence.ui.today.timer import Stopwatch

SETUP, PRACTICE, REFLECT = "setup", "practice", "reflect"
HEARTBEAT_S = 10.0  # a running timer is written to the draft this often
_SETUP_FIELDS = (
    "intentions",
    "kind",
    "planned_duration_s",
    "blocks[0].planned",
    "blocks[0].target",
)
_SETUP_FIELDS += ("blocks[0].passage",)


class SessionPanel(QWidget):
    """`state_changed` fires on each step of the session (start, +1, stop...): the draft is written
    at once. Typing in the forms is their own `changed` signals: the draft follows within seconds."""

    state_changed = Signal()
    saved = Signal(int)

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._pages: list[QWidget] = []
        self._current = 0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setup = SetupForm()
        self.setup.bus = bus  # for "New piece/passage…" beside the plan's passage
        self.practice_panel = PracticePanel()
        self.reflection = ReflectionForm()
        for page in (self.setup, self.practice_panel, self.reflection):
            self.addWidget(page)
        self.setCurrentWidget(self.setup)
        self.practice: Practice | None = None
        self.stopwatch = Stopwatch()
        self.stop_dialog: StopPointDialog | None = None
        self._last_beat = 0.0
        self.tick = QTimer(self)
        self.tick.setInterval(250)
        self.tick.timeout.connect(self._on_tick)

        self.setup.start_requested.connect(self.start)
        self.reflection.save_requested.connect(self.save)
        self.reflection.back_requested.connect(self.back_to_timer)
        self.reflection.discard_requested.connect(self.discard)
        p = self.practice_panel
        p.pause_button.clicked.connect(self.start_or_pause)
        p.rep_button.clicked.connect(lambda: self.add_rep("rep"))
        p.clean_button.clicked.connect(lambda: self.add_rep("clean"))
        p.attempt_button.clicked.connect(lambda: self.add_rep("attempt"))
        p.take_back_button.clicked.connect(self.take_back)
        p.warning_button.clicked.connect(self.log_warning)
        p.slip_button.clicked.connect(self.log_slip)
        p.slip_word.word_given.connect(self._slip_word)
        p.slip_word.finished.connect(lambda: p.rep_button.setFocus())
        p.stop_button.clicked.connect(self.stop)
        p.discard_button.clicked.connect(self.discard)

    # The steps are one column of pages of which only the current one is shown. Not a
    # QStackedWidget: its layout answers height-for-width with the tallest of all its pages, so
    # once the reflection had been laid out the timer's card took its height, with wide gaps
    # between title, intentions, plan and clock. A hidden page takes no room and no Tab stop.

    def addWidget(self, page: QWidget) -> None:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.hide()

    def currentWidget(self) -> QWidget:
        return self._pages[self._current]

    def currentIndex(self) -> int:
        return self._current

    def setCurrentWidget(self, widget: QWidget) -> None:
        self._current = self._pages.index(widget)
        for page in self._pages:
            if page is not widget:
                page.hide()
        widget.show()
        self.updateGeometry()

    @property
    def step(self) -> str:
        return (SETUP, PRACTICE, REFLECT)[self.currentIndex()]

    @property
    def in_progress(self) -> bool:
        return self.step != SETUP

    @property
    def timer_running(self) -> bool:
        return self.stopwatch.running

    # --- the steps ---

    def start_or_pause(self) -> None:
        if self.step == SETUP:
            self.start()
        elif self.step == PRACTICE:
            self.stopwatch.toggle()
            self._changed()

    def start(self) -> bool:
        """Leave the intention step and start the clock, if the form holds a sensible session."""
        practice, errors = self.setup.collect()
        if practice is not None:
            errors = self._plan_errors(practice)
        if errors or practice is None:
            self.setup.show_errors(errors)
            return False
        self.setup.errors.clear()
        practice.started_at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        practice.local_date = date.today()
        self.practice = practice
        self.practice_panel.units = self.setup.units
        self.practice_panel.show_practice(practice)
        self.stopwatch.reset()
        self.stopwatch.start()
        self._last_beat = 0.0
        self.setCurrentWidget(self.practice_panel)
        self.tick.start()
        self.practice_panel.rep_button.setFocus()
        self._changed()
        return True

    def _plan_errors(self, practice: Practice) -> dict[str, str]:
        """The journal's own rules on the plan, said now rather than after practising."""
        try:
            validate_session(build_session(practice, Reflection(duration_s=0)))
        except ValidationError as exc:
            return {k: v for k, v in exc.errors.items() if k.startswith(_SETUP_FIELDS)}
        except KeyError:
            return {}
        return {}

    def add_rep(self, what: str = "rep") -> None:
        if self.step != PRACTICE or self.practice is None:
            return
        if what != "rep" and self.practice.discipline != Discipline.MUSIC:
            what = "rep"
        self.practice_panel.slip_word.close_word()  # going on keeps the word typed so far
        self.practice.count(what)
        self._changed()

    def take_back(self) -> None:
        if self.step == PRACTICE and self.practice is not None and self.practice.take_back():
            self._changed()

    def where(self, elapsed: float) -> str:
        assert self.practice is not None
        plan = self.practice.plan
        reps = (
            self.tr("after rep {0} of {1}").format(self.practice.reps, plan.reps)
            if plan.reps
            else plural(
                self.practice.reps,
                self.tr("after %n rep", "", self.practice.reps),
                self.tr("after %n reps", "", self.practice.reps),
            )
        )
        time = format_duration(elapsed)
        if plan.planned_s:
            time = self.tr("{0} of {1}").format(time, format_duration(plan.planned_s))
        return self.tr("At {0}, {1}.").format(time, reps)

    def log_slip(self) -> None:
        """One key: a slip at this moment (the clock runs on), and a box for a word if wanted."""
        if self.step != PRACTICE or self.practice is None:
            return
        self.practice_panel.slip_word.close_word()  # the word of the slip before, if any
        self.practice.slip(self.stopwatch.elapsed())
        self._changed()
        self.practice_panel.slip_word.open_word()

    def _slip_word(self, word: str) -> None:
        if self.practice is not None and self.practice.slips:
            self.practice.slips[-1].note = word
            self._changed()

    def log_warning(self) -> None:
        """A warning sign noticed while going on: recorded as a pushed-on stop-point."""
        if self.step == PRACTICE and self.stop_dialog is None:
            elapsed = self.stopwatch.elapsed()
            self._ask_stop_point(elapsed, warning=True, resume=self.stopwatch.running)

    def stop(self) -> None:
        if self.step != PRACTICE or self.practice is None or self.stop_dialog is not None:
            return
        self.practice_panel.slip_word.close_word()  # a word still being typed is kept
        resume = self.stopwatch.running
        self.stopwatch.pause()
        elapsed = self.stopwatch.elapsed()
        if self.practice.is_early(elapsed):
            self._ask_stop_point(elapsed, warning=False, resume=resume)
        else:
            self.finish(elapsed)

    def _ask_stop_point(self, elapsed: float, warning: bool, resume: bool) -> None:
        dialog = StopPointDialog(self.where(elapsed), warning=warning, parent=self)
        self.stop_dialog = dialog

        def accepted() -> None:
            assert self.practice is not None
            values = dialog.values()
            self.practice.stop_point(elapsed_s=elapsed, **values)
            if values["action"] == StopAction.STOPPED:
                self.stopwatch.pause()
                self.finish(elapsed)
            else:
                if resume:
                    self.stopwatch.start()
                self._changed()

        def rejected() -> None:
            if resume:
                self.stopwatch.start()
            self._changed()

        def finished() -> None:
            self.stop_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.finished.connect(finished)
        dialog.open()

    def finish(self, elapsed: float) -> None:
        """The clock stops; the reflection begins, filled with what the timer and counter know."""
        assert self.practice is not None
        self.stopwatch.reset(elapsed)
        self.tick.stop()
        units = load_preferences().units
        self.reflection.begin(self.practice, elapsed, self.summary(elapsed), units)
        self.setCurrentWidget(self.reflection)
        first = self.reflection.outcome_rows[0] if self.reflection.outcome_rows else None
        if first is not None:
            first.buttons[next(iter(first.buttons))].setFocus()
        self._changed()

    def summary(self, elapsed: float) -> str:
        assert self.practice is not None
        p = self.practice
        parts = [format_duration(elapsed)]
        if p.plan.reps:
            parts.append(self.tr("{0} of {1} reps").format(p.reps, p.plan.reps))
        elif p.reps:
            parts.append(
                plural(p.reps, self.tr("%n rep", "", p.reps), self.tr("%n reps", "", p.reps))
            )
        if p.discipline == Discipline.MUSIC and p.classified:
            parts.append(self.tr("{0} clean").format(p.clean))
        stops = [s for s in p.stop_points if s.action == StopAction.STOPPED]
        if stops:
            reason = self.tr(REASONS[stops[-1].reason]).lower()
            parts.append(self.tr("stopped early: {0}").format(reason))
        warnings = len(p.stop_points) - len(stops)
        if warnings:
            parts.append(
                plural(
                    warnings,
                    self.tr("%n warning sign noted", "", warnings),
                    self.tr("%n warning signs noted", "", warnings),
                )
            )
        return " · ".join(parts)

    def back_to_timer(self) -> None:
        """Not finished after all: the clock waits, paused, where it stopped."""
        if self.step != REFLECT or self.practice is None:
            return
        self.practice.stop_points = [
            s for s in self.practice.stop_points if s.action != StopAction.STOPPED
        ]
        self.setCurrentWidget(self.practice_panel)
        self.tick.start()
        self._changed()

    def save(self) -> int | None:
        """Store the whole session; on a problem, say so next to the field at fault."""
        if self.step != REFLECT or self.practice is None:
            return None
        reflection, errors = self.reflection.collect()
        if reflection is None:
            self.reflection.show_errors(errors)
            return None
        data = build_session(self.practice, reflection)
        try:
            self.bus.run(lambda: save_session(data))
        except ValidationError as exc:
            self.reflection.show_errors(exc.errors)
            return None
        what = self.tr(label(self.practice.discipline)).lower()
        self.bus.status_message.emit(self.tr("Saved the {0} session").format(what))
        self._answer_note(data.id)
        self.reset()
        self.setup.first_empty_intention().setFocus()  # where the next session begins
        self.saved.emit(data.id)
        self._changed()
        return data.id

    def _answer_note(self, session_id: int | None) -> None:
        """The teacher's note the session took up: linked to it, with the answer written in
        the reflection. The session is saved already; a note gone meanwhile is said, not lost
        silently."""
        answer = self.reflection.note_answer.value()
        if answer is None or session_id is None:
            return
        uid, text, done = answer
        try:
            self.bus.run(lambda: answer_note(uid, session_id, text, done))
        except StudioError as exc:
            self.bus.status_message.emit(
                self.tr("Saved the session; your answer to the note was not: {0}").format(exc)
            )

    def discard(self) -> None:
        """Throw the session in progress away; Edit → Undo brings it back."""
        if not self.in_progress:
            return
        kept = self.state()
        self.reset()
        self.setup.first_empty_intention().setFocus()
        self._changed()

        def undo() -> Changes:
            self.restore(kept)
            self._changed()
            return Changes()

        self.bus.run(Changes, UndoStep(self.tr("Discard the session in progress"), undo))

    def reset(self) -> None:
        if self.stop_dialog is not None:
            self.stop_dialog.done(0)  # closed for the person: nothing to ask (rejected)
        self.practice = None
        self.stopwatch.reset()
        self.tick.stop()
        self.setup.reset()
        self.setCurrentWidget(self.setup)

    # --- the clock ---

    def _on_tick(self) -> None:
        if self.practice is None:
            return
        elapsed = self.stopwatch.elapsed()
        self.practice_panel.update_state(self.practice, elapsed, self.stopwatch.running)
        if self.stopwatch.running and elapsed - self._last_beat >= HEARTBEAT_S:
            self._last_beat = elapsed
            self.state_changed.emit()

    def _changed(self) -> None:
        if self.practice is not None and self.step == PRACTICE:
            self.practice_panel.update_state(
                self.practice, self.stopwatch.elapsed(), self.stopwatch.running
            )
        self.state_changed.emit()

    # --- drafts ---

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = {"step": self.step, "setup": self.setup.state()}
        if self.practice is not None:
            state["practice"] = self.practice.to_dict()
            state["timer"] = self.stopwatch.snapshot()
        if self.step == REFLECT:
            state["reflection"] = self.reflection.state()
        return state

    def is_blank(self) -> bool:
        return self.step == SETUP and self.setup.is_blank()

    def restore(self, state: dict[str, Any]) -> str:
        """Bring a draft back; the timer comes back paused. Returns what to tell the person."""
        self.reset()
        self.setup.restore(state.get("setup") or {})
        step = state.get("step", SETUP)
        if step == SETUP or not state.get("practice"):
            return ""
        self.practice = Practice.from_dict(state["practice"])
        elapsed = float((state.get("timer") or {}).get("elapsed_s", 0))
        self.stopwatch.reset(elapsed)
        self.practice_panel.units = self.setup.units
        self.practice_panel.show_practice(self.practice)
        if step == REFLECT:
            self.finish(elapsed)
            self.reflection.restore(state.get("reflection") or {})
            return ""
        self.setCurrentWidget(self.practice_panel)
        self.tick.start()
        self._changed()
        return self.tr("The timer is paused at {0}; press Resume to go on.").format(
            format_duration(elapsed)
        )
