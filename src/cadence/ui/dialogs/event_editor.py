"""Create or edit a goal event: what, when, how important, the target and afterwards the result,
what it will demand and why it matters. Enter saves, Esc cancels; a value at fault gets its
message beside it and nothing is saved."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import (
    Discipline,
    EventKind,
    EventPriority,
    MotivatorKind,
    label,
)
from cadence.domain.seasons import DEMAND_ASPECTS, Demand, EventData, Motivator, event_discipline
from cadence.domain.units import METRES_PER_MILE
from cadence.services.records.preferences import load_preferences
from cadence.services.season.seasons import save_event
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.widgets.dates import pydate, qdate
from cadence.ui.widgets.fields import Field, FieldError, NumberEdit, select_data

PRIORITY_WORDS = {
    EventPriority.A: "A · the goal of the season",
    EventPriority.B: "B · an important one",
    EventPriority.C: "C · a step on the way",
}


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    return edit


class RowsTable(QWidget):
    """A small list the user adds rows to and removes them from, with its message."""

    removed = Signal()

    def __init__(self, headers: list[str], add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.error = FieldError()
        self.buttons = QHBoxLayout()  # Add, Remove, room: a dialog may add its own buttons
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.error)

    def edit_last(self, column: int) -> None:
        """Put the cursor in the last row's cell, ready to type."""
        row = self.table.rowCount() - 1
        self.table.setFocus()
        self.table.setCurrentCell(row, column)
        item = self.table.item(row, column)
        if item is not None:
            self.table.editItem(item)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.removed.emit()

    def combo(self, row: int, column: int) -> QComboBox:
        """The choice in a cell of a column of choices."""
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def date_edit(self, row: int, column: int) -> QDateEdit:
        """The date in a cell of a column of dates."""
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, QDateEdit)
        return widget

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def show_errors(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))


class EventDialog(QDialog):
    def __init__(
        self, bus: AppBus, data: EventData | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.saved_id: int | None = None
        self.units = load_preferences().units
        new = data is None
        self.data = data or EventData(
            name="",
            kind=EventKind.RACE,
            day=date.today() + timedelta(weeks=12),
            discipline=Discipline.RUNNING,
        )
        self.setWindowTitle(self.tr("New goal event") if new else self.tr("Edit goal event"))

        self.name = QLineEdit(self.data.name)
        self.name.setPlaceholderText(self.tr("e.g. Spring Marathon, Grade 6 recital"))
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem(self.tr(label(kind)), kind)
        select_data(self.kind, self.data.kind)
        self.craft = QComboBox()
        self.craft.addItem(self.tr("Running"), Discipline.RUNNING)
        self.craft.addItem(self.tr("Music"), Discipline.MUSIC)
        self.craft.addItem(self.tr("Both"), None)
        select_data(self.craft, self.data.discipline)
        self.day = date_edit(self.data.day)
        self.priority = QComboBox()
        for priority, words in PRIORITY_WORDS.items():
            self.priority.addItem(self.tr(words), priority)
        self.priority.addItem(self.tr("— not set"), None)
        select_data(self.priority, self.data.priority)
        self.distance = NumberEdit(self.tr("Distance"), self.units, whole=False)
        per_unit = METRES_PER_MILE if self.units == "mi" else 1000.0
        if self.data.distance_m is not None:
            self.distance.set_number(self.data.distance_m / per_unit, 3)
        self.target = QLineEdit(self.data.target)
        self.target.setPlaceholderText(self.tr("In words: 'under 3:30, even splits'"))
        self.result_edit = QLineEdit(self.data.result)
        self.result_edit.setPlaceholderText(self.tr("Afterwards: how it went"))
        self.notes = QPlainTextEdit(self.data.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.fields = {
            "name": Field(self.name),
            "day": Field(self.day),
            "distance_m": Field(self.distance),
        }
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.fields["name"])
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Craft"), self.craft)
        form.addRow(self.tr("&Date"), self.fields["day"])
        form.addRow(self.tr("&Priority"), self.priority)
        form.addRow(
            self.tr("Di&stance ({units})").format(units=self.units), self.fields["distance_m"]
        )
        form.addRow(self.tr("&Target"), self.target)
        form.addRow(self.tr("&Result"), self.result_edit)
        form.addRow(self.tr("N&otes"), self.notes)

        self.demands = RowsTable(
            [self.tr("Aspect"), self.tr("What it will demand"), self.tr("How to rehearse it")],
            self.tr("Add demand"),
        )
        self.demands.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.demands.add_button.clicked.connect(self._new_demand)
        for demand in self.data.demands:
            self.add_demand(demand.aspect, demand.text, demand.rehearse)
        if new:
            self._suggest_aspects()
        self.motivators = RowsTable(
            [self.tr("Kind"), self.tr("Why it matters to you")], self.tr("Add reason")
        )
        self.motivators.add_button.clicked.connect(self._new_motivator)
        for motivator in self.data.motivators:
            self.add_motivator(motivator.kind, motivator.text)
        if new:  # one of each kind to start from; rows left empty are not saved
            self.add_motivator(MotivatorKind.INTRINSIC, "")
            self.add_motivator(MotivatorKind.EXTRINSIC, "")
        demands_box = QGroupBox(self.tr("What it will demand"))
        QVBoxLayout(demands_box).addWidget(self.demands)
        motivators_box = QGroupBox(self.tr("Why it matters (for its own sake, or from outside)"))
        QVBoxLayout(motivators_box).addWidget(self.motivators)

        self.error = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(demands_box, 3)
        right.addWidget(motivators_box, 2)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(980, 560)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.craft.currentIndexChanged.connect(self._craft_changed)
        self._craft_changed()
        self.name.setFocus()

    # --- rows ------------------------------------------------------------------------------------

    def add_demand(self, aspect: str, text: str, rehearse: str = "") -> None:
        table = self.demands.table
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(aspect))
        table.setItem(row, 1, QTableWidgetItem(text))
        table.setItem(row, 2, QTableWidgetItem(rehearse))

    def add_motivator(self, kind: MotivatorKind, text: str) -> None:
        table = self.motivators.table
        row = table.rowCount()
        table.insertRow(row)
        combo = QComboBox()
        for value in MotivatorKind:
            combo.addItem(self.tr(label(value)), value)
        select_data(combo, kind)
        table.setCellWidget(row, 0, combo)
        table.setItem(row, 1, QTableWidgetItem(text))

    def _new_demand(self) -> None:
        self.add_demand("", "")
        self.demands.edit_last(0)

    def _new_motivator(self) -> None:
        self.add_motivator(MotivatorKind.INTRINSIC, "")
        self.motivators.edit_last(1)

    def _suggestions(self) -> tuple[str, ...]:
        craft = self.craft.currentData() or event_discipline(self.kind.currentData())
        return DEMAND_ASPECTS.get(craft, ()) if craft else ()

    def _suggest_aspects(self) -> None:
        """A new event starts with the aspects of its craft, to fill in or leave empty."""
        table = self.demands.table
        for row in reversed(range(table.rowCount())):
            if not self.demands.text(row, 1) and not self.demands.text(row, 2):
                table.removeRow(row)
        present = {self.demands.text(r, 0) for r in range(table.rowCount())}
        for aspect in self._suggestions():
            if aspect not in present:
                self.add_demand(aspect, "")

    def _kind_changed(self) -> None:
        craft = event_discipline(self.kind.currentData())
        if craft is not None:
            select_data(self.craft, craft)

    def _craft_changed(self) -> None:
        running = self.craft.currentData() != Discipline.MUSIC
        self.distance.setEnabled(running)
        if self.data.id is None:
            self._suggest_aspects()

    # --- saving ----------------------------------------------------------------------------------

    def event_data(self) -> EventData:
        """What the form holds; raises ValidationError for what cannot be read."""
        errors: dict[str, str] = {}
        distance_m = None
        if self.distance.isEnabled():
            try:
                distance = self.distance.number()
            except ValueError as exc:
                errors["distance_m"] = str(exc)
            else:
                per_unit = METRES_PER_MILE if self.units == "mi" else 1000.0
                distance_m = distance * per_unit if distance is not None else None
        if errors:
            raise ValidationError(errors)
        suggested = set(self._suggestions())
        demands = []
        for row in range(self.demands.table.rowCount()):
            aspect, text = self.demands.text(row, 0), self.demands.text(row, 1)
            rehearse = self.demands.text(row, 2)
            if not text and not rehearse and (not aspect or aspect in suggested):
                continue  # an offered aspect left empty is not a demand
            demands.append(Demand(aspect, text, rehearse))
        motivators = []
        for row in range(self.motivators.table.rowCount()):
            text = self.motivators.text(row, 1)
            combo = self.motivators.combo(row, 0)
            if not text:
                continue
            motivators.append(Motivator(combo.currentData(), text))
        return EventData(
            id=self.data.id,
            name=self.name.text(),
            kind=self.kind.currentData(),
            day=pydate(self.day.date()),
            discipline=self.craft.currentData(),
            priority=self.priority.currentData(),
            distance_m=distance_m,
            target=self.target.text(),
            result=self.result_edit.text(),
            notes=self.notes.toPlainText(),
            demands=demands,
            motivators=motivators,
            cycle_id=self.data.cycle_id,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, field in self.fields.items():
            if key in errors:
                field.show_error(errors[key])
            else:
                field.clear_error()
        self.demands.show_errors([m for k, m in errors.items() if k.startswith("demands")])
        self.motivators.show_errors([m for k, m in errors.items() if k.startswith("motivators")])
        shown = set(self.fields) | {k for k in errors if k.startswith(("demands", "motivators"))}
        rest = [m for k, m in errors.items() if k not in shown]
        self.error.setText("\n".join(rest))
        self.error.setVisible(bool(rest))
        first = next(iter(errors), "")
        if first in self.fields:
            self.fields[first].editor.setFocus()

    def accept(self) -> None:
        try:
            self.saved_id = self.bus.save(lambda: save_event(self.event_data()))
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.bus.status_message.emit(self.tr("Saved {name}").format(name=self.name.text().strip()))
        super().accept()
