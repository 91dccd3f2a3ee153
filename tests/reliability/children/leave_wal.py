"""Child: write to a journal in WAL mode and die without closing it, so the -wal file is left
behind with committed changes that are not yet in the main file (as after a crash or power cut).

Usage: leave_wal.py JOURNAL sessions FIRST N   save sessions FIRST..FIRST+N-1 (crash payloads)
       leave_wal.py JOURNAL sql STATEMENTS      run the statements in one transaction
       leave_wal.py JOURNAL hot STATEMENTS      (a journal in rollback mode) run them without
                                                committing, spilling changed pages into the file:
                                                a hot -journal is left that must be rolled back
The journal is bound directly, without open_journal: it may be of any schema version.
"""

from __future__ import annotations

import os
import sqlite3
import sys

from payload import session_for, written_as_its_version_wrote
from peewee import SqliteDatabase

from cadence.services.records.journal import save_session
from cadence.store.models import database


def main() -> None:
    path, what = sys.argv[1], sys.argv[2]
    if what == "sessions":
        first, n = int(sys.argv[3]), int(sys.argv[4])
        db = SqliteDatabase(
            path, pragmas={"journal_mode": "wal", "wal_autocheckpoint": 0, "foreign_keys": 1}
        )
        database.initialize(db)
        db.connect()
        with written_as_its_version_wrote(db):
            for number in range(first, first + n):
                save_session(session_for(number, 0))
    elif what == "hot":
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA cache_size=1")  # changed pages go to the file before any commit
        conn.executescript(f"BEGIN; {sys.argv[3]};")
    else:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=wal")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.executescript(f"BEGIN; {sys.argv[3]}; COMMIT;")
    sys.stdout.write("written\n")
    sys.stdout.flush()
    os._exit(0)  # no close, no checkpoint: the WAL stays as a crash leaves it


if __name__ == "__main__":
    main()
