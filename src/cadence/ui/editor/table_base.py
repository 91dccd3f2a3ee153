"""What the session editor's row tables share (blocks, stop-points, slips): the table and its
delegate, the message line under it, Add and Remove, editing a new row, and each message next to
its row and column."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.ui.widgets.cells import item_at
from cadence.ui.widgets.fields import ERROR_FILL, CellDelegate, FieldError, show_duration_cell


class RowsEditor(QWidget):
    """A table of rows with Add and Remove. Subclasses set HEADERS, COLUMN_OF (field -> column),
    ROW_NAME ("Stop-point {n}") and add their rows."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    COLUMN_OF: ClassVar[dict[str, int]] = {}
    ROW_NAME: ClassVar[str] = "Row {n}"
    FIRST_COLUMN: ClassVar[int] = (
        0  # where a new row is typed into, and where a loose message points
    )

    def __init__(
        self, object_name: str, add_text: str, stretch: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.setObjectName(object_name)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.error = FieldError()
        self.add_button = QPushButton(self.tr(add_text))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_row)
        # Add, Remove, then room: a table adds its own buttons after Remove or at the end
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.remove_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)

    def start_editing(self, row: int) -> None:
        """The cursor in a row's first cell, typing (a row just added)."""
        self.table.setCurrentCell(row, self.FIRST_COLUMN)
        self.table.setFocus()
        self.table.editItem(self.cell_item(row, self.FIRST_COLUMN))

    # a row is filled in whole when added: each of its cells has its item, or its widget

    def cell_item(self, row: int, col: int) -> QTableWidgetItem:
        return item_at(self.table, row, col)

    def cell_combo(self, row: int, col: int) -> QComboBox:
        combo = self.table.cellWidget(row, col)
        assert isinstance(combo, QComboBox)
        return combo

    def cell_spin(self, row: int, col: int) -> QSpinBox:
        spin = self.table.cellWidget(row, col)
        assert isinstance(spin, QSpinBox)
        return spin

    def remove_row(self) -> bool:
        """Remove the row with the cursor; False when there is none."""
        row = self.table.currentRow()
        if row < 0:
            return False
        self.table.removeRow(row)
        return True

    def show_error(self, row: int | None, field: str, message: str) -> QWidget:
        col = self.COLUMN_OF.get(field, self.FIRST_COLUMN)
        where = self.tr(self.ROW_NAME).format(n=(row or 0) + 1)
        line = f"{where} · {self.tr(self.HEADERS[col])}: {message}"
        return self.mark_error(row, col, line, message)

    def mark_error(self, row: int | None, col: int, line: str, message: str) -> QWidget:
        """Add `line` under the table, colour the cell at fault with `message` as its tooltip, and
        return the widget to put the cursor in."""
        lines = [text for text in self.error.text().split("\n") if text]
        lines.append(line)
        self.error.show_message("\n".join(lines))
        if row is None or row >= self.table.rowCount():
            return self.table
        item = self.table.item(row, col)
        if item is not None:
            item.setBackground(ERROR_FILL)
            item.setToolTip(message)
        # the cursor on the cell without selecting it, so its error colour stays visible
        self.table.clearSelection()
        self.table.selectionModel().setCurrentIndex(
            self.table.model().index(row, col), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        return self.table.cellWidget(row, col) or self.table

    def clear_errors(self) -> None:
        self.error.clear()
        for row in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                item = self.table.item(row, col)
                if item is not None and item.toolTip():
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip("")


ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1  # on a row's first cell: its record as read


class TimedRowsEditor(RowsEditor):
    """Rows placed in a session by a time from its start (stop-points, slips): the time cell
    says back in words how it was read, and a row keeps the block it belongs to."""

    def __init__(
        self, object_name: str, add_text: str, stretch: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(object_name, add_text, stretch, parent)
        self.craft: object = None  # the session's discipline: how a two-part time reads
        self.table.itemChanged.connect(self._on_item_changed)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.FIRST_COLUMN and item.data(ORIGINAL_ROLE) is not None:
            show_duration_cell(item, self.tr("Time"), self.craft, self.error)

    @staticmethod
    def block_key(position: int | None, block_keys: list[int]) -> int | None:
        """The key of the block at `position` of the session's blocks, None if none."""
        if position is not None and 0 <= position < len(block_keys):
            return block_keys[position]
        return None
