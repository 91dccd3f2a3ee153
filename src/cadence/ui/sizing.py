"""Windows and dialogs that fit the screen they open on, and remember the size they were left at.

Sizes live in QSettings beside the main window's geometry (`ui/settings.py`), under `sizes/KEY`,
read through the main window's `WindowState` so tests keep them in their own file."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

# what the window system adds around a window (title bar, borders), kept free on the screen
FRAME_ALLOWANCE = QSize(16, 48)


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen a window may use (without panels and docks)."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window() if parent is not None else widget).screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def largest_size(widget: QWidget | None = None) -> QSize:
    area = available_area(widget)
    return QSize(
        max(area.width() - FRAME_ALLOWANCE.width(), 200),
        max(area.height() - FRAME_ALLOWANCE.height(), 200),
    )


def fitted(size: QSize, widget: QWidget | None = None) -> QSize:
    """`size`, made no larger than the screen allows."""
    return size.boundedTo(largest_size(widget))


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a window larger than its screen (its minimum too), and keep it on the screen."""
    limit = largest_size(widget)
    if widget.minimumSize().boundedTo(limit) != widget.minimumSize():
        widget.setMinimumSize(widget.minimumSize().boundedTo(limit))
    if widget.width() > limit.width() or widget.height() > limit.height():
        widget.resize(widget.size().boundedTo(limit))
    if widget.isWindow() and widget.isVisible():
        area = available_area(widget)
        frame = widget.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            widget.move(max(x, area.x()), max(y, area.y()))


def _settings_of(widget: QWidget):
    """The settings of the main window the widget belongs to, if any."""
    node = widget.parentWidget()
    while node is not None:
        state = getattr(node, "window_state", None)
        if state is not None:
            return state.settings
        node = node.parentWidget()
    return None


def keep_size(dialog: QDialog, key: str, default: QSize) -> None:
    """Open `dialog` at the size it was left at (or `default`), fitted to the screen, and remember
    the size it is closed at."""
    settings = _settings_of(dialog)
    remembered = settings.value(f"sizes/{key}") if settings is not None else None
    size = remembered if isinstance(remembered, QSize) and remembered.isValid() else default
    dialog.resize(fitted(size.expandedTo(dialog.minimumSize()), dialog))
    fit_to_screen(dialog)
    if settings is not None:
        dialog.finished.connect(lambda _result=0: settings.setValue(f"sizes/{key}", dialog.size()))
