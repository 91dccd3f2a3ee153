"""The entry widgets that tie a session to the season, shared by Today and the session editor:
which goal-event demands it rehearsed (a menu of checkable demands), and a 1-5 rating of each
focus target seen by the user's own rating."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from cadence.domain.records import FocusScoreData, RehearsalData
from cadence.services.season.rehearsals import DemandChoice, FocusChoice
from cadence.ui.widgets.common import ScaleCombo

FOCUS_SCALE = {1: "not yet", 2: "now and then", 3: "half the time", 4: "mostly", 5: "throughout"}


class DemandPicker(QWidget):
    """ "Rehearsing…": the demands of the coming goal events this session rehearses."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QToolButton()
        self.button.setText(self.tr("Rehearsing…"))
        self.button.setToolTip(
            self.tr("Mark the demands of a coming goal event that this session rehearses")
        )
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.actions_: list[tuple[QAction, DemandChoice]] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.summary, 1)
        self.hide()

    def set_choices(
        self, choices: list[DemandChoice], chosen: Sequence[RehearsalData] = ()
    ) -> None:
        """Offer these demands, with `chosen` (and any still ticked that remain offered) ticked;
        hidden when there is nothing to rehearse."""
        keep = {(r.event_id, r.aspect) for r in [*self.rehearsals(), *chosen]}
        self.menu.clear()
        self.actions_ = []
        event = None
        for choice in choices:
            if choice.event_id != event:
                event = choice.event_id
                self.menu.addSection(f"{choice.event} · {choice.day.day} {choice.day:%b %Y}")
            text = f"{choice.aspect}: {choice.text}" if choice.text else choice.aspect
            action = QAction(text, self.menu)
            action.setCheckable(True)
            action.setChecked((choice.event_id, choice.aspect) in keep)
            action.toggled.connect(self._toggled)
            self.menu.addAction(action)
            self.actions_.append((action, choice))
        self.setVisible(bool(choices))
        self._update_summary()

    def _toggled(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        chosen = [c for a, c in self.actions_ if a.isChecked()]
        if chosen:
            events = dict.fromkeys(c.event for c in chosen)
            self.summary.setText(
                self.tr("Rehearses {aspects} for {events}").format(
                    aspects=", ".join(c.aspect for c in chosen), events=", ".join(events)
                )
            )
        else:
            self.summary.setText(self.tr("Rehearses no demand of a coming event"))

    def rehearsals(self) -> list[RehearsalData]:
        return [c.link for a, c in self.actions_ if a.isChecked()]

    def mark(self, link: RehearsalData) -> None:
        """Tick a demand (when a rehearsal Today offered is taken up)."""
        for action, choice in self.actions_:
            if (choice.event_id, choice.aspect) == (link.event_id, link.aspect):
                action.setChecked(True)

    def set_rehearsals(self, links: list[RehearsalData]) -> None:
        wanted = {(r.event_id, r.aspect) for r in links}
        for action, choice in self.actions_:
            action.setChecked((choice.event_id, choice.aspect) in wanted)

    def state(self) -> list[list]:
        return [[r.event_id, r.aspect] for r in self.rehearsals()]


class FocusRatings(QWidget):
    """A 1-5 rating of each focus target seen by the user's own rating; one left at "—" is not
    rated this time."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("<b>Focus targets</b> — how did each go today?"))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[FocusChoice, QLabel, ScaleCombo]] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 0, 0)
        layout.addLayout(self.grid, 1, 0)
        self.hide()

    def set_targets(
        self, targets: list[FocusChoice], ratings: Sequence[FocusScoreData] = ()
    ) -> None:
        given = {r.focus_id: r.rating for r in ratings}
        for _, text, combo in self.rows:
            text.deleteLater()
            combo.deleteLater()
        self.rows = []
        for i, target in enumerate(targets):
            text = QLabel(target.title)
            text.setTextFormat(Qt.TextFormat.PlainText)
            combo = ScaleCombo({k: self.tr(v) for k, v in FOCUS_SCALE.items()})
            combo.setAccessibleName(self.tr("Rating of {title}").format(title=target.title))
            text.setBuddy(combo)
            combo.set_value(given.get(target.focus_id))
            combo.currentIndexChanged.connect(self.changed)
            self.grid.addWidget(text, i, 0, Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(combo, i, 1)
            self.rows.append((target, text, combo))
        self.setVisible(bool(targets))

    def ratings(self) -> list[FocusScoreData]:
        return [
            FocusScoreData(target.focus_id, value)
            for target, _, combo in self.rows
            if (value := combo.value()) is not None
        ]

    def set_ratings(self, ratings: list[FocusScoreData]) -> None:
        given = {r.focus_id: r.rating for r in ratings}
        for target, _, combo in self.rows:
            combo.set_value(given.get(target.focus_id))

    def combos(self) -> list[ScaleCombo]:
        return [combo for _, _, combo in self.rows]

    def state(self) -> list[list[int]]:
        return [[r.focus_id, r.rating] for r in self.ratings()]
