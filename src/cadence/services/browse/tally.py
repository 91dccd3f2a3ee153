"""How many sessions of a craft are not in the trash: the count the Music and Running tables open
with, kept rather than counted each time.

Counting walks the craft's index entries (on 100,000 sessions, some 5 ms at every open). On a
journal file the count is read once and then moved by the writes themselves: TEMP triggers on this
connection add up, per craft, the sessions that came and went (inserted, deleted, trashed,
restored, moved to the other craft) in the same transaction as the rows, so a rollback takes both
back; the kept count is the count read plus what moved since. TEMP objects live with the
connection, not in the file, so the schema is untouched, and reading a count writes nothing (the
journal's version, which the charts' facts are kept by, stays the same). A write by another
connection (an import's worker, a second window, a command) changes SQLite's `data_version`: the
count is then read again. On a server the query counts, as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from cadence.domain.enums import Discipline
from cadence.store.models import database
from cadence.store.server import is_server


def _move(sign: str, row: str) -> str:
    return (
        f"INSERT INTO session_moves (discipline, n) VALUES ({row}.discipline, {sign}1)"
        f" ON CONFLICT (discipline) DO UPDATE SET n = n {sign} 1"
    )


_OBJECTS = (
    "CREATE TEMP TABLE IF NOT EXISTS session_moves"
    " (discipline TEXT PRIMARY KEY, n INTEGER NOT NULL)",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS session_moves_added AFTER INSERT ON main.session
    WHEN NEW.deleted_at IS NULL BEGIN {_move("+", "NEW")}; END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS session_moves_removed AFTER DELETE ON main.session
    WHEN OLD.deleted_at IS NULL BEGIN {_move("-", "OLD")}; END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS session_moves_left
    AFTER UPDATE OF discipline, deleted_at ON main.session
    WHEN OLD.deleted_at IS NULL
        AND (NEW.deleted_at IS NOT NULL OR NEW.discipline IS NOT OLD.discipline)
    BEGIN {_move("-", "OLD")}; END""",
    f"""CREATE TEMP TRIGGER IF NOT EXISTS session_moves_came
    AFTER UPDATE OF discipline, deleted_at ON main.session
    WHEN NEW.deleted_at IS NULL
        AND (OLD.deleted_at IS NOT NULL OR NEW.discipline IS NOT OLD.discipline)
    BEGIN {_move("+", "NEW")}; END""",
)

# (connection id, craft) -> (data_version, the count read, the moves then)
_kept: dict[tuple[int, str], tuple[int, int, int]] = {}


def live_sessions(discipline: Discipline, count: Callable[[], int]) -> int:
    """The number of sessions of this craft not in the trash; `count` counts them (the first
    time on a connection, and after another connection has written)."""
    if is_server(database.obj):
        return count()
    connection = database.connection()
    key = (id(connection), Discipline(discipline).value)
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    try:
        moved = _moves(connection, key[1])
    except sqlite3.OperationalError:  # a connection without them yet (no such table)
        try:
            for sql in _OBJECTS:
                connection.execute(sql)
        except sqlite3.OperationalError:  # (a connection that cannot have them: count)
            return count()
        for old in [k for k in _kept if k[0] == key[0]]:
            del _kept[old]
        moved = 0
    kept = _kept.get(key)
    if kept is not None and kept[0] == version:
        return kept[1] + moved - kept[2]
    n = count()
    _kept[key] = (version, n, moved)
    return n


def _moves(connection: sqlite3.Connection, discipline: str) -> int:
    found = connection.execute(
        "SELECT n FROM temp.session_moves WHERE discipline = ?", (discipline,)
    ).fetchone()
    return 0 if found is None else found[0]
