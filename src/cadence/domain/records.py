"""Plain records that carry a session (and a day entry) between the layers.

Services take and return these; the store maps them to rows. Times are UTC and naive
(`started_at`), dates are the user's local calendar date (`local_date`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from cadence.domain.enums import (
    BodyArea,
    BodySide,
    Discipline,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    Source,
    StopAction,
    StopReason,
)


@dataclass
class BlockData:
    """A unit of work inside a session: a passage, an exercise, a rep set, a lap, a warm-up."""

    label: str = ""
    planned_reps: int | None = None
    done_reps: int | None = None
    clean_reps: int | None = None  # music: repetitions without a slip
    duration_s: float | None = None
    planned_duration_s: float | None = None
    distance_m: float | None = None
    planned_distance_m: float | None = None
    target_bpm: float | None = None
    achieved_bpm: float | None = None  # music: best clean tempo reached in this block
    target_pace_s_per_km: float | None = None
    achieved_pace_s_per_km: float | None = None
    avg_hr: int | None = None
    passage_id: int | None = None
    notes: str = ""


@dataclass
class IntentionData:
    text: str
    focus_id: int | None = None
    outcome: Outcome = Outcome.NOT_RATED


@dataclass
class StopPointData:
    """Where and why a session stopped, or a warning sign that was pushed through.

    `planned_reps`/`planned_s` hold the plan in force at that moment, so the position in the plan
    (rep_index / planned_reps, else elapsed_s / planned_s) can be computed later.
    """

    reason: StopReason
    elapsed_s: float | None = None
    rep_index: int | None = None
    planned_reps: int | None = None
    planned_s: float | None = None
    body_area: BodyArea = BodyArea.NONE
    severity: int = 1
    action: StopAction = StopAction.STOPPED
    note: str = ""
    block_position: int | None = None  # index into SessionData.blocks, if it belongs to one
    side: BodySide = BodySide.NONE  # of body_area: a pianist's left wrist


@dataclass
class SlipData:
    """A slip during a session (a wrong note, a rep run far too fast), logged with one key and
    then let go (or not). `rep_index` is the count of reps when it was logged; `reps_after` and
    `good_after` are the reps counted after it and the good ones among them (domain/slips.py)."""

    elapsed_s: float | None = None
    rep_index: int | None = None
    note: str = ""  # a word, if wanted
    let_go: bool | None = None  # asked in the reflection; None = not answered
    reps_after: int | None = None
    good_after: int | None = None
    block_position: int | None = None  # index into SessionData.blocks, if it belongs to one


@dataclass
class ReflectionData:
    prompt: ReflectionPrompt
    text: str
    share_in_reports: bool = False


@dataclass
class RehearsalData:
    """The session rehearsed this demand of a goal event (its aspect, as the event names it)."""

    event_id: int
    aspect: str


@dataclass
class FocusScoreData:
    """A focus target seen by a 1-5 self-rating, rated in this session's reflection."""

    focus_id: int
    rating: int


@dataclass
class SessionData:
    discipline: Discipline
    kind: SessionKind
    started_at: datetime  # UTC, naive
    local_date: date
    duration_s: float = 0
    id: int | None = None
    status: SessionStatus = SessionStatus.DONE
    title: str = ""
    planned_duration_s: float | None = None
    moving_s: float | None = None
    rpe: int | None = None  # CR10, 0..10
    focus: int | None = None  # 1..5
    mood: int | None = None  # 1..5
    energy: int | None = None  # 1..5
    flow: int | None = None  # 1 = flow .. 5 = stress
    notes: str = ""  # Markdown
    source: Source = Source.MANUAL
    source_ref: str | None = None
    distance_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    elevation_gain_m: float | None = None
    gear_id: int | None = None
    cycle_id: int | None = None
    needs_review: bool = False  # imported: waits in Today's "add intention and reflection" inbox
    blocks: list[BlockData] = field(default_factory=list)
    intentions: list[IntentionData] = field(default_factory=list)
    stop_points: list[StopPointData] = field(default_factory=list)
    reflections: list[ReflectionData] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    slips: list[SlipData] = field(default_factory=list)  # schema v7
    rehearsals: list[RehearsalData] = field(default_factory=list)  # schema v8
    focus_ratings: list[FocusScoreData] = field(default_factory=list)  # schema v8


@dataclass
class DayEntryData:
    day: date
    text: str = ""  # Markdown
    sleep_h: float | None = None
    resting_hr: int | None = None
    soreness: int | None = None  # 1..5
    stress: int | None = None  # 1..5
    mood: int | None = None  # 1..5
    reflections: list[ReflectionData] = field(default_factory=list)
