"""How tests/data/journal-v1.sqlite and journal-v2.sqlite were made (kept for the record; the files
themselves are the fixtures, and must not be regenerated with a newer Cadence).

- v1 is v2 without the `preference` and `draft` tables.
- v2 is v3 with the old full index on session.deleted_at and no `session_inbox` index.
- v3 is v4 without the `track` table (`--v3`).

Run from the repo root: .venv/bin/python tests/data/make_old_journals.py
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

from cadence.domain.enums import Discipline, Outcome, SessionKind, StopReason
from cadence.domain.records import IntentionData, SessionData, StopPointData
from cadence.services.journal import save_session
from cadence.store.db import close_journal, open_journal

HERE = Path(__file__).parent


def _journal(target: Path, sessions: int) -> None:
    target.unlink(missing_ok=True)
    open_journal(target)
    for i in range(sessions):
        save_session(
            SessionData(
                discipline=Discipline.MUSIC,
                kind=SessionKind.PRACTICE,
                started_at=datetime(2025, 5, 4 + i, 8, 0),
                local_date=date(2025, 5, 4 + i),
                duration_s=1800,
                rpe=5,
                focus=4,
                needs_review=i == 1,
                intentions=[IntentionData("bars 1-8 at 80", outcome=Outcome.ACHIEVED)],
                stop_points=[StopPointData(StopReason.FORM, elapsed_s=1500)],
            )
        )
    close_journal()


def _finish(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA user_version={version}")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def to_v2(conn: sqlite3.Connection) -> None:
    conn.execute("DROP INDEX session_inbox")
    conn.execute("DROP INDEX session_deleted_at")
    conn.execute('CREATE INDEX "session_deleted_at" ON "session" ("deleted_at")')


v1 = HERE / "journal-v1.sqlite"
if "--v1" in sys.argv:  # the v1 file in the repo was made by the first version of this script
    _journal(v1, 1)
    conn = sqlite3.connect(v1)
    conn.execute("PRAGMA journal_mode=delete")
    to_v2(conn)
    conn.execute("DROP TABLE preference")
    conn.execute("DROP TABLE draft")
    _finish(conn, 1)

v2 = HERE / "journal-v2.sqlite"
if "--v1" not in sys.argv and "--v3" not in sys.argv:
    _journal(v2, 3)
    conn = sqlite3.connect(v2)
    conn.execute("PRAGMA journal_mode=delete")
    to_v2(conn)
    _finish(conn, 2)
    sys.stdout.write(f"wrote {v2}\n")

v3 = HERE / "journal-v3.sqlite"
if "--v3" in sys.argv:
    _journal(v3, 3)
    conn = sqlite3.connect(v3)
    conn.execute("PRAGMA journal_mode=delete")
    conn.execute("DROP TABLE track")
    _finish(conn, 3)
    sys.stdout.write(f"wrote {v3}\n")
