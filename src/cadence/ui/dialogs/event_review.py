"""Before a goal event, a readiness check (how ready for each of its demands, the plan for the
day, and do I still want this, and why?); after it, a debrief (the result, what went well, what to change, what next). Enter saves,
Esc cancels."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.seasons import Debrief, EventData, Readiness, ReadinessItem
from cadence.services.changes import Changes
from cadence.services.season.seasons import save_debrief, save_readiness
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.widgets.fields import FieldError, RatingCombo


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def plain_label(text: str) -> QLabel:
    """A label showing what people typed as the characters typed, never as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _why(event: EventData) -> str:
    return " · ".join(m.text for m in event.motivators)


class ReadinessDialog(QDialog):
    def __init__(
        self,
        bus: AppBus,
        event: EventData,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus, self.goal_event = bus, event
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Readiness check: {name}").format(name=event.name))
        earlier = {i.aspect: i for i in event.readiness.items} if event.readiness else {}
        aspects = [d.aspect or d.text for d in event.demands] or [self.tr("Overall")]
        intro = plain_label(
            self.tr("{name} on {day}. How ready are you for what it will demand?").format(
                name=event.name, day=_day(event.day)
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.rows: list[tuple[str, RatingCombo, QLineEdit]] = []
        for row, aspect in enumerate(aspects):
            rating = RatingCombo(self.tr("not yet"), self.tr("ready"))
            note = QLineEdit()
            note.setPlaceholderText(self.tr("What shows it, or what is left to do"))
            before = earlier.get(aspect)
            if before is not None:
                rating.set_value(before.rating)
                note.setText(before.note)
            demand = next((d.text for d in event.demands if (d.aspect or d.text) == aspect), "")
            label = QLabel(
                f"<b>{html.escape(aspect)}</b>"
                + (f"<br>{html.escape(demand)}" if demand != aspect else "")
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0)
            grid.addWidget(rating, row, 1)
            grid.addWidget(note, row, 2)
            self.rows.append((aspect, rating, note))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        self.plan = QLineEdit(event.readiness.plan if event.readiness else "")
        self.plan.setPlaceholderText(self.tr("The plan for the day: warm-up, pacing, food, nerves"))
        self.still_want = QLineEdit(event.readiness.still_want if event.readiness else "")
        self.still_want.setPlaceholderText(
            self.tr("Yes, because… or not this time: choosing not to start is fine")
        )
        form = QFormLayout()
        form.addRow(self.tr("&Plan for the day"), self.plan)
        form.addRow(self.tr("Do I still &want this, and why?"), self.still_want)
        why = _why(event)
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(intro)
        if why:
            reminder = plain_label(self.tr("Why it matters: {why}").format(why=why))
            layout.addWidget(reminder)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(_buttons(self))
        self.resize(760, min(620, 220 + 44 * len(self.rows)))
        self.rows[0][1].setFocus()

    def readiness(self) -> Readiness:
        items = tuple(
            ReadinessItem(aspect, rating.value(), note.text()) for aspect, rating, note in self.rows
        )
        return Readiness(self.today, items, self.plan.text(), self.still_want.text())

    def accept(self) -> None:
        event_id = self.goal_event.id
        assert event_id is not None  # (a saved event is the one reviewed)
        try:
            self.bus.run(lambda: save_readiness(event_id, self.readiness()))
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        self.bus.status_message.emit(self.tr("Readiness check saved"))
        super().accept()


class DebriefDialog(QDialog):
    def __init__(
        self,
        bus: AppBus,
        event: EventData,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus, self.goal_event = bus, event
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Debrief: {name}").format(name=event.name))
        before = event.debrief or Debrief(self.today)
        context = [self.tr("{name} on {day}.").format(name=event.name, day=_day(event.day))]
        if event.target:
            context.append(self.tr("Target: {target}.").format(target=event.target))
        if event.readiness and event.readiness.mean is not None:
            context.append(
                self.tr("Readiness before: {mean:.1f} of 5.").format(mean=event.readiness.mean)
            )
        intro = plain_label(" ".join(context))
        hint = QLabel(self.tr("Look back without judging: it was practice for the next one."))
        hint.setWordWrap(True)
        self.result_edit = QLineEdit(event.result)
        self.result_edit.setPlaceholderText(self.tr("The time, the place, how it went in a line"))
        self.went_well = QLineEdit(before.went_well)
        self.to_change = QLineEdit(before.to_change)
        self.next_step = QLineEdit(before.next_step)
        self.next_step.setPlaceholderText(self.tr("Rest, the next event, a new focus target"))
        self.went_well.setPlaceholderText(self.tr("How it felt, and what to keep"))
        self.to_change.setPlaceholderText(
            self.tr("What the cycle taught you; the next cycle can take it as a focus target")
        )
        form = QFormLayout()
        form.addRow(self.tr("&Result"), self.result_edit)
        form.addRow(self.tr("What went &well"), self.went_well)
        form.addRow(self.tr("What to &change"), self.to_change)
        form.addRow(self.tr("&Next"), self.next_step)
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.resize(680, 300)
        self.result_edit.setFocus()

    def accept(self) -> None:
        debrief = Debrief(
            self.today, self.went_well.text(), self.to_change.text(), self.next_step.text()
        )

        event_id = self.goal_event.id
        assert event_id is not None  # (a saved event is the one reviewed)

        def op() -> Changes:
            return save_debrief(event_id, debrief, self.result_edit.text())

        try:
            self.bus.run(op)
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        self.bus.status_message.emit(self.tr("Debrief saved"))
        super().accept()
