"""Twenty people saving sessions into one studio at once: nothing lost, nothing duplicated, and
each sees only their own."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from tests.conftest import make_session
from tests.studio.conftest import new_studio

from cadence.services.records.journal import load_all_sessions, save_session
from cadence.store.connections import JournalRef, worker_connection
from cadence.store.server import ServerDatabase

PEOPLE = [f"runner{i:02d}" for i in range(20)]
SESSIONS_EACH = 10


def test_twenty_people_save_at_once(pg_cluster) -> None:
    name = new_studio(pg_cluster, "team", *((who, "student") for who in PEOPLE))
    start = threading.Barrier(len(PEOPLE))
    seen: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def person(who: str) -> None:
        url = pg_cluster.url(name, who)
        try:
            with worker_connection(JournalRef(url, ServerDatabase(url, prefer_psycopg3=True))):
                start.wait(30)
                for n in range(SESSIONS_EACH):
                    day = date(2026, 3, 1) + timedelta(days=n)
                    save_session(make_session(day=day, title=f"{who} #{n}", tags=["tempo"]))
                seen[who] = sorted(s.title for s in load_all_sessions())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=person, args=(who,)) for who in PEOPLE]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors[0]
    for who in PEOPLE:
        assert seen[who] == sorted(f"{who} #{n}" for n in range(SESSIONS_EACH))
    totals = pg_cluster.admin_sql(
        "SELECT count(*), count(DISTINCT (owner, title)), count(DISTINCT owner) FROM session",
        name,
    )
    assert totals == [(len(PEOPLE) * SESSIONS_EACH,) * 2 + (len(PEOPLE),)]
    # each has their own tag "tempo", and every session_tag points at its owner's tag
    assert pg_cluster.admin_sql("SELECT count(*) FROM tag WHERE name = 'tempo'", name) == [(20,)]
    assert pg_cluster.admin_sql(
        "SELECT count(*) FROM session_tag st JOIN tag t ON t.id = st.tag_id "
        "WHERE t.owner <> st.owner",
        name,
    ) == [(0,)]
