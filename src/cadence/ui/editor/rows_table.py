"""What the session editor's two editable tables (blocks, stop-points) share: the table and the
line under it that says what is wrong, editing a new row, removing the current one, and marking a
cell at fault."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QWidget

from cadence.ui.editor.fields import ERROR_FILL, CellDelegate, FieldError


class EditableRows(QWidget):
    def __init__(self, columns: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, columns)
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.setObjectName(name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.error = FieldError()

    def start_editing(self, row: int, column: int = 0) -> None:
        """The cursor in a row's first cell, typing (a row just added)."""
        self.table.setCurrentCell(row, column)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, column))

    def remove_current_row(self) -> bool:
        """Remove the row with the cursor; False when there is none."""
        row = self.table.currentRow()
        if row < 0:
            return False
        self.table.removeRow(row)
        return True

    def mark_error(self, row: int | None, column: int, line: str, message: str) -> QWidget:
        """Add `line` under the table, colour the cell at fault with `message` as its tooltip, and
        return the widget to put the cursor in."""
        lines = [text for text in self.error.text().split("\n") if text]
        lines.append(line)
        self.error.show_message("\n".join(lines))
        if row is None or row >= self.table.rowCount():
            return self.table
        item = self.table.item(row, column)
        if item is not None:
            item.setBackground(ERROR_FILL)
            item.setToolTip(message)
        # the cursor on the cell without selecting it, so its error colour stays visible
        self.table.clearSelection()
        self.table.selectionModel().setCurrentIndex(
            self.table.model().index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        return self.table.cellWidget(row, column) or self.table

    def clear_errors(self) -> None:
        self.error.clear()
        for row in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                item = self.table.item(row, col)
                if item is not None and item.toolTip():
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip("")
