"""What every view of the main window shares: a name, an icon, and refreshing only when needed."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from cadence.services.changes import Changes
from cadence.ui.bus import AppBus


class View(QWidget):
    """A page of the main window. Subclasses set NAME (their title and icon are in
    `cadence.ui.views.registry`, so the window lists them before building them), build their
    layout in __init__, fill themselves in `reload()`, and say in `wants(changes)` which changes
    concern them. The window builds a view when it is first shown.

    A hidden view only marks itself stale; it reloads when it is shown, so a change costs only
    the views the user is looking at.
    """

    NAME = "view"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._stale = True
        bus.changed.connect(self._on_changed)

    def wants(self, changes: Changes) -> bool:
        return changes.sessions or changes.day_entries

    def reload(self) -> None:
        """Read what the view shows from the services."""

    def _on_changed(self, changes: Changes) -> None:
        if not self.wants(changes):
            return
        if self.isVisible():
            self.reload()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
            self._stale = False
        super().showEvent(event)

    # --- what a view may add to the window (override as needed) ---

    def menus(self) -> dict[str, list[QAction | None]]:
        """Menus this view contributes to the menu bar, by title; None is a separator. Only a
        view built with the window (registry.BUILT_AT_START) is asked."""
        return {}

    def file_command(self, method: str) -> None:
        """Run one of the File-menu commands the registry declares for this view."""
        getattr(self, method)()

    def use_file_actions(self, actions: dict[str, QAction]) -> None:
        """The window's actions for those commands, by method name, once this view is built."""

    def toolbar_actions(self) -> list[QAction]:
        """Toolbar actions; like menus(), only asked of a view built with the window."""
        return []

    def focus_search(self) -> bool:
        """Put the cursor in this view's search field; False if it has none."""
        return False

    def open_item(self, payload: object) -> None:
        """Show something the user asked for elsewhere (a date, a week, a session id)."""

    def can_close(self) -> bool:
        """False to keep the window open (e.g. a running timer the user wants to keep)."""
        return True

    def refresh_now(self) -> None:
        self.reload()
        self._stale = False
