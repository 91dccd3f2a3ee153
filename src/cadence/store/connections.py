"""Which journal each thread's queries go to.

Every model is bound to one proxy, `database`. The window's thread (and the command line) use the
journal that `db.open_journal` bound to it. Work on a worker thread (an export, an import) owns a
connection to *its* journal for its whole run:

    journal = current_journal()        # on the window's thread, when the work is asked for
    ...
    with worker_connection(journal):   # on the worker
        export_json(path)

Inside the block the proxy answers that thread, and only that thread, with a database of its own,
made with the same settings as the window's. Opening another journal in the window meanwhile
changes nothing the worker reads or writes, and the worker's connection is closed when the block
ends, whatever happens in it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseProxy, PostgresqlDatabase, SqliteDatabase

# The slot DatabaseProxy keeps its (shared) target in.
_SHARED = DatabaseProxy.__dict__["obj"]
_PROXY_SLOTS = frozenset({"obj", "_callbacks", "_Model"})


class JournalProxy(DatabaseProxy):
    """A DatabaseProxy that one thread at a time can point at a database of its own."""

    __slots__ = ("_local",)

    def __init__(self) -> None:
        object.__setattr__(self, "_local", threading.local())
        super().__init__()

    @property
    def obj(self):
        own = getattr(self._local, "db", None)
        return own if own is not None else _SHARED.__get__(self, type(self))

    @obj.setter
    def obj(self, value) -> None:
        _SHARED.__set__(self, value)

    @property
    def shared(self) -> SqliteDatabase | None:
        """The journal bound for every thread without one of its own (the window's)."""
        return _SHARED.__get__(self, type(self))

    def __setattr__(self, attr: str, value: object) -> None:
        if attr not in _PROXY_SLOTS:
            raise AttributeError("Cannot set attribute on proxy.")
        object.__setattr__(self, attr, value)


database = JournalProxy()


class NoJournalError(RuntimeError):
    """Work was asked for while no journal is open."""


@dataclass(frozen=True)
class JournalRef:
    """A journal for a worker to open: its file, and the database the window opened it with (whose
    settings the worker's own connection copies)."""

    path: Path | str  # a server journal: its URL (without the password)
    template: SqliteDatabase | PostgresqlDatabase = field(repr=False, compare=False)

    @property
    def on_server(self) -> bool:
        return isinstance(self.template, PostgresqlDatabase)

    def new_database(self) -> SqliteDatabase | PostgresqlDatabase:
        t = self.template
        if isinstance(t, PostgresqlDatabase):
            return type(t)(t.database, prefer_psycopg3=True, **t.connect_params)
        # peewee keeps a database's settings in attributes it does not declare
        extra = {"lock_type": t._lock_type} if hasattr(t, "_lock_type") else {}  # pyright: ignore[reportAttributeAccessIssue]
        return type(t)(
            t.database,
            pragmas=list(t._pragmas),  # pyright: ignore[reportAttributeAccessIssue]
            timeout=t._timeout,  # pyright: ignore[reportAttributeAccessIssue]
            **extra,
            **t.connect_params,
        )


def current_journal() -> JournalRef:
    """The journal this thread's queries go to now; raises NoJournalError if none is open."""
    db = database.obj
    if db is None:
        raise NoJournalError("no journal is open")
    if isinstance(db, PostgresqlDatabase):
        from cadence.store.paths import redact_url

        return JournalRef(redact_url(db.database), db)
    return JournalRef(Path(db.database), db)


def own_connection() -> SqliteDatabase | PostgresqlDatabase | None:
    """The database this thread has of its own (inside `worker_connection`), else None."""
    return getattr(database._local, "db", None)


@contextmanager
def worker_connection(journal: JournalRef) -> Iterator[SqliteDatabase | PostgresqlDatabase]:
    """Give this thread its own connection to `journal` until the block ends, then close it."""
    if own_connection() is not None:
        raise RuntimeError("this thread already has a journal of its own")
    # never create an empty file where a journal was (a server journal's path is its URL)
    if isinstance(journal.path, Path) and not journal.path.is_file():
        raise NoJournalError(f"the journal {journal.path} is no longer there")
    db = journal.new_database()
    db.connect()
    database._local.db = db
    try:
        yield db
    finally:
        database._local.db = None
        db.close()
