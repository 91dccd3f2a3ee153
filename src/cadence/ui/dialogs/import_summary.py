"""What an import did: how many sessions are new, already there, refused or skipped, and a line per
file that says why. Refused files come first: they are the ones that need the person's attention."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.services.imports import ImportSummary, ItemResult, Outcome
from cadence.ui.sizing import keep_size
from cadence.ui.widgets.cells import item_at
from cadence.ui.widgets.common import ERROR_COLOUR

REFUSED_COLOUR = ERROR_COLOUR  # Okabe-Ito vermilion, as for "pain" stop-points and form errors
NEW_COLOUR = "#009E73"  # Okabe-Ito bluish green
ORDER = {Outcome.REFUSED: 0, Outcome.NEW: 1, Outcome.ALREADY_THERE: 2, Outcome.SKIPPED: 3}
OUTCOME_TITLES = {
    Outcome.NEW: "New",
    Outcome.ALREADY_THERE: "Already there",
    Outcome.SKIPPED: "Skipped",
    Outcome.REFUSED: "Refused",
}
STYLE = """
QTableWidget#ImportResults::item { padding: 5px 8px; }
QTableWidget#ImportResults QHeaderView::section { padding: 4px 8px; }
QFrame#CountTile {
    background: palette(alternate-base);
    border: 1px solid palette(midlight);
    border-radius: 8px;
}
"""


def what_happened(result: ItemResult) -> str:
    """The service's sentence about the file, without the file's name (it has its own column)."""
    text = result.message.removeprefix(f"{result.name}: ")
    # the Result column already says "Refused" or "Skipped"
    for word in ("refused — ", "skipped — "):
        text = text.removeprefix(word)
    lines = [text[:1].upper() + text[1:]]
    lines.extend(f"Cleaned: {note}" for note in result.notes)
    return "\n".join(lines)


class CountTile(QFrame):
    def __init__(self, number: int, text: str, colour: str = "") -> None:
        super().__init__()
        self.setObjectName("CountTile")
        self.number = QLabel(QLocale().toString(number))
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        if colour and number:
            self.number.setStyleSheet(f"color: {colour};")
        caption = QLabel(text)
        caption.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(caption)


class ImportSummaryDialog(QDialog):
    review_requested = Signal()  # "Review in Today": the imported sessions wait in its inbox

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Import"))
        self.setMinimumSize(760, 420)
        keep_size(self, "import-summary", QSize(860, 520))

        if summary.cancelled:
            title = self.tr("Import stopped")
        elif summary.refused:
            title = self.tr("Import finished, with files to look at")
        else:
            title = self.tr("Import finished")
        self.heading = QLabel(title)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)

        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        sessions = self.tr("new session") if summary.new == 1 else self.tr("new sessions")
        tiles.addWidget(CountTile(summary.new, sessions, NEW_COLOUR))
        tiles.addWidget(CountTile(summary.already_there, self.tr("already there")))
        tiles.addWidget(CountTile(summary.refused, self.tr("refused"), REFUSED_COLOUR))
        tiles.addWidget(CountTile(summary.skipped, self.tr("skipped")))
        tiles.addStretch(1)

        self.note = QLabel(self._note())
        self.note.setWordWrap(True)
        self.note.setVisible(bool(self.note.text()))

        self.table = self._table(summary.results)
        self.copy_button = QPushButton(self.tr("Copy summary"))
        self.copy_button.clicked.connect(self.copy)
        self.review_button = QPushButton(self.tr("Review in Today"))
        self.review_button.setToolTip(
            self.tr("Imported sessions wait in Today for their intention and reflection.")
        )
        self.review_button.setVisible(summary.new > 0)
        self.review_button.clicked.connect(self.review_requested)
        self.review_button.clicked.connect(self.accept)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(14)
        # the texts change while the dialog is shown; its size is set once, not chased
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.heading)
        layout.addLayout(tiles)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _note(self) -> str:
        parts = []
        if self.summary.cancelled:
            n = self.summary.not_started
            parts.append(
                self.tr("Cancelled: {n} not started. What was finished before is kept.").format(
                    n=QLocale().toString(n)
                )
            )
        if self.summary.refused:
            parts.append(
                self.tr("A refused file left nothing behind; fix or replace it and import again.")
            )
        return " ".join(parts)

    def _table(self, results: list[ItemResult]) -> QTableWidget:
        ordered = sorted(results, key=lambda r: ORDER[r.outcome])
        table = QTableWidget(len(ordered), 3)
        table.setObjectName("ImportResults")
        table.setHorizontalHeaderLabels(
            [self.tr("Result"), self.tr("File"), self.tr("What happened")]
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        muted = QGuiApplication.palette().placeholderText().color()
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        for row, result in enumerate(ordered):
            outcome = QTableWidgetItem("●  " + self.tr(OUTCOME_TITLES[result.outcome]))
            colour = {Outcome.REFUSED: QColor(REFUSED_COLOUR), Outcome.NEW: QColor(NEW_COLOUR)}
            outcome.setForeground(colour.get(result.outcome, muted))
            outcome.setData(Qt.ItemDataRole.UserRole, str(result.outcome))
            name = QTableWidgetItem(result.name)
            name.setToolTip(f"<p>{html.escape(str(result.path))}</p>")  # a path is never markup
            details = QTableWidgetItem(what_happened(result))
            for column, item in enumerate((outcome, name, details)):
                item.setTextAlignment(top)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(1, 230)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def row_texts(self) -> list[tuple[str, str, str]]:
        """(outcome, file, what happened) per row, as shown."""
        t = self.table
        return [
            (
                item_at(t, r, 0).data(Qt.ItemDataRole.UserRole),
                item_at(t, r, 1).text(),
                item_at(t, r, 2).text(),
            )
            for r in range(t.rowCount())
        ]

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.summary.lines()))
