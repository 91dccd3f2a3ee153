"""The Studio view: for a teacher or coach on a studio's server journal, each student they teach
this week and, in plain sentences, who needs attention (services.studio.overview). Never a
leaderboard: by name, or those who need attention first; no ranks, no scores."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.services.studio.members import StudioError
from cadence.services.studio.overview import StudentWeek, studio_overview
from cadence.ui.bus import AppBus
from cadence.ui.views.base import View
from cadence.ui.widgets.common import scaled_font

COLUMNS = ("Student", "Music this week", "Running this week", "Last practised", "Needs attention")


class StudioOverviewView(View):
    NAME = "studio"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        title = QLabel(self.tr("Who needs attention"))
        scaled_font(title, 1.3, bold=True)
        self.order = QComboBox()
        self.order.setObjectName("StudioOrder")
        self.order.addItem(self.tr("Needs attention first"), "attention")
        self.order.addItem(self.tr("By name"), "name")
        self.order.setToolTip(self.tr("The order of the students: never a ranking"))
        self.order.currentIndexChanged.connect(lambda _i: self.reload())
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.order)
        self.week = QLabel()
        self.week.setObjectName("StudioWeek")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("StudioTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for i in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("StudioMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.week)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def wants(self, changes: Changes) -> bool:
        return changes.sessions

    def reload(self) -> None:
        today = date.today()
        try:
            found = studio_overview(
                today, load_preferences().week_start, str(self.order.currentData())
            )
        except StudioError as exc:
            self.table.setRowCount(0)
            self.week.clear()
            self.message.setText(str(exc))
            self.message.show()
            return
        self.week.setText(
            self.tr("The week from {start} to {today}; ordered {how}, never ranked.").format(
                start=f"{found.week_start:%a %d %b}",
                today=f"{today:%a %d %b}",
                how=self.order.currentText().lower(),
            )
        )
        self.table.setRowCount(len(found.students))
        for row, student in enumerate(found.students):
            for col, text in enumerate(self._cells(student, today)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        if found.students:
            self.message.hide()
        else:
            self.message.setText(
                self.tr("Nobody to teach yet: the admin adds students with `cadence studio add`.")
            )
            self.message.show()

    def _cells(self, s: StudentWeek, today: date) -> list[str]:
        since = s.days_since(today)
        if since is None:
            last = self.tr("never")
        elif since == 0:
            last = self.tr("today")
        elif since == 1:
            last = self.tr("yesterday")
        else:
            last = self.tr("{n} days ago").format(n=since)
        minutes = [
            self.tr("{n} min").format(n=round(s.minutes[craft])) if s.minutes.get(craft) else "—"
            for craft in ("music", "running")
        ]
        attention = "\n".join(s.attention) or self.tr("Nothing to note")
        return [s.name, *minutes, last, attention]
