"""The rows a report lists, read with a handful of SQL queries per discipline: sessions with their
intentions and stop-points, passages with tempo and accuracy, reflections, goal events.

Sessions are counted as the measures count them (`stats.sql.done_sessions`): done, not in the
trash, their local date in the range.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta

from cadence.domain.enums import (
    GAUGE_WORDS,
    Discipline,
    FocusGauge,
    ReflectionPrompt,
    StopAction,
    area_key,
)
from cadence.services.records.slips import slip_measures
from cadence.services.reports.types import (
    CountRow,
    EventItem,
    FocusItem,
    IntentionItem,
    MonthSessions,
    PassageRow,
    ReflectionItem,
    ReviewItem,
    SessionRow,
    StopItem,
)
from cadence.services.stats.sql import Scope, done_sessions, fetch
from cadence.services.stats.types import PassageTempo


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def session_rows(scope: Scope) -> list[SessionRow]:
    """Every counted session of the scope in date order, with intentions and stop-points."""
    where, params = done_sessions(scope)
    sessions = fetch(
        f"""SELECT s.id, s.local_date, s.discipline, s.kind, s.title, s.duration_s,
                   s.distance_m, s.rpe, s.focus, s.moving_s
        FROM session s WHERE {where} ORDER BY s.local_date, s.started_at, s.id""",
        params,
    )
    intentions: dict[int, list[IntentionItem]] = defaultdict(list)
    for sid, text, outcome in fetch(
        f"""SELECT i.session_id, i.text, i.outcome FROM intention i
        JOIN session s ON s.id = i.session_id WHERE {where}
        ORDER BY i.session_id, i.position, i.id""",
        params,
    ):
        intentions[sid].append(IntentionItem(text, outcome))
    stops: dict[int, list[StopItem]] = defaultdict(list)
    for sid, reason, area, action, rep, planned_reps, elapsed, planned_s, note, side in fetch(
        f"""SELECT sp.session_id, sp.reason, sp.body_area, sp.action, sp.rep_index,
                   sp.planned_reps, sp.elapsed_s, sp.planned_s, sp.note, sp.side
        FROM stop_point sp JOIN session s ON s.id = sp.session_id WHERE {where}
        ORDER BY sp.session_id, coalesce(sp.elapsed_s, 0), sp.id""",
        params,
    ):
        stops[sid].append(
            StopItem(reason, area, action, rep, planned_reps, elapsed, planned_s, note, side)
        )
    slips = slip_measures(sid for sid, *_ in sessions)
    return [
        SessionRow(
            id=sid,
            day=_day(day),
            discipline=disc,
            kind=kind,
            title=title or "",
            duration_s=duration or 0.0,
            distance_m=distance or None,
            rpe=rpe,
            focus=focus,
            intentions=intentions.get(sid, []),
            stops=stops.get(sid, []),
            moving_s=moving or None,
            slips=slips[sid],
        )
        for sid, day, disc, kind, title, duration, distance, rpe, focus, moving in sessions
    ]


def by_month(rows: list[SessionRow]) -> list[MonthSessions]:
    """Rows grouped by calendar month, in order (months without sessions are left out)."""
    months: dict[date, list[SessionRow]] = {}
    for row in rows:
        months.setdefault(row.day.replace(day=1), []).append(row)
    return [MonthSessions(month, rows) for month, rows in months.items()]


def stop_counts(rows: list[SessionRow]) -> tuple[list[CountRow], list[CountRow]]:
    """Stop-points by reason and by body area (most frequent first), split by action. A left and
    a right wrist are counted apart (see `area_key`)."""
    reasons: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    areas: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for stop in row.stops:
            pushed = int(stop.action == StopAction.PUSHED_ON.value)
            reasons[stop.reason][pushed] += 1
            if stop.body_area and stop.body_area != "none":
                areas[area_key(stop.body_area, stop.side)][pushed] += 1

    def listed(counts: dict[str, list[int]]) -> list[CountRow]:
        out = [CountRow(name, s + p, s, p) for name, (s, p) in counts.items()]
        return sorted(out, key=lambda c: (-c.total, c.name))

    return listed(reasons), listed(areas)


def passage_rows(scope: Scope, tempo: list[PassageTempo]) -> list[PassageRow]:
    """Passages worked on in the range (blocks linked to them), by piece and bar order.

    Accuracy counts blocks with done reps and a clean count (as the accuracy measure does);
    tempo comes from the tempo-progress measure (best clean BPM per session)."""
    where, params = done_sessions(scope)
    rows = fetch(
        f"""SELECT p.id, pc.title, p.label, p.bars, p.start_bpm, p.target_bpm,
                   count(DISTINCT b.session_id),
                   sum(CASE WHEN b.done_reps IS NOT NULL AND b.clean_reps IS NOT NULL
                       THEN b.done_reps ELSE 0 END),
                   sum(CASE WHEN b.done_reps IS NOT NULL AND b.clean_reps IS NOT NULL
                       THEN b.clean_reps ELSE 0 END)
        FROM block b JOIN session s ON s.id = b.session_id
        JOIN passage p ON p.id = b.passage_id JOIN piece pc ON pc.id = p.piece_id
        WHERE {where} GROUP BY p.id, pc.id ORDER BY pc.title, p.position, p.id""",
        params,
    )
    by_id = {t.passage_id: t for t in tempo}
    out = []
    for pid, piece, passage, bars, start_bpm, target_bpm, sessions, done, clean in rows:
        t = by_id.get(pid)
        best = t.best_bpm if t is not None else []
        out.append(
            PassageRow(
                passage_id=pid,
                piece=piece,
                label=passage,
                bars=bars or "",
                start_bpm=start_bpm,
                target_bpm=target_bpm,
                sessions=sessions,
                first_bpm=best[0] if best else None,
                last_bpm=best[-1] if best else None,
                best_bpm=max(best) if best else None,
                done_reps=int(done or 0),
                clean_reps=int(clean or 0),
            )
        )
    return out


def session_reflections(scope: Scope) -> tuple[list[ReflectionItem], list[ReflectionItem]]:
    """(reflections marked "share in reports", oldest first, without next-time notes;
    next-time notes, shared or not, latest first)."""
    where, params = done_sessions(scope)
    rows = fetch(
        f"""SELECT s.local_date, s.discipline, s.kind, r.prompt, r.text, r.share_in_reports
        FROM reflection r JOIN session s ON s.id = r.session_id
        WHERE {where} AND (r.share_in_reports OR r.prompt = ?) AND trim(r.text) != ''
        ORDER BY s.local_date, s.started_at, s.id, r.position, r.id""",
        [*params, ReflectionPrompt.NEXT_TIME.value],
    )
    shared, next_time = [], []
    for day, disc, kind, prompt, text, share in rows:
        item = ReflectionItem(_day(day), prompt, text, disc, kind)
        if prompt == ReflectionPrompt.NEXT_TIME.value:
            next_time.append(item)
        elif share:
            shared.append(item)
    next_time.reverse()
    return shared, next_time


def day_reflections(start: date, end: date) -> list[ReflectionItem]:
    """Reflections of the day journal (not of a session) marked "share in reports"."""
    rows = fetch(
        """SELECT d.day, r.prompt, r.text FROM reflection r
        JOIN day_entry d ON d.id = r.day_entry_id
        WHERE d.deleted_at IS NULL AND d.day BETWEEN ? AND ? AND r.share_in_reports
              AND trim(r.text) != ''
        ORDER BY d.day, r.position, r.id""",
        [start.isoformat(), end.isoformat()],
    )
    return [ReflectionItem(_day(day), prompt, text, None, "") for day, prompt, text in rows]


def events(start: date, end: date, discipline: Discipline | None) -> list[EventItem]:
    """Goal events (races, recitals) in the range; an event without a discipline serves both."""
    sql = """SELECT name, kind, date, discipline, target, result FROM event
        WHERE date BETWEEN ? AND ? AND deleted_at IS NULL"""
    params: list[object] = [start.isoformat(), end.isoformat()]
    if discipline is not None:
        sql += " AND (discipline IS NULL OR discipline = ?)"
        params.append(discipline.value)
    rows = fetch(sql + " ORDER BY date, id", params)
    return [
        EventItem(name, kind, _day(day), disc, target or "", result or "")
        for name, kind, day, disc, target, result in rows
    ]


def focus_targets(start: date, end: date, discipline: Discipline | None) -> list[FocusItem]:
    """Focus targets held by a cycle that overlaps the range, by cycle and title."""
    sql = """SELECT f.title, f.gauge, f.measure, f.status, c.name FROM focus f
        JOIN cycle c ON c.id = f.cycle_id
        WHERE c.start_date <= ? AND c.end_date >= ?"""
    params: list[object] = [end.isoformat(), start.isoformat()]
    if discipline is not None:
        sql += " AND (f.discipline IS NULL OR f.discipline = ?)"
        params.append(discipline.value)
    rows = fetch(sql + " ORDER BY c.start_date, c.id, f.id", params)
    out = []
    for title, gauge, measure, status, cycle in rows:
        seen = GAUGE_WORDS.get(FocusGauge(gauge), "") if gauge in set(FocusGauge) else ""
        if measure:
            seen = f"{seen}: {measure}" if seen else measure
        out.append(FocusItem(title, seen, status, cycle))
    return out


def weekly_reviews(start: date, end: date) -> list[ReviewItem]:
    """Weekly reviews of weeks that overlap the range, oldest first."""
    rows = fetch(
        """SELECT week_start, went_well, learned, next_week, ratings FROM weekly_review
        WHERE week_start BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY week_start""",
        [(start - timedelta(days=6)).isoformat(), end.isoformat()],
    )
    out = []
    for week_start, went_well, learned, next_week, ratings in rows:
        try:
            rated = json.loads(ratings or "[]")
        except ValueError:
            rated = []
        text = " · ".join(
            f"{r.get('title', '')} {r.get('rating')}"
            for r in rated
            if isinstance(r, dict) and r.get("rating")
        )
        out.append(ReviewItem(_day(week_start), went_well, learned, next_week, text))
    return out
