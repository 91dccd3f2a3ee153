"""Where the journal lives: the platform's data folder, unless --db or CADENCE_DB says otherwise."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Cadence"
ENV_VAR = "CADENCE_DB"
FILE_NAME = "journal.sqlite"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / FILE_NAME


# A journal on a PostgreSQL server is named by a libpq URL instead of a path (docs/studio.md).
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(value: object) -> bool:
    """True for a `postgresql://…` (or `postgres://…`) URL: a journal on a server."""
    return isinstance(value, str) and value.lower().startswith(SERVER_SCHEMES)


def redact_url(url: str) -> str:
    """The URL with any password taken out, for messages, logs and titles: `user:secret@host`
    becomes `user@host`, and a `password=` parameter is dropped."""
    scheme, _, rest = url.partition("://")
    location, sep, query = rest.partition("?")
    if "@" in location:
        userinfo, _, hostpart = location.rpartition("@")
        location = f"{userinfo.partition(':')[0]}@{hostpart}"
    kept = [p for p in query.split("&") if p and not p.lower().startswith("password=")]
    return f"{scheme}://{location}" + (f"?{'&'.join(kept)}" if sep and kept else "")


def journal_missing(target: Path | str) -> bool:
    """True when `target` names a journal file that is not there (a server is asked instead)."""
    return not is_server_url(target) and not Path(target).exists()


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """`--db PATH` first, then $CADENCE_DB, then the data folder. A server URL is returned as
    it is (a str), never turned into a path."""
    for value in (explicit, os.environ.get(ENV_VAR)):
        if value and is_server_url(value):
            return str(value)
        if value:
            return Path(value).expanduser()
    return default_db_path()


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit beside the journal in a folder of their own, e.g. journal.sqlite.backups/."""
    return db_path.with_name(db_path.name + ".backups")


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def _user_token() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return os.environ.get("USERNAME", "")


def instance_key(db_path: str | os.PathLike[str]) -> str:
    """A short name shared by every launch of this user on this database file or server journal
    (the window's single-instance lock and socket are named after it)."""
    if is_server_url(db_path):  # a server journal: its address, without any password
        resolved = redact_url(str(db_path))
    else:
        resolved = str(Path(db_path).expanduser().resolve())
    digest = hashlib.sha256(f"{_user_token()}\0{resolved}".encode()).hexdigest()
    return f"cadence-{digest[:16]}"


def runtime_dir() -> Path:
    """Where the lock and socket live: private per user where the system offers it."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    flatpak_id = os.environ.get("FLATPAK_ID")
    if runtime and flatpak_id:
        # Inside Flatpak only $XDG_RUNTIME_DIR/app/<id> is shared between instances of the app.
        shared = Path(runtime) / "app" / flatpak_id
        if shared.is_dir():
            return shared
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    return Path(tempfile.gettempdir())


def lock_file_path(db_path: str | os.PathLike[str]) -> Path:
    return runtime_dir() / f"{instance_key(db_path)}.lock"


def window_holder(db_path: str | os.PathLike[str]) -> int | None:
    """The process id of another Cadence window that has this journal open, if any (read from
    its single-instance lock file, whose first line is the holder's pid; a lock left by a
    process that is gone does not count)."""
    try:
        first = lock_file_path(db_path).read_text(encoding="utf-8", errors="replace").split("\n")[0]
        pid = int(first.strip())
    except (OSError, ValueError):
        return None
    if pid <= 0 or pid == os.getpid():
        return None
    if sys.platform == "win32":
        return pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid
