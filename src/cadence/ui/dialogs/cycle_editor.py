"""Create or edit a training cycle: toward a goal event (or none), with phases that Cadence
proposes from the event's date, craft and size, and that the user changes at will."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import (
    GAUGE_WORDS,
    PHASES_BY_DISCIPLINE,
    Discipline,
    FocusStatus,
    PhaseName,
    label,
)
from cadence.domain.seasons import (
    FOCUS_TARGETS_AT_ONCE,
    CycleData,
    EventData,
    FocusData,
    PhasePlan,
    propose_phases,
)
from cadence.services.season.seasons import events, last_debrief, save_cycle
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.event_editor import RowsTable, date_edit
from cadence.ui.widgets.cells import item_at
from cadence.ui.widgets.dates import pydate
from cadence.ui.widgets.fields import Field, FieldError, select_data


class CycleDialog(QDialog):
    def __init__(
        self,
        bus: AppBus,
        data: CycleData | None = None,
        toward: int | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.today = today or date.today()
        self.saved_id: int | None = None
        new = data is None
        self.data = data or CycleData(
            name="", start=self.today, end=self.today + timedelta(weeks=12), event_id=toward
        )
        self._proposed: list[PhasePlan] = []
        self.setWindowTitle(self.tr("New training cycle") if new else self.tr("Edit cycle"))
        self.events: dict[int, EventData] = {e.id: e for e in events() if e.id is not None}

        self.name = QLineEdit(self.data.name)
        self.name.setPlaceholderText(self.tr("e.g. Spring marathon block"))
        self.toward = QComboBox()
        self.toward.addItem(self.tr("No event"), None)
        for event in self.events.values():
            self.toward.addItem(f"{event.name} · {event.day:%d %b %Y}", event.id)
        select_data(self.toward, self.data.event_id)
        self.craft = QComboBox()
        self.craft.addItem(self.tr("Running"), Discipline.RUNNING)
        self.craft.addItem(self.tr("Music"), Discipline.MUSIC)
        self.craft.addItem(self.tr("Both"), None)
        select_data(self.craft, self.data.discipline)
        self.start = date_edit(self.data.start)
        self.end = date_edit(self.data.end)
        self.goal = QLineEdit(self.data.goal)
        self.goal.setPlaceholderText(self.tr("What the cycle is for, in words"))
        self.notes = QPlainTextEdit(self.data.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.fields = {"name": Field(self.name), "end": Field(self.end)}
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.fields["name"])
        form.addRow(self.tr("To&ward"), self.toward)
        form.addRow(self.tr("&Craft"), self.craft)
        form.addRow(self.tr("&Starts"), self.start)
        form.addRow(self.tr("&Ends"), self.fields["end"])
        form.addRow(self.tr("&Goal"), self.goal)
        form.addRow(self.tr("N&otes"), self.notes)

        self.phases = RowsTable(
            [self.tr("Phase"), self.tr("Starts"), self.tr("Ends")], self.tr("Add phase")
        )
        header = self.phases.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.phases.table.setColumnWidth(0, 140)
        self.phases.add_button.clicked.connect(self.add_next_phase)
        self.propose_button = QPushButton(self.tr("&Propose phases from the event"))
        self.propose_button.setAutoDefault(False)
        self.propose_button.clicked.connect(self.propose)
        self.phases.buttons.insertWidget(2, self.propose_button)
        self.note = QLabel()
        self.note.setObjectName("ProposalNote")
        self.note.setWordWrap(True)
        self.note.hide()
        phases_box = QGroupBox(self.tr("Phases (never overlapping; change any date)"))
        box = QVBoxLayout(phases_box)
        box.addWidget(self.note)
        box.addWidget(self.phases)
        for phase in self.data.phases:
            self.add_phase(phase)

        self.focuses = RowsTable(
            [
                self.tr("Focus target"),
                self.tr("How it is seen"),
                self.tr("In words (optional)"),
                self.tr("Status"),
            ],
            self.tr("Add focus target"),
        )
        self.focuses.setObjectName("FocusTargets")
        header = self.focuses.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.focuses.table.setColumnWidth(1, 260)
        self.focuses.table.setColumnWidth(3, 110)
        self.focuses.add_button.clicked.connect(self._new_focus)
        self.focus_note = QLabel()
        self.focus_note.setObjectName("FocusNote")
        self.focus_note.setWordWrap(True)
        self.focus_note.hide()
        focus_box = QGroupBox(
            self.tr("Focus targets — two or three deliberate aims held through the cycle")
        )
        focus_layout = QVBoxLayout(focus_box)
        # a new cycle learns from the last debrief: what to change can become a focus target
        self.lesson = QLabel()
        self.lesson.setObjectName("DebriefLesson")
        self.lesson.setWordWrap(True)
        self.lesson.setTextFormat(Qt.TextFormat.PlainText)
        self.lesson_button = QPushButton(self.tr("&Use as a focus target"))
        self.lesson_button.setAutoDefault(False)
        self.lesson_button.clicked.connect(self._use_lesson)
        lesson_row = QHBoxLayout()
        lesson_row.addWidget(self.lesson, 1)
        lesson_row.addWidget(self.lesson_button)
        self.lesson_text = ""
        focus_layout.addLayout(lesson_row)
        focus_layout.addWidget(self.focuses)
        focus_layout.addWidget(self.focus_note)
        self.focuses.removed.connect(self._update_focus_note)
        for focus in self.data.focuses:
            self.add_focus(focus)

        self.error = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.setSpacing(18)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        columns.addLayout(left, 4)
        columns.addWidget(phases_box, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addLayout(columns, 3)
        layout.addWidget(focus_box, 2)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 650)

        self.toward.currentIndexChanged.connect(self._event_changed)
        self._event_changed()
        self.craft.currentIndexChanged.connect(self._show_lesson)
        self._show_lesson()
        self.name.setFocus()

    # --- phases ----------------------------------------------------------------------------------

    def _phase_names(self) -> tuple[PhaseName, ...]:
        craft = self.craft.currentData()
        if craft is None:
            return tuple(PhaseName)
        return PHASES_BY_DISCIPLINE[craft]

    def add_phase(self, phase: PhasePlan) -> None:
        table = self.phases.table
        row = table.rowCount()
        table.insertRow(row)
        combo = QComboBox()
        names = self._phase_names()
        for name in (*names, *(p for p in PhaseName if p not in names)):
            combo.addItem(self.tr(label(name)), name)
        select_data(combo, phase.name)
        table.setCellWidget(row, 0, combo)
        table.setCellWidget(row, 1, date_edit(phase.start))
        table.setCellWidget(row, 2, date_edit(phase.end))
        table.setCurrentCell(row, 0)

    def add_next_phase(self) -> None:
        current = self.phase_plans()
        names = self._phase_names()
        if current:
            last = current[-1]
            following = names.index(last.name) + 1 if last.name in names else 0
            name = names[min(following, len(names) - 1)]
            start = last.end + timedelta(days=1)
        else:
            name, start = names[0], pydate(self.start.date())
        self.add_phase(PhasePlan(name, start, start + timedelta(days=6)))
        self.phases.combo(self.phases.table.rowCount() - 1, 0).setFocus()

    def phase_plans(self) -> list[PhasePlan]:
        table = self.phases.table
        return [
            PhasePlan(
                self.phases.combo(row, 0).currentData(),
                pydate(self.phases.date_edit(row, 1).date()),
                pydate(self.phases.date_edit(row, 2).date()),
            )
            for row in range(table.rowCount())
        ]

    def set_phases(self, phases: list[PhasePlan]) -> None:
        self.phases.table.setRowCount(0)
        for phase in phases:
            self.add_phase(phase)

    def propose(self) -> None:
        """Phases toward the chosen event; the cycle's dates follow them."""
        event = self.events.get(self.toward.currentData())
        if event is None:
            return
        proposal = propose_phases(
            event.day, event.kind, event.discipline, event.distance_m, self.today
        )
        if not proposal.phases:
            self.note.setText(self.tr("The event is past; nothing to propose."))
            self.note.show()
            return
        self.set_phases(proposal.phases)
        self._proposed = proposal.phases
        self.start.setDate(date_edit(proposal.phases[0].start).date())
        self.end.setDate(date_edit(proposal.phases[-1].end).date())
        self.note.setText(self.tr("Proposed. {note} Change any date.").format(note=proposal.note))
        self.note.show()

    def _event_changed(self) -> None:
        event = self.events.get(self.toward.currentData())
        self.propose_button.setEnabled(event is not None)
        if event is None:
            return
        select_data(self.craft, event.discipline)
        if not self.name.text().strip():
            self.name.setText(self.tr("Toward {event}").format(event=event.name))
        # a new cycle, or one still holding the last proposal, follows the event chosen
        if self.data.id is None and self.phase_plans() in ([], self._proposed):
            self.propose()

    # --- focus targets -----------------------------------------------------------------------------

    def add_focus(self, focus: FocusData) -> None:
        table = self.focuses.table
        row = table.rowCount()
        table.insertRow(row)
        title = QTableWidgetItem(focus.title)
        title.setData(Qt.ItemDataRole.UserRole, focus.id)
        table.setItem(row, 0, title)
        gauge = QComboBox()
        for value, words in GAUGE_WORDS.items():
            gauge.addItem(self.tr(words), value)
        gauge.addItem(self.tr("Only in words"), None)
        gauge.setToolTip(
            self.tr(
                "Intentions met, the focus rating and your own 1-5 rating are asked in each "
                "reflection (your rating in the weekly review too); the others are measured "
                "from your sessions"
            )
        )
        select_data(gauge, focus.gauge)
        table.setCellWidget(row, 1, gauge)
        table.setItem(row, 2, QTableWidgetItem(focus.measure))
        status = QComboBox()
        for value in FocusStatus:
            status.addItem(self.tr(label(value)), value)
        select_data(status, focus.status)
        status.currentIndexChanged.connect(self._update_focus_note)
        table.setCellWidget(row, 3, status)
        self._update_focus_note()

    def _show_lesson(self) -> None:
        """For a new cycle, the last debrief of its craft: what to change, and what next."""
        found = last_debrief(self.craft.currentData(), self.today) if self.data.id is None else None
        d = found.debrief if found is not None else None
        self.lesson_text = (d.to_change.strip() or d.next_step.strip()) if d else ""
        for widget in (self.lesson, self.lesson_button):
            widget.setVisible(bool(self.lesson_text))
        if not self.lesson_text:
            return
        assert found is not None and d is not None  # (there is a lesson: it has its debrief)
        parts = [
            self.tr("From the debrief of {event} ({day}):").format(
                event=found.name, day=f"{found.day:%d %b %Y}"
            )
        ]
        if d.to_change.strip():
            parts.append(self.tr("to change — {text}.").format(text=d.to_change.strip(" .")))
        if d.next_step.strip():
            parts.append(self.tr("Next — {text}.").format(text=d.next_step.strip(" .")))
        self.lesson.setText(" ".join(parts))

    def _use_lesson(self) -> None:
        titles = [self.focuses.text(r, 0) for r in range(self.focuses.table.rowCount())]
        if self.lesson_text and self.lesson_text not in titles:
            self.add_focus(FocusData(self.lesson_text, discipline=self.craft.currentData()))

    def _new_focus(self) -> None:
        self.add_focus(FocusData(""))
        self.focuses.edit_last(0)

    def focus_targets(self) -> list[FocusData]:
        table = self.focuses.table
        rows = []
        for row in range(table.rowCount()):
            title = self.focuses.text(row, 0)
            measure = self.focuses.text(row, 2)
            focus_id = item_at(table, row, 0).data(Qt.ItemDataRole.UserRole)
            if not title and not measure and focus_id is None:
                continue  # an empty new row is no target
            rows.append(
                FocusData(
                    id=focus_id,
                    title=title,
                    gauge=self.focuses.combo(row, 1).currentData(),
                    measure=measure,
                    status=self.focuses.combo(row, 3).currentData(),
                )
            )
        return rows

    def _update_focus_note(self) -> None:
        table = self.focuses.table
        active = sum(
            1
            for row in range(table.rowCount())
            if self.focuses.combo(row, 3).currentData() == FocusStatus.ACTIVE
        )
        self.focus_note.setText(
            self.tr(
                "{n} focus targets at once: attention spreads thin. Two or three carry a cycle "
                "best; when one is achieved or set aside, mark it so."
            ).format(n=active)
        )
        self.focus_note.setVisible(active > FOCUS_TARGETS_AT_ONCE)

    # --- saving ----------------------------------------------------------------------------------

    def cycle_data(self) -> CycleData:
        return CycleData(
            id=self.data.id,
            name=self.name.text(),
            start=pydate(self.start.date()),
            end=pydate(self.end.date()),
            discipline=self.craft.currentData(),
            goal=self.goal.text(),
            notes=self.notes.toPlainText(),
            phases=self.phase_plans(),
            event_id=self.toward.currentData(),
            focuses=self.focus_targets(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, field in self.fields.items():
            if key in errors:
                field.show_error(errors[key])
            else:
                field.clear_error()
        phase_keys = sorted(k for k in errors if k.startswith("phases["))
        self.phases.show_errors(
            [
                self.tr("Phase {n}: {message}").format(n=int(k[7:-1]) + 1, message=errors[k])
                for k in phase_keys
            ]
        )
        self.focuses.show_errors([m for k, m in errors.items() if k.startswith("focuses[")])
        rest = [
            m
            for k, m in errors.items()
            if k not in self.fields and k not in phase_keys and not k.startswith("focuses[")
        ]
        self.error.setText("\n".join(rest))
        self.error.setVisible(bool(rest))

    def accept(self) -> None:
        try:
            self.saved_id = self.bus.save(lambda: save_cycle(self.cycle_data()))
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.bus.status_message.emit(self.tr("Saved {name}").format(name=self.name.text().strip()))
        super().accept()
