"""Read-only cards for one day of the journal: a session with its intentions, stop-points and
reflections, and the day entry. The Journal view lists them beside its calendar."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import (
    Discipline,
    Outcome,
    SessionStatus,
    StopAction,
    StopReason,
    label,
    where_felt,
)
from cadence.domain.palette import BOTH, REASON_COLOURS, discipline_colour
from cadence.domain.records import DayEntryData, SessionData
from cadence.domain.units import (
    Units,
    format_distance,
    format_duration,
    format_pace,
    format_run_pace,
)
from cadence.ui.editor.general_form import utc_to_local
from cadence.ui.icons import icon
from cadence.ui.widgets.fields import CR10_WORDS, format_number
from cadence.ui.widgets.markdown_view import MarkdownView

OUTCOME_COLOURS = {
    Outcome.ACHIEVED: "#009E73",
    Outcome.PARTLY: "#E69F00",
    Outcome.MISSED: "#D55E00",
    Outcome.NOT_RATED: "#999999",
}


def chip(text: str, colour: str) -> QLabel:
    """A small rounded label in a discipline's colour."""
    label_ = QLabel(text)
    label_.setObjectName("Chip")
    label_.setStyleSheet(
        f"QLabel#Chip {{ background: {colour}; color: white; border-radius: 7px;"
        " padding: 2px 8px; font-weight: 600; }"
    )
    return label_


def trash_button(parent: QWidget) -> QPushButton:
    """An icon button (the cards stay narrow); its tooltip says what it does and how to undo."""
    button = QPushButton(icon("trash"), "", parent)
    button.setToolTip(parent.tr("Move to the trash (Ctrl+Z brings it back)"))
    button.setAccessibleName(parent.tr("Move to trash"))
    return button


def _text(html_text: str) -> QLabel:
    widget = QLabel(html_text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def _dot(colour: str) -> str:
    return f'<span style="color:{colour}">●</span>'


class Card(QFrame):
    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DayCard")
        self.setStyleSheet(
            "QFrame#DayCard { background: palette(base); border: 1px solid palette(mid);"
            f" border-left: 4px solid {colour}; border-radius: 6px; }}"
        )
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 12, 12)
        self.body.setSpacing(6)

    def section(self, title: str, lines: list[str]) -> None:
        if not lines:
            return
        self.body.addWidget(_text(f"<b>{html.escape(title)}</b><br>" + "<br>".join(lines)))


class SessionCard(Card):
    editRequested = Signal(int)
    trashRequested = Signal(int)

    def __init__(
        self,
        session: SessionData,
        units: Units,
        prompt_texts: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(discipline_colour(session.discipline), parent)
        assert session.id is not None  # (the journal shows saved sessions)
        self.session_id = session.id
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Open this session in the editor (Enter)"))
        self.trash_button = trash_button(self)
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.session_id))
        self.trash_button.clicked.connect(lambda: self.trashRequested.emit(self.session_id))

        top = QHBoxLayout()
        top.setSpacing(8)
        top_aligned = Qt.AlignmentFlag.AlignTop
        colour = discipline_colour(session.discipline)
        top.addWidget(chip(self.tr(label(session.discipline)), colour), 0, top_aligned)
        if session.status == SessionStatus.PLANNED:
            top.addWidget(chip(self.tr("Planned"), BOTH), 0, top_aligned)
        heading = _text(self._heading(session, units))
        top.addWidget(heading, 1)
        top.addWidget(self.edit_button, 0, top_aligned)
        top.addWidget(self.trash_button, 0, top_aligned)
        self.body.addLayout(top)
        if session.title:
            title = _text(f"<b>{html.escape(session.title)}</b>")
            self.body.addWidget(title)
        felt = self._felt(session)
        if felt:
            self.body.addWidget(_text(felt))
        self.section(self.tr("Intentions"), self._intentions(session))
        self.section(self.tr("Blocks"), self._blocks(session, units))
        self.section(self.tr("Stop-points"), self._stops(session))
        self.section(self.tr("Slips"), self._slips(session))
        self.section(
            self.tr("Reflection"),
            [
                f"<i>{html.escape(prompt_texts.get(r.prompt, label(r.prompt)))}</i> "
                f"{html.escape(r.text)}"
                for r in session.reflections
            ],
        )
        if session.notes.strip():
            self.body.addWidget(MarkdownView(session.notes))

    def _heading(self, s: SessionData, units: Units) -> str:
        parts = [self.tr(label(s.kind)), utc_to_local(s.started_at).strftime("%H:%M")]
        if s.duration_s:
            parts.append(format_duration(s.duration_s))
        if s.discipline == Discipline.RUNNING and s.distance_m:
            parts.append(format_distance(s.distance_m, units))
            parts.append(format_run_pace(s.duration_s, s.moving_s, s.distance_m, units))
        if s.avg_hr:
            parts.append(self.tr("avg HR {hr}").format(hr=s.avg_hr))
        return html.escape(" · ".join(p for p in parts if p))

    def _felt(self, s: SessionData) -> str:
        parts = []
        if s.rpe is not None:
            parts.append(self.tr("effort {n} ({word})").format(n=s.rpe, word=CR10_WORDS[s.rpe]))
        for name, value in (
            (self.tr("focus"), s.focus),
            (self.tr("mood"), s.mood),
            (self.tr("energy"), s.energy),
            (self.tr("flow↔stress"), s.flow),
        ):
            if value is not None:
                parts.append(f"{name} {value}/5")
        return html.escape(" · ".join(parts))

    def _intentions(self, s: SessionData) -> list[str]:
        return [
            f"{_dot(OUTCOME_COLOURS.get(i.outcome, OUTCOME_COLOURS[Outcome.NOT_RATED]))} "
            f"{html.escape(i.text)} — "
            f"<i>{html.escape(self.tr(label(i.outcome)))}</i>"
            for i in s.intentions
        ]

    def _blocks(self, s: SessionData, units: Units) -> list[str]:
        lines = []
        for b in s.blocks:
            facts = []
            if b.done_reps is not None:
                reps = f"{b.done_reps}"
                if b.planned_reps:
                    reps += f"/{b.planned_reps}"
                one = b.done_reps == 1 and not b.planned_reps
                facts.append(
                    (self.tr("{reps} rep") if one else self.tr("{reps} reps")).format(reps=reps)
                )
            if b.clean_reps is not None and s.discipline == Discipline.MUSIC:
                facts.append(self.tr("{n} clean").format(n=b.clean_reps))
            if b.achieved_bpm:
                facts.append(f"♩={format_number(b.achieved_bpm)}")
            if b.distance_m:
                facts.append(format_distance(b.distance_m, units))
            if b.achieved_pace_s_per_km:
                facts.append(format_pace(b.achieved_pace_s_per_km, 1000.0, units))
            elif b.duration_s:
                facts.append(format_duration(b.duration_s))
            name = html.escape(b.label or self.tr("Block"))
            lines.append(f"{name}" + (f" — {html.escape(', '.join(facts))}" if facts else ""))
        return lines

    def _stops(self, s: SessionData) -> list[str]:
        lines = []
        for stop in s.stop_points:
            parts = []
            if stop.elapsed_s is not None:
                parts.append(format_duration(stop.elapsed_s))
            if stop.rep_index is not None:
                parts.append(self.tr("rep {n}").format(n=stop.rep_index))
            parts.append(self.tr(label(stop.reason)))
            if stop.body_area.value != "none":
                parts.append(where_felt(stop.body_area, stop.side).lower())
            parts.append(self.tr("severity {n}").format(n=stop.severity))
            action = (
                self.tr("pushed on") if stop.action == StopAction.PUSHED_ON else self.tr("stopped")
            )
            parts.append(action)
            text = html.escape(" · ".join(parts))
            if stop.note:
                text += f" — <i>{html.escape(stop.note)}</i>"
            colour = REASON_COLOURS.get(
                stop.reason, REASON_COLOURS[StopReason.OTHER]
            )  # (one unknown)
            lines.append(f"{_dot(colour)} {text}")
        return lines

    def _slips(self, s: SessionData) -> list[str]:
        """'3:12 · rep 4 · let go — rushed the turn'."""
        answers = {True: self.tr("let go"), False: self.tr("not let go yet"), None: ""}
        lines = []
        for slip in s.slips:
            parts = [format_duration(slip.elapsed_s)] if slip.elapsed_s is not None else []
            if slip.rep_index is not None:
                parts.append(self.tr("rep {n}").format(n=slip.rep_index))
            if answers[slip.let_go]:
                parts.append(answers[slip.let_go])
            text = html.escape(" · ".join(parts) or self.tr("a slip"))
            if slip.note:
                text += f" — <i>{html.escape(slip.note)}</i>"
            lines.append(text)
        return lines


class DayEntryCard(Card):
    trashRequested = Signal(object)  # date

    def __init__(self, entry: DayEntryData, parent: QWidget | None = None) -> None:
        super().__init__(BOTH, parent)
        self.day: date = entry.day
        self.trash_button = trash_button(self)
        self.trash_button.clicked.connect(lambda: self.trashRequested.emit(self.day))
        facts = []
        if entry.sleep_h is not None:
            facts.append(self.tr("sleep {h} h").format(h=format_number(entry.sleep_h)))
        if entry.resting_hr is not None:
            facts.append(self.tr("resting HR {n}").format(n=entry.resting_hr))
        for name, value in (
            (self.tr("soreness"), entry.soreness),
            (self.tr("stress"), entry.stress),
            (self.tr("mood"), entry.mood),
        ):
            if value is not None:
                facts.append(f"{name} {value}/5")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(chip(self.tr("Day entry"), BOTH), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(_text(html.escape(" · ".join(facts))), 1)
        top.addWidget(self.trash_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(top)
        if entry.text.strip():
            self.body.addWidget(MarkdownView(entry.text))
        self.section(
            self.tr("Reflection"),
            [html.escape(r.text) for r in entry.reflections],
        )
