"""Tab in reading order: a page lists its stops top to bottom, and they are chained with
QWidget.setTabOrder. Widgets made later (a row added, a list reloaded) would otherwise join the
end of the window's focus chain, wherever they sit on the screen."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def is_stop(widget: QWidget) -> bool:
    """Takes focus with Tab, and is not the inner part of another field (a spin box's editor)."""
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    parent = widget.parentWidget()
    return parent is None or parent.focusProxy() is not widget


def stops_in(root: QWidget) -> list[QWidget]:
    """`root`'s own stops, in the order its focus chain holds them now (creation order)."""
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and len(found) < 10_000:
        if root.isAncestorOf(widget) and is_stop(widget) and widget not in found:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def chain(widgets: Iterable[QWidget | None]) -> list[QWidget]:
    """Make Tab visit `widgets` in this order (None and repeats are left out)."""
    order: list[QWidget] = []
    for widget in widgets:
        if widget is not None and widget not in order:
            order.append(widget)
    for first, second in pairwise(order):
        QWidget.setTabOrder(first, second)
    return order


def focus_into(root: QWidget) -> None:
    """Put the keyboard in `root` (a view just chosen by its shortcut) unless it is there already:
    its focus proxy, else its first stop that can take the keyboard now."""
    focused = root.focusWidget()
    if focused is not None and focused.hasFocus() and root.isAncestorOf(focused):
        return
    if root.focusProxy() is not None:
        root.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    for widget in stops_in(root):
        if widget.isVisible() and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
