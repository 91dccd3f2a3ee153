"""Hearing about other people's saves in a studio (docs/studio.md): a connection of its own that
LISTENs on the channel the change trigger notifies (store/server.py), for a window to watch.

The window's thread never waits on it: `socket()` is the connection's file descriptor, which the
window watches, and `heard()` reads what has arrived without blocking. The notifications carry
nothing but "something was committed"; the window then asks the change counter, as before.
"""

from __future__ import annotations

from cadence.store import server
from cadence.store.models import database


class ChangeListener:
    """LISTEN on the open server journal's change channel, on a connection of its own."""

    def __init__(self) -> None:
        db = database.obj
        if not server.is_server(db):
            raise server.ServerError("only a journal on a server announces its changes")
        import psycopg

        self._own_pid = db.connection().info.backend_pid  # the window's saves are known already
        self._conn = psycopg.connect(db.database, autocommit=True, **db.connect_params)
        self._conn.execute(f"LISTEN {server.CHANGE_CHANNEL}")

    def socket(self) -> int:
        return self._conn.pgconn.socket

    def heard(self) -> bool:
        """True when someone else committed a write since the last call (never blocks)."""
        pgconn = self._conn.pgconn
        pgconn.consume_input()
        others = False
        while (note := pgconn.notifies()) is not None:
            others = others or note.be_pid != self._own_pid
        return others

    def close(self) -> None:
        self._conn.close()


def announced() -> bool:
    """True when the open journal's writes are announced (else the window asks the counter)."""
    db = database.obj
    return server.is_server(db) and server.notifies_changes(db)


def change_count() -> int:
    """Writes committed to the open server journal by anyone (its change counter)."""
    return server.change_counter(database.obj)[0]
