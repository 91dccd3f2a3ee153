"""QIcons built from the bundled SVG icons, cached by name.

Each UI icon is a 24x24 line drawing in one mid-tone colour (slate grey; the discipline icons in
their discipline colour) chosen to read on both light and dark palettes, so no recolouring is
needed when the system scheme changes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from cadence.resources import app_icon_path, icon_path


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name`` (e.g. ``"start"``); FileNotFoundError if Cadence has no such icon.

    Call only once a QGuiApplication exists: QIcon needs it to render.
    """
    return QIcon(str(icon_path(name)))


@cache
def app_icon() -> QIcon:
    """The application icon, for the window and the About box."""
    return QIcon(str(app_icon_path()))
