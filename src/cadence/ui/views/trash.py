"""The Trash view: deleted sessions, day entries and goal events, to restore or to delete forever."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import label
from cadence.domain.palette import BOTH, discipline_colour
from cadence.domain.units import format_distance, format_duration
from cadence.services.changes import Changes
from cadence.services.records.days import (
    get_day_entry,
    purge_day_entries,
    restore_day_entry,
    trash_day_entry,
    trashed_day_entries,
)
from cadence.services.records.journal import (
    purge_sessions,
    restore_sessions,
    trash_sessions,
    trashed_sessions,
)
from cadence.services.records.preferences import load_preferences
from cadence.services.season.reviews import (
    purge_reviews,
    restore_reviews,
    trash_review,
    trashed_reviews,
)
from cadence.services.season.seasons import (
    purge_events,
    restore_events,
    trash_event,
    trashed_events,
)
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.dialogs.ask import ask
from cadence.ui.icons import icon
from cadence.ui.plurals import plural
from cadence.ui.views.base import View
from cadence.ui.widgets.cells import item_at
from cadence.ui.widgets.dates import qdate

_ITEM_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class TrashItem:
    kind: str  # "session", "day", "event" or "review"
    item_id: int
    day: date


def _local(moment: datetime) -> str:
    local = moment.replace(tzinfo=UTC).astimezone()
    qdt = QDateTime(qdate(local.date()), QTime(local.hour, local.minute))
    return QLocale().toString(qdt, "d MMM yyyy, HH:mm")


def _deleted(at: datetime | None) -> datetime:
    """When a trashed record was deleted (the trash lists only records that were)."""
    assert at is not None
    return at


def _first_line(text: str, limit: int = 90) -> str:
    """The first line of a Markdown text, without its emphasis marks."""
    line = next((t.strip(" #>-") for t in text.splitlines() if t.strip()), "")
    line = re.sub(r"[*_`]+", "", line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


class TrashView(View):
    NAME = "trash"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        intro = QLabel(
            self.tr(
                "Deleted sessions, day entries, goal events and weekly reviews wait here, so "
                "nothing is lost by mistake. Restore them, or delete them forever."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("TrashTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Date"), self.tr("What"), self.tr("Deleted")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())

        self.empty = QLabel(
            self.tr(
                "The trash is empty. Sessions, day entries, goal events and weekly reviews you "
                "delete wait here until you restore them or delete them forever."
            )
        )
        self.empty.setObjectName("EmptyTrash")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.restore_button = QPushButton(icon("undo"), self.tr("Restore"))
        self.restore_button.setToolTip(
            self.tr("Put the selected items (or the current one) back in the journal")
        )
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete forever…"))
        self.delete_button.setToolTip(
            self.tr("Delete the selected items (or the current one) for good (Del)")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        delete.setWhatsThis(self.tr("Trash: Delete forever (the selected or current items)"))
        self.count = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self._update_buttons()

    def wants(self, changes: Changes) -> bool:
        return (
            changes.trash
            or changes.sessions
            or changes.day_entries
            or changes.preferences
            or changes.plans
        )

    # --- reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        units = load_preferences().units
        rows: list[tuple[datetime, TrashItem, str, str, str]] = []
        for s in trashed_sessions():
            what = [self.tr(label(s.kind)), format_duration(s.duration_s)]
            if s.distance_m:
                what.append(format_distance(s.distance_m, units))
            if s.title:
                what.append(s.title)
            kind = self.tr("{discipline} session").format(discipline=self.tr(label(s.discipline)))
            item = TrashItem("session", s.id, s.local_date)
            rows.append(
                (_deleted(s.deleted_at), item, kind, " · ".join(w for w in what if w), s.discipline)
            )
        for e in trashed_day_entries():
            text = _first_line(e.text) or self.tr("(no text)")
            rows.append(
                (
                    _deleted(e.deleted_at),
                    TrashItem("day", e.id, e.day),
                    self.tr("Day entry"),
                    text,
                    "",
                )
            )
        for ev in trashed_events():
            what = " · ".join(w for w in (ev.name, self.tr(label(ev.kind)), ev.target) if w)
            item = TrashItem("event", ev.id, ev.date)
            rows.append(
                (_deleted(ev.deleted_at), item, self.tr("Goal event"), what, ev.discipline or "")
            )
        for review in trashed_reviews():
            text = _first_line(review.went_well or review.learned or review.next_week)
            item = TrashItem("review", review.id, review.week_start)
            rows.append((_deleted(review.deleted_at), item, self.tr("Weekly review"), text, ""))
        rows.sort(key=lambda r: r[0], reverse=True)

        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for row, (deleted_at, item, kind, what, discipline) in enumerate(rows):
            kind_item = QTableWidgetItem(kind)
            kind_item.setData(_ITEM_ROLE, item)
            colour = discipline_colour(discipline) if discipline else BOTH
            kind_item.setData(Qt.ItemDataRole.DecorationRole, QColor(colour))
            day = QLocale().toString(qdate(item.day), "ddd d MMM yyyy")
            self.table.setItem(row, 0, kind_item)
            self.table.setItem(row, 1, QTableWidgetItem(day))
            self.table.setItem(row, 2, QTableWidgetItem(what))
            self.table.setItem(row, 3, QTableWidgetItem(_local(deleted_at)))
        has_rows = bool(rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.count.setText(
            plural(
                len(rows),
                self.tr("%n item in the trash", "", len(rows)),
                self.tr("%n items in the trash", "", len(rows)),
            )
            if has_rows
            else ""
        )
        self._update_buttons()

    def selected_items(self) -> list[TrashItem]:
        """The selected rows; with none selected, the current row (the one the cursor is on)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        return [item_at(self.table, row, 0).data(_ITEM_ROLE) for row in rows]

    def _update_buttons(self) -> None:
        chosen = bool(self.table.rowCount()) and bool(self.selected_items())
        self.restore_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # --- acting ------------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        items = self.selected_items()
        if not items:
            return
        session_ids = [i.item_id for i in items if i.kind == "session"]
        event_ids = [i.item_id for i in items if i.kind == "event"]
        entries, refused = [], []
        for item in (i for i in items if i.kind == "day"):
            if get_day_entry(item.day) is None:
                entries.append(item)
            else:
                refused.append(
                    self.tr("{day} already has an entry; trash or edit that one first.").format(
                        day=item.day.isoformat()
                    )
                )
        restored_days: list[date] = []
        review_ids = [i.item_id for i in items if i.kind == "review"]
        restored_reviews: list[int] = []

        def op() -> Changes:
            changes = restore_sessions(session_ids) if session_ids else Changes()
            if event_ids:
                changes |= restore_events(event_ids)
            for review_id in review_ids:
                try:
                    changes |= restore_reviews([review_id])
                    restored_reviews.append(review_id)
                except ValidationError as exc:  # that week was reviewed again since
                    refused.extend(exc.errors.values())
            for entry in entries:
                try:
                    changes |= restore_day_entry(entry.item_id)
                    restored_days.append(entry.day)
                except ValidationError as exc:  # two entries of one day chosen together
                    refused.extend(exc.errors.values())
            return changes

        def undo() -> Changes:
            changes = trash_sessions(session_ids) if session_ids else Changes()
            for event_id in event_ids:
                changes |= trash_event(event_id)
            for day in restored_days:
                changes |= trash_day_entry(day)
            for review_id in restored_reviews:
                changes |= trash_review(review_id)
            return changes

        count = len(session_ids) + len(event_ids) + len(entries) + len(review_ids)
        if count:
            self.bus.run(
                op,
                UndoStep(
                    plural(
                        count,
                        self.tr("Restore %n item", "", count),
                        self.tr("Restore %n items", "", count),
                    ),
                    undo,
                ),
            )
            self.bus.status_message.emit(
                plural(
                    count,
                    self.tr("Restored %n item", "", count),
                    self.tr("Restored %n items", "", count),
                )
            )
        if refused:
            ask(
                self,
                self.tr("Some items stayed in the trash"),
                "\n".join(refused),
                "",
                [("ok", self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)],
                default="ok",
                kind="information",
            )

    def delete_selected(self) -> None:
        items = self.selected_items()
        if not items or not self.confirm_delete(len(items)):
            return
        session_ids = [i.item_id for i in items if i.kind == "session"]
        entry_ids = [i.item_id for i in items if i.kind == "day"]
        event_ids = [i.item_id for i in items if i.kind == "event"]
        review_ids = [i.item_id for i in items if i.kind == "review"]

        def op() -> Changes:
            changes = purge_sessions(session_ids) if session_ids else Changes()
            changes |= purge_events(event_ids) if event_ids else Changes()
            changes |= purge_reviews(review_ids) if review_ids else Changes()
            return changes | (purge_day_entries(entry_ids) if entry_ids else Changes())

        self.bus.run(op)
        self.bus.status_message.emit(
            plural(
                len(items),
                self.tr("Deleted %n item forever", "", len(items)),
                self.tr("Deleted %n items forever", "", len(items)),
            )
        )

    def confirm_delete(self, count: int) -> bool:
        role = QDialogButtonBox.ButtonRole
        answer = ask(
            self,
            self.tr("Delete forever"),
            plural(
                count,
                self.tr("Delete %n item forever?", "", count),
                self.tr("Delete %n items forever?", "", count),
            ),
            self.tr("They cannot be restored afterwards, and Undo cannot bring them back."),
            [
                ("delete", self.tr("Delete forever"), role.DestructiveRole),
                ("", self.tr("Cancel"), role.RejectRole),
            ],
            default="",
            kind="warning",
        )
        return answer == "delete"
