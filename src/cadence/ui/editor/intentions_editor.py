"""Up to three intentions: what the session is for, how it went, and the focus target it serves."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, Outcome, label
from cadence.domain.limits import MAX_INTENTIONS
from cadence.domain.records import IntentionData
from cadence.services.records.library import active_focuses
from cadence.ui.icons import icon
from cadence.ui.widgets.fields import FieldError, select_data

OUTCOME_ORDER = (Outcome.NOT_RATED, Outcome.ACHIEVED, Outcome.PARTLY, Outcome.MISSED)


class IntentionRow:
    def __init__(self, editor: IntentionsEditor, intention: IntentionData) -> None:
        self.text = QLineEdit(intention.text)
        self.text.setPlaceholderText(
            editor.tr("e.g. bars 33-48 at ♩=96, relaxed shoulders; 5×800 m at 3:45/km")
        )
        self.outcome = QComboBox()
        for outcome in OUTCOME_ORDER:
            self.outcome.addItem(editor.tr(label(outcome)), outcome)
        select_data(self.outcome, intention.outcome, keep_unknown=True)
        self.focus = QComboBox()
        self.focus.setMinimumWidth(160)
        editor.fill_focus_combo(self.focus, intention.focus_id)
        self.remove = QPushButton(icon("delete"), "")
        self.remove.setToolTip(editor.tr("Remove this intention"))
        self.remove.setAccessibleName(editor.tr("Remove intention"))
        self.error = FieldError()
        self.number = QLabel()

    def data(self) -> IntentionData:
        return IntentionData(
            text=self.text.text().strip(),
            focus_id=self.focus.currentData(),
            outcome=self.outcome.currentData(),
        )

    def is_blank(self) -> bool:
        data = self.data()
        return not data.text and data.focus_id is None and data.outcome == Outcome.NOT_RATED

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.number, self.text, self.outcome, self.focus, self.remove, self.error)


class IntentionsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.discipline = Discipline.MUSIC
        self.rows: list[IntentionRow] = []
        self._kept: list[int] = []  # row index of each intention handed out by intentions()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        headers = (self.tr("Intention"), self.tr("Outcome"), self.tr("Focus target"))
        for col, text in enumerate(headers, start=1):
            header = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(header, 0, col)
        self.add_button = QPushButton(self.tr("Add intention"))
        self.add_button.clicked.connect(lambda: self.add_intention(focus_text=True))
        self.hint = QLabel(self.tr("One to three specific aims. Rate each one after the session."))
        self.hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addLayout(buttons)

    def fill_focus_combo(self, combo: QComboBox, current: int | None) -> None:
        combo.clear()
        combo.addItem(self.tr("— none —"), None)
        for focus in active_focuses(self.discipline):
            combo.addItem(focus.title, focus.id)
        if current is not None and combo.findData(current) < 0:
            combo.addItem(self.tr("(a focus no longer active)"), current)
        select_data(combo, current)

    def set_discipline(self, discipline: Discipline) -> None:
        self.discipline = discipline
        for row in self.rows:
            self.fill_focus_combo(row.focus, row.focus.currentData())

    def add_intention(
        self, intention: IntentionData | None = None, focus_text: bool = False
    ) -> IntentionRow | None:
        if len(self.rows) >= MAX_INTENTIONS:
            return None
        row = IntentionRow(self, intention or IntentionData(text=""))
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._relayout()
        if focus_text:
            row.text.setFocus()
        return row

    def remove_row(self, row: IntentionRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for i, row in enumerate(self.rows):
            row.number.setText(f"{i + 1}.")
            base = 1 + 2 * i
            for col, widget in enumerate(row.widgets()[:5]):
                self.grid.addWidget(widget, base, col)
            self.grid.addWidget(row.error, base + 1, 1, 1, 3)
        self.add_button.setEnabled(len(self.rows) < MAX_INTENTIONS)

    def set_intentions(self, intentions: list[IntentionData]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for intention in intentions:
            self.add_intention(intention)
        if not self.rows:
            self.add_intention()  # an empty line invites the first intention

    def intentions(self) -> list[IntentionData]:
        """The filled rows (a row left wholly blank is no intention)."""
        self._kept = [i for i, row in enumerate(self.rows) if not row.is_blank()]
        return [self.rows[i].data() for i in self._kept]

    def state(self) -> tuple:
        return tuple(
            (r.text.text(), r.outcome.currentData(), r.focus.currentData()) for r in self.rows
        )

    def show_error(self, index: int | None, field: str, message: str) -> QWidget:
        if index is None or index >= len(self._kept):
            target = self.rows[-1] if self.rows else None
        else:
            target = self.rows[self._kept[index]]
        if target is None:
            return self
        target.error.show_message(message)
        return target.focus if field == "focus_id" else target.text

    def clear_errors(self) -> None:
        for row in self.rows:
            row.error.clear()
