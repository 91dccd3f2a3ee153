"""The journal's tables. Music and running share one `Session` model; what differs lives in a few
typed columns (distance, heart rate, gear) rather than in parallel schemas. See docs/model.md."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from cadence.domain.enums import (
    BodyArea,
    BodySide,
    Discipline,
    EventKind,
    EventPriority,
    FocusGauge,
    FocusStatus,
    GearKind,
    Outcome,
    PhaseName,
    PieceStatus,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    Source,
    StopAction,
    StopReason,
)
from cadence.domain.experiments import (
    ExperimentArm,
    ExperimentConclusion,
    ExperimentDesign,
    ExperimentScope,
)
from cadence.domain.notes import NoteKind
from cadence.store.connections import database  # the one proxy; see connections.py
from cadence.store.fields import EnumField, JSONField

if TYPE_CHECKING:
    from peewee import SchemaManager


def utcnow() -> datetime:
    """Naive UTC now: every timestamp in the journal is naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


class BaseModel(Model):
    if TYPE_CHECKING:
        # For the type checker only: peewee gives every model without a primary key of its own an
        # `id` AutoField, and a row also carries `<foreign key>_id` and the aliases it was
        # selected with as attributes.
        id: AutoField
        # the schema manager (create and drop a table, its indexes) peewee gives every model
        _schema: ClassVar[SchemaManager]

        def __getattr__(self, name: str) -> Any: ...

        # a query that peewee's untyped builders leave looking like a row is still iterated
        def __iter__(self) -> Iterator[Any]: ...

    class Meta:
        database = database
        legacy_table_names = False


class Tag(BaseModel):
    name = CharField(unique=True)


class Cycle(BaseModel):
    """A training block toward a goal event, with phases."""

    name = CharField()
    discipline = EnumField(Discipline, null=True)
    start_date = DateField()
    end_date = DateField()
    goal = TextField(default="")
    notes = TextField(default="")


class Focus(BaseModel):
    """A deliberate-practice target held across sessions (2-3 per cycle)."""

    discipline = EnumField(Discipline, null=True)  # None = both
    title = CharField()
    measure = TextField(default="")  # how it is seen, in words
    status = EnumField(FocusStatus, default=FocusStatus.ACTIVE)
    started_on = DateField(null=True)
    ended_on = DateField(null=True)
    created_at = DateTimeField(default=utcnow)
    # schema v4
    cycle = ForeignKeyField(Cycle, backref="focuses", null=True, on_delete="SET NULL")
    gauge = EnumField(FocusGauge, null=True)  # the measure of Cadence's that shows it


class CyclePhase(BaseModel):
    cycle = ForeignKeyField(Cycle, backref="phases", on_delete="CASCADE")
    name = EnumField(PhaseName)
    start_date = DateField()
    end_date = DateField()


class Event(BaseModel):
    """A goal event: race, recital, audition."""

    cycle = ForeignKeyField(Cycle, backref="events", null=True, on_delete="SET NULL")
    name = CharField()
    kind = EnumField(EventKind)
    discipline = EnumField(Discipline, null=True)
    date = DateField(index=True)
    target = TextField(default="")
    result = TextField(default="")
    notes = TextField(default="")
    # schema v4
    priority = EnumField(EventPriority, null=True)  # A, B or C
    distance_m = FloatField(null=True)  # a race's distance, for proposing a cycle's phases
    demands = JSONField(default=list)  # [{"aspect": "Climb", "text": "400 m"}, ...]
    motivators = JSONField(default=list)  # [{"kind": "intrinsic", "text": "..."}, ...]
    readiness = JSONField(default=dict)  # the check before it (domain.seasons.Readiness)
    debrief = JSONField(default=dict)  # looking back after it (domain.seasons.Debrief)
    deleted_at = DateTimeField(null=True)  # in the trash


class Piece(BaseModel):
    title = CharField()
    composer = CharField(default="")
    status = EnumField(PieceStatus, default=PieceStatus.LEARNING)
    notes = TextField(default="")
    created_at = DateTimeField(default=utcnow)


class Passage(BaseModel):
    """A bar range of a piece, with a start and a target tempo."""

    piece = ForeignKeyField(Piece, backref="passages", on_delete="CASCADE")
    label = CharField()
    bars = CharField(default="")
    start_bpm = FloatField(null=True)
    target_bpm = FloatField(null=True)
    position = IntegerField(default=0)


class Gear(BaseModel):
    kind = EnumField(GearKind)
    name = CharField()
    discipline = EnumField(Discipline, null=True)
    started_on = DateField(null=True)
    retired_on = DateField(null=True)
    limit_m = FloatField(null=True)  # shoes: retire after this distance
    notes = TextField(default="")


class Template(BaseModel):
    """Intention and reflection prompts per discipline; `prompts` is a JSON list of {prompt, text}."""

    discipline = EnumField(Discipline)
    name = CharField()
    prompts = JSONField(default=list, ensure_ascii=True)
    is_default = BooleanField(default=False)


class Session(BaseModel):
    id = AutoField()
    discipline = EnumField(Discipline)
    kind = EnumField(SessionKind)
    status = EnumField(SessionStatus, default=SessionStatus.DONE)
    title = CharField(default="")
    started_at = DateTimeField()  # UTC, naive
    local_date = DateField()
    duration_s = FloatField(default=0)
    planned_duration_s = FloatField(null=True)
    moving_s = FloatField(null=True)
    rpe = IntegerField(null=True)
    focus = IntegerField(null=True)
    mood = IntegerField(null=True)
    energy = IntegerField(null=True)
    flow = IntegerField(null=True)
    notes = TextField(default="")
    source = EnumField(Source, default=Source.MANUAL)
    source_ref = CharField(null=True)
    distance_m = FloatField(null=True)
    avg_hr = IntegerField(null=True)
    max_hr = IntegerField(null=True)
    elevation_gain_m = FloatField(null=True)
    gear = ForeignKeyField(Gear, backref="sessions", null=True, on_delete="SET NULL")
    cycle = ForeignKeyField(Cycle, backref="sessions", null=True, on_delete="SET NULL")
    needs_review = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)  # indexed below, partially: almost every row is NULL

    class Meta:
        indexes = (
            (("discipline", "local_date"), False),
            (("local_date",), False),
            (("source", "source_ref"), True),
        )


# Partial indexes (schema v3): a full index on a column that is NULL in nearly every row misleads
# SQLite's planner into walking the whole table through it; these cover only the rows they serve.
Session.add_index(
    Session.index(
        Session.deleted_at, name="session_deleted_at", where=Session.deleted_at.is_null(False)
    )
)
# Imported sessions waiting for an intention and a reflection (Today's inbox). Queries use this
# very expression so that SQLite can use the partial index below.
SESSION_IN_INBOX = (Session.needs_review == True) & Session.deleted_at.is_null()  # noqa: E712
Session.add_index(Session.index(Session.started_at, name="session_inbox", where=SESSION_IN_INBOX))
# Sessions that are not done (plans waiting to be run; schema v9): a few among thousands, found
# down this index by Today's planned runs and skipped by the repertoire, instead of a walk over
# every session. The condition is SQL text written as the queries write it (NOT_DONE_SQL), so
# that SQLite's planner matches it; it is valid on PostgreSQL too.
NOT_DONE_SQL = "status <> 'done'"
Session.add_index(
    Session.index(Session.local_date, name="session_not_done", where=SQL(NOT_DONE_SQL))
)


class SessionTag(BaseModel):
    session = ForeignKeyField(Session, backref="session_tags", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="session_tags", on_delete="CASCADE")

    class Meta:
        indexes = ((("session", "tag"), True),)


class Block(BaseModel):
    session = ForeignKeyField(Session, backref="blocks", on_delete="CASCADE")
    position = IntegerField(default=0)
    label = CharField(default="")
    passage = ForeignKeyField(Passage, backref="blocks", null=True, on_delete="SET NULL")
    planned_reps = IntegerField(null=True)
    done_reps = IntegerField(null=True)
    clean_reps = IntegerField(null=True)
    duration_s = FloatField(null=True)
    planned_duration_s = FloatField(null=True)
    distance_m = FloatField(null=True)
    planned_distance_m = FloatField(null=True)
    target_bpm = FloatField(null=True)
    achieved_bpm = FloatField(null=True)
    target_pace_s_per_km = FloatField(null=True)
    achieved_pace_s_per_km = FloatField(null=True)
    avg_hr = IntegerField(null=True)
    notes = TextField(default="")


# Blocks that reached a clean tempo (schema v9), by passage and tempo: a passage's best clean
# tempo is the top of its range, its tempo history a short walk, and the repertoire's count of
# clean blocks a pass over this small index rather than over every block. Queries say
# CLEAN_BLOCK_SQL (with their own table alias) so that SQLite's planner matches it.
CLEAN_BLOCK_SQL = "clean_reps > 0"
Block.add_index(
    Block.index(
        Block.passage,
        Block.achieved_bpm,
        Block.session,
        name="block_clean_tempo",
        where=SQL(CLEAN_BLOCK_SQL),
    )
)


class Intention(BaseModel):
    session = ForeignKeyField(Session, backref="intentions", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()
    focus = ForeignKeyField(Focus, backref="intentions", null=True, on_delete="SET NULL")
    outcome = EnumField(Outcome, default=Outcome.NOT_RATED)


class StopPoint(BaseModel):
    session = ForeignKeyField(Session, backref="stop_points", on_delete="CASCADE")
    block = ForeignKeyField(Block, backref="stop_points", null=True, on_delete="SET NULL")
    elapsed_s = FloatField(null=True)
    rep_index = IntegerField(null=True)
    planned_reps = IntegerField(null=True)
    planned_s = FloatField(null=True)
    reason = EnumField(StopReason, index=True)
    body_area = EnumField(BodyArea, default=BodyArea.NONE)
    severity = IntegerField(default=1)
    action = EnumField(StopAction, default=StopAction.STOPPED)
    note = TextField(default="")
    # the side of body_area (schema v5); a default in SQL too, for the rows of older journals
    side = EnumField(BodySide, default=BodySide.NONE, constraints=[SQL("DEFAULT 'none'")])


class DayEntry(BaseModel):
    """The day's journal, also on rest days. One live entry per day; trashed ones may pile up."""

    day = DateField(index=True)
    text = TextField(default="")
    sleep_h = FloatField(null=True)
    resting_hr = IntegerField(null=True)
    soreness = IntegerField(null=True)
    stress = IntegerField(null=True)
    mood = IntegerField(null=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)


class Reflection(BaseModel):
    """An answer to a prompt, after a session or at the end of a day."""

    session = ForeignKeyField(Session, backref="reflections", null=True, on_delete="CASCADE")
    day_entry = ForeignKeyField(DayEntry, backref="reflections", null=True, on_delete="CASCADE")
    position = IntegerField(default=0)
    prompt = EnumField(ReflectionPrompt)
    text = TextField()
    share_in_reports = BooleanField(default=False)


DayEntry.add_index(DayEntry.index(DayEntry.day, unique=True, where=DayEntry.deleted_at.is_null()))


# --- schema version 2 ---------------------------------------------------------------------------


class Preference(BaseModel):
    """The journal's own preferences (name, units, week start), so headless reports use them too.
    Window state lives in QSettings, apart from these."""

    key = CharField(primary_key=True)
    value = JSONField(ensure_ascii=True)


class Draft(BaseModel):
    """Text being typed, saved every few seconds so that a crash loses nothing."""

    key = CharField(primary_key=True)
    payload = JSONField(dump_default=str)  # dates and the like as their str()
    updated_at = DateTimeField(default=utcnow)


# --- schema version 4 ---------------------------------------------------------------------------


class WeeklyReview(BaseModel):
    """Looking back on a week: what went well, what was learned, what next week is for, and a
    1-5 rating of each focus target held that week."""

    week_start = DateField()  # the first day of the week, as Preferences set it; one live each
    went_well = TextField(default="")
    learned = TextField(default="")
    next_week = TextField(default="")
    ratings = JSONField(default=list)  # [{"focus_id": 3, "title": "...", "rating": 4}, ...]
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)  # in the trash (schema v8)


# One live review a week (schema v8; a full unique index before): trashed ones may wait beside it.
WeeklyReview.add_index(
    WeeklyReview.index(
        WeeklyReview.week_start, unique=True, where=WeeklyReview.deleted_at.is_null()
    )
)


class Track(BaseModel):
    """An imported run's kept track points, one row per session: whole-number channels, delta-
    encoded and compressed (domain/track.py), a few kB per hour of running instead of a row a
    point. Deleted with its session."""

    session = ForeignKeyField(Session, backref="track", unique=True, on_delete="CASCADE")
    points = IntegerField()
    data = BlobField()


# --- schema version 6 ---------------------------------------------------------------------------


class Experiment(BaseModel):
    """One change tried on purpose, and the measures that should tell whether it helps
    (docs/experiments.md). Scope, measures and design are checked by
    services/experiment/experiments.py."""

    change = TextField()  # the change, in words
    discipline = EnumField(Discipline)  # the craft it applies to
    scope = EnumField(ExperimentScope, default=ExperimentScope.ALL)  # kind, passage, workout
    scope_value = CharField(default="")  # the kind's value, the passage id or the workout's title
    measures = JSONField(default=list, ensure_ascii=True)  # ExperimentMeasure values
    design = EnumField(ExperimentDesign)  # before_after, alternate_days, alternate_sessions
    start_date = DateField()
    end_date = DateField()  # as planned
    ended_on = DateField(null=True)  # ended early
    conclusion = EnumField(ExperimentConclusion, null=True)  # keep or drop
    conclusion_note = TextField(default="")
    created_at = DateTimeField(default=utcnow)


class ExperimentSession(BaseModel):
    """Which arm of an experiment a session was in: a link table, so a session may serve two
    experiments (one for music, one for running) and an experiment's end keeps its sessions."""

    experiment = ForeignKeyField(Experiment, backref="sessions", on_delete="CASCADE")
    session = ForeignKeyField(Session, backref="experiment_arms", on_delete="CASCADE")
    arm = EnumField(ExperimentArm)  # change or usual

    class Meta:
        indexes = ((("experiment", "session"), True),)


# --- schema version 7 ---------------------------------------------------------------------------


class Slip(BaseModel):
    """A slip during a session (a wrong note, a rep run far too fast), and whether it was let go.
    `reps_after`/`good_after`: the reps counted after it and the good ones (domain/slips.py)."""

    session = ForeignKeyField(Session, backref="slips", on_delete="CASCADE")
    block = ForeignKeyField(Block, backref="slips", null=True, on_delete="SET NULL")
    elapsed_s = FloatField(null=True)
    rep_index = IntegerField(null=True)
    note = TextField(default="")
    let_go = BooleanField(null=True)
    reps_after = IntegerField(null=True)
    good_after = IntegerField(null=True)


# --- schema version 8 ---------------------------------------------------------------------------


class SessionDemand(BaseModel):
    """A session that rehearsed one of a goal event's demands, named by its aspect ("Climb",
    "Programme in order") as the event lists it."""

    session = ForeignKeyField(Session, backref="rehearsals", on_delete="CASCADE")
    event = ForeignKeyField(Event, backref="rehearsals", on_delete="CASCADE")
    aspect = CharField()

    class Meta:
        indexes = ((("session", "event", "aspect"), True), (("event",), False))


class SessionFocusRating(BaseModel):
    """A focus target seen by a 1-5 self-rating, rated in a session's reflection."""

    session = ForeignKeyField(Session, backref="focus_ratings", on_delete="CASCADE")
    focus = ForeignKeyField(Focus, backref="session_ratings", on_delete="CASCADE")
    rating = IntegerField()  # 1..5

    class Meta:
        indexes = ((("session", "focus"), True), (("focus",), False))


# --- schema version 10 --------------------------------------------------------------------------


class StudioNote(BaseModel):
    """A teacher's or coach's note or assignment for a student of theirs, on a studio's server
    (the table stays empty in a personal journal). The row is its writer's; the student reads it
    and writes their side of it in a NoteAnswer row of their own (store/studio_note_policies.py)."""

    uid = CharField(unique=True)  # names the note across exports and servers: answers point here
    student = CharField()  # the student's login role
    kind = EnumField(NoteKind, default=NoteKind.NOTE)
    text = TextField()
    discipline = EnumField(Discipline, null=True)  # None: either
    passage = CharField(default="")  # in words ("bars 33-48"): the student's pieces are theirs
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    withdrawn_at = DateTimeField(null=True)  # taken back by its writer


class NoteAnswer(BaseModel):
    """A student's side of a note: the session that took it up, their answer, whether it is
    done. It keeps the note's words, so a student who leaves a studio takes what they were asked
    along with what they answered."""

    note_uid = CharField(unique=True)  # StudioNote.uid (not a foreign key: the note is another's)
    teacher = CharField()  # who wrote the note
    note_kind = EnumField(NoteKind, default=NoteKind.NOTE)
    note_text = TextField()
    session = ForeignKeyField(Session, backref="note_answers", null=True, on_delete="SET NULL")
    answer = TextField(default="")
    done = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Tag,
    Cycle,
    Focus,
    CyclePhase,
    Event,
    Piece,
    Passage,
    Gear,
    Template,
    Session,
    SessionTag,
    Block,
    Intention,
    StopPoint,
    DayEntry,
    Reflection,
    Preference,
    Draft,
    WeeklyReview,
    Track,
    Experiment,
    ExperimentSession,
    Slip,
    SessionDemand,
    SessionFocusRating,
    StudioNote,
    NoteAnswer,
)
