"""The vocabulary of the journal. Values are stored as these plain strings in the database."""

from __future__ import annotations

from enum import StrEnum


class Discipline(StrEnum):
    MUSIC = "music"
    RUNNING = "running"


class SessionKind(StrEnum):
    # music
    PRACTICE = "practice"
    LESSON = "lesson"
    REHEARSAL = "rehearsal"
    PERFORMANCE = "performance"
    OFF_INSTRUMENT = "off_instrument"
    # running
    EASY = "easy"
    LONG = "long"
    TEMPO = "tempo"
    INTERVALS = "intervals"
    RACE = "race"
    RECOVERY = "recovery"
    STRENGTH = "strength_mobility"


KINDS_BY_DISCIPLINE: dict[Discipline, tuple[SessionKind, ...]] = {
    Discipline.MUSIC: (
        SessionKind.PRACTICE,
        SessionKind.LESSON,
        SessionKind.REHEARSAL,
        SessionKind.PERFORMANCE,
        SessionKind.OFF_INSTRUMENT,
    ),
    Discipline.RUNNING: (
        SessionKind.EASY,
        SessionKind.LONG,
        SessionKind.TEMPO,
        SessionKind.INTERVALS,
        SessionKind.RACE,
        SessionKind.RECOVERY,
        SessionKind.STRENGTH,
    ),
}


class SessionStatus(StrEnum):
    PLANNED = "planned"  # a plan (e.g. a FIT workout) not yet started
    DONE = "done"


class StopReason(StrEnum):
    """Why a session stopped early, or what warning sign was pushed through. Shared by both crafts."""

    FORM = "form"  # form or technique breaking down
    PAIN = "pain"  # strain or pain
    FATIGUE = "fatigue"  # tired: the whole body or mind, not one place
    MIND = "mind"  # mind wandering, focus gone
    FRUSTRATION = "frustration"
    TIME = "time"
    PLANNED = "planned"  # a planned end
    OTHER = "other"


class BodyArea(StrEnum):
    NONE = "none"
    HANDS = "hands"
    WRISTS = "wrists"
    ARMS = "arms"
    SHOULDERS = "shoulders"
    NECK = "neck"
    BACK = "back"
    EMBOUCHURE = "embouchure"
    VOICE = "voice"
    HIPS = "hips"
    KNEES = "knees"
    CALVES = "calves"
    ANKLES = "ankles"
    FEET = "feet"
    BREATH = "breath"
    HEAD = "head"
    OTHER = "other"


class BodySide(StrEnum):
    """Which side a body area was felt on: a pianist's left wrist, a runner's right knee."""

    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class StopAction(StrEnum):
    STOPPED = "stopped"
    PUSHED_ON = "pushed_on"


class Outcome(StrEnum):
    ACHIEVED = "achieved"
    PARTLY = "partly"
    MISSED = "missed"
    NOT_RATED = "not_rated"


class ReflectionPrompt(StrEnum):
    WENT_WELL = "went_well"
    LET_GO = "let_go"  # the wrong notes let go
    TO_IMPROVE = "to_improve"
    NEXT_TIME = "next_time"
    FREE = "free"


class FocusStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class FocusGauge(StrEnum):
    """The measure of Cadence's that shows how a focus target is going."""

    INTENTIONS = "intentions"  # intentions serving it met, rated in each reflection
    RATING = "rating"  # the user's own 1-5 rating after each session and in each weekly review
    FOCUS_RATING = "focus_rating"  # the 1-5 focus rating asked in each reflection
    ACCURACY = "accuracy"  # clean / done reps (music)
    TEMPO = "tempo"  # best clean tempo toward the target (music)
    COMPLETION = "completion"  # done / planned
    STOPS = "stops"  # stop-points per week
    EFFORT = "effort"  # RPE
    PACE = "pace"  # running
    CONSISTENCY = "consistency"  # days practised per week


GAUGE_WORDS: dict[FocusGauge, str] = {
    FocusGauge.INTENTIONS: "Intentions serving it met",
    FocusGauge.RATING: "Your 1-5 rating, after sessions and each week",
    FocusGauge.FOCUS_RATING: "Focus rating, 1-5",
    FocusGauge.ACCURACY: "Accuracy: clean ÷ done reps",
    FocusGauge.TEMPO: "Best clean tempo toward the target",
    FocusGauge.COMPLETION: "Completion: done ÷ planned",
    FocusGauge.STOPS: "Stop-points per week",
    FocusGauge.EFFORT: "Effort (RPE)",
    FocusGauge.PACE: "Pace",
    FocusGauge.CONSISTENCY: "Days practised per week",
}


class PhaseName(StrEnum):
    # running
    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"
    RECOVERY = "recovery"
    # music
    LEARNING = "learning"
    POLISHING = "polishing"
    RUN_THROUGHS = "run_throughs"
    PERFORMANCE = "performance"
    REST = "rest"


PHASES_BY_DISCIPLINE: dict[Discipline, tuple[PhaseName, ...]] = {
    Discipline.RUNNING: (
        PhaseName.BASE,
        PhaseName.BUILD,
        PhaseName.PEAK,
        PhaseName.TAPER,
        PhaseName.RECOVERY,
    ),
    Discipline.MUSIC: (
        PhaseName.LEARNING,
        PhaseName.POLISHING,
        PhaseName.RUN_THROUGHS,
        PhaseName.PERFORMANCE,
        PhaseName.REST,
    ),
}


class EventKind(StrEnum):
    RACE = "race"
    RECITAL = "recital"
    AUDITION = "audition"
    EXAM = "exam"
    CONCERT = "concert"
    TIME_TRIAL = "time_trial"
    OTHER = "other"


class EventPriority(StrEnum):
    """A: the goal of the season; B: an important one; C: a step on the way."""

    A = "A"
    B = "B"
    C = "C"


class MotivatorKind(StrEnum):
    INTRINSIC = "intrinsic"  # for its own sake: joy, curiosity, mastery
    EXTRINSIC = "extrinsic"  # from outside: a qualifying time, an audience, a grade


class PieceStatus(StrEnum):
    LEARNING = "learning"
    POLISHING = "polishing"
    PERFORMANCE_READY = "ready"
    SHELVED = "shelved"


class GearKind(StrEnum):
    SHOES = "shoes"
    INSTRUMENT = "instrument"
    OTHER = "other"


class Source(StrEnum):
    MANUAL = "manual"
    DEMO = "demo"
    GPX = "gpx"
    TCX = "tcx"
    FIT = "fit"
    STRAVA = "strava"
    CSV = "csv"


def where_felt(area: object, side: object = "none") -> str:
    """'Wrists (left)', 'Knees', or '' for no body area: how a stop-point's place in the body is
    written. The side is only said when one was recorded."""
    if not area or str(area) == BodyArea.NONE:
        return ""
    try:
        text = label(BodyArea(str(area)))
    except ValueError:  # an area this version does not know reads as it is
        text = str(area)
    return f"{text} ({side})" if side and str(side) != BodySide.NONE else text


def area_key(area: object, side: object = "none") -> str:
    """How stop-points are counted by body area: 'wrists', or 'wrists:left' when a side was
    recorded, so that a left and a right wrist are counted apart."""
    return f"{area}:{side}" if side and str(side) != BodySide.NONE else str(area)


def area_key_label(key: str) -> str:
    """'Wrists (left)' for the key 'wrists:left' (an unknown area reads as it is)."""
    area, _, side = key.partition(":")
    try:
        return where_felt(area, side or "none")
    except ValueError:
        return key


_LABELS = {
    "strength_mobility": "Strength & mobility",
    "off_instrument": "Off the instrument",
    "fatigue": "Tired / fatigue",
}


def label(value: str) -> str:
    """A readable English label for an enum value or its string ("pushed_on" -> "Pushed on")."""
    if str(value) in _LABELS:
        return _LABELS[str(value)]
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
