"""The SQL forms of the journal's rules (store/queries.py) agree with their definitions in domain."""

from __future__ import annotations

from datetime import date
from itertools import product
from pathlib import Path

from tests.conftest import make_session

from cadence.domain.enums import Outcome, SessionStatus
from cadence.domain.measures import accuracy, intention_rate, is_counted
from cadence.domain.records import BlockData, IntentionData
from cadence.services.records.journal import save_session, trash_sessions
from cadence.store.models import Session, database
from cadence.store.queries import (
    accuracy_blocks_sql,
    counted_session,
    counted_sql,
    intention_met_sql,
    intention_rated_sql,
)


def test_counted_sessions_are_the_domain_rule(journal: Path) -> None:
    for status, trashed in product(SessionStatus, (False, True)):
        changes = save_session(make_session(status=status, title=f"{status} {trashed}"))
        (session_id,) = changes.session_ids
        if trashed:
            trash_sessions([session_id])
    expected = {row.id for row in Session.select() if is_counted(row.status, row.deleted_at)}
    assert len(expected) == 1
    in_sql = {r[0] for r in database.execute_sql(f"SELECT id FROM session WHERE {counted_sql()}")}
    aliased = {
        r[0] for r in database.execute_sql(f"SELECT s.id FROM session s WHERE {counted_sql('s')}")
    }
    in_peewee = {row.id for row in Session.select().where(counted_session())}
    assert in_sql == aliased == in_peewee == expected


def test_intention_sums_give_the_domain_rate(journal: Path) -> None:
    outcomes = [
        [],
        [Outcome.NOT_RATED],
        [Outcome.ACHIEVED, Outcome.PARTLY, Outcome.MISSED],
        [Outcome.PARTLY, Outcome.PARTLY, Outcome.NOT_RATED],
    ]
    for i, these in enumerate(outcomes):
        intentions = [IntentionData(text=f"aim {n}", outcome=o) for n, o in enumerate(these)]
        save_session(make_session(day=date(2026, 3, 2 + i), intentions=intentions))
    rows = database.execute_sql(
        f"""SELECT s.local_date, {intention_met_sql()}, {intention_rated_sql()}
        FROM session s LEFT JOIN intention i ON i.session_id = s.id
        GROUP BY s.id ORDER BY s.local_date"""
    ).fetchall()
    for these, (_, met, rated) in zip(outcomes, rows, strict=True):
        achieved, partly = these.count(Outcome.ACHIEVED), these.count(Outcome.PARTLY)
        expected = intention_rate(achieved, partly, len(these) - these.count(Outcome.NOT_RATED))
        assert intention_rate(met, 0, rated or 0) == expected


def test_accuracy_blocks_are_those_with_done_and_clean_reps(journal: Path) -> None:
    blocks = [
        BlockData(label="a", done_reps=4, clean_reps=3),
        BlockData(label="b", done_reps=6, clean_reps=None),
        BlockData(label="c", done_reps=0, clean_reps=0),
        BlockData(label="d", done_reps=2, clean_reps=2),
    ]
    save_session(make_session(blocks=blocks))
    clean, done = database.execute_sql(
        f"SELECT total(b.clean_reps), total(b.done_reps) FROM block b WHERE {accuracy_blocks_sql()}"
    ).fetchone()
    assert accuracy(clean, done) == 5 / 6
