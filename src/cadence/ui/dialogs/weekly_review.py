"""The weekly review: a week looked back on — what went well, what was learned, what next week is
for — with a 1-5 rating of each focus target. Choosing another week loads its review, if any.
Enter saves, Esc cancels."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.measures import week_start_of
from cadence.domain.seasons import FocusRating, ReviewData
from cadence.domain.units import format_minutes
from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.services.season.reviews import (
    focus_targets_to_rate,
    load_review,
    save_review,
    this_week,
    week_facts,
)
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.event_editor import date_edit
from cadence.ui.dialogs.event_review import plain_label
from cadence.ui.widgets.dates import pydate, qdate
from cadence.ui.widgets.fields import FieldError, RatingCombo


class WeeklyReviewDialog(QDialog):
    def __init__(
        self,
        bus: AppBus,
        week_start: date | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.today = today or date.today()
        self.first_day = load_preferences().week_start
        self.saved_week: date | None = None
        self.setWindowTitle(self.tr("Weekly review"))
        self.week = date_edit(week_start or this_week(self.today))
        self.week.setDisplayFormat(self.tr("'Week of' ddd d MMM yyyy"))
        self.week.setMaximumDate(qdate(self.today))
        self.facts = QLabel()
        self.went_well = QLineEdit()
        self.went_well.setPlaceholderText(self.tr("However small"))
        self.learned = QLineEdit()
        self.learned.setPlaceholderText(self.tr("About practising, about yourself"))
        self.next_week = QLineEdit()
        self.next_week.setPlaceholderText(self.tr("One or two things, not a list of chores"))
        form = QFormLayout()
        form.addRow(self.tr("&Week"), self.week)
        form.addRow("", self.facts)
        form.addRow(self.tr("What went &well"), self.went_well)
        form.addRow(self.tr("What you &learned"), self.learned)
        form.addRow(self.tr("What &next week is for"), self.next_week)
        self.ratings_box = QGroupBox(self.tr("Focus targets this week (1 not yet … 5 there)"))
        self.ratings_grid = QGridLayout(self.ratings_box)
        self.ratings: list[tuple[FocusRating, RatingCombo]] = []
        self.error = FieldError()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(form)
        layout.addWidget(self.ratings_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self.week.dateChanged.connect(self._week_changed)
        self._load(self.week_start())
        self.went_well.setFocus()

    def week_start(self) -> date:
        return week_start_of(pydate(self.week.date()), self.first_day)

    def _week_changed(self) -> None:
        start = self.week_start()
        if pydate(self.week.date()) != start:  # any day of a week stands for its first day
            self.week.setDate(qdate(start))
            return
        self._load(start)

    def _load(self, start: date) -> None:
        review = load_review(start)
        facts = week_facts(start)
        end = start + timedelta(days=6)
        self.facts.setText(
            self.tr("{first} – {last}: {n} sessions · music {music} · running {running}").format(
                first=f"{start.day} {start:%b}",
                last=f"{end.day} {end:%b}",
                n=facts.sessions,
                music=format_minutes(facts.music_minutes * 60) or "0 min",
                running=format_minutes(facts.running_minutes * 60) or "0 min",
            )
        )
        self.went_well.setText(review.went_well if review else "")
        self.learned.setText(review.learned if review else "")
        self.next_week.setText(review.next_week if review else "")
        while self.ratings_grid.count():
            taken = self.ratings_grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.ratings = []
        targets = focus_targets_to_rate(start, review)
        for row, target in enumerate(targets):
            combo = RatingCombo(self.tr("not yet"), self.tr("there"))
            combo.set_value(target.rating)
            self.ratings_grid.addWidget(plain_label(target.title), row, 0)
            self.ratings_grid.addWidget(combo, row, 1)
            self.ratings.append((target, combo))
        if not targets:
            self.ratings_grid.addWidget(
                QLabel(self.tr("No active focus targets; add them to a cycle.")), 0, 0
            )

    def review(self) -> ReviewData:
        return ReviewData(
            self.week_start(),
            self.went_well.text(),
            self.learned.text(),
            self.next_week.text(),
            tuple(
                FocusRating(target.focus_id, target.title, combo.value())
                for target, combo in self.ratings
            ),
        )

    def accept(self) -> None:
        data = self.review()

        def op() -> Changes:
            _review_id, changes = save_review(data, self.today)
            return changes

        try:
            self.bus.run(op)
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        self.saved_week = data.week_start
        self.bus.status_message.emit(self.tr("Weekly review saved"))
        super().accept()
