"""What a printed report holds, as plain frozen dataclasses: the spec a person chose, and the
content built from the journal for it. No Qt and no HTML here (HTML: reports/html.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from cadence.domain.enums import Discipline
from cadence.domain.slips import SessionSlips
from cadence.domain.units import Units
from cadence.services.experiment.experiment_results import ExperimentResult
from cadence.services.stats.lazy import CycleMarks, LazyStats

if TYPE_CHECKING:
    from cadence.services.reports.cycle import CycleReport

# Reports longer than this are refused: a decade fits, a typo such as 1026 for 2026 does not.
MAX_REPORT_DAYS = 366 * 10


class Audience(StrEnum):
    SELF = "self"
    TEACHER = "teacher"  # music
    COACH = "coach"  # running


@dataclass(frozen=True)
class ReportSpec:
    """The range (local dates, inclusive), the discipline (None = both) and who reads it.

    `label` names the range when it is more than two dates (a training cycle's name)."""

    start: date
    end: date
    discipline: Discipline | None = None
    audience: Audience = Audience.SELF
    label: str = ""
    cycle_id: int | None = None  # a training cycle's report: its event, phases, focus targets

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"the report's range ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()}); swap the two dates"
            )
        days = (self.end - self.start).days + 1
        if days > MAX_REPORT_DAYS:
            raise ValueError(
                f"the report's range is {days} days long; choose at most ten years "
                f"(is {self.start.year} or {self.end.year} a typo?)"
            )
        if self.discipline is not None and not isinstance(self.discipline, Discipline):
            object.__setattr__(self, "discipline", Discipline(self.discipline))
        if not isinstance(self.audience, Audience):
            object.__setattr__(self, "audience", Audience(self.audience))

    @property
    def disciplines(self) -> tuple[Discipline, ...]:
        return tuple(Discipline) if self.discipline is None else (self.discipline,)


@dataclass(frozen=True)
class Figure:
    """One headline number under its label: "359" "h", with an optional small note."""

    label: str
    value: str
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class FigureRow:
    key: str  # "music", "running" or "all"
    title: str
    colour: str
    figures: list[Figure]


@dataclass(frozen=True)
class ChartRef:
    """A chart the UI draws as an image and the HTML shows as <img src="chart:NAME">.

    kind: a kind of cadence.ui.charts.images.CHART_KINDS; scope: the key of
    ReportContent.measures it is drawn from ("music", "running" or "all")."""

    name: str
    kind: str
    scope: str
    passage_id: int | None = None
    size: tuple[int, int] = (900, 300)  # pixels of the image
    width: int = 640  # width on paper in CSS pixels (1/96 inch); the height keeps the ratio
    caption: str = ""
    focus_id: int | None = None  # kind "focus_target": the focus target drawn

    @property
    def height(self) -> int:
        return round(self.width * self.size[1] / self.size[0])


@dataclass(frozen=True)
class IntentionItem:
    text: str
    outcome: str  # an Outcome value


@dataclass(frozen=True)
class StopItem:
    reason: str  # a StopReason value
    body_area: str  # a BodyArea value
    action: str  # a StopAction value
    rep_index: int | None
    planned_reps: int | None
    elapsed_s: float | None
    planned_s: float | None
    note: str
    side: str = "none"  # a BodySide value


@dataclass(frozen=True)
class SessionRow:
    id: int
    day: date
    discipline: str
    kind: str
    title: str
    duration_s: float
    distance_m: float | None
    rpe: int | None
    focus: int | None
    intentions: list[IntentionItem]
    stops: list[StopItem]
    moving_s: float | None = None
    slips: SessionSlips | None = None  # schema v7: wrong notes, reps far too fast


@dataclass(frozen=True)
class MonthSessions:
    month: date  # the first day of the month
    rows: list[SessionRow]


@dataclass(frozen=True)
class PassageRow:
    """A passage practised in the range: tempo (best clean BPM per session) and accuracy."""

    passage_id: int
    piece: str
    label: str
    bars: str
    start_bpm: float | None
    target_bpm: float | None
    sessions: int
    first_bpm: float | None  # best clean BPM of its first session in the range
    last_bpm: float | None
    best_bpm: float | None
    done_reps: int
    clean_reps: int

    @property
    def accuracy(self) -> float | None:
        return self.clean_reps / self.done_reps if self.done_reps else None

    @property
    def of_target(self) -> float | None:
        if self.best_bpm is None or not self.target_bpm:
            return None
        return self.best_bpm / self.target_bpm


@dataclass(frozen=True)
class WeekRow:
    """A week of running: what a coach reads first."""

    week: date
    sessions: int
    minutes: float
    distance_km: float
    load: float
    monotony: float | None
    strain: float | None


@dataclass(frozen=True)
class CountRow:
    name: str  # a StopReason value, or a body area's area_key ('wrists:left')
    total: int
    stopped: int
    pushed_on: int


@dataclass(frozen=True)
class StopSummary:
    total: int
    by_reason: list[CountRow]
    by_body_area: list[CountRow]
    insight: str
    slips: str = ""  # the range's slips in one sentence (services/records/slips.py), "" without any


@dataclass(frozen=True)
class ReflectionItem:
    day: date
    prompt: str  # a ReflectionPrompt value
    text: str
    discipline: str | None  # None: from the day's journal
    kind: str  # the session's kind, "" for a day


@dataclass(frozen=True)
class EventItem:
    name: str
    kind: str
    day: date
    discipline: str | None
    target: str
    result: str


@dataclass(frozen=True)
class FocusItem:
    """A focus target held during the range, by its cycle."""

    title: str
    seen: str  # how it is seen: a measure's name, or the user's words
    status: str  # FocusStatus value
    cycle: str


@dataclass(frozen=True)
class ReviewItem:
    """A weekly review in the range (reports for oneself only: reviews are private)."""

    week_start: date
    went_well: str
    learned: str
    next_week: str
    ratings: str  # "Relaxed shoulders 4 · Even semiquavers 3"


@dataclass(frozen=True)
class Section:
    """One discipline's part of the report, under a heading in its colour."""

    discipline: Discipline
    title: str
    colour: str
    charts: list[ChartRef]
    passages: list[PassageRow] | None  # music, for a teacher or oneself
    weeks: list[WeekRow] | None  # running, for a coach or oneself
    months: list[MonthSessions]
    stops: StopSummary
    reflections: list[ReflectionItem]
    next_intentions: list[ReflectionItem]
    earlier_next_intentions: int  # next-time notes older than those listed

    @property
    def session_count(self) -> int:
        return sum(len(m.rows) for m in self.months)


@dataclass(frozen=True)
class ReportContent:
    spec: ReportSpec
    title: str
    person: str  # preferences.name, may be ""
    recipient: str  # the teacher's or coach's name from preferences, "" for oneself
    units: Units
    week_start: int
    created_on: date
    figures: list[FigureRow]
    overview_charts: list[ChartRef]
    events: list[EventItem]
    sections: list[Section]
    day_reflections: list[ReflectionItem]
    measures: dict[str, LazyStats] = field(repr=False, compare=False)
    marks: dict[str, CycleMarks] = field(repr=False, compare=False)
    focus_targets: list[FocusItem] = field(default_factory=list)
    reviews: list[ReviewItem] = field(default_factory=list)
    experiments: list[ExperimentResult] = field(default_factory=list)  # overlapping the range
    cycle: CycleReport | None = None  # a cycle's report (services/reports/cycle.py)

    @property
    def session_count(self) -> int:
        return sum(s.session_count for s in self.sections)

    @property
    def charts(self) -> list[ChartRef]:
        """Every chart the report shows, in order."""
        cycle = self.cycle.charts if self.cycle is not None else []
        return [*self.overview_charts, *cycle, *(c for s in self.sections for c in s.charts)]
