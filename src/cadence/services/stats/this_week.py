"""The status bar's line: this week's totals per discipline and the current streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cadence.domain import measures
from cadence.store.models import database
from cadence.store.queries import counted_sql


@dataclass(frozen=True)
class WeekSummary:
    week_start: date
    music_minutes: float
    running_minutes: float
    running_distance_m: float
    sessions: int
    current_streak: int


def week_summary(today: date, week_start: int = 0) -> WeekSummary:
    start = today - timedelta(days=(today.weekday() - week_start) % 7)
    rows = database.execute_sql(
        f"SELECT discipline, SUM(duration_s), SUM(COALESCE(distance_m, 0)), COUNT(*) "
        f"FROM session WHERE {counted_sql()} AND local_date >= ? AND local_date <= ? GROUP BY discipline",
        (start.isoformat(), today.isoformat()),
    ).fetchall()
    totals = {r[0]: r for r in rows}
    music = totals.get("music", (None, 0, 0, 0))
    running = totals.get("running", (None, 0, 0, 0))
    return WeekSummary(
        week_start=start,
        music_minutes=(music[1] or 0) / 60,
        running_minutes=(running[1] or 0) / 60,
        running_distance_m=running[2] or 0,
        sessions=(music[3] or 0) + (running[3] or 0),
        current_streak=current_streak(today),
    )


def current_streak(today: date) -> int:
    """Days in a row with a done session, ending today — or yesterday, since today may still come:
    the rule `domain.measures.current_streak`, which the Consistency measure's numpy form
    (stats.summary.day_streaks) is held equal to. Read without numpy, so that opening the window
    does not load it (the charts do, when first shown).

    The days are read newest first and only until the run ends (the index on the day walks
    backwards): the rule looks at nothing before the first gap, and reading every day of thirty
    years (11,000 dates, ~20 ms) made start-up grow with the journal."""
    rows = database.execute_sql(
        f"SELECT DISTINCT local_date FROM session WHERE {counted_sql()} AND local_date <= ? "
        "ORDER BY local_date DESC",
        (today.isoformat(),),
    )
    run: list[date] = []  # the newest days, while each is the day before the last
    try:
        for (value,) in rows:
            day = date.fromisoformat(str(value))
            # the first day may be today or yesterday; each next one the day before the last
            if day < (run[-1] if run else today) - timedelta(days=1):
                break
            run.append(day)
    finally:
        rows.close()
    return measures.current_streak(run, today)[0]
