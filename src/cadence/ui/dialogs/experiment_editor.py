"""Create or edit an experiment (the change, its craft and sessions, the measures, the design and
the dates), and conclude one: keep it or drop it, with a note."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, label
from cadence.domain.experiments import (
    DESIGN_WORDS,
    MEASURES,
    ExperimentConclusion,
    ExperimentDesign,
    ExperimentMeasure,
    ExperimentScope,
)
from cadence.services.experiment.experiments import ExperimentData, conclude, save_experiment
from cadence.services.records.library import repertoire_passages
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.entry import EntryDialog
from cadence.ui.dialogs.event_editor import date_edit, pydate
from cadence.ui.widgets.fields import Field, FieldError, select_data

SCOPE_WORDS = {
    ExperimentScope.ALL: "Every session of the craft",
    ExperimentScope.KIND: "One kind of session",
    ExperimentScope.PASSAGE: "Sessions on one passage",
    ExperimentScope.WORKOUT: "One workout (by its title)",
}


class ExperimentDialog(EntryDialog):
    def __init__(
        self,
        bus: AppBus,
        data: ExperimentData | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.today = today or date.today()
        self.saved_id: int | None = None
        new = data is None
        self.data = data or ExperimentData(
            change="",
            discipline=Discipline.MUSIC,
            design=ExperimentDesign.BEFORE_AFTER,
            start_date=self.today,
            end_date=self.today + timedelta(days=27),
        )
        self.setWindowTitle(self.tr("New experiment") if new else self.tr("Edit experiment"))

        self.change = QLineEdit(self.data.change)
        self.change.setPlaceholderText(self.tr("One change, e.g. scales after the hard passage"))
        self.craft = QComboBox()
        for d in (Discipline.MUSIC, Discipline.RUNNING):
            self.craft.addItem(label(d), d)
        select_data(self.craft, self.data.discipline)
        self.scope = QComboBox()
        for scope, words in SCOPE_WORDS.items():
            self.scope.addItem(self.tr(words), scope)
        select_data(self.scope, self.data.scope)
        self.scope_choice = QComboBox()  # a kind or a passage
        self.workout = QLineEdit(
            self.data.scope_value if self.data.scope == ExperimentScope.WORKOUT else ""
        )
        self.workout.setPlaceholderText(self.tr("The workout's title, e.g. 12 x 200 m"))
        which = QWidget()
        which_row = QVBoxLayout(which)
        which_row.setContentsMargins(0, 0, 0, 0)
        which_row.addWidget(self.scope_choice)
        which_row.addWidget(self.workout)
        self.measure_boxes: dict[ExperimentMeasure, QCheckBox] = {}
        measures = QWidget()
        self.measure_grid = QGridLayout(measures)
        self.measure_grid.setContentsMargins(0, 0, 0, 0)
        for measure, info in MEASURES.items():
            box = QCheckBox(info.label, measures)  # a parent from the start: never a window
            box.setChecked(measure in self.data.measures)
            self.measure_boxes[measure] = box
        self.design = QComboBox()
        for design, words in DESIGN_WORDS.items():
            self.design.addItem(self.tr(words), design)
        select_data(self.design, self.data.design)
        self.design_note = QLabel()
        self.design_note.setWordWrap(True)
        self.start = date_edit(self.data.start_date)
        self.end = date_edit(self.data.end_date)
        self.fields = {
            "change": Field(self.change),
            "scope_value": Field(which),
            "measures": Field(measures),
            "end_date": Field(self.end),
        }
        self.form = form = QFormLayout()
        form.addRow(self.tr("The &change"), self.fields["change"])
        form.addRow(self.tr("C&raft"), self.craft)
        form.addRow(self.tr("&Sessions"), self.scope)
        form.addRow(self.tr("&Which"), self.fields["scope_value"])
        form.addRow(self.tr("&Measures that should tell"), self.fields["measures"])
        form.addRow(self.tr("&Design"), self.design)
        form.addRow("", self.design_note)
        form.addRow(self.tr("S&tarts"), self.start)
        form.addRow(self.tr("&Ends"), self.fields["end_date"])
        self.error = FieldError()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.craft.currentIndexChanged.connect(self._craft_changed)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.design.currentIndexChanged.connect(self._design_changed)
        self._craft_changed()
        self._design_changed()
        self.entry_keys(self.change, buttons)

    # --- the form follows the craft, the scope and the design ---

    def _craft(self) -> Discipline:
        return Discipline(self.craft.currentData())  # (a combo hands enum data back as text)

    def _scope(self) -> ExperimentScope:
        return ExperimentScope(self.scope.currentData())

    def _design(self) -> ExperimentDesign:
        return ExperimentDesign(self.design.currentData())

    def _craft_changed(self) -> None:
        craft = self._craft()
        shown = 0
        for measure, box in self.measure_boxes.items():  # the craft's measures, without gaps
            self.measure_grid.removeWidget(box)
            fits = craft.value in MEASURES[measure].crafts
            if fits:
                self.measure_grid.addWidget(box, shown // 3, shown % 3)
                shown += 1
            else:
                box.setChecked(False)
            box.setVisible(fits)
        self._scope_changed()

    def _scope_changed(self) -> None:
        scope = self._scope()
        craft = self._craft()
        self.scope_choice.clear()
        if scope == ExperimentScope.KIND:
            for kind in KINDS_BY_DISCIPLINE[craft]:
                self.scope_choice.addItem(label(kind), kind.value)
        elif scope == ExperimentScope.PASSAGE:
            chosen = self.data.scope_value if self.data.scope == scope else ""
            # every passage picker's list (one query; shelved pieces left out but the chosen one)
            for line in repertoire_passages([int(chosen)] if chosen.isdigit() else []):
                self.scope_choice.addItem(f"{line.piece}: {line.label}", str(line.passage_id))
        if self.data.scope == scope:
            select_data(self.scope_choice, self.data.scope_value)
        self.scope_choice.setVisible(scope in (ExperimentScope.KIND, ExperimentScope.PASSAGE))
        self.workout.setVisible(scope == ExperimentScope.WORKOUT)
        self.form.setRowVisible(self.fields["scope_value"], scope != ExperimentScope.ALL)

    def _design_changed(self) -> None:
        notes = {
            ExperimentDesign.BEFORE_AFTER: self.tr(
                "Compared with the same number of days just before the start."
            ),
            ExperimentDesign.ALTERNATE_DAYS: self.tr(
                "The change on the first day, the usual way the next, and so on; Today says which."
            ),
            ExperimentDesign.ALTERNATE_SESSIONS: self.tr(
                "The change in one session, the usual way in the next; Today says which."
            ),
        }
        self.design_note.setText(notes[self._design()])

    # --- saving ---

    def experiment_data(self) -> ExperimentData:
        scope = self._scope()
        if scope == ExperimentScope.WORKOUT:
            value = self.workout.text()
        elif scope == ExperimentScope.ALL:
            value = ""
        else:
            value = self.scope_choice.currentData() or ""
        return ExperimentData(
            id=self.data.id,
            change=self.change.text(),
            discipline=self._craft(),
            design=self._design(),
            start_date=pydate(self.start.date()),
            end_date=pydate(self.end.date()),
            measures=[m for m, box in self.measure_boxes.items() if box.isChecked()],
            scope=scope,
            scope_value=value,
            ended_on=self.data.ended_on,
            conclusion=self.data.conclusion,
            conclusion_note=self.data.conclusion_note,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, field in self.fields.items():
            if key in errors:
                field.show_error(errors[key])
            else:
                field.clear_error()
        rest = [m for k, m in errors.items() if k not in self.fields]
        self.error.setText("\n".join(rest))
        self.error.setVisible(bool(rest))
        first = next((k for k in self.fields if k in errors), None)
        if first == "change":
            self.change.setFocus()

    def accept(self) -> None:
        try:
            self.saved_id = self.bus.save(lambda: save_experiment(self.experiment_data()))
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.bus.status_message.emit(self.tr("Saved the experiment"))
        super().accept()


class ConcludeDialog(EntryDialog):
    """Keep it or drop it, and a note on what was learned."""

    def __init__(
        self, bus: AppBus, data: ExperimentData, summary: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.data = data
        self.setWindowTitle(self.tr("Conclude the experiment"))
        what = QLabel(f"{data.change}\n{summary}")
        what.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.addItem(self.tr("Keep it"), ExperimentConclusion.KEEP)
        self.choice.addItem(self.tr("Drop it"), ExperimentConclusion.DROP)
        select_data(self.choice, data.conclusion)
        self.note = QLineEdit(data.conclusion_note)
        self.note.setPlaceholderText(self.tr("What you learned, in a line"))
        form = QFormLayout()
        form.addRow(what)
        form.addRow(self.tr("&Conclusion"), self.choice)
        form.addRow(self.tr("&Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.entry_keys(self.choice, buttons)

    def accept(self) -> None:
        assert self.data.id is not None
        experiment_id = self.data.id
        self.bus.run(
            lambda: conclude(
                experiment_id,
                ExperimentConclusion(self.choice.currentData()),
                self.note.text(),
                date.today(),
            )
        )
        super().accept()
