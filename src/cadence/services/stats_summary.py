"""Consistency (days per week, streaks), the side-by-side summary and the cross-over series."""

from __future__ import annotations

from datetime import date, timedelta

from cadence.domain.enums import Discipline, Outcome, SessionStatus
from cadence.domain.measures import mean, median, pearson, streaks
from cadence.services.stats_quality import accuracy_cte, completion_cte
from cadence.services.stats_sql import (
    Scope,
    done_sessions,
    fetch,
    index_of,
    int_zeros,
    make_scope,
    period_sql,
)
from cadence.services.stats_types import (
    ALL,
    Consistency,
    CrossOver,
    CrossOverPair,
    DisciplineSummary,
    SummaryStat,
    VolumeSeries,
)
from cadence.services.stats_volume import volume_in

# --- consistency ----------------------------------------------------------------------------------


def consistency(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    week_start: int = 0,
    today: date | None = None,
) -> Consistency:
    """Days practised per week and streaks (see Consistency)."""
    return consistency_in(make_scope(start, end, discipline, week_start), today or date.today())


def consistency_in(scope: Scope, today: date) -> Consistency:
    keys = scope.keys
    weeks = scope.weeks()
    at = index_of(weeks)
    where, params = done_sessions(scope)
    week = period_sql("week", scope.week_start)
    days_practised = int_zeros(keys, len(weeks))
    for w, key, n in fetch(
        f"""SELECT {week} AS w, s.discipline, count(DISTINCT s.local_date) FROM session s
        WHERE {where} GROUP BY w, s.discipline
        UNION ALL
        SELECT {week} AS w, ?, count(DISTINCT s.local_date) FROM session s
        WHERE {where} GROUP BY w""",
        [*params, ALL, *params],
    ):
        days_practised[key][at[w]] = n

    # The current streak looks back over the whole journal, the longest only inside the range.
    all_where, all_params = done_sessions(scope, ranged=False)
    days: dict[str, list[date]] = {k: [] for k in keys}
    for disc, day in fetch(
        f"""SELECT DISTINCT s.discipline, s.local_date FROM session s
        WHERE {all_where} AND s.local_date <= ?""",
        [*all_params, max(scope.end, today).isoformat()],
    ):
        d = date.fromisoformat(day)
        days[disc].append(d)
        days[ALL].append(d)
    in_range = {k: [d for d in v if scope.start <= d <= scope.end] for k, v in days.items()}
    return Consistency(
        weeks=weeks,
        days_practised=days_practised,
        streaks={k: streaks(days[k], today, longest_days=in_range[k]) for k in keys},
        today=today,
    )


# --- the side-by-side summary ---------------------------------------------------------------------


def summary(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    week_start: int = 0,
) -> dict[str, DisciplineSummary]:
    """Totals, means and medians per discipline and for ALL (see SummaryStat)."""
    scope = make_scope(start, end, discipline, week_start)
    return summary_in(scope, volume_in(scope, "week"), consistency_in(scope, date.today()))


def _session_measures(scope: Scope) -> tuple[str, list[str]]:
    """One row (measure, discipline, x, num, den) per session and measure.

    x is the session's value (mean and median are over it); total = sum(num), or for a rate
    (den not NULL) sum(num) ÷ sum(den), the pooled rate.
    """
    where, params = done_sessions(scope)
    comp, comp_params = completion_cte(scope)
    acc, acc_params = accuracy_cte(scope)
    # Both helpers open with WITH; join them into one WITH list.
    ctes = comp.rstrip() + ",\n" + acc.strip().removeprefix("WITH")
    sql = f"""
        {ctes},
        rated AS (
            SELECT s.discipline AS d,
                   total((i.outcome = ?) + 0.5 * (i.outcome = ?)) AS num,
                   sum(i.outcome <> ?) AS den
            FROM intention i JOIN session s ON s.id = i.session_id
            WHERE {where} GROUP BY s.id HAVING den > 0
        ),
        v(m, d, x, num, den) AS (
            SELECT 'minutes', s.discipline, s.duration_s / 60.0, s.duration_s / 60.0, NULL
              FROM session s WHERE {where}
            UNION ALL SELECT 'distance_km', s.discipline, s.distance_m / 1000.0,
                   s.distance_m / 1000.0, NULL
              FROM session s WHERE {where} AND s.distance_m > 0
            UNION ALL SELECT 'load', s.discipline, s.rpe * s.duration_s / 60.0,
                   s.rpe * s.duration_s / 60.0, NULL
              FROM session s WHERE {where} AND s.rpe IS NOT NULL
            UNION ALL SELECT 'focus', s.discipline, s.focus, NULL, NULL
              FROM session s WHERE {where} AND s.focus IS NOT NULL
            UNION ALL SELECT 'rpe', s.discipline, s.rpe, NULL, NULL
              FROM session s WHERE {where} AND s.rpe IS NOT NULL
            UNION ALL SELECT 'completion', discipline, value, NULL, NULL
              FROM per WHERE value IS NOT NULL
            UNION ALL SELECT 'accuracy', discipline, clean / done, clean, done FROM acc
            UNION ALL SELECT 'intention_rate', d, num / den, num, den FROM rated
        ),
        u AS (SELECT m, d, x, num, den FROM v UNION ALL SELECT m, ?, x, num, den FROM v),
        r AS (
            SELECT m, d, x, num, den,
                   row_number() OVER (PARTITION BY m, d ORDER BY x) AS rn,
                   count(*) OVER (PARTITION BY m, d) AS c
            FROM u
        )
        SELECT m, d, count(*), total(num), sum(den), avg(x),
               avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN x END)
        FROM r GROUP BY m, d
    """
    outcomes = [Outcome.ACHIEVED.value, Outcome.PARTLY.value, Outcome.NOT_RATED.value]
    all_params = [*comp_params, *acc_params, *outcomes, *params]
    all_params += params * 5 + [ALL]
    return sql, all_params


_NO_TOTAL = {"focus", "rpe", "completion"}  # a sum of ratings or of mixed ratios means nothing


def summary_in(
    scope: Scope, weekly: VolumeSeries, consistency: Consistency
) -> dict[str, DisciplineSummary]:
    sql, params = _session_measures(scope)
    empty = SummaryStat(None, None, None, 0)
    stats: dict[str, dict[str, SummaryStat]] = {k: {} for k in scope.keys}
    for m, d, n, num, den, avg, med in fetch(sql, params):
        if m in _NO_TOTAL:
            total = None
        elif den is not None:
            total = num / den if den else None
        else:
            total = num
        stats[d][m] = SummaryStat(total, avg, med, n)
    out = {}
    for key in scope.keys:
        got = stats[key]
        out[key] = DisciplineSummary(
            minutes=got.get("minutes", SummaryStat(0.0, None, None, 0)),
            sessions=_weekly_stat(weekly.sessions[key]),
            days_practised=_weekly_stat(consistency.days_practised[key]),
            distance_km=got.get("distance_km", SummaryStat(0.0, None, None, 0)),
            load=got.get("load", SummaryStat(0.0, None, None, 0)),
            focus=got.get("focus", empty),
            rpe=got.get("rpe", empty),
            completion=got.get("completion", empty),
            intention_rate=got.get("intention_rate", empty),
            accuracy=got.get("accuracy", empty),
        )
    return out


def _weekly_stat(per_week: list[int]) -> SummaryStat:
    values = [float(v) for v in per_week]
    return SummaryStat(float(sum(values)), mean(values), median(values), len(values))


# --- cross-over -----------------------------------------------------------------------------------


def crossover(start: date, end: date) -> CrossOver:
    """A day's running load against the next day's music focus (both days inside the range)."""
    return crossover_in(make_scope(start, end))


def crossover_in(scope: Scope) -> CrossOver:
    """Pairs (run day D, load of D, mean focus of D+1's music sessions) for D in [start, end−1].

    Always both crafts, whatever the scope's discipline. A day without runs has load 0; a day
    with a run that has no RPE has an unknown load and gives no pair.
    """
    if scope.end <= scope.start:
        return CrossOver([], None, 0)
    status = SessionStatus.DONE.value
    last_run_day = (scope.end - timedelta(days=1)).isoformat()
    first_music_day = (scope.start + timedelta(days=1)).isoformat()
    rows = fetch(
        """
        WITH run AS (
            SELECT s.local_date AS day, total(s.rpe * s.duration_s) / 60.0 AS load,
                   sum(s.rpe IS NULL) AS unrated
            FROM session s
            WHERE s.deleted_at IS NULL AND s.status = ? AND s.discipline = ?
              AND s.local_date BETWEEN ? AND ?
            GROUP BY s.local_date
        ),
        music AS (
            SELECT s.local_date AS day, avg(s.focus) AS focus
            FROM session s
            WHERE s.deleted_at IS NULL AND s.status = ? AND s.discipline = ?
              AND s.focus IS NOT NULL AND s.local_date BETWEEN ? AND ?
            GROUP BY s.local_date
        )
        SELECT date(m.day, '-1 day') AS run_day, coalesce(r.load, 0.0), m.focus
        FROM music m LEFT JOIN run r ON r.day = date(m.day, '-1 day')
        WHERE coalesce(r.unrated, 0) = 0
        ORDER BY m.day
        """,
        [
            status,
            Discipline.RUNNING.value,
            scope.start.isoformat(),
            last_run_day,
            status,
            Discipline.MUSIC.value,
            first_music_day,
            scope.end.isoformat(),
        ],
    )
    pairs = [CrossOverPair(date.fromisoformat(d), load, focus) for d, load, focus in rows]
    r = pearson([p.run_load for p in pairs], [p.next_day_focus for p in pairs])
    return CrossOver(pairs=pairs, r=r, n=len(pairs))
