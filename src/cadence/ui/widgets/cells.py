"""The item of a table cell that was given one, by its type (Qt's `item()` says None for a cell
without an item)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def item_at(table: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    """The item set on a cell (every cell of the row was given one when it was filled in)."""
    item = table.item(row, col)
    assert item is not None, f"no item at row {row}, column {col}"
    return item
