"""Others' saves are announced: the change trigger NOTIFYs on commit (never for a rolled-back
write or a draft), a window's listener hears them but not its own connection's, and `cadence
studio init` gives a studio made before this the announcing trigger."""

from __future__ import annotations

import select
from collections.abc import Iterator

import psycopg
import pytest
from tests.conftest import make_session
from tests.studio.conftest import as_role, new_studio

from cadence.services.records.days import save_draft
from cadence.services.records.journal import save_session
from cadence.services.studio import members as studio
from cadence.store import server
from cadence.store.connections import JournalRef, worker_connection
from cadence.store.models import database
from cadence.store.server_listen import ChangeListener, announced

SENTINEL = "sentinel"
# The trigger function as a studio made before writes were announced has it.
OLD_BUMP = """CREATE OR REPLACE FUNCTION cadence_bump() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO cadence_change AS c (writer, n) VALUES (session_user, 1)
      ON CONFLICT (writer) DO UPDATE SET n = c.n + 1;
      RETURN NULL;
    END $$"""


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    return new_studio(pg_cluster, "studio", ("alice", "student"), ("tess", "teacher"))


@pytest.fixture
def alice(pg_cluster, studio_db) -> Iterator[None]:
    """This thread's queries go to alice's own connection (another program, to the listener)."""
    url = pg_cluster.url(studio_db, "alice")
    with worker_connection(JournalRef(url, server.ServerDatabase(url, prefer_psycopg3=True))):
        yield


def heard_before_sentinel(conn: psycopg.Connection, sentinel_from: str) -> list[str]:
    """The payloads heard on the channel until a sentinel sent after the writes arrives (the
    server delivers one session's notifications in order)."""
    with psycopg.connect(sentinel_from, autocommit=True) as other:
        other.execute(f"NOTIFY {server.CHANGE_CHANNEL}, '{SENTINEL}'")
    heard: list[str] = []
    for note in conn.notifies(timeout=10):
        if note.payload == SENTINEL:
            return heard
        heard.append(note.payload)
    pytest.fail("the sentinel notification never arrived")


def test_a_commit_is_announced_and_a_rollback_or_a_draft_is_not(
    pg_cluster, studio_db, alice
) -> None:
    with psycopg.connect(pg_cluster.url(studio_db, "tess"), autocommit=True) as listening:
        listening.execute(f"LISTEN {server.CHANGE_CHANNEL}")
        with pytest.raises(RuntimeError), database.atomic():
            save_session(make_session(title="never kept"))
            raise RuntimeError("the save is rolled back")
        save_draft("today", {"intention": "typing"})
        assert heard_before_sentinel(listening, pg_cluster.url(studio_db, "alice")) == []
        save_session(make_session(title="kept"))
        assert heard_before_sentinel(listening, pg_cluster.url(studio_db, "alice")) == [""]


def readable(listener: ChangeListener) -> bool:
    """Wait (up to 10 s) for something to arrive on the listener's socket, as the window's
    notifier does."""
    ready, _, _ = select.select([listener.socket()], [], [], 10)
    return bool(ready)


def test_the_listener_hears_others_but_not_its_own_connection(pg_cluster, studio_db) -> None:
    url = pg_cluster.url(studio_db, "alice")
    with as_role(pg_cluster, studio_db, "alice"):
        assert announced()
        listener = ChangeListener()
        try:
            save_session(make_session(title="from the window itself"))
            assert readable(listener)  # its notification arrived ...
            assert listener.heard() is False  # ... and is the window's own: known already
            with worker_connection(JournalRef(url, server.ServerDatabase(url))):
                save_session(make_session(title="from the command line"))
            assert readable(listener)
            assert listener.heard() is True
            assert listener.heard() is False  # each is heard once
        finally:
            listener.close()


def test_studio_init_gives_an_older_studio_the_announcing_trigger(pg_cluster) -> None:
    name = new_studio(pg_cluster, "studio")
    with as_role(pg_cluster, name):
        database.execute_sql(OLD_BUMP)
        assert not announced()
        studio.init_studio()
        assert announced()
