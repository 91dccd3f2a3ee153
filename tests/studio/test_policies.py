"""Privacy enforced by PostgreSQL: row-level security tested as each role of a studio.

alice and bob are students taught by everyone who teaches; tess teaches, carl coaches, and
dora is carl's only (`--teacher carl`). Every check
queries the tables directly as that role, so it holds for any program, not only Cadence.
"""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from tests.conftest import make_session
from tests.studio.conftest import as_role, new_studio

from cadence.domain.enums import ReflectionPrompt, StopReason
from cadence.domain.records import (
    BlockData,
    DayEntryData,
    IntentionData,
    ReflectionData,
    StopPointData,
)
from cadence.services.records.days import save_day_entry, save_draft
from cadence.services.records.journal import load_all_sessions, save_session
from cadence.services.studio import members as studio
from cadence.store.db import close_journal, open_journal
from cadence.store.errors import JournalError
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import database
from cadence.store.server import journal_tables

SHARED, PRIVATE = "shared with my teacher", "only for me"


def look_at(person: str | None) -> None:
    """What the people picker sets, set here by hand as any client of the server could (the
    app's own check that one teaches the person is left out: the database must hold alone)."""
    database.execute_sql("SELECT set_config('cadence.person', %s, false)", (person or "",))


def rows(table: str) -> int:
    return database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def write_a_day(title: str) -> int:
    """A session with everything in it, a day entry with a reflection, and a draft."""
    session = make_session(
        title=title,
        blocks=[BlockData(label="bars 33-48", planned_reps=5, done_reps=4)],
        intentions=[IntentionData(text="hands separately")],
        stop_points=[StopPointData(reason=StopReason.FORM, rep_index=4, block_position=0)],
        reflections=[
            ReflectionData(ReflectionPrompt.WENT_WELL, SHARED, share_in_reports=True),
            ReflectionData(ReflectionPrompt.TO_IMPROVE, PRIVATE),
        ],
    )
    (session_id,) = save_session(session).session_ids
    save_day_entry(
        DayEntryData(
            day=date(2026, 3, 2),
            text=f"{title}'s day",
            reflections=[ReflectionData(ReflectionPrompt.WENT_WELL, "day note", True)],
        )
    )
    save_draft("today", {"intention": f"{title} typing"})
    return session_id


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    name = new_studio(
        pg_cluster,
        "studio",
        ("alice", "student"),
        ("bob", "student"),
        ("tess", "teacher"),
        ("carl", "coach"),
        ("dora", "student", "carl"),
    )
    with as_role(pg_cluster, name):
        studio.init_studio()  # idempotent: again, with members, changes nothing they see
    for who in ("alice", "bob", "dora"):
        with as_role(pg_cluster, name, who):
            write_a_day(who)
    return name


def test_members_are_plain_login_roles(pg_cluster, studio_db: str) -> None:
    found = pg_cluster.admin_sql(
        "SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcanlogin FROM pg_roles "
        "WHERE rolname IN ('alice', 'bob', 'tess', 'carl', 'dora') ORDER BY rolname"
    )
    assert found == [
        (n, False, False, False, True) for n in ("alice", "bob", "carl", "dora", "tess")
    ]


def test_a_student_sees_only_their_own_rows(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "bob"):
        assert [s.title for s in load_all_sessions()] == ["bob"]
        owners = {
            table: database.execute_sql(f'SELECT DISTINCT owner FROM "{table}"').fetchall()
            for table in journal_tables()
        }
        assert all(found in ([], [("bob",)]) for found in owners.values()), owners
        # even asking for alice's journal shows nothing of hers
        look_at("alice")
        assert all(rows(t) == 0 for t in journal_tables())


def test_a_teacher_reads_sessions_and_shared_reflections_only(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "tess"):
        assert all(rows(t) == 0 for t in journal_tables())  # their own journal: empty
        look_at("alice")
        assert [s.title for s in load_all_sessions()] == ["alice"]
        for table in ("session", "block", "intention", "stop_point"):
            assert rows(table) == 1, table
        texts = [r[0] for r in database.execute_sql("SELECT text FROM reflection").fetchall()]
        assert texts == [SHARED]  # not the unshared one, nor the day entry's
        for table in ("day_entry", "draft", "preference"):
            assert rows(table) == 0, table
        look_at(None)
        assert rows("session") == 0


def test_a_student_added_with_a_teacher_is_taught_by_them_only(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "carl"):
        look_at("alice")  # added without --teacher: taught by everyone who teaches
        assert rows("session") == 1
        look_at("dora")
        assert rows("session") == 1
    with as_role(pg_cluster, studio_db, "tess"):
        look_at("dora")  # dora is carl's only
        assert rows("session") == 0


def test_nobody_writes_another_persons_rows(pg_cluster, studio_db: str) -> None:
    (alice_session,) = pg_cluster.admin_sql(
        "SELECT id FROM session WHERE owner = 'alice'", studio_db
    )[0]
    for role in ("bob", "tess"):
        with as_role(pg_cluster, studio_db, role):
            look_at("alice")
            for sql in (
                f"UPDATE session SET title = 'mine now' WHERE id = {alice_session}",
                f"DELETE FROM stop_point WHERE session_id = {alice_session}",
            ):
                assert database.execute_sql(sql).rowcount == 0
            with pytest.raises(Exception, match="row-level security"), database.atomic():
                database.execute_sql("INSERT INTO tag (name, owner) VALUES ('planted', 'alice')")
            with pytest.raises(Exception, match="row-level security"), database.atomic():
                database.execute_sql(
                    "UPDATE session SET owner = 'alice' WHERE owner = current_user"
                )
                database.execute_sql(
                    "INSERT INTO session (discipline, kind, started_at, "
                    "local_date, owner) VALUES ('music', 'practice', "
                    "'2026-03-02', '2026-03-02', 'alice')"
                )
    assert pg_cluster.admin_sql(
        f"SELECT title FROM session WHERE id = {alice_session}", studio_db
    ) == [("alice",)]
    assert pg_cluster.admin_sql(
        "SELECT count(*) FROM stop_point WHERE owner = 'alice'", studio_db
    ) == [(1,)]


def test_a_removed_member_is_no_longer_visible_to_the_teacher(pg_cluster) -> None:
    name = new_studio(pg_cluster, "studio", ("erin", "student"), ("theo", "teacher"))
    with as_role(pg_cluster, name, "erin"):
        write_a_day("erin")
    with as_role(pg_cluster, name, "theo"):
        look_at("erin")
        assert rows("session") == 1
    with as_role(pg_cluster, name):
        studio.remove_member("erin")
        assert [m.name for m in studio.members()] == ["theo"]
    with as_role(pg_cluster, name, "theo"):
        look_at("erin")
        assert rows("session") == 0
    with as_role(pg_cluster, name, "erin"):  # she keeps her own, to export and take along
        assert rows("session") == 1 and rows("day_entry") == 1


def test_a_superuser_is_never_made_a_member(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db):
        with pytest.raises(studio.StudioError, match="would see every journal"):
            studio.add_member("cadence_admin", "teacher")
        with pytest.raises(studio.StudioError, match="not a teacher or coach"):
            studio.add_member("fred", "student", teacher="bob")
        with pytest.raises(studio.StudioError, match="cannot be a member's name"):
            studio.add_member("Robert'); DROP TABLE session;--", "student")


def test_each_person_has_their_own_tags_day_entries_and_preferences(
    pg_cluster, studio_db: str
) -> None:
    # alice and bob both wrote a day entry for 2 March and a draft called "today": unique per
    # owner, so neither refused the other's
    counts = pg_cluster.admin_sql(
        "SELECT count(*) FROM day_entry WHERE day = '2026-03-02' AND deleted_at IS NULL", studio_db
    )
    assert counts == [(3,)]
    assert pg_cluster.admin_sql("SELECT count(*) FROM draft WHERE key = 'today'", studio_db) == [
        (3,)
    ]


def test_a_password_from_stdin_lets_the_member_log_in(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db):
        studio.add_member("gail", "student", password="correct horse")
    with psycopg.connect(pg_cluster.tcp_url(studio_db, "gail"), password="correct horse") as c:
        assert c.execute("SELECT current_user").fetchone() == ("gail",)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_cluster.tcp_url(studio_db, "gail"), password="wrong")
    logged = (pg_cluster.folder / "log").read_text()
    assert "correct horse" not in logged


def test_a_member_does_not_upgrade_the_studio_the_admin_does(pg_cluster) -> None:
    name = new_studio(pg_cluster, "studio", ("ursa", "student"))
    older = SCHEMA_VERSION - 1
    pg_cluster.admin_sql(f"UPDATE cadence_schema SET version = {older}", name)
    with pytest.raises(JournalError, match=r"only its owner \(cadence_admin\) may upgrade"):
        open_journal(pg_cluster.url(name, "ursa"))
    assert pg_cluster.admin_sql("SELECT version FROM cadence_schema", name) == [(older,)]
    open_journal(pg_cluster.url(name))  # the admin: upgraded
    close_journal()
    assert pg_cluster.admin_sql("SELECT version FROM cadence_schema", name) == [(SCHEMA_VERSION,)]
    with as_role(pg_cluster, name, "ursa"):
        assert rows("session") == 0
