"""What demo sessions of both crafts share: planned segments that become blocks, stop-points that
cluster late in hard sessions, intention outcomes that follow the day and the stops, reflections,
and writing one session with all its rows."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cadence.services.demo import text
from cadence.store.models import (
    Block,
    Intention,
    Reflection,
    Session,
    SessionTag,
    StopPoint,
)

if TYPE_CHECKING:
    from cadence.services.demo.generate import Rows
    from cadence.services.demo.world import DayState, DemoCycle, DemoPassage, World

HARD_REASONS = ("form", "pain", "mind", "frustration")
REASON_WEIGHTS = {
    "music": {"mind": 0.32, "form": 0.28, "frustration": 0.18, "pain": 0.12},
    "running": {"form": 0.4, "pain": 0.32, "mind": 0.13, "frustration": 0.15},
}
RUN_BODY_BY_REASON = {
    "form": ("hips", "back", "breath", "calves", "none"),
    "pain": ("calves", "knees", "hips", "feet", "ankles", "calves"),
    "mind": ("none", "head"),
    "frustration": ("none",),
}


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


@dataclass
class Segment:
    """A planned piece of work; after the stops are applied it carries what was done."""

    label: str
    planned_s: float
    planned_reps: int | None = None
    target_bpm: float | None = None
    passage: DemoPassage | None = None
    planned_m: float | None = None
    target_pace: float | None = None
    is_rep: bool = False  # one interval repetition of a run
    duration_s: float = 0.0
    done_reps: int | None = None
    clean_reps: int | None = None
    achieved_bpm: float | None = None
    distance_m: float | None = None
    achieved_pace: float | None = None
    avg_hr: int | None = None
    notes: str = ""


@dataclass
class Stop:
    reason: str
    fraction: float  # where in the plan, 0..1
    action: str
    body_area: str
    severity: int
    note: str
    elapsed_s: float = 0.0
    rep_index: int | None = None
    planned_reps: int | None = None
    block_position: int | None = None

    @property
    def ends_session(self) -> bool:
        return self.action == "stopped" and self.reason != "planned"


def plan_stops(
    rng: random.Random,
    discipline: str,
    rpe: int,
    readiness: float,
    planned_s: float,
    body_areas: tuple[str, ...],
    time_pressed: bool,
) -> list[Stop]:
    """Zero, one or two stop-points. Hard reasons grow with effort and tiredness and fall late."""
    hard = 0.01 + 0.5 * max(0.0, (rpe - 3) / 7) ** 1.6 + 0.08 * (1 - readiness)
    if planned_s > 75 * 60:
        hard += 0.06
    roll = rng.random()
    if roll < hard:
        weights = REASON_WEIGHTS[discipline]
        reason = rng.choices(list(weights), weights=list(weights.values()))[0]
        fraction = 0.5 + 0.48 * rng.betavariate(3.2, 1.4)
        pushed = rng.random() < (0.15 if reason == "pain" else 0.3)
        stop = _stop(rng, discipline, reason, fraction, pushed, body_areas)
        stops = [stop]
        if not pushed and rng.random() < 0.2:  # the warning sign that came first
            warning = _stop(rng, discipline, reason, fraction * rng.uniform(0.6, 0.9), True, ())
            warning.body_area, warning.severity = stop.body_area, max(1, stop.severity - 1)
            stops.insert(0, warning)
        return stops
    if roll < hard + (0.06 if time_pressed else 0.02):
        return [_stop(rng, discipline, "time", rng.uniform(0.4, 0.92), False, body_areas)]
    if roll < hard + (0.06 if time_pressed else 0.02) + 0.015:
        return [_stop(rng, discipline, "planned", 1.0, False, body_areas)]
    return []


def _stop(
    rng: random.Random,
    discipline: str,
    reason: str,
    fraction: float,
    pushed: bool,
    body_areas: tuple[str, ...],
) -> Stop:
    if reason in ("time", "planned", "frustration"):
        area = "none"
    elif discipline == "running":
        area = rng.choice(RUN_BODY_BY_REASON[reason])
    elif reason == "mind":
        area = rng.choice(("none", "head"))
    else:
        area = rng.choice(body_areas) if body_areas else "none"
    severity = rng.randint(2, 4) if reason == "pain" else rng.randint(1, 3)
    if pushed:
        severity = max(1, severity - 1)
    note = rng.choice(text.PUSHED_ON_NOTES) if pushed else rng.choice(text.STOP_NOTES[reason])
    action = "pushed_on" if pushed else "stopped"
    return Stop(reason, fraction, action, area, severity, note)


def place_and_cut(rng: random.Random, stops: list[Stop], segments: list[Segment]) -> None:
    """Put each stop in a segment (late within it, for the hard reasons), then end the session at
    the stop that ended it: later segments are not done, the one it falls in is done in part."""
    planned_s = sum(s.planned_s for s in segments)
    starts, cursor = [], 0.0
    for seg in segments:
        starts.append(cursor)
        cursor += seg.planned_s
    for stop in stops:
        t = stop.fraction * planned_s
        i = max(j for j, first in enumerate(starts) if first <= min(t, planned_s - 1e-6))
        seg = segments[i]
        if stop.reason in HARD_REASONS:
            within = 0.45 + 0.55 * rng.betavariate(2.5, 1.3)
            t = starts[i] + within * seg.planned_s
        else:
            within = (t - starts[i]) / seg.planned_s if seg.planned_s else 1.0
        stop.elapsed_s = round(t)
        stop.block_position = i if stop.reason != "planned" else None
        if seg.planned_reps and seg.planned_reps >= 3 and stop.reason != "planned":
            stop.rep_index = min(seg.planned_reps, int(within * seg.planned_reps))
            stop.planned_reps = seg.planned_reps
    cut = next((s for s in stops if s.ends_session), None)
    for stop in stops:  # a warning pushed through comes before the stop that ended the session
        if cut is not None and stop is not cut and stop.elapsed_s > cut.elapsed_s:
            first = starts[cut.block_position or 0]
            stop.elapsed_s = round(first + (cut.elapsed_s - first) * 0.8)
            stop.block_position = cut.block_position
            stop.rep_index = None if cut.rep_index is None else max(0, cut.rep_index - 1)
            stop.planned_reps = cut.planned_reps
    for i, seg in enumerate(segments):
        end = starts[i] + seg.planned_s
        if cut is None or end <= cut.elapsed_s:
            seg.duration_s = seg.planned_s
            seg.done_reps = seg.planned_reps
        elif starts[i] >= cut.elapsed_s:
            seg.duration_s = 0.0
            seg.done_reps = 0 if seg.planned_reps is not None else None
        else:
            seg.duration_s = cut.elapsed_s - starts[i]
            if seg.planned_reps is not None:
                seg.done_reps = cut.rep_index if cut.block_position == i else 0
    for seg in segments:
        if seg.planned_m is not None and seg.planned_s:
            seg.distance_m = round(seg.planned_m * seg.duration_s / seg.planned_s, 1)


def outcome(rng: random.Random, readiness: float, quality: float, stops: list[Stop]) -> str:
    """Intentions are met on good days, less often when the session ended on a hard stop."""
    if rng.random() < 0.07:
        return "not_rated"
    score = readiness + quality + rng.gauss(0, 0.12)
    for stop in stops:
        if stop.ends_session and stop.reason in HARD_REASONS:
            score -= 0.3
        elif stop.action == "pushed_on":
            score -= 0.12
        elif stop.reason == "time":
            score -= 0.1
    if score >= 0.62:
        return "achieved"
    return "partly" if score >= 0.4 else "missed"


def binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(rng.random() < p for _ in range(n))


def choose_reflections(
    rng: random.Random, bank: dict[str, tuple[str, ...]], slots: dict, went: str, share_p: float
) -> list[tuple[str, str, bool]]:
    """One to three reflections; a hard session draws more 'let go' and 'to improve'."""
    odds = {"went_well": 0.7, "let_go": 0.3, "to_improve": 0.3, "next_time": 0.4, "free": 0.1}
    if went in ("missed", "partly"):
        odds.update(went_well=0.35, let_go=0.55, to_improve=0.5)
    chosen = [(p, rng.choice(bank[p]).format(**slots)) for p in odds if rng.random() < odds[p]]
    return [(p, body, rng.random() < share_p) for p, body in chosen[:3]]


class SessionWriter:
    """Turns a finished plan into rows: the session, its blocks, stop-points, intentions,
    reflections and tags."""

    def __init__(self, rng: random.Random, rows: Rows, world: World) -> None:
        self.rng, self.rows, self.world = rng, rows, world

    def write(
        self,
        *,
        discipline: str,
        kind: str,
        started_at: datetime,
        local_date: date,
        segments: list[Segment],
        stops: list[Stop],
        intentions: list[tuple[str, int | None, str]],
        reflections: list[tuple[str, str, bool]],
        tags: list[str],
        extra_s: float = 0.0,
        deleted: bool = False,
        **fields: object,
    ) -> dict:
        """Writes the rows; `extra_s` is time outside the blocks (rests, jogs between reps)."""
        rng = self.rng
        planned_s = sum(s.planned_s for s in segments)
        duration = sum(s.duration_s for s in segments) + extra_s
        duration = max(duration, *(s.elapsed_s for s in stops), 60.0)
        created = started_at + timedelta(seconds=round(duration) + rng.randint(300, 2400))
        at = self.world.cycle_at(local_date, discipline)
        values = {
            "discipline": discipline,
            "kind": kind,
            "status": "done",
            "started_at": started_at,
            "local_date": local_date,
            "duration_s": float(round(duration)),
            "planned_duration_s": float(round(planned_s + extra_s)),
            "source": "demo",
            "source_ref": None,
            "cycle": at[0].id if at else None,
            "needs_review": False,
            "created_at": created,
            "updated_at": created,
            "deleted_at": created + timedelta(minutes=2) if deleted else None,
            "notes": "",
        }
        values.update(fields)
        session = self.rows.add(Session, **values)
        row = self.rows.get(Session, session)
        block_ids = [self._block(session, i, seg) for i, seg in enumerate(segments)]
        for stop in stops:
            self.rows.add(
                StopPoint,
                session=session,
                block=block_ids[stop.block_position] if stop.block_position is not None else None,
                elapsed_s=float(stop.elapsed_s),
                rep_index=stop.rep_index,
                planned_reps=stop.planned_reps,
                planned_s=float(round(planned_s)),
                reason=stop.reason,
                body_area=stop.body_area,
                severity=stop.severity,
                action=stop.action,
                note=stop.note,
            )
        for position, (body, focus, result) in enumerate(intentions):
            self.rows.add(
                Intention,
                session=session,
                position=position,
                text=body[:1].upper() + body[1:],
                focus=focus,
                outcome=result,
            )
        for position, (prompt, body, share) in enumerate(reflections):
            self.rows.add(
                Reflection,
                session=session,
                day_entry=None,
                position=position,
                prompt=prompt,
                text=body,
                share_in_reports=share,
            )
        for tag in dict.fromkeys(tags):
            self.rows.add(SessionTag, session=session, tag=self.world.tags[tag])
        return row

    def _block(self, session: int, position: int, seg: Segment) -> int:
        return self.rows.add(
            Block,
            session=session,
            position=position,
            label=seg.label,
            passage=seg.passage.id if seg.passage else None,
            planned_reps=seg.planned_reps,
            done_reps=seg.done_reps,
            clean_reps=seg.clean_reps,
            duration_s=float(round(seg.duration_s)),
            planned_duration_s=float(round(seg.planned_s)),
            distance_m=seg.distance_m,
            planned_distance_m=seg.planned_m,
            target_bpm=seg.target_bpm,
            achieved_bpm=seg.achieved_bpm,
            target_pace_s_per_km=seg.target_pace,
            achieved_pace_s_per_km=seg.achieved_pace,
            avg_hr=seg.avg_hr,
            notes=seg.notes,
        )


class CraftMaker:
    """What the musician's and the runner's days start from: the seed's generator, the rows, the
    world and a writer for the sessions; the craft's phase of its training cycle on a day, and
    its goal event (recital or race) on the day, if any."""

    discipline: str  # "music" or "running"

    def __init__(self, rng: random.Random, rows: Rows, world: World) -> None:
        self.rng, self.rows, self.world = rng, rows, world
        self.writer = SessionWriter(rng, rows, world)

    def cycle_at(self, day: date) -> tuple[DemoCycle, str, float] | None:
        """The craft's cycle on `day`, its phase and how far into it (None between cycles)."""
        return self.world.cycle_at(day, self.discipline)

    def phase(self, day: date) -> str:
        """The phase of the craft's cycle on `day` ("base", "build" …), or "off" between cycles."""
        at = self.cycle_at(day)
        return at[1] if at else "off"

    def goal_event(self, state: DayState) -> DemoCycle | None:
        """The cycle whose goal event of this craft is on the day."""
        return next((c for c in state.events if c.discipline == self.discipline), None)
