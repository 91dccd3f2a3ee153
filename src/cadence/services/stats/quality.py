"""How well the work went: completion, intention rate, accuracy and tempo progress.

Public functions take (start, end, discipline, week_start) like the rest of the stats API; the
`*_from(facts)` variants are what `compute_stats` calls, sharing one fetch of the journal.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter

import numpy as np

from cadence.domain.enums import Discipline
from cadence.services.stats.facts import (
    Facts,
    completion_column,
    day_number,
    quotients,
    ratio_column,
    sums,
    sums_and_counts,
)
from cadence.services.stats.sql import fetch, make_scope
from cadence.services.stats.types import PassageTempo, SessionSeries, WeeklySeries


def completion_sessions(
    start: date, end: date, discipline: Discipline | str | None = None
) -> SessionSeries:
    """Completion (done ÷ planned) of each session with a plan, in date order.

    Reps when any block planned reps (sum of done ÷ sum of planned over those blocks; a missing
    done count is 0), else the session's time ÷ its planned time; not capped at 1.
    """
    return completion_sessions_from(Facts(make_scope(start, end, discipline)))


def completion_sessions_from(facts: Facts) -> SessionSeries:
    return _session_series(facts, completion_column(facts.sessions, facts.blocks))


def weekly_completion(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklySeries:
    """Mean session completion per week; n = sessions with a plan."""
    return weekly_completion_from(Facts(make_scope(start, end, discipline, week_start)))


def weekly_completion_from(facts: Facts) -> WeeklySeries:
    s = facts.sessions
    done = completion_column(s, facts.blocks)
    return _weekly(facts, {k: (done, None, s.masks[k]) for k in facts.scope.keys})


def weekly_intention_rate(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklySeries:
    """(achieved + ½·partly) ÷ rated intentions per week, pooled; n = rated intentions."""
    return weekly_intention_rate_from(Facts(make_scope(start, end, discipline, week_start)))


def weekly_intention_rate_from(facts: Facts) -> WeeklySeries:
    s, i = facts.sessions, facts.intentions
    return _weekly(facts, {k: (i.achieved_half, i.rated, s.masks[k]) for k in facts.scope.keys})


def accuracy_sessions(
    start: date, end: date, discipline: Discipline | str | None = None
) -> SessionSeries:
    """Accuracy (clean reps ÷ done reps) of each session that recorded clean reps."""
    return accuracy_sessions_from(Facts(make_scope(start, end, discipline)))


def accuracy_sessions_from(facts: Facts) -> SessionSeries:
    b = facts.blocks
    return _session_series(facts, ratio_column(b.clean, b.done_clean))


def weekly_accuracy(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklySeries:
    """Clean reps ÷ done reps per week, pooled over the week's blocks; n = done reps."""
    return weekly_accuracy_from(Facts(make_scope(start, end, discipline, week_start)))


def weekly_accuracy_from(facts: Facts) -> WeeklySeries:
    s, b = facts.sessions, facts.blocks
    return _weekly(facts, {k: (b.clean, b.done_clean, s.masks[k]) for k in facts.scope.keys})


def tempo_progress(
    start: date, end: date, discipline: Discipline | str | None = None
) -> list[PassageTempo]:
    """Per passage: the best clean BPM of each session against the passage's target."""
    return tempo_progress_from(Facts(make_scope(start, end, discipline)))


def _tempo_rows(where: str, params: list, origin: int) -> list[tuple]:
    """(day, discipline, passage id, label, piece, start BPM, target BPM, session id, best clean
    BPM) per passage and session that `where` picks, passage by passage in date order."""
    return fetch(
        f"""
        SELECT {day_number("s.local_date")} - ?, s.discipline, p.id, p.label, pc.title,
               p.start_bpm, p.target_bpm, s.id, max(b.achieved_bpm)
        FROM block b
        JOIN session s ON s.id = b.session_id
        JOIN passage p ON p.id = b.passage_id
        JOIN piece pc ON pc.id = p.piece_id
        WHERE {where} AND b.clean_reps > 0 AND b.achieved_bpm IS NOT NULL
        GROUP BY p.id, pc.id, s.id
        ORDER BY pc.title, p.position, p.id, s.local_date, s.started_at, s.id
        """,
        [origin, *params],
    )


def tempo_progress_from(facts: Facts) -> list[PassageTempo]:
    rows, shift = facts.day_rows_at(_tempo_rows)  # days counted from `shift`, as kept
    if not rows:
        return []
    # Each column taken once for all rows (thirty years hold 20,000), each passage a slice of
    # them: the rows come passage by passage, so a passage ends where the next row's differs.
    count = len(rows)
    ids = np.fromiter(map(itemgetter(2), rows), dtype=np.int64, count=count)
    ends = [*(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), count]
    ordinals = np.fromiter(map(itemgetter(0), rows), dtype=np.int64, count=count)
    days = _dates(ordinals, facts.scope.start.toordinal() - shift)
    sessions = list(map(itemgetter(7), rows))
    best = list(map(itemgetter(8), rows))
    bpm = np.fromiter(best, dtype=float, count=count)
    passages, first = [], 0
    for last in ends:
        row = rows[first]
        goal = row[6]
        passages.append(
            PassageTempo(
                passage_id=row[2],
                label=row[3],
                piece=row[4],
                start_bpm=row[5],
                target_bpm=goal,
                days=days[first:last],
                session_ids=sessions[first:last],
                best_bpm=best[first:last],
                # each b / goal, as Python divides floats
                fraction_of_target=(bpm[first:last] / goal).tolist()
                if goal
                else [None] * (last - first),
            )
        )
        first = last
    return passages


def _dates(days: np.ndarray, origin: int) -> list[date]:
    """The date of each day number (counted from ordinal `origin`), one date object per day.

    The days lie in the range, so a table over its span says which occur and where each sits
    among them, without sorting the 20,000 rows of thirty years."""
    if not len(days):
        return []
    low = int(days.min())
    present = np.zeros(int(days.max()) - low + 1, dtype=bool)
    present[days - low] = True
    occurring = np.flatnonzero(present)
    which = (np.cumsum(present) - 1)[days - low]
    made = list(map(date.fromordinal, (occurring + (low + origin)).tolist()))
    return list(map(made.__getitem__, which.tolist()))


def _session_series(facts: Facts, values: np.ndarray) -> SessionSeries:
    s = facts.sessions
    index = np.flatnonzero(~np.isnan(values))
    picked = index.tolist()
    return SessionSeries(
        session_ids=s.ids[index].tolist(),
        days=s.dates(facts.scope.start, index),
        disciplines=[s.disciplines[i] for i in picked],
        kinds=[s.kinds[i] for i in picked],
        values=values[index].tolist(),
    )


def _weekly(
    facts: Facts, parts: dict[str, tuple[np.ndarray, np.ndarray | None, np.ndarray]]
) -> WeeklySeries:
    """Per key (numerators, denominators, mask) as weekly pooled ratios.

    Without denominators the ratio is the mean of the numerators over sessions that have one,
    and n counts those sessions; with them, n is the sum of the denominators.
    """
    values: dict[str, list[float | None]] = {}
    n: dict[str, list[int]] = {}
    for key, (num, den, mask) in parts.items():
        if den is None:
            top, sessions = sums_and_counts(facts, "week", num, mask)
            bottom = sessions.astype(float)
        else:
            top, bottom = sums(facts, "week", num, mask), sums(facts, "week", den, mask)
        values[key] = quotients(top, bottom)
        n[key] = _whole(bottom)
    return WeeklySeries(weeks=facts.axis("week").starts, values=values, n=n)


def _whole(numbers: np.ndarray) -> list[int]:
    """Each number as Python's `round` makes it an int (halves to even), for a week's n: numpy
    rounds the same way, the 1,560 weeks of thirty years at once."""
    return np.rint(numbers).astype(np.int64).tolist()
