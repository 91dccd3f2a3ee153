"""The studio overview: for a teacher or coach, who of the students they teach needs attention.

Per student: minutes this week by craft, the last practised day, pain stop-points of the last two
weeks against the four before, and each craft's acute:chronic load ratio (domain.measures, the
ratio Trends draws). Never a leaderboard: students come by name, or those who need attention
first (then by name); nothing is ranked or scored.

Four set-based queries over all students at once, read through row security as the teacher:
`cadence.person` is set to STUDIO_WIDE for their length (store/studio_policies.py), so the
database shows the sessions and stop-points of every student one teaches and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from cadence.domain.enums import Discipline, StopReason
from cadence.domain.measures import (
    ACUTE_CHRONIC_SPIKE,
    ACUTE_DAYS,
    CHRONIC_DAYS,
    acute_chronic_ratio,
    week_start_of,
)
from cadence.services.studio.members import StudioError
from cadence.store import server
from cadence.store.models import database
from cadence.store.queries import counted_sql, session_load_sql
from cadence.store.studio_policies import MEMBERS, STUDIO_WIDE

# No done session for this many days (or none at all): "has not practised".
QUIET_DAYS = 7
# Pain stop-points: the last PAIN_RECENT_DAYS against the PAIN_BEFORE_DAYS before them.
PAIN_RECENT_DAYS = 14
PAIN_BEFORE_DAYS = 28
ORDERS = ("attention", "name")


@dataclass(frozen=True)
class StudentWeek:
    """One student's week as their teacher sees it, with what needs attention in words."""

    name: str
    minutes: dict[str, float]  # this week, by craft (Discipline value); 0 for none
    last_day: date | None  # the last day with a done session (None: never)
    pain_recent: int  # pain stop-points in the last PAIN_RECENT_DAYS days
    pain_before: int  # ... in the PAIN_BEFORE_DAYS days before those
    acute_chronic: dict[str, float | None]  # today's ratio by craft (None: under 28 days)
    attention: tuple[str, ...] = field(default=())  # plain sentences; empty: nothing to note

    def days_since(self, today: date) -> int | None:
        return None if self.last_day is None else (today - self.last_day).days


@dataclass(frozen=True)
class StudioOverview:
    today: date
    week_start: date
    students: list[StudentWeek]

    def as_json(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "week_start": self.week_start.isoformat(),
            "students": [
                {
                    "name": s.name,
                    "minutes_this_week": s.minutes,
                    "last_day": s.last_day.isoformat() if s.last_day else None,
                    "days_since_last_session": s.days_since(self.today),
                    "pain_stop_points": {
                        "last_2_weeks": s.pain_recent,
                        "4_weeks_before": s.pain_before,
                    },
                    "acute_chronic": s.acute_chronic,
                    "needs_attention": list(s.attention),
                }
                for s in self.students
            ],
        }


@contextmanager
def studio_wide() -> Iterator[None]:
    """Read every taught student's rows for the length of the block, then look again at whoever
    was looked at before (oneself, or the student the people picker chose)."""
    (before,) = database.execute_sql(
        "SELECT coalesce(current_setting('cadence.person', true), '')"
    ).fetchone()
    database.execute_sql("SELECT set_config('cadence.person', ?, false)", (STUDIO_WIDE,))
    try:
        yield
    finally:
        database.execute_sql("SELECT set_config('cadence.person', ?, false)", (before,))


def teaches_anyone() -> bool:
    """True for a teacher or coach of a studio (on a server journal), whom the overview is for."""
    if not server.is_server(database.obj):
        return False
    row = database.execute_sql(
        f"SELECT kind FROM {MEMBERS} WHERE role = current_user::text"
    ).fetchone()
    return row is not None and row[0] in ("teacher", "coach")


def studio_overview(today: date, week_start: int = 0, order: str = "attention") -> StudioOverview:
    """Every student the signed-in teacher or coach teaches, with this week's practice and what
    needs attention. Raises StudioError on a journal file or for someone who teaches nobody."""
    if order not in ORDERS:
        raise StudioError(f"unknown order {order!r}; choose one of: {', '.join(ORDERS)}")
    if not server.is_server(database.obj):
        raise StudioError(
            "The studio overview is for a teacher or coach of a studio on a PostgreSQL server: "
            "give --db postgresql://NAME@HOST/DB."
        )
    if not teaches_anyone():
        raise StudioError(
            "Only a teacher or coach of this studio has an overview (cadence studio members "
            "says who is who)."
        )
    monday = week_start_of(today, week_start)
    with database.atomic("DEFERRED"), studio_wide():  # one moment for all four queries
        names = _students()
        daily = _daily(today)
        spans = _spans(today)
        pain = _pain(today)
    students = [_student(n, today, monday, daily[n], spans[n], pain.get(n, (0, 0))) for n in names]
    if order == "attention":
        students.sort(key=lambda s: (not s.attention, s.name))
    return StudioOverview(today, monday, students)


def _rows(sql: str, params: tuple = ()) -> list[tuple]:
    return list(database.execute_sql(sql, params).fetchall())


def _students() -> list[str]:
    return [
        r[0]
        for r in _rows(
            f"SELECT role FROM {MEMBERS} WHERE kind = 'student' "
            "AND cadence_teaches(current_user::text, role) ORDER BY role"
        )
    ]


# (owner) -> (day, craft) -> (minutes, load)
Daily = dict[str, dict[tuple[date, str], tuple[float, float]]]


def _daily(today: date) -> Daily:
    """Minutes and session-RPE load per student, day and craft, over the chronic window."""
    first = today - timedelta(days=CHRONIC_DAYS - 1)
    out: Daily = defaultdict(dict)
    for owner, day, craft, seconds, load in _rows(
        f"""SELECT s.owner, s.local_date, s.discipline, total(s.duration_s),
               {session_load_sql("s")}
        FROM session s WHERE {counted_sql("s")} AND s.local_date BETWEEN ? AND ?
        GROUP BY s.owner, s.local_date, s.discipline""",
        (first.isoformat(), today.isoformat()),
    ):
        out[owner][(date.fromisoformat(str(day)), craft)] = (seconds / 60.0, float(load))
    return out


# (owner) -> craft -> (first day, last day) with a done session, up to today
Spans = dict[str, dict[str, tuple[date, date]]]


def _spans(today: date) -> Spans:
    out: Spans = defaultdict(dict)
    for owner, craft, first, last in _rows(
        f"""SELECT s.owner, s.discipline, min(s.local_date), max(s.local_date)
        FROM session s WHERE {counted_sql("s")} AND s.local_date <= ?
        GROUP BY s.owner, s.discipline""",
        (today.isoformat(),),
    ):
        out[owner][craft] = (date.fromisoformat(str(first)), date.fromisoformat(str(last)))
    return out


def _pain(today: date) -> dict[str, tuple[int, int]]:
    """Pain stop-points per student: (last 2 weeks, the 4 weeks before). Every untrashed
    session counts, done or not: stopping a session for pain is what matters here."""
    recent_from = today - timedelta(days=PAIN_RECENT_DAYS - 1)
    first = recent_from - timedelta(days=PAIN_BEFORE_DAYS)
    rows = _rows(
        """SELECT s.owner, sum(CASE WHEN s.local_date >= ? THEN 1 ELSE 0 END), count(*)
        FROM stop_point p JOIN session s ON s.id = p.session_id
        WHERE s.deleted_at IS NULL AND p.reason = ? AND s.local_date BETWEEN ? AND ?
        GROUP BY s.owner""",
        (recent_from.isoformat(), StopReason.PAIN.value, first.isoformat(), today.isoformat()),
    )
    return {owner: (int(recent), int(total) - int(recent)) for owner, recent, total in rows}


def _student(
    name: str,
    today: date,
    monday: date,
    daily: dict[tuple[date, str], tuple[float, float]],
    spans: dict[str, tuple[date, date]],
    pain: tuple[int, int],
) -> StudentWeek:
    crafts = [d.value for d in Discipline]
    minutes = {c: 0.0 for c in crafts}
    for (day, craft), (mins, _load) in daily.items():
        if day >= monday:
            minutes[craft] = minutes.get(craft, 0.0) + mins
    ratios: dict[str, float | None] = {}
    for craft in crafts:
        first = spans.get(craft, (today, today))[0]
        start = max(first, today - timedelta(days=CHRONIC_DAYS - 1))
        loads = [
            daily.get((start + timedelta(days=i), craft), (0.0, 0.0))[1]
            for i in range((today - start).days + 1)
        ]
        # the ratio Trends draws for today: None until 28 days of the craft's history
        ratios[craft] = acute_chronic_ratio(loads)[-1] if craft in spans else None
    lasts = [last for _first, last in spans.values()]
    student = StudentWeek(
        name=name,
        minutes=minutes,
        last_day=max(lasts) if lasts else None,
        pain_recent=pain[0],
        pain_before=pain[1],
        acute_chronic=ratios,
    )
    return StudentWeek(**{**student.__dict__, "attention": tuple(_attention(student, today))})


def _attention(s: StudentWeek, today: date) -> Iterator[str]:
    """What a teacher may want to look at before the lesson, in plain words; never a score."""
    since = s.days_since(today)
    if since is None:
        yield "No practice recorded yet."
    elif since >= QUIET_DAYS:
        yield f"No practice for {since} days (last on {s.last_day:%a %d %b})."
    if s.pain_recent and s.pain_recent * PAIN_BEFORE_DAYS > s.pain_before * PAIN_RECENT_DAYS:
        stops = "pain stop-point" if s.pain_recent == 1 else "pain stop-points"
        yield (
            f"{s.pain_recent} {stops} in the last 2 weeks ({s.pain_before} in the 4 weeks before)."
        )
    for craft, ratio in s.acute_chronic.items():
        if ratio is not None and ratio >= ACUTE_CHRONIC_SPIKE:
            yield (
                f"{craft.capitalize()} load of the last {ACUTE_DAYS} days is {ratio:.1f}× "
                f"the daily average of the last {CHRONIC_DAYS // 7} weeks."
            )
