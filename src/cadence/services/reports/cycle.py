"""The cycle report: what a training cycle held, for oneself, a teacher or a coach — its goal
event and what it demands, the phases with the load and minutes of each, the focus targets with
their progress, the demands rehearsed, the readiness check and the debrief. Weekly reviews come
from the report itself (for oneself only). Built without Qt; reports/cycle_html.py writes it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from cadence.domain.enums import GAUGE_WORDS, FocusGauge
from cadence.domain.measures import session_load
from cadence.domain.seasons import Debrief, Demand, Motivator, PhasePlan, Readiness
from cadence.domain.units import Units, metres_per, pace_clock
from cadence.services.records.preferences import load_preferences
from cadence.services.reports.types import Audience, ChartRef
from cadence.services.season.focus_progress import MeasureSeries, focus_timeline
from cadence.services.season.rehearsals import DemandRehearsed, rehearsed
from cadence.services.season.seasons import load_cycle, load_event
from cadence.store.models import Session
from cadence.store.queries import counted_session


@dataclass(frozen=True)
class PhaseRow:
    name: str  # PhaseName value
    start: date
    end: date
    sessions: int
    minutes: float
    load: float  # Foster's session-RPE load (RPE × minutes) of the sessions with an RPE
    unrated: int  # sessions without an RPE, so without a load


@dataclass(frozen=True)
class FocusRow:
    title: str
    seen: str
    status: str  # FocusStatus value
    sessions: int  # that worked on it
    progress: str  # in words: "rated 2 → 4 (9 times)", "met 64% of 24 intentions"
    chart: ChartRef


@dataclass(frozen=True)
class CycleReport:
    name: str
    start: date
    end: date
    goal: str
    event: str = ""  # its goal event's name, "" for a cycle without one
    event_day: date | None = None
    event_kind: str = ""
    priority: str = ""
    target: str = ""
    result: str = ""
    demands: list[Demand] = field(default_factory=list)
    motivators: list[Motivator] = field(default_factory=list)  # for oneself only
    phases: list[PhaseRow] = field(default_factory=list)
    focus: list[FocusRow] = field(default_factory=list)
    rehearsed: list[DemandRehearsed] = field(default_factory=list)
    readiness: Readiness | None = None
    debrief: Debrief | None = None

    @property
    def charts(self) -> list[ChartRef]:
        return [f.chart for f in self.focus]


def _phase_row(phase: PhasePlan, discipline: str | None) -> PhaseRow:
    query = Session.select(Session.rpe, Session.duration_s).where(
        Session.local_date.between(phase.start, phase.end) & counted_session()
    )
    if discipline:
        query = query.where(Session.discipline == discipline)
    sessions = minutes = load = unrated = 0
    for rpe, seconds in query.tuples():
        sessions += 1
        minutes += (seconds or 0) / 60
        if rpe is None:
            unrated += 1
        else:
            load += session_load(rpe, (seconds or 0) / 60)
    return PhaseRow(str(phase.name), phase.start, phase.end, sessions, minutes, load, unrated)


def _measured_words(series: MeasureSeries, units: Units) -> str:
    first, last, n = series.values[0], series.values[-1], len(series.values)
    times = "1 session" if n == 1 else f"{n} sessions"
    if series.gauge == FocusGauge.ACCURACY:
        return f"accuracy {first:.0%} → {last:.0%} ({times})"
    if series.gauge == FocusGauge.TEMPO:
        target = f", target {series.target:.0f}" if series.target is not None else ""
        return f"{series.label}: best clean {first:.0f} → {last:.0f} BPM ({times}{target})"
    per = metres_per(units) / 1000
    runs = "1 run" if n == 1 else f"{n} runs"
    return f"pace {pace_clock(first * per)} → {pace_clock(last * per)} /{units} ({runs})"


def _progress(gauge: FocusGauge | None, timeline, units: Units = Units.KM) -> str:
    if gauge == FocusGauge.RATING:
        rated = [s.rating for s in timeline.sessions if s.rating is not None]
        weekly = [r for _, r in timeline.weekly]
        parts = []
        if rated:
            times = "once" if len(rated) == 1 else f"{len(rated)} times"
            parts.append(f"rated {rated[0]} → {rated[-1]} after sessions ({times})")
        if weekly:
            parts.append(f"{weekly[0]} → {weekly[-1]} in weekly reviews")
        return "; ".join(parts) or "not rated yet"
    if gauge == FocusGauge.FOCUS_RATING:
        rated = [s.focus for s in timeline.sessions if s.focus is not None]
        if not rated:
            return "no focus ratings yet"
        return f"focus {rated[0]} → {rated[-1]} ({len(rated)} sessions)"
    if timeline.measured:
        return _measured_words(timeline.measured[0], units)
    served = [o for s in timeline.sessions for _, o in s.intentions]
    weeks = timeline.met_by_week()
    if not weeks:
        return f"{len(served)} intentions, none rated yet" if served else "no intentions yet"
    rated = sum(n for _, _, n in weeks)
    achieved = sum(r * n for _, r, n in weeks)
    return f"met {achieved / rated:.0%} of {rated} rated intentions"


def cycle_report(cycle_id: int, audience: Audience) -> CycleReport:
    cycle = load_cycle(cycle_id)
    units = load_preferences().units
    discipline = str(cycle.discipline) if cycle.discipline else None
    phases = [_phase_row(p, discipline) for p in cycle.phases]
    focus = []
    for f in cycle.focuses:
        if f.id is None:  # a loaded cycle's targets are saved; an unsaved one has no sessions
            continue
        timeline = focus_timeline(f.id)
        seen = GAUGE_WORDS.get(f.gauge, "") if f.gauge else ""
        if f.measure:
            seen = f"{seen}: {f.measure}" if seen else f.measure
        chart = ChartRef(
            f"focus-{f.id}",
            "focus_target",
            "all",
            focus_id=f.id,
            size=(900, 260),
            caption=f.title,
        )
        focus.append(
            FocusRow(
                f.title,
                seen,
                str(f.status),
                len(timeline.sessions),
                _progress(f.gauge, timeline, units),
                chart,
            )
        )
    report = CycleReport(cycle.name, cycle.start, cycle.end, cycle.goal, phases=phases, focus=focus)
    if cycle.event_id is None:
        return report
    event = load_event(cycle.event_id)
    return CycleReport(
        cycle.name,
        cycle.start,
        cycle.end,
        cycle.goal,
        event=event.name,
        event_day=event.day,
        event_kind=str(event.kind),
        priority=str(event.priority or ""),
        target=event.target,
        result=event.result,
        demands=event.demands,
        motivators=event.motivators if audience == Audience.SELF else [],
        phases=phases,
        focus=focus,
        rehearsed=rehearsed(event),
        # whether one still wants it is, like the reasons, for oneself
        readiness=event.readiness
        if audience == Audience.SELF or event.readiness is None
        else replace(event.readiness, still_want=""),
        debrief=event.debrief,
    )


__all__ = ["CycleReport", "FocusRow", "PhaseRow", "cycle_report"]
