"""How tests/data/journal-v1.sqlite was made (kept for the record; the file itself is the fixture).

Schema version 1 is version 2 without the `preference` and `draft` tables. Run from the repo root:
    .venv/bin/python tests/data/make_v1_journal.py
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

target = Path(__file__).with_name("journal-v1.sqlite")
target.unlink(missing_ok=True)
open_journal(target)
save_session(
    SessionData(
        discipline=Discipline.MUSIC,
        kind=SessionKind.PRACTICE,
        started_at=datetime(2025, 5, 4, 8, 0),
        local_date=date(2025, 5, 4),
        duration_s=1800,
        rpe=5,
        focus=4,
        intentions=[IntentionData("bars 1-8 at 80", outcome=Outcome.ACHIEVED)],
        stop_points=[StopPointData(StopReason.FORM, elapsed_s=1500)],
    )
)
close_journal()
conn = sqlite3.connect(target)
conn.execute("PRAGMA journal_mode=delete")
conn.execute("DROP TABLE preference")
conn.execute("DROP TABLE draft")
conn.execute("PRAGMA user_version=1")
conn.commit()
conn.execute("VACUUM")
conn.close()
sys.stdout.write(f"wrote {target}\n")
