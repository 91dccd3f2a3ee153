"""How tests/data/journal-v1.sqlite and journal-v2.sqlite were made (kept for the record; the files
themselves are the fixtures, and must not be regenerated with a newer Cadence).

- v1 is v2 without the `preference` and `draft` tables.
- v2 is v3 with the old full index on session.deleted_at and no `session_inbox` index.

Run from the repo root: .venv/bin/python tests/data/make_old_journals.py
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cadence.domain.enums import Discipline, Outcome, SessionKind, StopReason
from cadence.domain.records import IntentionData, SessionData, StopPointData
from cadence.services.records.journal import save_session
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


def _stepped(source: Path, target: Path, version: int, rows: Callable[[Any], None]) -> None:
    """`target` is `source` upgraded by the one step to `version`, then `rows(db)` adds the rows
    the next step must carry over; written with the journal mode and version of a real file."""
    from peewee import SqliteDatabase
    from playhouse.migrate import SqliteMigrator

    from cadence.store import migrations

    target.write_bytes(source.read_bytes())
    db = SqliteDatabase(str(target), pragmas={"foreign_keys": 0})
    with db.bind_ctx(migrations.ALL_MODELS), db.atomic():
        migrations.STEPS[version](SqliteMigrator(db), db)
        rows(db)
    db.close()
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=delete")
    _finish(conn, version)
    sys.stdout.write(f"wrote {target}\n")


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
if "--v2" in sys.argv:
    _journal(v2, 3)
    conn = sqlite3.connect(v2)
    conn.execute("PRAGMA journal_mode=delete")
    to_v2(conn)
    _finish(conn, 2)
    sys.stdout.write(f"wrote {v2}\n")

# v3 is v2 upgraded by the v3 step, with a cycle, its phases, a goal event and a focus target an
# intention serves (the v4 step rebuilds the event and focus tables). Made once with the v3 code;
# the file is the fixture.
v3 = HERE / "journal-v3.sqlite"
if "--v3" in sys.argv:
    v3.write_bytes(v2.read_bytes())
    conn = sqlite3.connect(v3)
    conn.execute("DROP INDEX session_deleted_at")
    conn.execute(
        'CREATE INDEX "session_deleted_at" ON "session" ("deleted_at") '
        'WHERE ("deleted_at" IS NOT NULL)'
    )
    conn.execute(
        'CREATE INDEX "session_inbox" ON "session" ("started_at") '
        'WHERE (("needs_review" = 1) AND ("deleted_at" IS NULL))'
    )
    conn.execute(
        "INSERT INTO cycle (id, name, discipline, start_date, end_date, goal, notes) "
        "VALUES (1, 'Spring recital', 'music', '2025-03-03', '2025-05-11', 'Play from memory', '')"
    )
    conn.execute(
        "INSERT INTO cycle_phase (cycle_id, name, start_date, end_date) VALUES "
        "(1, 'build', '2025-03-03', '2025-04-20'), (1, 'taper', '2025-04-21', '2025-05-11')"
    )
    conn.execute(
        "INSERT INTO event (cycle_id, name, kind, discipline, date, target, result, notes) "
        "VALUES (1, 'Spring recital', 'recital', 'music', '2025-05-10', 'From memory', "
        "'Played it through', '')"
    )
    conn.execute(
        "INSERT INTO focus (id, discipline, title, measure, status, started_on, created_at) "
        "VALUES (1, 'music', 'Relaxed shoulders', 'A shoulder check after each rep', 'active', "
        "'2025-03-03', '2025-03-03 18:00:00')"
    )
    conn.execute("UPDATE intention SET focus_id = 1 WHERE id = 1")
    _finish(conn, 3)
    sys.stdout.write(f"wrote {v3}\n")

# v4 is v3 upgraded by the v4 step (goal events' demands and motivators, focus targets' cycle,
# weekly reviews), with a weekly review (the v5 step adds the `track` table). Made once with the
# v4 code; the file is the fixture.
v4 = HERE / "journal-v4.sqlite"
if "--v4" in sys.argv:
    _stepped(
        v3,
        v4,
        4,
        lambda db: db.execute_sql(
            "INSERT INTO weekly_review (week_start, went_well, learned, next_week, ratings, "
            "created_at, updated_at) VALUES ('2025-03-03', 'Slow practice', 'Rest helps', "
            "'Memory work', '[]', '2025-03-09 18:00:00', '2025-03-09 18:00:00')"
        ),
    )


def _v5_rows(db: Any) -> None:
    from cadence.domain.track import Track, encode

    db.execute_sql("UPDATE stop_point SET side = 'left', body_area = 'wrist' WHERE id = 1")
    track = Track.from_values(
        t_ms=[i * 10.0 for i in range(5)],
        lat_e7=[51.5 + i * 1e-4 for i in range(5)],
        lon_e7=[-0.1] * 5,
        distance_cm=[i * 11.1 for i in range(5)],
    )
    db.execute_sql(
        "INSERT INTO track (session_id, points, data) VALUES (?, ?, ?)",
        (2, len(track), encode(track)),
    )


# v5 is v4 upgraded by the v5 step (the `track` table, stop-points' body side), with a stop-point
# felt on the left and a run's track. Made once with the v5 code; the file is the fixture.
v5 = HERE / "journal-v5.sqlite"
if "--v5" in sys.argv:
    _stepped(v4, v5, 5, _v5_rows)


def _v6_rows(db: Any) -> None:
    db.execute_sql(
        "INSERT INTO experiment (id, change, discipline, scope, scope_value, measures, design, "
        "start_date, end_date, ended_on, conclusion, conclusion_note, created_at) VALUES "
        "(1, 'Scales after the hard passage', 'music', 'all', '', '[\"accuracy\"]', "
        "'alternate_sessions', '2025-05-04', '2025-06-01', NULL, NULL, '', "
        "'2025-05-04 07:00:00')"
    )
    db.execute_sql(
        "INSERT INTO experiment_session (experiment_id, session_id, arm) VALUES "
        "(1, 1, 'change'), (1, 2, 'usual')"
    )


# v6 is v5 upgraded by the v6 step (experiments and the arm each session was in), with an
# experiment and one session in each arm (the v7 step adds the `slip` table). Made once with the
# v6 code; the file is the fixture.
v6 = HERE / "journal-v6.sqlite"
if "--v6" in sys.argv:
    _stepped(v5, v6, 6, _v6_rows)

# v7 is v6 upgraded by the v7 step (slips), with a slip let go (the v8 step adds rehearsals and
# focus ratings and rebuilds `weekly_review`). Made once with the v7 code; the file is the fixture.
v7 = HERE / "journal-v7.sqlite"
if "--v7" in sys.argv:
    _stepped(
        v6,
        v7,
        7,
        lambda db: db.execute_sql(
            "INSERT INTO slip (session_id, block_id, elapsed_s, rep_index, note, let_go, "
            "reps_after, good_after) VALUES (1, NULL, 600, 3, 'bar 12', 1, 4, 3)"
        ),
    )


def _v8_rows(db: Any) -> None:
    db.execute_sql(
        "INSERT INTO session_demand (session_id, event_id, aspect) VALUES (1, 1, 'Climb')"
    )
    db.execute_sql(
        "INSERT INTO session_focus_rating (session_id, focus_id, rating) VALUES (1, 1, 4)"
    )


# v8 is v7 upgraded by the v8 step (rehearsals of an event's demands, focus ratings, the weekly
# reviews' trash), with a session rehearsing a demand and a focus target rated (the steps after
# v8 must carry them). Made once with the v8 code; the file is the fixture.
v8 = HERE / "journal-v8.sqlite"
if "--v8" in sys.argv:
    _stepped(v7, v8, 8, _v8_rows)


def _v9_rows(db: Any) -> None:
    db.execute_sql(
        "INSERT INTO session (discipline, kind, status, title, local_date, started_at, "
        "duration_s, distance_m, source, needs_review, notes, created_at, updated_at) VALUES "
        "('running', 'easy', 'planned', 'Easy 8 km', '2025-06-03', '2025-06-03 06:00:00', 2700, "
        "8000, 'manual', 0, '', '2025-06-01 20:00:00', '2025-06-01 20:00:00')"
    )


# v9 is v8 upgraded by the v9 step (two partial indexes: sessions not done, blocks with a clean
# tempo), with a planned run for the first (the v10 step adds the studio's notes and answers).
# Made once with the v9 code; the file is the fixture.
v9 = HERE / "journal-v9.sqlite"
if "--v9" in sys.argv:
    _stepped(v8, v9, 9, _v9_rows)
