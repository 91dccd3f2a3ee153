"""The studio overview ("who needs attention") on a real server, read as each teacher.

alice practises music daily and started running hard this week, with pain stop-points; bob last
practised 12 days ago; erin never has; dora is carl's only. tess teaches everyone but dora.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from tests.conftest import make_session
from tests.studio.conftest import as_role, new_studio
from tests.studio.test_policies import look_at, rows

from cadence.cli import main
from cadence.domain.enums import Discipline, StopReason
from cadence.domain.records import StopPointData
from cadence.services.records.journal import load_all_sessions, save_session
from cadence.services.stats.load import load_series
from cadence.services.studio import members as studio
from cadence.services.studio.overview import studio_overview
from cadence.store.models import database

TODAY = date(2026, 3, 20)  # a Friday; the week starts on Monday 16 March
PAIN = StopPointData(reason=StopReason.PAIN, rep_index=2)


def _alice() -> list:
    out = []
    day = date(2026, 1, 1)
    while day <= TODAY:
        pain = [PAIN] if day in (date(2026, 3, 10), date(2026, 3, 18)) else []
        out.append(make_session(day=day, minutes=30, rpe=4, stop_points=pain))
        if day >= date(2026, 3, 16):  # three hard runs this week
            if day.weekday() in (0, 2, 4):
                out.append(make_session(Discipline.RUNNING, day=day, minutes=60, rpe=7))
        elif day.weekday() == 5:
            out.append(make_session(Discipline.RUNNING, day=day, minutes=30, rpe=4))
        day += timedelta(days=1)
    return out


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    name = new_studio(
        pg_cluster,
        "studio",
        ("alice", "student"),
        ("bob", "student"),
        ("erin", "student"),
        ("tess", "teacher"),
        ("carl", "coach"),
        ("dora", "student", "carl"),
    )
    sessions = {
        "alice": _alice(),
        "bob": [make_session(day=date(2026, 3, d), minutes=20, rpe=3) for d in (1, 4, 8)],
        "dora": [make_session(day=TODAY, minutes=45, rpe=5)],
        "tess": [make_session(day=TODAY, minutes=90, rpe=8)],  # her own: not in her overview
    }
    for who, records in sessions.items():
        with as_role(pg_cluster, name, who):
            for record in records:
                save_session(record)
    return name


def test_a_teacher_sees_who_needs_attention_first(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "tess"):
        overview = studio_overview(TODAY)
    assert overview.week_start == date(2026, 3, 16)
    by_name = {s.name: s for s in overview.students}
    assert [s.name for s in overview.students] == ["alice", "bob", "erin"]  # no dora, no tess
    alice = by_name["alice"]
    assert alice.minutes == {"music": 5 * 30.0, "running": 3 * 60.0}
    assert alice.last_day == TODAY and (alice.pain_recent, alice.pain_before) == (2, 0)
    assert alice.attention[0] == "2 pain stop-points in the last 2 weeks (0 in the 4 weeks before)."
    assert alice.attention[1].startswith("Running load of the last 7 days is ")
    assert alice.acute_chronic["music"] == pytest.approx(1.0)  # the same every day
    assert by_name["bob"].attention == ("No practice for 12 days (last on Sun 08 Mar).",)
    assert by_name["bob"].minutes == {"music": 0.0, "running": 0.0}
    assert by_name["erin"].attention == ("No practice recorded yet.",)
    assert by_name["erin"].last_day is None


def test_the_ratio_is_the_one_trends_draws(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "tess"):
        overview = studio_overview(TODAY)
        look_at("alice")
        trends = load_series(TODAY - timedelta(days=30), TODAY, Discipline.RUNNING)
    alice = next(s for s in overview.students if s.name == "alice")
    assert alice.acute_chronic["running"] == pytest.approx(trends.acute_chronic[-1], rel=1e-12)
    assert alice.acute_chronic["running"] > 1.5


def test_ordered_by_name_when_asked_and_never_ranked(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "carl"):
        overview = studio_overview(TODAY, order="name")
    assert [s.name for s in overview.students] == ["alice", "bob", "dora", "erin"]
    dora = overview.students[2]
    assert dora.attention == () and dora.minutes["music"] == 45.0


def test_the_person_looked_at_before_is_looked_at_again(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "tess"):
        look_at("bob")
        studio_overview(TODAY)
        assert len(list(load_all_sessions())) == 3  # still bob's journal
        look_at(None)
        studio_overview(TODAY)
        assert [s.title for s in load_all_sessions()] == [""]  # her own again


def test_the_studio_wide_setting_shows_a_student_nothing(pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "bob"):
        look_at("*")
        assert all(rows(t) == 0 for t in ("session", "stop_point", "reflection", "day_entry"))
        with pytest.raises(studio.StudioError, match="Only a teacher or coach"):
            studio_overview(TODAY)
    with as_role(pg_cluster, studio_db, "tess"):
        look_at("*")
        owners = database.execute_sql("SELECT DISTINCT owner FROM session ORDER BY 1").fetchall()
        assert owners == [("alice",), ("bob",)]
        assert rows("day_entry") == 0 and rows("draft") == 0


def test_a_journal_file_has_no_overview(journal) -> None:
    with pytest.raises(studio.StudioError, match="PostgreSQL server"):
        studio_overview(TODAY)


def test_the_command_prints_sentences_and_json(pg_cluster, studio_db: str, capsys) -> None:
    url = pg_cluster.url(studio_db, "tess")
    assert main(["studio", "overview", "--today", TODAY.isoformat(), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "alice" in out and "No practice for 12 days" in out and "dora" not in out
    assert main(["studio", "overview", "--today", "2026-03-20", "--json", "--db", url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["students"]] == ["alice", "bob", "erin"]
    assert data["students"][1]["days_since_last_session"] == 12
    url = pg_cluster.url(studio_db, "alice")
    assert main(["studio", "overview", "--db", url]) == 1
    assert "Only a teacher or coach" in capsys.readouterr().err
