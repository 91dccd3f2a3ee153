"""An experiment's result: each chosen measure, the usual way against the change.

The measures are Cadence's own, per session: accuracy, focus, RPE and intentions met come from the
same columns `stats/facts.py` computes for Trends; pace is `units.run_pace`. The comparison and its
words are `domain.experiments.compare`. The Experiments view, the reports and
`cadence experiments` all print what `experiment_results` returns.
"""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from cadence.domain.enums import PhaseName, StopReason, label
from cadence.domain.experiments import (
    DESIGN_WORDS,
    MEASURES,
    Comparison,
    ExperimentDesign,
    ExperimentMeasure,
    Side,
    baseline_window,
    compare,
    format_value,
    meanwhile,
    seed_for,
    side_names,
    summary_words,
)
from cadence.domain.titles import day_words
from cadence.domain.units import run_pace
from cadence.services.experiment.experiments import (
    ExperimentData,
    arms_of,
    experiments,
    matching_sessions,
    scope_words,
    session_days,
)
from cadence.services.records.slips import slip_measures
from cadence.services.stats.facts import Facts, ratio_column
from cadence.services.stats.sql import fetch, make_scope
from cadence.store.models import Cycle, CyclePhase
from cadence.store.queries import counted_sql

_STOP_REASONS = {
    ExperimentMeasure.STOPS_PER_HOUR: None,
    ExperimentMeasure.FORM_STOPS_PER_HOUR: StopReason.FORM,
    ExperimentMeasure.PAIN_STOPS_PER_HOUR: StopReason.PAIN,
    ExperimentMeasure.FATIGUE_STOPS_PER_HOUR: StopReason.FATIGUE,
}


_SLIP_MEASURES = (
    ExperimentMeasure.SLIPS,
    ExperimentMeasure.SLIPS_LET_GO,
    ExperimentMeasure.SLIPS_RECOVERED,
)


@dataclass(frozen=True)
class ExperimentResult:
    experiment: ExperimentData
    names: tuple[str, str]  # what the usual side and the change side are called
    n_usual: int
    n_change: int
    comparisons: list[Comparison]
    summary: str
    meanwhile: list[str]
    status: str

    def to_json(self) -> dict:
        e = self.experiment
        return {
            "id": e.id,
            "change": e.change,
            "discipline": e.discipline.value,
            "scope": e.scope.value,
            "scope_value": e.scope_value,
            "design": e.design.value,
            "start_date": e.start_date.isoformat(),
            "end_date": e.end_date.isoformat(),
            "ended_on": None if e.ended_on is None else e.ended_on.isoformat(),
            "conclusion": None if e.conclusion is None else e.conclusion.value,
            "conclusion_note": e.conclusion_note,
            "status": self.status,
            "sides": {"usual": self.names[0], "change": self.names[1]},
            "n_usual": self.n_usual,
            "n_change": self.n_change,
            "measures": [c.to_json() for c in self.comparisons],
            "summary": self.summary,
            "meanwhile": self.meanwhile,
        }


def status_words(e: ExperimentData, today: date) -> str:
    design = DESIGN_WORDS[e.design]
    if e.conclusion is not None:
        verdict = "keep it" if e.conclusion.value == "keep" else "drop it"
        return f"concluded: {verdict}" + (f" ({e.conclusion_note})" if e.conclusion_note else "")
    if today < e.start_date:
        return f"starts on {day_words(e.start_date)} ({design})"
    if e.ended_on is not None and e.ended_on < e.end_date:
        return f"ended early on {day_words(e.ended_on)} ({design}); conclude it"
    if today > e.end_date:
        return f"finished on {day_words(e.end_date)} ({design}); conclude it"
    day = (today - e.start_date).days + 1
    length = (e.end_date - e.start_date).days + 1
    return f"under way: day {day} of {length} ({design})"


def sides(e: ExperimentData) -> tuple[list[int], list[int]]:
    """(usual, change) session ids: a before/after design's baseline is found by date."""
    assert e.id is not None
    arms = arms_of(e.id)
    alive = set(matching_sessions(e, e.start_date, e.last_day))
    change = [s for s, arm in arms.items() if arm.value == "change" and s in alive]
    if e.design == ExperimentDesign.BEFORE_AFTER:
        usual = matching_sessions(e, *baseline_window(e.start_date, e.last_day))
    else:
        usual = [s for s, arm in arms.items() if arm.value == "usual" and s in alive]
    return sorted(usual), sorted(change)


def experiment_result(e: ExperimentData, today: date | None = None) -> ExperimentResult:
    today = today or date.today()
    usual, change = sides(e)
    values = session_values(e, usual + change)
    names = side_names(e.design)
    comparisons = []
    for m in e.measures:
        a = _present(values[m], usual)
        b = _present(values[m], change)
        comparisons.append(compare(m, a, b, seed_for("experiment", e.id, m.value)))
    return ExperimentResult(
        experiment=e,
        names=names,
        n_usual=len(usual),
        n_change=len(change),
        comparisons=comparisons,
        summary=summary_words(comparisons),
        meanwhile=meanwhile(_side(e, usual, True), _side(e, change, False), names),
        status=status_words(e, today),
    )


def experiment_results(today: date | None = None) -> list[ExperimentResult]:
    """Every experiment's result, the latest start first."""
    return [experiment_result(e, today) for e in experiments()]


def _present(values: dict[int, float], ids: list[int]) -> list[float]:
    return [values[i] for i in ids if i in values and not np.isnan(values[i])]


# --- per-session values ---------------------------------------------------------------------------


def session_values(e: ExperimentData, ids: list[int]) -> dict[ExperimentMeasure, dict[int, float]]:
    """measure -> session id -> value (NaN where the session did not record it)."""
    out: dict[ExperimentMeasure, dict[int, float]] = {m: {} for m in e.measures}
    if not ids:
        return out
    days = session_days(ids)
    facts = Facts(make_scope(min(days.values()), max(days.values()), e.discipline))
    s, b, i = facts.sessions, facts.blocks, facts.intentions
    columns = {
        ExperimentMeasure.ACCURACY: ratio_column(b.clean, b.done_clean),
        ExperimentMeasure.FOCUS: s.focus,
        ExperimentMeasure.INTENTIONS: ratio_column(i.achieved_half, i.rated),
        ExperimentMeasure.RPE: s.rpe,
    }
    at = {int(sid): k for k, sid in enumerate(s.ids.tolist())}
    minutes = {sid: float(s.minutes[k]) for sid, k in at.items()}
    for m in e.measures:
        if m in columns:
            col = columns[m]
            out[m] = {sid: float(col[at[sid]]) for sid in ids if sid in at}
        elif m in _STOP_REASONS:
            out[m] = _stops_per_hour(ids, minutes, _STOP_REASONS[m])
        elif m == ExperimentMeasure.CLEAN_TEMPO:
            out[m] = _clean_tempo(e, ids)
        elif m == ExperimentMeasure.PACE:
            out[m] = _pace(ids)
        elif m == ExperimentMeasure.PACE_AT_EFFORT:
            out[m] = _metres_per_beat(ids)
        elif m == ExperimentMeasure.NEXT_DAY_SORENESS:
            out[m] = _next_day_soreness(days)
        elif m == ExperimentMeasure.NEXT_DAY_FOCUS:
            out[m] = _next_day_focus(e, days)
        elif m in _SLIP_MEASURES:
            out[m] = _slips(m, [sid for sid in ids if sid in at])
    return out


def _marks(ids: Sized) -> str:
    return ", ".join(["?"] * len(ids))


def _stops_per_hour(
    ids: list[int], minutes: dict[int, float], reason: StopReason | None
) -> dict[int, float]:
    """Stop-points (of one reason, or all) per hour of the session; NaN for a session of 0 min."""
    where = "" if reason is None else " AND reason = ?"
    params = [*ids] + ([] if reason is None else [reason.value])
    rows = fetch(
        f"SELECT session_id, count(*) FROM stop_point WHERE session_id IN ({_marks(ids)})"
        f"{where} GROUP BY session_id",
        params,
    )
    counts = dict(rows)
    return {
        sid: (counts.get(sid, 0) / (minutes[sid] / 60) if minutes.get(sid) else float("nan"))
        for sid in ids
        if sid in minutes
    }


def _slips(m: ExperimentMeasure, ids: list[int]) -> dict[int, float]:
    """The slip measures, as `services.records.slips.slip_measures` defines them: slips per session
    (every session, 0 without a slip); the share of its answered slips let go; 1 when the session
    recovered from its slips, 0 when it did not. A session that cannot tell is left out."""
    out: dict[int, float] = {}
    for sid, s in slip_measures(ids).items():
        if m == ExperimentMeasure.SLIPS:
            out[sid] = float(s.slips)
        elif m == ExperimentMeasure.SLIPS_LET_GO and s.let_go_share is not None:
            out[sid] = s.let_go_share
        elif m == ExperimentMeasure.SLIPS_RECOVERED and s.session_recovered is not None:
            out[sid] = 1.0 if s.session_recovered else 0.0
    return out


def _clean_tempo(e: ExperimentData, ids: list[int]) -> dict[int, float]:
    """The best clean tempo of the session (the highest BPM reached in a block with clean reps,
    as Trends' tempo progress counts it); of the experiment's passage when it is for one."""
    where, params = "", list(ids)
    if e.scope.value == "passage":
        where, params = " AND passage_id = ?", [*ids, int(e.scope_value)]
    rows = fetch(
        f"SELECT session_id, max(achieved_bpm) FROM block WHERE session_id IN ({_marks(ids)}) "
        f"AND clean_reps > 0 AND achieved_bpm IS NOT NULL{where} GROUP BY session_id",
        params,
    )
    return {sid: float(v) for sid, v in rows}


def _pace(ids: list[int]) -> dict[int, float]:
    """Minutes per km: the one run pace (moving when the moving time is known, else elapsed)."""
    rows = fetch(
        f"SELECT id, duration_s, moving_s, distance_m FROM session WHERE id IN ({_marks(ids)})",
        ids,
    )
    out = {}
    for sid, duration, moving, metres in rows:
        pace, _ = run_pace(duration, moving, metres)
        if pace is not None:
            out[sid] = pace / 60
    return out


def _metres_per_beat(ids: list[int]) -> dict[int, float]:
    """Pace at an effort: metres run per heartbeat, the run pace (as `_pace`) as a speed divided
    by the average heart rate. Higher is faster for the same effort; a run without a distance or
    an average heart rate is left out."""
    rows = fetch(
        f"SELECT id, duration_s, moving_s, distance_m, avg_hr FROM session "
        f"WHERE id IN ({_marks(ids)}) AND avg_hr > 0",
        ids,
    )
    out = {}
    for sid, duration, moving, metres, hr in rows:
        pace, _ = run_pace(duration, moving, metres)
        if pace:
            out[sid] = 60_000 / pace / hr  # metres per minute / beats per minute
    return out


def _next_day_soreness(days: dict[int, date]) -> dict[int, float]:
    """Soreness (1-5) in the next day's entry."""
    wanted = sorted({(d + timedelta(days=1)).isoformat() for d in days.values()})
    rows = fetch(
        f"""SELECT day, soreness FROM day_entry WHERE day IN ({_marks(wanted)})
        AND deleted_at IS NULL AND soreness IS NOT NULL""",
        wanted,
    )
    soreness = {date.fromisoformat(str(d)): v for d, v in rows}
    return {
        sid: float(soreness[d + timedelta(days=1)])
        for sid, d in days.items()
        if d + timedelta(days=1) in soreness
    }


def _next_day_focus(e: ExperimentData, days: dict[int, date]) -> dict[int, float]:
    """The mean focus (1-5) of the craft's sessions the next day."""
    wanted = sorted({(d + timedelta(days=1)).isoformat() for d in days.values()})
    rows = fetch(
        f"""SELECT local_date, avg(focus) FROM session
        WHERE local_date IN ({_marks(wanted)}) AND discipline = ? AND {counted_sql()}
          AND focus IS NOT NULL GROUP BY local_date""",
        [*wanted, e.discipline.value],
    )
    focus = {date.fromisoformat(str(d)): float(v) for d, v in rows}
    return {
        sid: focus[d + timedelta(days=1)]
        for sid, d in days.items()
        if d + timedelta(days=1) in focus
    }


# --- what else changed ----------------------------------------------------------------------------


def _side(e: ExperimentData, ids: list[int], usual: bool) -> Side:
    """The days of one side (a window for before/after, the sessions' days when alternating):
    cycle phases, sleep in the day entries, pain stop-points."""
    if e.design == ExperimentDesign.BEFORE_AFTER:
        first, last = (
            baseline_window(e.start_date, e.last_day) if usual else (e.start_date, e.last_day)
        )
        days = None
    else:
        days = sorted(set(session_days(ids).values()))
        if not days:
            return Side()
        first, last = days[0], days[-1]
    craft = (Cycle.discipline.is_null()) | (Cycle.discipline == e.discipline.value)
    spans = (
        CyclePhase.select(CyclePhase.name, CyclePhase.start_date, CyclePhase.end_date)
        .join(Cycle)
        .where(craft, CyclePhase.start_date <= last, CyclePhase.end_date >= first)
        .order_by(CyclePhase.start_date)
        .tuples()
    )
    phases = [
        label(PhaseName(name)).lower()
        for name, start, end in spans
        if days is None or any(start <= d <= end for d in days)
    ]
    sleep = _day_values(days, first, last, "sleep_h")
    resting = _day_values(days, first, last, "resting_hr")
    pain = (
        fetch(
            f"SELECT count(*) FROM stop_point WHERE session_id IN ({_marks(ids)}) AND reason = ?",
            [*ids, StopReason.PAIN.value],
        )[0][0]
        if ids
        else 0
    )
    return Side(
        phases=tuple(dict.fromkeys(phases)),
        sleep_h=tuple(v for (v,) in sleep),
        resting_hr=tuple(float(v) for (v,) in resting),
        pain_stops=pain,
        sessions=len(ids),
    )


def _day_values(days: list[date] | None, first: date, last: date, column: str) -> list[tuple]:
    """One column of the day entries of a side: a window's days, or the sessions' days."""
    sql = f"SELECT {column} FROM day_entry WHERE deleted_at IS NULL AND {column} IS NOT NULL"
    if days is None:
        return fetch(f"{sql} AND day BETWEEN ? AND ?", [first.isoformat(), last.isoformat()])
    wanted = [d.isoformat() for d in days]
    return fetch(f"{sql} AND day IN ({_marks(wanted)})", wanted)


def measure_label(measure: ExperimentMeasure | str) -> str:
    return MEASURES[ExperimentMeasure(measure)].label


# --- in words and cells: what the view, the reports and `cadence experiments` print -------------


def table_header(result: ExperimentResult) -> list[str]:
    usual, change = result.names
    return [
        "Measure",
        usual.capitalize(),
        change.capitalize(),
        "Difference",
        "90 % interval",
        "Sessions",
        "In words",
    ]


def table_rows(result: ExperimentResult) -> list[list[str]]:
    """One row of text per measure, the same wherever the result is shown."""
    rows = []
    for c in result.comparisons:
        interval = (
            "-"
            if c.low is None
            else f"{format_value(c.measure, c.low, True, False)} to "
            f"{format_value(c.measure, c.high, True)}"
        )
        rows.append(
            [
                measure_label(c.measure),
                format_value(c.measure, c.mean_usual),
                format_value(c.measure, c.mean_change),
                format_value(c.measure, c.difference, True),
                interval,
                f"{c.n_usual} vs {c.n_change}",
                c.words,
            ]
        )
    return rows


def result_text(result: ExperimentResult) -> str:
    """An experiment's result as plain text lines (the command line's output)."""
    e = result.experiment
    lines = [
        f"#{e.id} {e.change}",
        f"   {scope_words(e)}; {day_words(e.start_date)} .. {e.last_day.isoformat()}; {result.status}",
        f"   {result.summary}.",
    ]
    header = table_header(result)
    rows = [header, *table_rows(result)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
        lines.append("   " + "  ".join([*cells, row[-1]]))
    if result.meanwhile:
        lines.append(
            "   Also different meanwhile (a comparison, not a cause): "
            + "; ".join(result.meanwhile)
            + "."
        )
    return "\n".join(lines)
