"""The demo person's world: the calendar (races, recitals, cycles, holidays, illness), the
repertoire with each passage's skill, the runner's fitness and shoes, and each day's state."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from cadence.domain.units import format_duration
from cadence.services.demo import text
from cadence.store.models import (
    Cycle,
    CyclePhase,
    Event,
    Focus,
    Gear,
    Passage,
    Piece,
    Tag,
    Template,
)

if TYPE_CHECKING:
    from cadence.services.demo.generate import Rows

UTC_OFFSET = timedelta(hours=1)  # the demo person lives at UTC+1 all year (no summer time)
FATIGUE_K = 1 - math.exp(-1 / 7)
# race key -> (event name, distance m, weeks of training, taper weeks, longest long run km, month)
# the simulation thinks in running's phases; a music cycle stores music's names for them
MUSIC_PHASES = {
    "base": "learning",
    "build": "polishing",
    "peak": "run_throughs",
    "taper": "performance",
    "recovery": "rest",
}
RACES = {
    "half": ("City Half Marathon", 21_097.5, 14, 2, 20, 4),
    "marathon": ("Autumn Marathon", 42_195.0, 18, 3, 32, 10),
    "10k": ("Riverside 10K", 10_000.0, 10, 1, 16, 10),
}
# race pace as a share of easy pace
RACE_PACE = {5_000: 0.77, 10_000: 0.80, 21_097: 0.845, 42_195: 0.885}


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute)) - UTC_OFFSET


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _near_weekday(day: date, weekday: int) -> date:
    """The date with this weekday nearest to `day` (0 = Monday)."""
    shift = (weekday - day.weekday()) % 7
    return day + timedelta(days=shift if shift <= 3 else shift - 7)


def lower_label(label: str) -> str:
    """'Double-stop theme' -> 'double-stop theme' for use mid-sentence; a key ('C-minor
    episode', 'B-minor section') keeps its capital."""
    first = label.split(" ", 1)[0]
    is_key = first[:1] in "ABCDEFG" and (len(first) == 1 or first[1] == "-")
    return label if is_key else label[:1].lower() + label[1:]


def race_pace(easy_pace: float, distance_m: float) -> float:
    key = min(RACE_PACE, key=lambda d: abs(d - distance_m))
    return easy_pace * RACE_PACE[key]


@dataclass
class DemoPassage:
    id: int
    piece: DemoPiece
    label: str
    first: int
    last: int
    start_bpm: float
    target_bpm: float
    skill: float = 0.0
    last_day: date | None = None

    @property
    def bars(self) -> str:
        return f"{self.first}–{self.last}"

    def level(self) -> float:
        """The clean tempo this passage is at now."""
        return self.start_bpm + (self.target_bpm - self.start_bpm) * self.skill

    def touch(self, day: date) -> None:
        """Forget a little for each day away (relearning is still faster than learning)."""
        if self.last_day is not None:
            self.skill *= 0.9965 ** (day - self.last_day).days
        self.last_day = day


@dataclass
class DemoPiece:
    id: int
    spec: text.PieceSpec
    passages: list[DemoPassage] = field(default_factory=list)


@dataclass
class DemoCycle:
    id: int
    discipline: str
    name: str
    start: date
    event_day: date
    end: date
    phases: list[tuple[str, date, date]]
    event_id: int
    race: str = ""  # key of RACES, for running cycles
    focus: list[tuple[int, str]] = field(default_factory=list)  # (focus id, cue)
    pieces: list[DemoPiece] = field(default_factory=list)

    def phase_at(self, day: date) -> tuple[str, float] | None:
        for name, first, last in self.phases:
            if first <= day <= last:
                return name, (day - first).days / max(1, (last - first).days)
        return None

    def progress(self, day: date) -> float:
        return _clamp((day - self.start).days / max(1, (self.event_day - self.start).days), 0, 1)


@dataclass
class Period:
    """A stretch of repertoire: a recital cycle's programme, or pieces for pleasure between them."""

    start: date
    end: date
    pieces: list[DemoPiece]
    review: list[DemoPiece]
    cycle: DemoCycle | None


@dataclass
class DayState:
    context: str  # "" | "ill" | "holiday" | "event" | "event_eve"
    sleep_h: float
    resting_hr: int
    soreness: int
    stress: int
    mood: int
    readiness: float  # 0..1: how the day is likely to go
    busy: bool
    event_name: str = ""
    event_result: str = ""
    events: list[DemoCycle] = field(default_factory=list)


class World:
    def __init__(self, rng: random.Random, rows: Rows, start: date, end: date) -> None:
        self.rng, self.rows, self.start, self.end = rng, rows, start, end
        self.instrument = rng.choice(("piano", "violin"))
        self.kit = text.INSTRUMENTS[self.instrument]
        self.tags = {name: rows.add(Tag, name=name) for name in text.TAGS}
        for discipline, name, prompts in text.TEMPLATES:
            payload = [{"prompt": p, "text": t} for p, t in prompts]
            rows.add(
                Template,
                discipline=discipline,
                name=name,
                prompts=payload,
                is_default=True,
            )
        self.instrument_gear = rows.add(
            Gear,
            kind="instrument",
            name=self.kit["gear"],
            discipline="music",
            started_on=start - timedelta(days=rng.randint(800, 3000)),
            retired_on=None,
            limit_m=None,
            notes="Tuned twice a year."
            if self.instrument == "piano"
            else "New strings every spring.",
        )
        self.cycles: list[DemoCycle] = []
        self.events: dict[date, list[DemoCycle]] = {}
        self.gaps: dict[date, str] = {}
        self.busy_weeks: set[date] = set()
        self._deck: list[text.PieceSpec] = []
        self._pieces: dict[str, DemoPiece] = {}
        self._plan_cycles()
        self.periods = self._plan_periods()
        self._period_index = 0
        self._plan_gaps()
        self.shoes: dict[int, list[float]] = {}  # gear id -> [km, retire at km]
        self.shoe_count = 0
        self.trainer = self._new_shoe(start, racer=False)
        self.racer = self._new_shoe(start, racer=True)
        self.fatigue = 0.0
        self.yesterday_load = 0.0
        self.hard_run_day: date | None = None
        self.technique = 0.3  # 0..1, rises slowly over the years
        self.best_race: dict[str, float] = {}

    # --- the calendar ------------------------------------------------------------------------

    def _plan_cycles(self) -> None:
        for year in range(self.start.year - 1, self.end.year + 2):
            if year % 2 == 0:
                race, recital_month, recital_day = "half", 12, 6
            else:
                race = "marathon" if year % 4 == 1 else "10k"
                recital_month, recital_day = 6, 14
            name, _, weeks, taper, _, month = RACES[race]
            race_day = _near_weekday(date(year, month, 14), 6)
            self._add_cycle("running", f"{name} {year}", race_day, weeks, taper, 14, name, race)
            recital = _near_weekday(date(year, recital_month, recital_day), 5)
            season = "Summer" if recital_month == 6 else "Winter"
            self._add_cycle(
                "music", f"{season} recital {year}", recital, 14, 1, 7, f"{season} recital", ""
            )
        self.cycles.sort(key=lambda c: c.start)

    def _add_cycle(
        self,
        discipline: str,
        name: str,
        event_day: date,
        weeks: int,
        taper_weeks: int,
        recovery_days: int,
        event_name: str,
        race: str,
    ) -> None:
        start = event_day - timedelta(weeks=weeks) + timedelta(days=1)
        end = event_day + timedelta(days=recovery_days)
        if start > self.end or end < self.start:
            return
        rng = self.rng
        before = weeks - taper_weeks
        base = round(before * 0.45)
        build = round(before * 0.35)
        lengths = (("base", base), ("build", build), ("peak", before - base - build))
        phases: list[tuple[str, date, date]] = []
        cursor = start
        for phase, n in lengths:
            phases.append((phase, cursor, cursor + timedelta(weeks=n, days=-1)))
            cursor += timedelta(weeks=n)
        phases.append(("taper", cursor, event_day))
        phases.append(("recovery", event_day + timedelta(days=1), end))
        if discipline == "running":
            distance = RACES[race][1]
            predicted = distance / 1000 * race_pace(self.easy_pace(start), distance) * 0.97
            target = "under " + format_duration(math.ceil(predicted / 300) * 300)
            goal = f"{event_name} {target}"
        else:
            target = "the whole programme from memory, and enjoy it"
            goal = "Play " + target
        cycle_id = self.rows.add(
            Cycle,
            name=name,
            discipline=discipline,
            start_date=start,
            end_date=end,
            goal=goal,
            notes=rng.choice(
                ("", "Keep the easy days easy.", "Sleep first, then everything else.")
            ),
        )
        stored = MUSIC_PHASES if discipline == "music" else {}
        for phase, first, last in phases:
            name_stored = stored.get(phase, phase)
            self.rows.add(
                CyclePhase, cycle=cycle_id, name=name_stored, start_date=first, end_date=last
            )
        running = discipline == "running"
        demands = text.race_demands(RACES[race][1]) if running else text.RECITAL_DEMANDS
        event_id = self.rows.add(
            Event,
            cycle=cycle_id,
            name=event_name,
            kind="race" if running else "recital",
            discipline=discipline,
            date=event_day,
            target=target,
            result="",
            notes="",
            priority="A",
            distance_m=RACES[race][1] if running else None,
            demands=demands,
            motivators=text.RACE_MOTIVATORS if running else text.RECITAL_MOTIVATORS,
        )
        cycle = DemoCycle(cycle_id, discipline, name, start, event_day, end, phases, event_id, race)
        self._add_focus(cycle)
        if discipline == "music":
            cycle.pieces = self._draw_pieces(rng.randint(2, 3), start)
        self.cycles.append(cycle)
        self.events.setdefault(event_day, []).append(cycle)

    def _add_focus(self, cycle: DemoCycle) -> None:
        rng = self.rng
        bank = text.MUSIC_FOCUS if cycle.discipline == "music" else text.RUN_FOCUS
        chosen: list[tuple[str | None, tuple[str, str, str]]] = [
            (cycle.discipline, spec) for spec in rng.sample(bank, 2)
        ]
        if rng.random() < 0.4:
            chosen.append((None, rng.choice(text.SHARED_FOCUS)))
        finished = cycle.end < self.end
        for discipline, (title, measure, cue) in chosen:
            status = ("achieved" if rng.random() < 0.65 else "dropped") if finished else "active"
            focus_id = self.rows.add(
                Focus,
                discipline=discipline,
                title=title,
                measure=measure,
                status=status,
                started_on=cycle.start,
                ended_on=cycle.end if finished else None,
                created_at=utc(cycle.start, 20, 15),
                cycle=cycle.id,
                gauge="intentions",  # the demo's intentions name their focus target
            )
            cycle.focus.append((focus_id, cue))

    def _draw_pieces(self, n: int, when: date) -> list[DemoPiece]:
        drawn: list[DemoPiece] = []
        while len(drawn) < n:
            if not self._deck:
                self._deck = self.rng.sample(self.kit["pieces"], len(self.kit["pieces"]))
            spec = self._deck.pop()
            if any(p.spec is spec for p in drawn):
                continue
            drawn.append(self._piece(spec, when))
        return drawn

    def _piece(self, spec: text.PieceSpec, when: date) -> DemoPiece:
        if spec.title in self._pieces:
            return self._pieces[spec.title]
        piece_id = self.rows.add(
            Piece,
            title=spec.title,
            composer=spec.composer,
            status="learning",
            notes="",
            created_at=utc(when, 18, 0),
        )
        piece = DemoPiece(piece_id, spec)
        for position, (label, first, last) in enumerate(spec.passages):
            start_bpm = round(spec.target_bpm * self.rng.uniform(0.55, 0.68))
            passage_id = self.rows.add(
                Passage,
                piece=piece_id,
                label=label,
                bars=f"{first}–{last}",
                start_bpm=float(start_bpm),
                target_bpm=float(spec.target_bpm),
                position=position,
            )
            piece.passages.append(
                DemoPassage(passage_id, piece, label, first, last, start_bpm, spec.target_bpm)
            )
        self._pieces[spec.title] = piece
        return piece

    def _plan_periods(self) -> list[Period]:
        periods: list[Period] = []
        cursor = self.start - timedelta(days=60)
        review: list[DemoPiece] = []
        for cycle in (c for c in self.cycles if c.discipline == "music"):
            if cycle.start > cursor:
                free = self._draw_pieces(self.rng.randint(1, 2), cursor)
                periods.append(Period(cursor, cycle.start - timedelta(days=1), free, review, None))
            periods.append(Period(cycle.start, cycle.event_day, cycle.pieces, [], cycle))
            review = cycle.pieces
            cursor = cycle.event_day + timedelta(days=1)
        if cursor <= self.end:
            free = self._draw_pieces(self.rng.randint(1, 2), cursor)
            periods.append(Period(cursor, self.end, free, review, None))
        for period in periods:  # work done before the journal starts
            if period.start < self.start:
                head_start = min(0.6, (self.start - period.start).days / 100)
                for piece in period.pieces:
                    for passage in piece.passages:
                        passage.skill = max(passage.skill, head_start)
        return periods

    def _plan_gaps(self) -> None:
        rng = self.rng
        for year in range(self.start.year, self.end.year + 1):
            spans = [
                (
                    "holiday",
                    date(year, 7, 5) + timedelta(days=rng.randint(0, 30)),
                    rng.randint(9, 16),
                ),
                (
                    "holiday",
                    date(year, 12, 23) + timedelta(days=rng.randint(0, 3)),
                    rng.randint(5, 9),
                ),
            ]
            for _ in range(rng.randint(1, 3)):
                spans.append(
                    (
                        "ill",
                        date(year, 1, 1) + timedelta(days=rng.randint(0, 364)),
                        rng.randint(3, 8),
                    )
                )
            for kind, first, length in spans:
                days = [first + timedelta(days=i) for i in range(length)]
                near_event = any(abs((d - event).days) <= 3 for d in days for event in self.events)
                if near_event:
                    continue
                for d in days:
                    self.gaps.setdefault(d, kind)
            for _ in range(3):
                monday = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                self.busy_weeks.add(monday - timedelta(days=monday.weekday()))

    def cycle_at(self, day: date, discipline: str) -> tuple[DemoCycle, str, float] | None:
        for cycle in self.cycles:
            if cycle.discipline == discipline and cycle.start <= day <= cycle.end:
                found = cycle.phase_at(day)
                if found:
                    return cycle, found[0], found[1]
        return None

    def period(self, day: date) -> Period:
        while self.periods[self._period_index].end < day:
            self._period_index += 1
        return self.periods[self._period_index]

    # --- the runner ----------------------------------------------------------------------------

    def years_in(self, day: date) -> float:
        return (day - self.start).days / 365.25

    def easy_pace(self, day: date) -> float:
        """Seconds per km on an easy day: faster over the years, a little slower in mid-winter."""
        base = 372 - 28 * (1 - math.exp(-max(0.0, self.years_in(day)) / 2.5))
        season = 4 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365.25)
        at = self.cycle_at(day, "running") if self.start <= day <= self.end else None
        bonus = {"build": -3, "peak": -6, "taper": -6, "recovery": 3}.get(at[1], 0) if at else 0
        return base + season + bonus

    def hr_max(self, day: date) -> float:
        return 190 - 0.4 * self.years_in(day)

    def _new_shoe(self, day: date, racer: bool) -> int:
        rng = self.rng
        self.shoe_count += 1
        name = rng.choice(text.RACERS if racer else text.SHOES)
        limit = 450_000.0 if racer else float(rng.choice((700_000, 750_000, 800_000)))
        shoe = self.rows.add(
            Gear,
            kind="shoes",
            name=f"{name} #{self.shoe_count}",
            discipline="running",
            started_on=day,
            retired_on=None,
            limit_m=limit,
            notes="Race shoes: races and some fast sessions." if racer else "",
        )
        self.shoes[shoe] = [0.0, limit / 1000 * rng.uniform(0.9, 1.06), float(racer)]
        return shoe

    def wear(self, shoe: int, km: float, day: date) -> None:
        """Add mileage; a pair past its limit is retired and replaced the same day."""
        state = self.shoes[shoe]
        state[0] += km
        if state[0] < state[1]:
            return
        self.rows.get(Gear, shoe)["retired_on"] = day
        if shoe == self.trainer:
            self.trainer = self._new_shoe(day, racer=False)
        elif shoe == self.racer:
            self.racer = self._new_shoe(day, racer=True)

    # --- each day ------------------------------------------------------------------------------

    def day_state(self, day: date) -> DayState:
        rng = self.rng
        gap = self.gaps.get(day, "")
        events = self.events.get(day, [])
        eve = bool(self.events.get(day + timedelta(days=1)))
        context = "event" if events else gap or ("event_eve" if eve else "")
        weekend = day.weekday() >= 5
        busy = day - timedelta(days=day.weekday()) in self.busy_weeks
        ill = gap == "ill"
        sleep = rng.gauss(7.1, 0.6) + 0.6 * weekend - 0.9 * eve - 0.5 * busy + 1.2 * ill
        sleep = _clamp(round(sleep * 4) / 4, 4.5, 10.0)
        soreness = round(1 + self.yesterday_load / 220 + self.fatigue / 260 + rng.gauss(0, 0.4))
        stress = round(2 + (-0.6 if weekend else 0.6) + 1.3 * busy + 0.8 * eve + rng.gauss(0, 0.6))
        base_hr = 54 - 5 * (1 - math.exp(-self.years_in(day) / 3))
        resting = round(base_hr + self.fatigue / 60 + 7 * ill + rng.gauss(0, 1.3))
        soreness, stress = int(_clamp(soreness, 1, 5)), int(_clamp(stress, 1, 5))
        readiness = (
            0.62
            + 0.09 * (sleep - 7.2)
            - 0.06 * (soreness - 2)
            - 0.05 * (stress - 2.5)
            + rng.gauss(0, 0.09)
            - 0.3 * ill
        )
        readiness = _clamp(readiness, 0.05, 0.98)
        mood = int(_clamp(round(3.2 + 2 * (readiness - 0.6) + rng.gauss(0, 0.6) - ill), 1, 5))
        state = DayState(context, sleep, resting, soreness, stress, mood, readiness, busy)
        if events:
            state.events = events
            state.event_name = " and ".join(
                self.rows.get(Event, c.event_id)["name"] for c in events
            )
        return state

    def slots(self, day: date) -> dict[str, object]:
        """Names for the day's texts: the passage and piece currently on the stand."""
        period = self.period(day)
        piece = period.pieces[0]
        passage = piece.passages[0]
        return {
            "bars": passage.bars,
            "passage": lower_label(passage.label),
            "piece": piece.spec.title,
        }

    def after_day(self, day: date, made: list[dict]) -> None:
        load = sum(
            (s["rpe"] or 0) * s["duration_s"] / 60 for s in made if s["discipline"] == "running"
        )
        self.fatigue += (load - self.fatigue) * FATIGUE_K
        self.yesterday_load = load
        self.technique = min(
            0.95, self.technique + 0.0004 * sum(s["discipline"] == "music" for s in made)
        )

    def finish(self) -> None:
        """Statuses as they stand on the last day: pieces by skill and recency."""
        for piece in self._pieces.values():
            row = self.rows.get(Piece, piece.id)
            days = [p.last_day for p in piece.passages if p.last_day]
            skill = sum(p.skill for p in piece.passages) / len(piece.passages)
            if not days or (self.end - max(days)).days > 180:
                row["status"] = "shelved"
            elif skill > 0.8:
                row["status"] = "ready"
            elif skill > 0.45:
                row["status"] = "polishing"

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)
