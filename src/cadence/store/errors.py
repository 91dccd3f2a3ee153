"""Errors the store raises, each with a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base class: `str(error)` is a complete, user-facing sentence."""


class NewerSchemaError(JournalError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer Cadence (journal format {found}; this version reads up to "
            f"{supported}). It has not been changed. Update Cadence to open it."
        )
        self.found = found
        self.supported = supported


class CorruptJournalError(JournalError):
    def __init__(self, path: Path, detail: str, latest_backup: Path | None) -> None:
        hint = (
            f"The latest backup is {latest_backup}; restore it with `cadence restore-backup "
            f"{latest_backup} --db {path}`."
            if latest_backup
            else "No backup was found next to it."
        )
        super().__init__(
            f"{path} is damaged or is not a Cadence journal ({detail}). It has not been changed. {hint}"
        )
        self.latest_backup = latest_backup


class JournalInUseError(JournalError):
    """Another process has the journal open, so it cannot be replaced now."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(
            f"{path} is open in {holder}. It has not been changed. Close it there (or let the "
            "import finish), then try again."
        )
        self.holder = holder


class NotAJournalError(JournalError):
    """The path names a folder, a special file, or a place where no journal can be made."""


class ReadOnlyJournalError(JournalError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path} is read-only: {why}. It has not been changed.")
