"""Where the journal lives: the platform's data folder, unless --db or CADENCE_DB says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Cadence"
ENV_VAR = "CADENCE_DB"
FILE_NAME = "journal.sqlite"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / FILE_NAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH` first, then $CADENCE_DB, then the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit beside the journal in a folder of their own, e.g. journal.sqlite.backups/."""
    return db_path.with_name(db_path.name + ".backups")


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))
