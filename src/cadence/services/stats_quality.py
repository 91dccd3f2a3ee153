"""How well the work went: completion, intention rate, accuracy and tempo progress.

Public functions take (start, end, discipline, week_start) like the rest of the stats API; the
`*_in(scope)` variants are what `compute_stats` calls with an already checked Scope.
"""

from __future__ import annotations

from datetime import date

from cadence.domain.enums import Discipline, Outcome
from cadence.domain.measures import intention_rate
from cadence.services.stats_sql import (
    Scope,
    done_sessions,
    fetch,
    index_of,
    int_zeros,
    make_scope,
    period_sql,
    zeros,
)
from cadence.services.stats_types import ALL, PassageTempo, SessionValue, TempoPoint, WeeklySeries


def completion_cte(scope: Scope) -> tuple[str, list[str]]:
    """`per(id, local_date, discipline, kind, value, started_at)`: done ÷ planned per session.

    Reps when any block planned reps (sum of done ÷ sum of planned over those blocks; a missing
    done count is 0), else the session's time ÷ its planned time. Sessions with neither plan
    are left out. Not capped: doing more than planned gives more than 1.
    """
    where, params = done_sessions(scope)
    sql = f"""
        WITH reps AS (
            SELECT b.session_id AS sid, total(b.planned_reps) AS planned,
                   total(b.done_reps) AS done
            FROM block b JOIN session s ON s.id = b.session_id
            WHERE {where} AND b.planned_reps > 0
            GROUP BY b.session_id
        ),
        per AS (
            SELECT s.id, s.local_date, s.discipline, s.kind, s.started_at,
                   CASE WHEN r.planned > 0 THEN r.done / r.planned
                        WHEN s.planned_duration_s > 0 THEN s.duration_s / s.planned_duration_s
                   END AS value
            FROM session s LEFT JOIN reps r ON r.sid = s.id
            WHERE {where}
        )
    """
    return sql, params + params


def accuracy_cte(scope: Scope) -> tuple[str, list[str]]:
    """`acc(id, local_date, discipline, kind, started_at, clean, done)` per session: blocks with
    done reps and a clean count recorded (music; running blocks have no clean count)."""
    where, params = done_sessions(scope)
    sql = f"""
        WITH acc AS (
            SELECT s.id, s.local_date, s.discipline, s.kind, s.started_at,
                   total(b.clean_reps) AS clean, total(b.done_reps) AS done
            FROM block b JOIN session s ON s.id = b.session_id
            WHERE {where} AND b.done_reps > 0 AND b.clean_reps IS NOT NULL
            GROUP BY s.id
        )
    """
    return sql, params


def completion_sessions(
    start: date, end: date, discipline: Discipline | str | None = None
) -> list[SessionValue]:
    """Completion (done ÷ planned) of each session with a plan, in date order."""
    return completion_sessions_in(make_scope(start, end, discipline))


def completion_sessions_in(scope: Scope) -> list[SessionValue]:
    cte, params = completion_cte(scope)
    rows = fetch(
        f"""{cte} SELECT id, local_date, discipline, kind, value FROM per
        WHERE value IS NOT NULL ORDER BY local_date, started_at, id""",
        params,
    )
    return [_session_value(*row) for row in rows]


def weekly_completion(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklySeries:
    """Mean session completion per week; n = sessions with a plan."""
    return weekly_completion_in(make_scope(start, end, discipline, week_start))


def weekly_completion_in(scope: Scope) -> WeeklySeries:
    cte, params = completion_cte(scope)
    rows = fetch(
        f"""{cte} SELECT {period_sql("week", scope.week_start, "local_date")} AS w, discipline,
                   total(value), count(value)
        FROM per WHERE value IS NOT NULL GROUP BY w, discipline""",
        params,
    )
    return _pooled_weekly(scope, rows)


def weekly_intention_rate(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklySeries:
    """(achieved + ½·partly) ÷ rated intentions per week; n = rated intentions."""
    return weekly_intention_rate_in(make_scope(start, end, discipline, week_start))


def weekly_intention_rate_in(scope: Scope) -> WeeklySeries:
    where, params = done_sessions(scope)
    rows = fetch(
        f"""
        SELECT {period_sql("week", scope.week_start)} AS w, s.discipline,
               sum(i.outcome = ?), sum(i.outcome = ?), sum(i.outcome <> ?)
        FROM intention i JOIN session s ON s.id = i.session_id
        WHERE {where}
        GROUP BY w, s.discipline
        """,
        [Outcome.ACHIEVED.value, Outcome.PARTLY.value, Outcome.NOT_RATED.value, *params],
    )
    weeks = scope.weeks()
    at = index_of(weeks)
    keys = scope.keys
    achieved, partly, rated = (int_zeros(keys, len(weeks)) for _ in range(3))
    for w, disc, a, p, r in rows:
        for key in (disc, ALL):
            achieved[key][at[w]] += a
            partly[key][at[w]] += p
            rated[key][at[w]] += r
    values = {
        k: [
            intention_rate(a, p, r)
            for a, p, r in zip(achieved[k], partly[k], rated[k], strict=True)
        ]
        for k in keys
    }
    return WeeklySeries(weeks=weeks, values=values, n=rated)


def accuracy_sessions(
    start: date, end: date, discipline: Discipline | str | None = None
) -> list[SessionValue]:
    """Accuracy (clean reps ÷ done reps) of each session that recorded clean reps."""
    return accuracy_sessions_in(make_scope(start, end, discipline))


def accuracy_sessions_in(scope: Scope) -> list[SessionValue]:
    cte, params = accuracy_cte(scope)
    rows = fetch(
        f"""{cte} SELECT id, local_date, discipline, kind, clean / done FROM acc
        ORDER BY local_date, started_at, id""",
        params,
    )
    return [_session_value(*row) for row in rows]


def weekly_accuracy(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklySeries:
    """Clean reps ÷ done reps per week, pooled over the week's blocks; n = done reps."""
    return weekly_accuracy_in(make_scope(start, end, discipline, week_start))


def weekly_accuracy_in(scope: Scope) -> WeeklySeries:
    cte, params = accuracy_cte(scope)
    rows = fetch(
        f"""{cte} SELECT {period_sql("week", scope.week_start, "local_date")} AS w, discipline,
                   total(clean), total(done)
        FROM acc GROUP BY w, discipline""",
        params,
    )
    weeks = scope.weeks()
    at = index_of(weeks)
    keys = scope.keys
    clean, done = zeros(keys, len(weeks)), zeros(keys, len(weeks))
    for w, disc, c, d in rows:
        for key in (disc, ALL):
            clean[key][at[w]] += c
            done[key][at[w]] += d
    values = {
        k: [c / d if d else None for c, d in zip(clean[k], done[k], strict=True)] for k in keys
    }
    n = {k: [int(d) for d in done[k]] for k in keys}
    return WeeklySeries(weeks=weeks, values=values, n=n)


def tempo_progress(
    start: date, end: date, discipline: Discipline | str | None = None
) -> list[PassageTempo]:
    """Per passage: the best clean BPM of each session against the passage's target."""
    return tempo_progress_in(make_scope(start, end, discipline))


def tempo_progress_in(scope: Scope) -> list[PassageTempo]:
    where, params = done_sessions(scope)
    rows = fetch(
        f"""
        SELECT p.id, p.label, pc.title, p.start_bpm, coalesce(p.target_bpm, max(b.target_bpm)),
               s.local_date, s.id, max(b.achieved_bpm)
        FROM block b
        JOIN session s ON s.id = b.session_id
        JOIN passage p ON p.id = b.passage_id
        JOIN piece pc ON pc.id = p.piece_id
        WHERE {where} AND b.clean_reps > 0 AND b.achieved_bpm IS NOT NULL
        GROUP BY p.id, s.id
        ORDER BY pc.title, p.position, p.id, s.local_date, s.started_at, s.id
        """,
        params,
    )
    passages: dict[int, PassageTempo] = {}
    for pid, label, piece, start_bpm, target, day, sid, best in rows:
        if pid not in passages:
            passages[pid] = PassageTempo(pid, label, piece, start_bpm, None, [])
        # The passage's own target wins; else the latest session's block target stands in.
        passages[pid] = _with_target(passages[pid], target)
        passages[pid].points.append(
            TempoPoint(date.fromisoformat(day), sid, best, best / target if target else None)
        )
    return list(passages.values())


def _with_target(passage: PassageTempo, target: float | None) -> PassageTempo:
    if target is None or passage.target_bpm == target:
        return passage
    return PassageTempo(
        passage.passage_id, passage.label, passage.piece, passage.start_bpm, target, passage.points
    )


def _session_value(sid: int, day: str, disc: str, kind: str, value: float) -> SessionValue:
    return SessionValue(sid, date.fromisoformat(day), Discipline(disc), kind, value)


def _pooled_weekly(scope: Scope, rows: list[tuple]) -> WeeklySeries:
    """Rows of (week, discipline, sum of values, count) as per-week means, ALL pooled."""
    weeks = scope.weeks()
    at = index_of(weeks)
    keys = scope.keys
    sums, counts = zeros(keys, len(weeks)), int_zeros(keys, len(weeks))
    for w, disc, total, count in rows:
        for key in (disc, ALL):
            sums[key][at[w]] += total
            counts[key][at[w]] += count
    values = {
        k: [s / c if c else None for s, c in zip(sums[k], counts[k], strict=True)] for k in keys
    }
    return WeeklySeries(weeks=weeks, values=values, n=counts)
