"""Window state in QSettings (geometry, last view), apart from the journal's preferences, which
live in the journal itself (cadence.services.records.preferences)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from cadence import APP_NAME

ORGANISATION = "cadencejournal"


def window_settings() -> QSettings:
    return QSettings(ORGANISATION, APP_NAME)


class WindowState:
    """Declared keys and defaults of what the window remembers."""

    GEOMETRY = "window/geometry"
    STATE = "window/state"
    LAST_VIEW = "window/last_view"
    LAST_JOURNAL = "journal/last_path"
    # Preferences' "Journal on a server": opened at start when neither --db nor CADENCE_DB says
    # otherwise (docs/studio.md); empty for the journal file on this computer. Never a password.
    SERVER_JOURNAL = "journal/server"

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or window_settings()

    def geometry(self) -> QByteArray | None:
        value = self.settings.value(self.GEOMETRY)
        return value if isinstance(value, QByteArray) else None

    def last_view(self, default: str = "today") -> str:
        value = self.settings.value(self.LAST_VIEW, default)
        return value if isinstance(value, str) else default

    def server_journal(self) -> str:
        value = self.settings.value(self.SERVER_JOURNAL, "")
        return value if isinstance(value, str) else ""

    def set_server_journal(self, url: str) -> None:
        self.settings.setValue(self.SERVER_JOURNAL, url)
        self.settings.sync()

    def save(self, geometry: QByteArray, state: QByteArray, view: str) -> None:
        self.settings.setValue(self.GEOMETRY, geometry)
        self.settings.setValue(self.STATE, state)
        self.settings.setValue(self.LAST_VIEW, view)
        self.settings.sync()
