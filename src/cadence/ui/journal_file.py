"""The window's one door to the store: opening, closing and switching the journal file, where it
and the logs live, backups, and the connection a worker owns for its run.

Everything else in `ui/` reads and writes the journal through services. This is the only ui module
that imports `cadence.store` (an import contract in pyproject.toml holds to it), so what the
window may do with the file itself is listed here in one place.
"""

from __future__ import annotations

from cadence.store.backup import backup_now, daily_backup, restore_backup
from cadence.store.clean_close import daily_backup_and_check
from cadence.store.clean_close import record as record_clean_close
from cadence.store.connections import JournalRef, current_journal, worker_connection
from cadence.store.db import close_journal, current_path, is_read_only, open_journal
from cadence.store.errors import CorruptJournalError, JournalError
from cadence.store.files import check_pdf, replacing
from cadence.store.paths import (
    ENV_VAR,
    data_dir,
    default_db_path,
    instance_key,
    is_server_url,
    lock_file_path,
    log_dir,
    redact_url,
    resolve_db_path,
    runtime_dir,
)
from cadence.store.server import ServerError
from cadence.store.server_listen import ChangeListener, announced, change_count

__all__ = [
    "ENV_VAR",
    "ChangeListener",
    "CorruptJournalError",
    "JournalError",
    "JournalRef",
    "ServerError",
    "announced",
    "backup_now",
    "change_count",
    "check_pdf",
    "close_journal",
    "current_journal",
    "current_path",
    "daily_backup",
    "daily_backup_and_check",
    "data_dir",
    "default_db_path",
    "instance_key",
    "is_read_only",
    "is_server_url",
    "lock_file_path",
    "log_dir",
    "open_journal",
    "record_clean_close",
    "redact_url",
    "replacing",
    "resolve_db_path",
    "restore_backup",
    "runtime_dir",
    "worker_connection",
]
