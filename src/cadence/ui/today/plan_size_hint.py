"""Under the plan on Today: a size that fits your own stops, when a passage or a kind of run has
the history for it ("the last 5 times you stopped after 10 of 12: plan 10, and stop while it is
still good"). Never forced: one click takes it, or plan as you like."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cadence.domain.enums import Discipline, SessionKind
from cadence.domain.plan_size import PlanProposal
from cadence.services.stats.plan_size import plan_proposal


class PlanSizeHint(QWidget):
    """Watches the setup form's discipline, kind, passage, reps and minutes; shows a proposal or nothing."""

    def __init__(self, form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PlanSizeHint")
        self.form = form
        self.proposal: PlanProposal | None = None
        # the plan just taken, and for what: not proposed against while it stands, so taking a
        # proposal never sets off a smaller one (with plans of mixed sizes the share would)
        self._taken: tuple | None = None
        self.text = QLabel()
        self.text.setObjectName("PlanSizeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("PlanSizeAccept")
        self.accept_button.setToolTip(self.tr("Take the plan that fits where you tend to stop"))
        self.accept_button.clicked.connect(self.accept)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        form.reps.valueChanged.connect(self.update_proposal)
        form.minutes.valueChanged.connect(self.update_proposal)
        form.passage.currentIndexChanged.connect(self.update_proposal)
        form.kind.currentIndexChanged.connect(self.update_proposal)
        form.disciplines.buttonToggled.connect(lambda *_: self.update_proposal())

    def update_proposal(self) -> None:
        form = self.form
        discipline = form.discipline()
        kind = form.kind.currentData()
        passage = form.passage.currentData() if discipline == Discipline.MUSIC else None
        plan = (form.reps.value(), form.minutes.value())
        if self._taken is not None and self._taken != (discipline, kind, passage, plan):
            self._taken = None  # changed since: propose again
        if self._taken is not None:
            self.proposal = None
            self.hide()
            return
        self.proposal = plan_proposal(
            discipline,
            form.reps.value() or None,
            passage_id=passage,
            kind=SessionKind(kind) if kind else None,
            planned_minutes=form.minutes.value() or None,
        )
        if self.proposal is None:
            self.hide()
            return
        self.text.setText(self.proposal.text)
        if self.proposal.unit == "minutes":
            self.accept_button.setText(self.tr("Plan {0} min").format(self.proposal.size))
        else:
            self.accept_button.setText(self.tr("Plan {0}").format(self.proposal.size))
        self.show()

    def accept(self) -> None:
        """One click: the plan takes the proposed size (the proposal then fits and goes away)."""
        if self.proposal is not None:
            form = self.form
            minutes = self.proposal.unit == "minutes"
            spin = form.minutes if minutes else form.reps
            plan = (
                (form.reps.value(), self.proposal.size)
                if minutes
                else (
                    self.proposal.size,
                    form.minutes.value(),
                )
            )
            discipline = form.discipline()
            passage = form.passage.currentData() if discipline == Discipline.MUSIC else None
            self._taken = (discipline, form.kind.currentData(), passage, plan)
            spin.setValue(self.proposal.size)
            spin.setFocus()
