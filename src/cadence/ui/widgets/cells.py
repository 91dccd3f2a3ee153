"""The items of tables and trees by their type: Qt's `item()`, `topLevelItem()` and `child()` say
None for a cell without an item or an index out of range."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QTreeWidget, QTreeWidgetItem


def item_at(table: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    """The item set on a cell (every cell of the row was given one when it was filled in)."""
    item = table.item(row, col)
    assert item is not None, f"no item at row {row}, column {col}"
    return item


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The tree's top-level items, in order."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """An item's children, in order."""
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]
