"""The status bar's line: this week's totals and the current streak, counted as the measures count."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.conftest import make_session

from cadence.domain.enums import Discipline, SessionStatus
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.stats.this_week import week_summary

TODAY = date(2026, 3, 11)  # a Wednesday


def test_streak_and_totals_count_only_done_untrashed_sessions(journal: Path) -> None:
    for back in (1, 2, 3):  # yesterday and the two days before: today may still come
        save_session(make_session(day=TODAY - timedelta(days=back), minutes=20))
    save_session(make_session(day=TODAY - timedelta(days=5), minutes=20))
    # a planned session and a trashed one add nothing, and do not bridge the gap on day 4
    save_session(make_session(day=TODAY - timedelta(days=4), status=SessionStatus.PLANNED))
    trashed = save_session(make_session(day=TODAY - timedelta(days=4), minutes=15))
    trash_sessions(list(trashed.session_ids))
    save_session(make_session(Discipline.RUNNING, day=TODAY, minutes=30, distance_m=5000))

    line = week_summary(TODAY)
    assert line.week_start == date(2026, 3, 9)
    assert line.current_streak == 4  # today (a run) and the three days before
    assert (line.music_minutes, line.running_minutes) == (40, 30)  # Monday and Tuesday; today
    assert line.running_distance_m == 5000
    assert line.sessions == 3
    assert week_summary(TODAY + timedelta(days=2)).current_streak == 0
