"""The Studio view on a studio's server journal, read as its teacher: a table of the students
she teaches with plain sentences, re-ordered by name, refreshed after a save; not offered to a
student or on a journal file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from tests.conftest import make_session
from tests.studio.test_policies import as_role

from cadence.domain.enums import StopReason
from cadence.domain.records import StopPointData
from cadence.services.changes import Changes
from cadence.services.records.journal import save_session
from cadence.services.studio import members as studio
from cadence.store.db import close_journal, open_journal
from cadence.ui.bus import AppBus
from cadence.ui.views.registry import STUDIO_VIEWS, WINDOW_VIEWS
from cadence.ui.views.studio_overview import StudioOverviewView

TODAY = date.today()
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def studio_db(pg_cluster) -> str:
    name = pg_cluster.new_database("studio")
    open_journal(pg_cluster.url(name))
    try:
        studio.init_studio()
        for who, kind in [("alice", "student"), ("bob", "student"), ("tess", "teacher")]:
            studio.add_member(who, kind)
    finally:
        close_journal()
    pain = StopPointData(reason=StopReason.PAIN, rep_index=1)
    with as_role(pg_cluster, name, "alice"):
        save_session(make_session(day=TODAY, minutes=40, stop_points=[pain]))
    with as_role(pg_cluster, name, "bob"):
        save_session(make_session(day=TODAY - timedelta(days=10), minutes=20))
    return name


def texts(view: StudioOverviewView) -> list[list[str]]:
    t = view.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_teacher_sees_her_students_in_sentences(qtbot, pg_cluster, studio_db: str) -> None:
    with as_role(pg_cluster, studio_db, "tess"):
        view = StudioOverviewView(AppBus())
        qtbot.addWidget(view)
        view.show()
        rows = texts(view)
        assert [r[0] for r in rows] == ["alice", "bob"]  # both need attention: by name
        assert rows[0][1] == "40 min" and rows[0][3] == "today"
        assert rows[0][4] == "1 pain stop-point in the last 2 weeks (0 in the 4 weeks before)."
        assert rows[1][3] == "10 days ago" and rows[1][4].startswith("No practice for 10 days")
        assert view.message.isHidden()

        close_journal()
        open_journal(pg_cluster.url(studio_db, "bob"))  # bob practises today, in his window
        save_session(make_session(day=TODAY, minutes=25))
        close_journal()
        open_journal(pg_cluster.url(studio_db, "tess"))
        view.bus.publish(Changes(sessions=True))
        rows = texts(view)
        assert [r[0] for r in rows] == ["alice", "bob"]
        assert rows[1][1:5] == ["25 min", "—", "today", "Nothing to note"]
        view.order.setCurrentIndex(1)  # by name: the same two, alice first
        assert [r[0] for r in texts(view)] == ["alice", "bob"]


def test_the_studio_view_is_listed_for_teachers_only_and_after_the_ten() -> None:
    """The window lists it after the ten views with Ctrl+digits, and hides it for anyone who
    teaches nobody (the window's side: tests/ui/test_studio_window.py)."""
    assert [e.name for e in STUDIO_VIEWS] == ["studio"]
    assert WINDOW_VIEWS[-1].name == "studio" and WINDOW_VIEWS[-1].teachers_only
    assert not any(e.teachers_only for e in WINDOW_VIEWS[:-1])
