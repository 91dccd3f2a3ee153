"""What row security alone left open: references to another person's rows, and the studio's
functions run by a role outside it. Checked with SQL run as each role, as any client could."""

from __future__ import annotations

import psycopg
import pytest
from peewee import IntegrityError
from tests.conftest import make_session
from tests.studio.conftest import as_role, new_studio

from cadence.domain.records import BlockData
from cadence.services.records.journal import purge_sessions, save_session, trash_sessions
from cadence.store.models import Block, Passage, Piece, Reflection, StopPoint, database


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    name = new_studio(
        pg_cluster, "studio", ("alice", "student"), ("bob", "student"), ("tess", "teacher")
    )
    for who in ("alice", "bob", "tess"):
        with as_role(pg_cluster, name, who):
            save_session(make_session(title=who, blocks=[BlockData(label=f"{who}'s bars")]))
            Passage.create(piece=Piece.create(title=f"{who}'s piece"), label=f"{who}'s passage")
    return name


def own_session() -> int:
    return database.execute_sql(
        "SELECT min(id) FROM session WHERE owner = current_user"
    ).fetchone()[0]


def _id(pg_cluster, db: str, table: str, owner: str) -> int:
    return pg_cluster.admin_sql(f"SELECT min(id) FROM {table} WHERE owner = '{owner}'", db)[0][0]


def test_nobody_attaches_rows_to_another_persons_rows(pg_cluster, studio_db: str) -> None:
    alice_session = _id(pg_cluster, studio_db, "session", "alice")
    # her piece and passage: bob's fellow student's, and tess's student's
    alice_passage = _id(pg_cluster, studio_db, "passage", "alice")
    alice_piece = _id(pg_cluster, studio_db, "piece", "alice")
    planted = [
        lambda: Block.create(session=alice_session, position=9, label="planted"),
        lambda: StopPoint.create(session=alice_session, reason="pain"),
        lambda: Reflection.create(session=alice_session, prompt="went_well", text="x"),
        lambda: Passage.create(piece=alice_piece, label="mine"),
        lambda: Block.create(session=own_session(), label="on her passage", passage=alice_passage),
        lambda: Block.update(session=alice_session).execute(),
    ]
    for role in ("bob", "tess"):
        with as_role(pg_cluster, studio_db, role):
            for plant in planted:
                refused = pytest.raises(IntegrityError, match="violates foreign key constraint")
                with refused, database.atomic():
                    plant()
    found = pg_cluster.admin_sql(
        "SELECT owner, count(*) FROM block GROUP BY owner ORDER BY owner", studio_db
    )
    assert found == [("alice", 1), ("bob", 1), ("tess", 1)]
    assert pg_cluster.admin_sql("SELECT count(*) FROM stop_point", studio_db) == [(0,)]


def test_ones_own_references_still_work_and_cascade(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "bob"):
        (passage,) = database.execute_sql("SELECT min(id) FROM passage").fetchone()
        database.execute_sql(f"UPDATE block SET passage_id = {passage}")
        database.execute_sql("DELETE FROM passage")  # the block keeps going, without it
        assert database.execute_sql("SELECT passage_id FROM block").fetchall() == [(None,)]
        (session_id,) = database.execute_sql("SELECT id FROM session").fetchone()
        trash_sessions([session_id])
        purge_sessions([session_id])
        assert database.execute_sql("SELECT count(*) FROM block").fetchone() == (0,)


def test_only_members_run_the_studios_functions(pg_cluster, studio_db: str) -> None:
    pg_cluster.admin_sql("DROP ROLE IF EXISTS outsider; CREATE ROLE outsider LOGIN")
    calls = (
        "SELECT * FROM cadence_changes()",
        "SELECT cadence_teaches('tess', 'alice')",
        "SELECT cadence_taught('tess')",
    )
    with psycopg.connect(pg_cluster.url(studio_db, "outsider"), autocommit=True) as outsider:
        for call in calls:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                outsider.execute(call)
    with psycopg.connect(pg_cluster.url(studio_db, "alice"), autocommit=True) as member:
        for call in calls:
            member.execute(call)
