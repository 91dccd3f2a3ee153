"""The session being practised on the Today page: its plan, counts and stop-points, and turning it
into one `SessionData` for `journal.save_session`. No Qt here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from cadence.domain.enums import (
    BodyArea,
    BodySide,
    Discipline,
    Outcome,
    SessionKind,
    SessionStatus,
    StopAction,
    StopReason,
)
from cadence.domain.records import (
    BlockData,
    FocusScoreData,
    IntentionData,
    ReflectionData,
    RehearsalData,
    SessionData,
    SlipData,
    StopPointData,
)
from cadence.domain.slips import counts_after
from cadence.domain.units import Units, duration_words, format_distance, pace_text
from cadence.services.records.journal import load_session
from cadence.store.models import utcnow

# Stopping this close to the planned time counts as reaching it: nobody stops a timer to the second.
TIME_TOLERANCE_S = 30.0
# Running past a planned distance by less than this is GPS and route noise, not one more lap.
DISTANCE_TOLERANCE_M = 100.0
_REST_WORDS = ("warm", "rest", "recovery", "cool")  # plan blocks that are not the work itself


# --- the plan --------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the session sets out to do. All optional: a session may have no plan at all."""

    reps: int | None = None
    planned_s: float | None = None
    target_bpm: float | None = None
    target_pace_s_per_km: float | None = None
    planned_distance_m: float | None = None  # running: "10 km" (kept as the block's plan)
    passage_id: int | None = None
    label: str = ""  # "Nocturne op. 9/2 — bars 33-48" or the workout's name
    plan_session_id: int | None = (
        None  # a planned session (e.g. a FIT workout) this run carries out
    )
    blocks: list[BlockData] = field(default_factory=list)  # that plan's blocks

    @property
    def empty(self) -> bool:
        return not (self.reps or self.planned_s)

    def past_distance(self, distance_m: float | None) -> bool:
        """The run went past its planned distance (beyond GPS noise)."""
        return bool(
            self.planned_distance_m
            and distance_m
            and distance_m > self.planned_distance_m + DISTANCE_TOLERANCE_M
        )

    def work_positions(self) -> list[int]:
        """The plan blocks that are the work itself (not warm-up, rest, recovery or cool-down)."""
        return [
            i
            for i, b in enumerate(self.blocks)
            if not b.label.strip().lower().startswith(_REST_WORDS)
        ]

    def step_lines(self, units: Units = Units.KM) -> list[str]:
        """The plan's steps as a person follows them: 'Run: B1 — 500 m · power zone 5'."""
        lines = []
        for block in self.blocks:
            parts = []
            if block.planned_distance_m:
                metres = block.planned_distance_m
                short = metres < 1000 and units == Units.KM
                parts.append(f"{metres:g} m" if short else format_distance(metres, units, 2))
            if block.planned_duration_s:
                parts.append(duration_words(block.planned_duration_s))
            if block.planned_reps:
                parts.append(f"{block.planned_reps} reps")
            if block.target_pace_s_per_km:
                parts.append(f"at {pace_text(block.target_pace_s_per_km, units)} /{units}")
            if block.notes.strip():
                parts.append(block.notes.strip())
            name = block.label.strip() or "Step"
            lines.append(f"{name} — {' · '.join(parts)}" if parts else name)
        return lines

    def current_step(self, reps: int) -> int | None:
        """Which step is being run after `reps` counted work steps: the warm-up before the first,
        then each work step, then what follows the last (the cool-down)."""
        if not self.blocks:
            return None
        work = self.work_positions()
        if not work:
            return 0
        if reps == 0:
            return 0
        if reps >= len(work):
            return min(work[-1] + 1, len(self.blocks) - 1)
        return work[reps]

    def counts_work_blocks(self) -> bool:
        """A plan of several work blocks (intervals): each repetition is one of them."""
        return bool(self.blocks) and len(self.work_positions()) > 1


def plan_from_session(session_id: int) -> Plan:
    """The plan of a planned session (its blocks): reps = work blocks, time = their sum."""
    data = load_session(session_id)
    plan = Plan(label=data.title, plan_session_id=session_id, blocks=list(data.blocks))
    work = plan.work_positions()
    if len(work) > 1:
        plan.reps = len(work)
    # a total only when every step has one: "1 min" for a workout whose warm-up alone is timed
    # would be a plan nobody made
    timed = [b.planned_duration_s for b in data.blocks if b.planned_duration_s]
    whole_time = bool(timed) and len(timed) == len(data.blocks)
    plan.planned_s = data.planned_duration_s or (sum(timed) if whole_time else None)
    measured = [b.planned_distance_m for b in data.blocks if b.planned_distance_m]
    whole_distance = bool(measured) and len(measured) == len(data.blocks)
    plan.planned_distance_m = sum(measured) if whole_distance else None
    plan.target_pace_s_per_km = next(
        (data.blocks[i].target_pace_s_per_km for i in work if data.blocks[i].target_pace_s_per_km),
        None,
    )
    return plan


# --- the session being practised -------------------------------------------------------------------


@dataclass
class Practice:
    """A session from its start to its reflection: the counts, and the stop-points recorded."""

    discipline: Discipline
    kind: SessionKind
    intentions: list[IntentionData]
    plan: Plan = field(default_factory=Plan)
    started_at: datetime | None = None  # UTC, naive
    local_date: date | None = None
    reps: int = 0
    clean: int = 0
    attempts: int = 0  # music: repetitions that were not clean
    counted: list[str] = field(default_factory=list)  # "rep"/"clean"/"attempt", newest last
    stop_points: list[StopPointData] = field(default_factory=list)
    slips: list[SlipData] = field(default_factory=list)  # logged with one key, let go after
    rehearsals: list[RehearsalData] = field(default_factory=list)  # demands of a goal event
    note_uid: str | None = None  # a teacher's note it took up (services/studio/notes.py)

    def count(self, what: str = "rep") -> None:
        if what not in ("rep", "clean", "attempt"):
            raise ValueError(f"Cannot count {what!r}")
        self.reps += 1
        if what == "clean":
            self.clean += 1
        elif what == "attempt":
            self.attempts += 1
        self.counted.append(what)

    def take_back(self) -> bool:
        """Undo the last count (a mis-press); False when there is nothing to take back."""
        if not self.counted:
            return False
        what = self.counted.pop()
        self.reps -= 1
        if what == "clean":
            self.clean -= 1
        elif what == "attempt":
            self.attempts -= 1
        return True

    @property
    def classified(self) -> bool:
        """Music: the person counts clean vs not, so accuracy can be measured."""
        return self.clean + self.attempts > 0

    def is_early(self, elapsed_s: float) -> bool:
        """Stopping now falls short of the plan. Planned reps decide when there are any (they are
        the work); otherwise the planned time does."""
        if self.plan.reps:
            return self.reps < self.plan.reps
        if self.plan.planned_s:
            return elapsed_s < self.plan.planned_s - TIME_TOLERANCE_S
        return False

    def past_plan(self, elapsed_s: float) -> bool:
        if self.plan.reps and self.reps > self.plan.reps:
            return True
        return bool(self.plan.planned_s and elapsed_s > self.plan.planned_s + TIME_TOLERANCE_S)

    def reached_plan(self, elapsed_s: float) -> bool:
        return not self.plan.empty and not self.is_early(elapsed_s)

    @property
    def pushed_on(self) -> bool:
        return any(s.action == StopAction.PUSHED_ON for s in self.stop_points)

    def stop_point(
        self,
        reason: StopReason,
        elapsed_s: float,
        *,
        body_area: BodyArea = BodyArea.NONE,
        side: BodySide = BodySide.NONE,
        severity: int = 1,
        action: StopAction = StopAction.STOPPED,
        note: str = "",
    ) -> StopPointData:
        """Record a stop-point here and now, with the plan in force (for 'where in the plan')."""
        stop = StopPointData(
            reason=reason,
            elapsed_s=round(elapsed_s, 1),
            rep_index=self.reps,
            planned_reps=self.plan.reps,
            planned_s=self.plan.planned_s,
            body_area=body_area,
            side=side,
            severity=severity,
            action=action,
            note=note.strip(),
            block_position=self._block_at(self.reps),
        )
        self.stop_points.append(stop)
        return stop

    def slip(self, elapsed_s: float, note: str = "") -> SlipData:
        """A slip here and now (a wrong note, a rep far too fast), at the reps counted so far."""
        slip = SlipData(
            elapsed_s=round(elapsed_s, 1),
            rep_index=self.reps,
            note=note.strip(),
            block_position=self._block_at(self.reps),
        )
        self.slips.append(slip)
        return slip

    def _block_at(self, rep_index: int) -> int | None:
        if self.plan.counts_work_blocks():
            work = self.plan.work_positions()
            return work[min(rep_index, len(work) - 1)]
        return None if self.plan.blocks else 0

    # --- drafts: plain JSON-able dicts ---

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat() if self.started_at else None
        data["local_date"] = self.local_date.isoformat() if self.local_date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Practice:
        plan_data = dict(data.get("plan") or {})
        plan_data["blocks"] = [BlockData(**b) for b in plan_data.get("blocks", [])]
        return cls(
            discipline=Discipline(data["discipline"]),
            kind=SessionKind(data["kind"]),
            intentions=[
                IntentionData(i["text"], i.get("focus_id"), Outcome(i.get("outcome", "not_rated")))
                for i in data.get("intentions", [])
            ],
            plan=Plan(**plan_data),
            started_at=datetime.fromisoformat(data["started_at"])
            if data.get("started_at")
            else None,
            local_date=date.fromisoformat(data["local_date"]) if data.get("local_date") else None,
            reps=int(data.get("reps", 0)),
            clean=int(data.get("clean", 0)),
            attempts=int(data.get("attempts", 0)),
            counted=list(data.get("counted", [])),
            stop_points=[
                StopPointData(
                    **{
                        **s,
                        "reason": StopReason(s["reason"]),
                        "body_area": BodyArea(s.get("body_area", "none")),
                        "side": BodySide(s.get("side", "none")),
                        "action": StopAction(s.get("action", "stopped")),
                    }
                )
                for s in data.get("stop_points", [])
            ],
            slips=[SlipData(**s) for s in data.get("slips", [])],
            rehearsals=[
                RehearsalData(int(r["event_id"]), str(r["aspect"]))
                for r in data.get("rehearsals", [])
            ],
            note_uid=data.get("note_uid") or None,
        )


@dataclass
class Reflection:
    """What the reflection step adds to a practice before it is saved."""

    duration_s: float
    done_reps: int | None = None
    clean_reps: int | None = None
    achieved_bpm: float | None = None
    achieved_pace_s_per_km: float | None = None
    distance_m: float | None = None
    avg_hr: int | None = None  # running: the average heart rate, from the watch
    rpe: int | None = None
    focus: int | None = None
    mood: int | None = None
    flow: int | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    answers: list[ReflectionData] = field(default_factory=list)
    let_go: list[bool | None] = field(default_factory=list)  # per slip, as answered
    focus_ratings: list[FocusScoreData] = field(default_factory=list)


def build_session(practice: Practice, reflection: Reflection) -> SessionData:
    """One session record: the row, its blocks from the plan, intentions, stop-points, answers."""
    plan = practice.plan
    data = _base_record(practice)
    data.status = SessionStatus.DONE
    data.needs_review = False
    data.discipline, data.kind = practice.discipline, practice.kind
    data.started_at = practice.started_at or data.started_at
    data.local_date = practice.local_date or data.local_date
    data.title = plan.label.strip()
    data.duration_s = reflection.duration_s
    data.planned_duration_s = plan.planned_s
    data.rpe, data.focus, data.mood, data.flow = (
        reflection.rpe,
        reflection.focus,
        reflection.mood,
        reflection.flow,
    )
    running = practice.discipline == Discipline.RUNNING
    data.distance_m = reflection.distance_m if running else None
    data.avg_hr = reflection.avg_hr if running else None
    pace = reflection.achieved_pace_s_per_km
    if running and pace is None and reflection.distance_m and reflection.duration_s:
        pace = round(reflection.duration_s / (reflection.distance_m / 1000), 1)
    done = practice.reps if reflection.done_reps is None else reflection.done_reps
    if plan.blocks:
        data.blocks = _blocks_from_plan(plan, done, pace)
    else:
        data.blocks = [
            BlockData(
                label=plan.label.strip(),
                planned_reps=plan.reps,
                done_reps=done if (done or plan.reps) else None,
                clean_reps=reflection.clean_reps,
                duration_s=reflection.duration_s,
                planned_duration_s=plan.planned_s,
                distance_m=reflection.distance_m if running else None,
                planned_distance_m=plan.planned_distance_m if running else None,
                target_bpm=None if running else plan.target_bpm,
                achieved_bpm=None if running else reflection.achieved_bpm,
                target_pace_s_per_km=plan.target_pace_s_per_km if running else None,
                achieved_pace_s_per_km=pace if running else None,
                passage_id=None if running else plan.passage_id,
            )
        ]
    outcomes = reflection.outcomes + [Outcome.NOT_RATED] * len(practice.intentions)
    data.intentions = [
        IntentionData(i.text.strip(), i.focus_id, outcomes[n])
        for n, i in enumerate(practice.intentions)
    ]
    data.stop_points = [replace(s) for s in practice.stop_points]
    data.reflections = [r for r in reflection.answers if r.text.strip()]
    data.slips = _slips(practice, reflection)
    data.rehearsals = [replace(r) for r in practice.rehearsals]
    data.focus_ratings = [replace(r) for r in reflection.focus_ratings]
    return data


def _slips(practice: Practice, reflection: Reflection) -> list[SlipData]:
    """The slips with what came after each (domain/slips.py) and whether each was let go."""
    after = counts_after([s.rep_index or 0 for s in practice.slips], practice.counted)
    answers = reflection.let_go + [None] * len(practice.slips)
    return [
        replace(s, reps_after=n, good_after=good, let_go=answers[i])
        for i, (s, (n, good)) in enumerate(zip(practice.slips, after, strict=True))
    ]


def _base_record(practice: Practice) -> SessionData:
    """The planned session this practice carries out (kept: its source, so a re-import adds
    nothing), else a new manual session."""
    plan_id = practice.plan.plan_session_id
    if plan_id is not None:
        try:
            return load_session(plan_id)
        except KeyError:
            pass  # the plan was deleted meanwhile: save as a new session
    started = practice.started_at or utcnow()
    return SessionData(
        discipline=practice.discipline,
        kind=practice.kind,
        started_at=started,
        local_date=practice.local_date or date.today(),
    )


def _blocks_from_plan(plan: Plan, done: int, pace: float | None) -> list[BlockData]:
    blocks = [replace(b) for b in plan.blocks]
    if plan.counts_work_blocks():
        work = plan.work_positions()
        for n, i in enumerate(work):
            blocks[i].planned_reps = 1
            blocks[i].done_reps = 1 if n < done else 0
            if blocks[i].done_reps and pace is not None:
                blocks[i].achieved_pace_s_per_km = pace
        if done > len(work):  # more than planned: the extra ones went on after the last
            blocks[work[-1]].done_reps = 1 + done - len(work)
    else:
        work = plan.work_positions()
        if len(work) == 1 and pace is not None:
            blocks[work[0]].achieved_pace_s_per_km = pace
        if done:
            blocks.append(BlockData(label="Repetitions", done_reps=done))
    return blocks
