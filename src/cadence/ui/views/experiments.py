"""The Experiments view (Ctrl+0): the experiments, and the chosen one's result in numbers and
words, exactly as `cadence experiments` prints it (services.experiment.experiment_results)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import label
from cadence.domain.titles import span_words
from cadence.services.changes import Changes
from cadence.services.experiment.experiment_results import (
    ExperimentResult,
    experiment_results,
    scope_words,
    table_header,
    table_rows,
)
from cadence.services.experiment.experiments import end_early
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.experiment_editor import ConcludeDialog, ExperimentDialog
from cadence.ui.views.base import View
from cadence.ui.widgets.cells import top_level_items
from cadence.ui.widgets.common import scaled_font

NEW_EXPERIMENT_KEY = "Ctrl+Shift+X"
_ITEM = Qt.ItemDataRole.UserRole


class ExperimentsView(View):
    NAME = "experiments"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.today = date.today()
        self.dialog: QDialog | None = None
        self.results: list[ExperimentResult] = []

        title = QLabel(self.tr("What works for you"))
        scaled_font(title, 1.3, bold=True)
        self.new_button = QPushButton(self.tr("&New experiment…"))
        self.new_button.setToolTip(
            self.tr("Try one change and see whether it helps ({key})").format(
                key=NEW_EXPERIMENT_KEY
            )
        )
        self.new_button.clicked.connect(self.new_experiment)
        self.edit_button = QPushButton(self.tr("E&dit…"))
        self.edit_button.setToolTip(self.tr("Edit the chosen experiment (Enter)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.end_button = QPushButton(self.tr("End &early"))
        self.end_button.setToolTip(self.tr("Stop the chosen experiment today; its result stays"))
        self.end_button.clicked.connect(self.end_selected)
        self.conclude_button = QPushButton(self.tr("C&onclude…"))
        self.conclude_button.setToolTip(self.tr("Keep the change or drop it, with a note"))
        self.conclude_button.clicked.connect(self.conclude_selected)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        for button in (self.new_button, self.edit_button, self.end_button, self.conclude_button):
            bar.addWidget(button)
        bar.addStretch(1)

        self.empty = QLabel(
            self.tr(
                "<p><b>Find out what works for you.</b> Try one change — scales after the hard "
                "passage, 50 % more rest between reps, intervals without headphones — and choose "
                "the measures that should tell. Cadence compares them with the usual way: before "
                "and after, or alternating by day or by session, and says plainly when it "
                "can't tell ({key}).</p>"
            ).format(key=NEW_EXPERIMENT_KEY)
        )
        self.empty.setObjectName("EmptyExperiments")
        self.empty.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("ExperimentList")
        self.tree.setHeaderLabels(
            [self.tr("Change"), self.tr("Craft"), self.tr("Dates"), self.tr("Now")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(lambda _item, _c: self.edit_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._show_result())

        self.summary = QLabel()
        self.summary.setObjectName("ExperimentSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget()
        self.table.setObjectName("ExperimentResult")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.meanwhile = QLabel()
        self.meanwhile.setObjectName("ExperimentMeanwhile")
        self.meanwhile.setWordWrap(True)

        shortcut = QShortcut(QKeySequence(NEW_EXPERIMENT_KEY), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setWhatsThis(self.tr("Experiments: New experiment"))  # on the shortcut sheet
        shortcut.activated.connect(self.new_experiment)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.meanwhile)
        self.setFocusProxy(self.tree)

    def wants(self, changes: Changes) -> bool:
        return changes.sessions or changes.plans or changes.day_entries or changes.trash

    # --- reading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self.today = date.today()
        chosen = self.chosen_id()
        self.results = experiment_results(self.today)
        self.tree.clear()
        for result in self.results:
            e = result.experiment
            item = QTreeWidgetItem(
                [
                    e.change,
                    label(e.discipline),
                    span_words(e.start_date, e.last_day),
                    result.status,
                ]
            )
            item.setData(0, _ITEM, e.id)
            item.setToolTip(0, scope_words(e))
            item.setToolTip(3, result.status)
            self.tree.addTopLevelItem(item)
            if e.id == chosen:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.results:
            self.tree.setCurrentItem(top_level_items(self.tree)[0])
        self.empty.setVisible(not self.results)
        self.tree.setVisible(bool(self.results))
        self._show_result()

    def chosen_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, _ITEM)

    def chosen(self) -> ExperimentResult | None:
        wanted = self.chosen_id()
        return next((r for r in self.results if r.experiment.id == wanted), None)

    def _show_result(self) -> None:
        result = self.chosen()
        for widget in (self.summary, self.table, self.meanwhile):
            widget.setVisible(result is not None)
        self.edit_button.setEnabled(result is not None)
        running = result is not None and result.experiment.running_on(self.today)
        self.end_button.setEnabled(running)
        self.conclude_button.setEnabled(
            result is not None and self.today >= result.experiment.start_date
        )
        if result is None:
            return
        e = result.experiment
        self.summary.setText(
            f"<b>{_html(e.change)}</b> · {_html(scope_words(e))} · {_html(result.status)}"
            f"<br>{_html(result.summary)}."
        )
        header = table_header(result)
        rows = table_rows(result)
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(len(header) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.meanwhile.setText(
            self.tr("Also different meanwhile (a comparison, not a cause): {0}.").format(
                "; ".join(result.meanwhile)
            )
            if result.meanwhile
            else self.tr("Nothing else Cadence knows of differed meanwhile.")
        )

    # --- acting ----------------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: object) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.tree.setFocus()

    def new_experiment(self) -> None:
        self._show(ExperimentDialog(self.bus, None, self, today=self.today))

    def edit_selected(self) -> None:
        result = self.chosen()
        if result is not None:
            self._show(ExperimentDialog(self.bus, result.experiment, self, today=self.today))

    def end_selected(self) -> None:
        result = self.chosen()
        if result is None or result.experiment.id is None:
            return
        experiment_id = result.experiment.id
        self.bus.run(lambda: end_early(experiment_id, self.today))
        self.bus.status_message.emit(self.tr("Ended the experiment; conclude it when ready"))

    def conclude_selected(self) -> None:
        result = self.chosen()
        if result is not None:
            self._show(ConcludeDialog(self.bus, result.experiment, result.summary, self))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
