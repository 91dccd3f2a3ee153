"""Under the Seasons list: what the chosen item shows over the season. For a goal event, which of
its demands were rehearsed and when (and, in its last four weeks, those not rehearsed yet, said
without blame); for a focus target, its progress through the cycle — a chart in the measure it
is seen by, and the sessions that worked on it."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Outcome, label
from cadence.services.records.preferences import load_preferences
from cadence.services.season.focus_progress import focus_timeline
from cadence.services.season.rehearsals import not_yet_rehearsed, rehearsed
from cadence.services.season.seasons import load_event
from cadence.services.stats.lazy import cycle_marks
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.focus_target import draw_focus_target

_SESSION = Qt.ItemDataRole.UserRole


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def rehearsal_lines(event_id: int, today: date) -> tuple[list[str], str]:
    """The event's demands with when each was rehearsed, and the note of its last four weeks
    ("" at other times), as plain text."""
    event = load_event(event_id)
    lines = []
    for r in rehearsed(event):
        name = r.aspect if r.listed else f"{r.aspect} (no longer listed)"
        if r.days:
            when = ", ".join(_short(d) for d in r.days[-6:])
            more = f"{len(r.days) - 6} earlier, " if len(r.days) > 6 else ""
            lines.append(f"{name} — rehearsed {len(r.days)}×: {more}{when}")
        else:
            lines.append(f"{name} — not rehearsed yet")
    open_ = not_yet_rehearsed(event_id, today)
    if open_ is None:
        note = ""
    elif open_:
        note = (
            f"{(event.day - today).days} days to go. Not rehearsed yet: {', '.join(open_)}. "
            "One session that tries it now tells you more than another of what you know "
            "already — and it is fine to leave one out."
        )
    else:
        note = "Every demand has been rehearsed at least once. What is left is to arrive rested."
    return lines, note


class SeasonDetail(QWidget):
    session_opened = Signal(int)  # a session of a focus target's list, to open in the editor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SeasonDetail")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("SeasonDetailText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.chart = Chart(height=150)
        self.chart.setObjectName("FocusTargetChart")
        self.sessions = QTreeWidget()
        self.sessions.setObjectName("FocusTargetSessions")
        self.sessions.setHeaderLabels(
            [self.tr("Date"), self.tr("Session"), self.tr("Intention → how it went"), "1–5"]
        )
        self.sessions.setRootIsDecorated(False)
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.sessions.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.sessions.itemActivated.connect(self._activated)
        self.sessions.setMinimumHeight(70)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)  # an event's text, or a focus target's sessions, fill it
        layout.addWidget(self.chart)
        layout.addWidget(self.sessions, 1)
        self.focus_id: int | None = None
        self.event_id: int | None = None
        self.show_nothing()

    def _activated(self, item: QTreeWidgetItem) -> None:
        session_id = item.data(0, _SESSION)
        if session_id is not None:
            self.session_opened.emit(session_id)

    def show_nothing(self) -> None:
        self.focus_id = self.event_id = None
        self.heading.setText(
            self.tr(
                "Choose a goal event to see which of its demands were rehearsed, or a focus "
                "target to see its progress through the cycle."
            )
        )
        self.heading.setEnabled(False)
        self.text.hide()
        self.chart.hide()
        self.sessions.hide()

    def show_event(self, event_id: int, today: date) -> None:
        self.focus_id, self.event_id = None, event_id
        event = load_event(event_id)
        lines, note = rehearsal_lines(event_id, today)
        self.heading.setEnabled(True)
        self.heading.setText(
            self.tr("<b>{name}</b> — demands rehearsed").format(name=html.escape(event.name))
        )
        if not lines:
            body = self.tr("No demands listed: edit the event to say what it will ask of you.")
        else:
            body = "<br>".join(html.escape(line) for line in lines)
        if note:
            body += f"<p><i>{html.escape(note)}</i></p>"
        self.text.setText(body)
        self.text.show()
        self.chart.hide()
        self.sessions.hide()

    def show_focus(self, focus_id: int, today: date) -> None:
        self.focus_id, self.event_id = focus_id, None
        timeline = focus_timeline(focus_id)
        self.heading.setEnabled(True)
        self.heading.setText(
            self.tr("<b>{title}</b> — {n} sessions worked on it").format(
                title=html.escape(timeline.focus.title), n=len(timeline.sessions)
            )
        )
        self.text.hide()
        prefs = load_preferences()
        draw_focus_target(self.chart, timeline, prefs.week_start, today, prefs.units)
        if timeline.start is not None and timeline.end is not None:
            # its cycle's phases, not those of the other craft's cycles running then
            self.chart.set_marks(cycle_marks(timeline.start, timeline.end, timeline.craft))
        self.chart.show()
        self.sessions.clear()
        for s in reversed(timeline.sessions):
            served = "; ".join(
                f"{text} → {label(Outcome(outcome)).lower()}"
                if outcome != Outcome.NOT_RATED
                else text
                for text, outcome in s.intentions
            )
            item = QTreeWidgetItem(
                [
                    f"{s.day:%a} {s.day.day} {s.day:%b %Y}",
                    s.title or label(s.discipline),
                    served or self.tr("(rated in the reflection)"),
                    str(s.rating) if s.rating is not None else "",
                ]
            )
            item.setData(0, _SESSION, s.session_id)
            self.sessions.addTopLevelItem(item)
        self.sessions.setVisible(bool(timeline.sessions))
