"""Seasons: goal events, what they will demand and why they matter, and the phases of a training
cycle toward them. Pure values and arithmetic; no Qt, no database.

`propose_phases` suggests a cycle's phases from the event's date, craft and size; the user changes
any of them, and `phase_problems` checks the result (inside the cycle, in order, no overlap).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cadence.domain.enums import (
    Discipline,
    EventKind,
    EventPriority,
    FocusGauge,
    FocusStatus,
    MotivatorKind,
    PhaseName,
    label,
)

MUSIC_EVENTS = (EventKind.RECITAL, EventKind.AUDITION, EventKind.EXAM, EventKind.CONCERT)
RUNNING_EVENTS = (EventKind.RACE, EventKind.TIME_TRIAL)

# What an event may demand, offered as a start for the list (the user writes any aspect).
DEMAND_ASPECTS: dict[Discipline, tuple[str, ...]] = {
    Discipline.RUNNING: ("Distance", "Terrain", "Climb", "Heat / altitude", "Kit", "Start time"),
    Discipline.MUSIC: (
        "Programme",
        "Instrument / hall",
        "Dress",
        "Audience",
        "Time of day",
    ),
}


@dataclass(frozen=True)
class Demand:
    aspect: str  # "Climb", "Programme"
    text: str  # "400 m over the last 10 km", "1. Bach Partita no. 2 ..."
    rehearse: str = ""  # how to rehearse it: "long runs starting at 8:30", "play it in the dress"


@dataclass(frozen=True)
class Motivator:
    kind: MotivatorKind
    text: str


@dataclass(frozen=True)
class ReadinessItem:
    aspect: str  # one of the event's demands
    rating: int | None  # 1 (not ready) .. 5 (ready)
    note: str = ""


@dataclass(frozen=True)
class Readiness:
    """A check before the event: how ready for each demand, the plan for the day, and whether
    one still wants it, and why (better not to start than to start ambivalent)."""

    checked_on: date
    items: tuple[ReadinessItem, ...] = ()
    plan: str = ""
    still_want: str = ""

    @property
    def mean(self) -> float | None:
        rated = [i.rating for i in self.items if i.rating is not None]
        return sum(rated) / len(rated) if rated else None


@dataclass(frozen=True)
class Debrief:
    """Looking back after the event, without judging: what went well, what to change, what next."""

    written_on: date
    went_well: str = ""
    to_change: str = ""
    next_step: str = ""


@dataclass(frozen=True)
class FocusRating:
    focus_id: int
    title: str  # as it was called that week
    rating: int | None  # 1 (not yet) .. 5 (there)


@dataclass
class ReviewData:
    """A week looked back on."""

    week_start: date
    went_well: str = ""
    learned: str = ""
    next_week: str = ""
    ratings: tuple[FocusRating, ...] = ()
    id: int | None = None


READINESS_DUE_DAYS = 21  # an A event this near without a readiness check: the list says so


@dataclass
class EventData:
    name: str
    kind: EventKind
    day: date
    discipline: Discipline | None = None
    priority: EventPriority | None = EventPriority.B
    distance_m: float | None = None
    target: str = ""
    result: str = ""
    notes: str = ""
    demands: list[Demand] = field(default_factory=list)
    motivators: list[Motivator] = field(default_factory=list)
    cycle_id: int | None = None
    readiness: Readiness | None = None
    debrief: Debrief | None = None
    id: int | None = None


@dataclass(frozen=True)
class PhasePlan:
    name: PhaseName
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# More active focus targets than this and attention spreads thin (a note, never a refusal).
FOCUS_TARGETS_AT_ONCE = 3


@dataclass
class FocusData:
    title: str
    gauge: FocusGauge | None = FocusGauge.INTENTIONS
    measure: str = ""  # how it is seen, in words
    discipline: Discipline | None = None
    status: FocusStatus = FocusStatus.ACTIVE
    cycle_id: int | None = None
    id: int | None = None


@dataclass
class CycleData:
    name: str
    start: date
    end: date
    discipline: Discipline | None = None
    goal: str = ""
    notes: str = ""
    phases: list[PhasePlan] = field(default_factory=list)
    event_id: int | None = None  # the goal event this cycle leads to, if any
    focuses: list[FocusData] = field(default_factory=list)
    id: int | None = None


@dataclass(frozen=True)
class Proposal:
    phases: list[PhasePlan]
    note: str  # what the proposal assumed, or why it is shorter than ideal


def event_discipline(kind: EventKind) -> Discipline | None:
    """The craft an event kind belongs to (None for 'other')."""
    if kind in MUSIC_EVENTS:
        return Discipline.MUSIC
    if kind in RUNNING_EVENTS:
        return Discipline.RUNNING
    return None


# Phase lengths in days, before the event and after it. The lead phase (base, learning) absorbs
# what is left when the event is nearer than the ideal length.
_MARATHON = (
    (PhaseName.BASE, 42),
    (PhaseName.BUILD, 42),
    (PhaseName.PEAK, 21),
    (PhaseName.TAPER, 21),
)
_HALF = ((PhaseName.BASE, 28), (PhaseName.BUILD, 35), (PhaseName.PEAK, 14), (PhaseName.TAPER, 14))
_TEN_K = ((PhaseName.BASE, 28), (PhaseName.BUILD, 28), (PhaseName.PEAK, 14), (PhaseName.TAPER, 7))
_FIVE_K = ((PhaseName.BASE, 21), (PhaseName.BUILD, 21), (PhaseName.PEAK, 14), (PhaseName.TAPER, 7))
_RECITAL = (
    (PhaseName.LEARNING, 35),
    (PhaseName.POLISHING, 28),
    (PhaseName.RUN_THROUGHS, 21),
    (PhaseName.PERFORMANCE, 3),
)
_AUDITION = (
    (PhaseName.LEARNING, 28),
    (PhaseName.POLISHING, 28),
    (PhaseName.RUN_THROUGHS, 14),
    (PhaseName.PERFORMANCE, 3),
)
_CONCERT = (
    (PhaseName.LEARNING, 21),
    (PhaseName.POLISHING, 21),
    (PhaseName.RUN_THROUGHS, 14),
    (PhaseName.PERFORMANCE, 3),
)


def _template(
    kind: EventKind, discipline: Discipline | None, distance_m: float | None
) -> tuple[tuple[tuple[PhaseName, int], ...], tuple[PhaseName, int], str]:
    """(phases before the event, ending on its day; recovery days after; what was assumed)."""
    craft = discipline or event_discipline(kind) or Discipline.RUNNING
    if craft is Discipline.MUSIC:
        if kind in (EventKind.AUDITION, EventKind.EXAM):
            return _AUDITION, (PhaseName.REST, 7), f"{label(kind)}: two weeks of run-throughs"
        if kind is EventKind.CONCERT:
            return _CONCERT, (PhaseName.REST, 5), "Concert: two weeks of run-throughs"
        return _RECITAL, (PhaseName.REST, 7), "Recital: three weeks of run-throughs"
    km = (distance_m or 0) / 1000
    if km >= 30:
        return _MARATHON, (PhaseName.RECOVERY, 14), "Marathon: a three-week taper, 18 weeks in all"
    if km >= 15:
        return _HALF, (PhaseName.RECOVERY, 10), "Half marathon: a two-week taper, 13 weeks in all"
    if 0 < km < 7:
        return _FIVE_K, (PhaseName.RECOVERY, 5), "5 km: a one-week taper, 9 weeks in all"
    if km:
        return _TEN_K, (PhaseName.RECOVERY, 7), "10 km: a one-week taper, 11 weeks in all"
    return (
        _TEN_K,
        (PhaseName.RECOVERY, 7),
        "No distance given: planned like a 10 km race (give the distance for a better fit)",
    )


def propose_phases(
    event_day: date,
    kind: EventKind,
    discipline: Discipline | None = None,
    distance_m: float | None = None,
    today: date | None = None,
) -> Proposal:
    """Phases toward an event: the last one before it ends on the event's day, then recovery or
    rest after it. If the event is nearer than the plan's ideal length, the plan starts today and
    the earliest phases are shortened or left out (the taper or run-throughs are kept whole)."""
    kind = EventKind(kind)
    discipline = Discipline(discipline) if discipline else None
    before, after, assumed = _template(kind, discipline, distance_m)
    phases: list[PhasePlan] = []
    end = event_day
    for name, days in reversed(before):
        phases.insert(0, PhasePlan(name, end - timedelta(days=days - 1), end))
        end -= timedelta(days=days)
    after_name, after_days = after
    phases.append(
        PhasePlan(after_name, event_day + timedelta(days=1), event_day + timedelta(days=after_days))
    )
    note = assumed + "."
    if today is not None and phases[0].start < today:
        kept = []
        for phase in phases:
            if phase.end < today:
                continue
            kept.append(PhasePlan(phase.name, max(phase.start, today), phase.end))
        if kept and kept[0].days < 7 and len(kept) > 1 and kept[0].end < event_day:
            # a lead phase of a few days is no phase: give them to the next one
            kept[1] = PhasePlan(kept[1].name, kept[0].start, kept[1].end)
            kept.pop(0)
        weeks_left = max(0, (event_day - today).days) // 7
        ideal = (event_day - phases[0].start).days // 7
        note += f" Only {weeks_left} weeks to go, so the plan starts today (ideal: {ideal} weeks)."
        phases = kept
    return Proposal(phases, note)


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def phase_problems(start: date, end: date, phases: list[PhasePlan]) -> dict[str, str]:
    """What is wrong with a cycle's dates and phases, keyed like the service's errors
    ('end', 'phases[1]'); empty when all is well."""
    problems: dict[str, str] = {}
    if end < start:
        problems["end"] = (
            f"The cycle ends ({_day(end)}) before it starts ({_day(start)}); "
            "move the end date later."
        )
        return problems
    order = sorted(range(len(phases)), key=lambda i: (phases[i].start, i))
    previous: int | None = None
    for i in order:
        phase = phases[i]
        name = label(phase.name)
        key = f"phases[{i}]"
        if phase.end < phase.start:
            problems[key] = (
                f"{name} ends ({_day(phase.end)}) before it starts ({_day(phase.start)}); "
                "swap or change its dates."
            )
            continue
        if phase.start < start or phase.end > end:
            problems[key] = (
                f"{name} ({_day(phase.start)} – {_day(phase.end)}) lies outside the cycle "
                f"({_day(start)} – {_day(end)}); change its dates or the cycle's."
            )
            continue
        if previous is not None and phase.start <= phases[previous].end:
            other = phases[previous]
            problems[key] = (
                f"{name} starts on {_day(phase.start)}, before {label(other.name)} ends on "
                f"{_day(other.end)}; phases must not overlap — start it on "
                f"{_day(other.end + timedelta(days=1))} or later."
            )
            continue
        previous = i
    return problems


def phase_at(phases: list[PhasePlan], day: date) -> PhasePlan | None:
    return next((p for p in phases if p.start <= day <= p.end), None)
