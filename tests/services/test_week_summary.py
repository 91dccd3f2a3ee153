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


def test_the_streak_read_newest_first_is_the_rule_over_every_day(journal: Path) -> None:
    """The status bar reads the days newest first and stops at the run's first gap; over days
    with gaps, runs ending today, yesterday and earlier, and days after today, it gives what
    `measures.current_streak` gives over every day of the journal."""
    import random

    from cadence.domain import measures
    from cadence.services.stats.this_week import current_streak

    rng = random.Random(7)
    first = TODAY - timedelta(days=40)
    days = sorted({first + timedelta(days=rng.randrange(45)) for _ in range(30)})
    days += [TODAY - timedelta(days=back) for back in range(6)]  # a run up to today
    for day in sorted(set(days)):
        save_session(make_session(day=day, minutes=10))
    kept = sorted(set(days))
    for back in range(-3, 44):
        today = TODAY - timedelta(days=back)
        assert current_streak(today) == measures.current_streak(kept, today)[0], today
    assert current_streak(TODAY) >= 6  # the run up to today (a random day may lengthen it)


def test_the_streak_reads_the_days_only_back_to_the_runs_first_gap(
    journal: Path, monkeypatch
) -> None:
    """Start-up stays flat as the journal grows: the status bar's streak reads the days of its
    run and the one before the gap, not every day of the journal."""
    from cadence.services.stats import this_week

    for back in (0, 1, 2, *range(10, 200)):  # a run of three, a gap, 190 days before it
        save_session(make_session(day=TODAY - timedelta(days=back), minutes=10))
    read = []
    real = this_week.database

    class Counted:
        def __init__(self, cursor) -> None:
            self.cursor = cursor

        def __iter__(self):
            for row in self.cursor:
                read.append(row)
                yield row

        def close(self) -> None:
            self.cursor.close()

    class CountingDatabase:
        def execute_sql(self, *args):
            return Counted(real.execute_sql(*args))

    monkeypatch.setattr(this_week, "database", CountingDatabase())
    assert this_week.current_streak(TODAY) == 3
    assert len(read) == 4  # today, the two days before, and the first day after the gap
