"""Creating, editing, trashing and restoring sessions with everything they hold.

A session is saved whole: the row and its blocks, intentions, stop-points, reflections and tags in
one transaction, after validation. Deletion moves to the trash (deleted_at); nothing is lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from peewee import DoesNotExist

from cadence.domain.enums import (
    KINDS_BY_DISCIPLINE,
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
from cadence.domain.limits import (
    MAX_BPM,
    MAX_HR,
    MAX_INTENTIONS,
    MAX_PACE_S_PER_KM,
    MAX_REPS,
    MAX_RUN_DISTANCE_M,
    MAX_SESSION_S,
    MIN_BPM,
    MIN_HR,
    MIN_PACE_S_PER_KM,
)
from cadence.domain.records import (
    BlockData,
    IntentionData,
    ReflectionData,
    SessionData,
    StopPointData,
)
from cadence.services.changes import Changes
from cadence.services.experiment.experiments import tag_session
from cadence.services.records.record_rows import record_columns
from cadence.services.records.slips import (
    delete_slips,
    insert_slips,
    slips_by_session,
    validate_slips,
)
from cadence.services.season.session_links import (
    attach_links,
    delete_links,
    insert_links,
    validate_links,
)
from cadence.services.validation import Checker, ValidationError
from cadence.store.models import (
    SESSION_IN_INBOX,
    Block,
    Focus,
    Gear,
    Intention,
    Passage,
    Reflection,
    Session,
    SessionTag,
    StopPoint,
    Tag,
    database,
    utcnow,
)
from cadence.store.queries import in_trash

_SESSION_COLUMNS = record_columns(SessionData, Session)
_BLOCK_COLUMNS = record_columns(BlockData, Block)
_STOP_COLUMNS = record_columns(StopPointData, StopPoint)


def _enum(check: Checker, enum: type[Enum], value: object, field: str, what: str) -> None:
    try:
        enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        check.fail(field, f"{what} {value!r} is unknown; choose one of: {allowed}")


def validate_session(data: SessionData) -> None:
    """Raise ValidationError naming every field at fault."""
    c = Checker()
    _enum(c, Discipline, data.discipline, "discipline", "Discipline")
    if "discipline" not in c.errors:
        kinds = KINDS_BY_DISCIPLINE[Discipline(data.discipline)]
        if data.kind not in kinds:
            c.fail(
                "kind",
                f"{data.kind!r} is not a kind of {data.discipline} session; choose one of: "
                + ", ".join(k.value for k in kinds),
            )
    _enum(c, SessionStatus, data.status, "status", "Status")
    _enum(c, Source, data.source, "source", "Source")
    c.require(isinstance(data.started_at, datetime), "started_at", "The start time is missing")
    c.require(isinstance(data.local_date, date), "local_date", "The date is missing")
    if isinstance(data.started_at, datetime) and isinstance(data.local_date, date):
        gap = abs((data.started_at.date() - data.local_date).days)
        c.require(gap <= 1, "local_date", "The date and the start time are more than a day apart")
        if data.status == SessionStatus.DONE:
            c.require(
                data.started_at <= utcnow() + timedelta(days=1),
                "started_at",
                "A session already done cannot start in the future; plan it instead",
            )
    c.in_range(data.duration_s, 0, MAX_SESSION_S, "duration_s", "The duration (seconds)")
    c.in_range(data.planned_duration_s, 0, MAX_SESSION_S, "planned_duration_s", "The planned time")
    c.in_range(data.moving_s, 0, MAX_SESSION_S, "moving_s", "The moving time")
    if isinstance(data.moving_s, int | float) and isinstance(data.duration_s, int | float):
        c.require(
            data.moving_s <= data.duration_s + 1,
            "moving_s",
            "The moving time cannot be longer than the whole session",
        )
    c.in_range(data.rpe, 0, 10, "rpe", "RPE (effort, 0-10)")
    for name, what in (
        ("focus", "Focus"),
        ("mood", "Mood"),
        ("energy", "Energy"),
        ("flow", "Flow"),
    ):
        c.in_range(getattr(data, name), 1, 5, name, f"{what} (1-5)")
    for name in ("rpe", "focus", "mood", "energy", "flow"):
        value = getattr(data, name)
        if isinstance(value, float) and not value.is_integer():
            c.fail(name, f"{name} must be a whole number")
    if data.discipline == Discipline.MUSIC:
        c.require(data.distance_m in (None, 0), "distance_m", "A music session has no distance")
    c.in_range(data.distance_m, 0, MAX_RUN_DISTANCE_M, "distance_m", "The distance (metres)")
    c.in_range(data.avg_hr, MIN_HR, MAX_HR, "avg_hr", "Average heart rate")
    c.in_range(data.max_hr, MIN_HR, MAX_HR, "max_hr", "Maximum heart rate")
    if isinstance(data.avg_hr, int) and isinstance(data.max_hr, int):
        c.require(
            data.avg_hr <= data.max_hr, "avg_hr", "The average heart rate is above the maximum"
        )
    c.in_range(data.elevation_gain_m, 0, 20_000, "elevation_gain_m", "Elevation gain (metres)")
    if data.gear_id is not None:
        c.require(
            Gear.get_or_none(id=data.gear_id) is not None, "gear_id", "That gear does not exist"
        )
    c.require(
        len(data.intentions) <= MAX_INTENTIONS,
        "intentions",
        f"Keep to {MAX_INTENTIONS} intentions or fewer: a session with one clear aim goes further",
    )
    for i, intention in enumerate(data.intentions):
        _validate_intention(c, intention, f"intentions[{i}]")
    for i, block in enumerate(data.blocks):
        _validate_block(c, block, f"blocks[{i}]")
    for i, stop in enumerate(data.stop_points):
        _validate_stop(c, stop, data, f"stop_points[{i}]")
    for i, reflection in enumerate(data.reflections):
        _enum(c, ReflectionPrompt, reflection.prompt, f"reflections[{i}].prompt", "Prompt")
    validate_slips(c, data)
    validate_links(c, data)
    c.done()


def _validate_intention(c: Checker, intention: IntentionData, at: str) -> None:
    c.require(bool(intention.text and intention.text.strip()), f"{at}.text", "Write the intention")
    _enum(c, Outcome, intention.outcome, f"{at}.outcome", "Outcome")
    if intention.focus_id is not None:
        c.require(
            Focus.get_or_none(id=intention.focus_id) is not None,
            f"{at}.focus_id",
            "That focus target does not exist",
        )


def _validate_block(c: Checker, block: BlockData, at: str) -> None:
    for name in ("planned_reps", "done_reps", "clean_reps"):
        c.in_range(getattr(block, name), 0, MAX_REPS, f"{at}.{name}", "Repetitions")
    if isinstance(block.clean_reps, int) and isinstance(block.done_reps, int):
        c.require(
            block.clean_reps <= block.done_reps,
            f"{at}.clean_reps",
            "There cannot be more clean repetitions than repetitions done",
        )
    for name in ("duration_s", "planned_duration_s"):
        c.in_range(getattr(block, name), 0, MAX_SESSION_S, f"{at}.{name}", "A block's time")
    for name in ("distance_m", "planned_distance_m"):
        c.in_range(getattr(block, name), 0, MAX_RUN_DISTANCE_M, f"{at}.{name}", "A distance")
    for name in ("target_bpm", "achieved_bpm"):
        c.in_range(getattr(block, name), MIN_BPM, MAX_BPM, f"{at}.{name}", "A tempo (BPM)")
    for name in ("target_pace_s_per_km", "achieved_pace_s_per_km"):
        c.in_range(
            getattr(block, name),
            MIN_PACE_S_PER_KM,
            MAX_PACE_S_PER_KM,
            f"{at}.{name}",
            "A pace (seconds per km)",
        )
    c.in_range(block.avg_hr, MIN_HR, MAX_HR, f"{at}.avg_hr", "Heart rate")
    if block.passage_id is not None:
        c.require(
            Passage.get_or_none(id=block.passage_id) is not None,
            f"{at}.passage_id",
            "That passage does not exist",
        )


def _validate_stop(c: Checker, stop: StopPointData, data: SessionData, at: str) -> None:
    _enum(c, StopReason, stop.reason, f"{at}.reason", "Reason")
    _enum(c, BodyArea, stop.body_area, f"{at}.body_area", "Body area")
    _enum(c, BodySide, stop.side, f"{at}.side", "Side")
    _enum(c, StopAction, stop.action, f"{at}.action", "Action")
    c.in_range(stop.severity, 1, 5, f"{at}.severity", "Severity (1-5)")
    c.non_negative(stop.elapsed_s, f"{at}.elapsed_s", "The time of the stop")
    if (
        isinstance(stop.elapsed_s, int | float)
        and isinstance(data.duration_s, int | float)
        and data.duration_s > 0
        and stop.elapsed_s > data.duration_s + 1
    ):
        c.fail(f"{at}.elapsed_s", "This stop-point comes after the session's end")
    c.non_negative(stop.rep_index, f"{at}.rep_index", "The repetition")
    c.non_negative(stop.planned_reps, f"{at}.planned_reps", "The planned repetitions")
    c.non_negative(stop.planned_s, f"{at}.planned_s", "The planned time")
    if stop.block_position is not None and not 0 <= stop.block_position < len(data.blocks):
        c.fail(f"{at}.block_position", "This stop-point points to a block that is not there")


def save_session(data: SessionData) -> Changes:
    """Validate and save a whole session in one transaction; sets `data.id`."""
    validate_session(data)
    values = _SESSION_COLUMNS.to_row(data)
    with database.atomic():
        if data.id is None:
            # defaults filled in as create() does
            data.id = session_id = Session.insert(**values).execute()
        else:
            session_id = data.id
            values["updated_at"] = utcnow()
            updated = Session.update(**values).where(Session.id == session_id).execute()
            if not updated:
                raise ValidationError({"id": f"Session {session_id} does not exist any more"})
            _delete_children(session_id)
        _insert_children(session_id, data)
        tag_session(session_id, data.local_date)  # its arm in a running experiment
    return Changes(sessions=True, session_ids=frozenset({session_id}))


def _delete_children(session_id: int) -> None:
    delete_slips(session_id)
    for model in (StopPoint, Block, Intention, Reflection, SessionTag):
        model.delete().where(model.session == session_id).execute()
    delete_links(session_id)


def _insert_children(session_id: int, data: SessionData) -> None:
    block_ids = []
    if data.stop_points or data.slips:  # they point at their blocks: one insert each, for its id
        for position, block in enumerate(data.blocks):
            fields = _BLOCK_COLUMNS.to_row(block)
            block_ids.append(
                Block.insert(session=session_id, position=position, **fields).execute()
            )
    elif data.blocks:  # an imported run's laps: all in one statement
        Block.insert_many(
            [
                {"session": session_id, "position": position, **_BLOCK_COLUMNS.to_row(block)}
                for position, block in enumerate(data.blocks)
            ]
        ).execute()
    for position, intention in enumerate(data.intentions):
        Intention.insert(
            session=session_id,
            position=position,
            text=intention.text.strip(),
            focus=intention.focus_id,
            outcome=str(intention.outcome),
        ).execute()
    for stop in data.stop_points:
        fields = _STOP_COLUMNS.to_row(stop)
        block = block_ids[stop.block_position] if stop.block_position is not None else None
        StopPoint.insert(session=session_id, block=block, **fields).execute()
    for position, reflection in enumerate(data.reflections):
        if not reflection.text.strip():
            continue
        Reflection.insert(
            session=session_id,
            position=position,
            prompt=str(reflection.prompt),
            text=reflection.text,
            share_in_reports=reflection.share_in_reports,
        ).execute()
    for name in dict.fromkeys(t.strip() for t in data.tags if t.strip()):
        tag, _ = Tag.get_or_create(name=name)
        SessionTag.insert(session=session_id, tag=tag).execute()
    insert_slips(session_id, data, block_ids)
    insert_links(session_id, data)


def load_session(session_id: int) -> SessionData:
    """The whole session (also a trashed one) as a record."""
    try:
        row = Session.get_by_id(session_id)
    except DoesNotExist as exc:
        raise KeyError(f"There is no session {session_id}") from exc
    (data,) = _assemble([row], lambda model, column: model.select().where(column == session_id))
    return data


def load_sessions(query: Any) -> list[SessionData]:
    """The sessions `query` (a `Session.select()`, in the order wanted) finds, each exactly as
    `load_session` builds it, in a fixed number of queries however many there are: the sessions,
    then each child table once, by session id."""
    rows = list(query)
    if not rows:
        return []
    ids = [row.id for row in rows]
    return _assemble(rows, lambda model, column: model.select().where(column.in_(ids)))


def load_all_sessions() -> Iterator[SessionData]:
    """Every session (trashed ones too) as records, built exactly as `load_session` builds one,
    from one query per table: for checking a whole journal (a restore) in seconds."""
    sessions = list(Session.select().order_by(Session.id))
    return iter(_assemble(sessions, lambda model, column: model.select()))


def _assemble(rows: list[Session], children: Callable[[Any, Any], Any]) -> list[SessionData]:
    """SessionData for `rows`; `children(model, session_column)` selects the child rows wanted."""
    blocks: dict[int, list[Block]] = defaultdict(list)
    for b in children(Block, Block.session).order_by(Block.session, Block.position):
        blocks[b.session_id].append(b)
    intentions: dict[int, list[IntentionData]] = defaultdict(list)
    query = children(Intention, Intention.session).order_by(Intention.session, Intention.position)
    for i in query:
        intentions[i.session_id].append(
            IntentionData(text=i.text, focus_id=i.focus_id, outcome=i.outcome)
        )
    stops: dict[int, list[StopPoint]] = defaultdict(list)
    for s in children(StopPoint, StopPoint.session).order_by(StopPoint.session, StopPoint.id):
        stops[s.session_id].append(s)
    reflections: dict[int, list[ReflectionData]] = defaultdict(list)
    query = children(Reflection, Reflection.session).where(Reflection.session.is_null(False))
    for r in query.order_by(Reflection.session, Reflection.position):
        reflections[r.session_id].append(ReflectionData(r.prompt, r.text, r.share_in_reports))
    tags: dict[int, list[str]] = defaultdict(list)
    query = (
        children(SessionTag, SessionTag.session)
        .select(SessionTag.session, Tag.name)
        .join(Tag)
        .order_by(SessionTag.id)
    )
    for session_id, name in query.tuples():
        tags[session_id].append(name)
    position_of = {b.id: i for own in blocks.values() for i, b in enumerate(own)}
    slips = slips_by_session(children, position_of)
    out = []
    for row in rows:
        data = SessionData(id=row.id, **_SESSION_COLUMNS.from_row(row))
        own_blocks = blocks.get(row.id, [])
        position_of = {b.id: i for i, b in enumerate(own_blocks)}
        data.blocks = [BlockData(**_BLOCK_COLUMNS.from_row(b)) for b in own_blocks]
        data.intentions = intentions.get(row.id, [])
        for s in stops.get(row.id, []):
            data.stop_points.append(
                StopPointData(
                    block_position=position_of.get(s.block_id), **_STOP_COLUMNS.from_row(s)
                )
            )
        data.reflections = reflections.get(row.id, [])
        data.tags = tags.get(row.id, [])
        data.slips = slips.get(row.id, [])
        out.append(data)
    attach_links(children, {d.id: d for d in out})
    return out


def find_session_by_source(source: str, source_ref: str) -> int | None:
    """The session imported from this source reference, trashed or not (so re-imports add nothing)."""
    row = (
        Session.select(Session.id)
        .where((Session.source == str(source)) & (Session.source_ref == source_ref))
        .first()
    )
    return row.id if row else None


def trash_sessions(session_ids: list[int]) -> Changes:
    """Move sessions to the trash. Undo with `restore_sessions`."""
    with database.atomic():
        Session.update(deleted_at=utcnow()).where(
            Session.id.in_(session_ids) & Session.deleted_at.is_null()
        ).execute()
    return Changes(sessions=True, trash=True, session_ids=frozenset(session_ids))


def restore_sessions(session_ids: list[int]) -> Changes:
    with database.atomic():
        Session.update(deleted_at=None).where(Session.id.in_(session_ids)).execute()
    return Changes(sessions=True, trash=True, session_ids=frozenset(session_ids))


def purge_sessions(session_ids: list[int]) -> Changes:
    """Delete for good, only sessions already in the trash (the Trash view's 'Delete forever')."""
    with database.atomic():
        Session.delete().where(
            Session.id.in_(session_ids) & Session.deleted_at.is_null(False)
        ).execute()
    return Changes(trash=True)


@dataclass(frozen=True)
class TrashedSession:
    """A session in the trash, as the Trash view lists it."""

    id: int
    discipline: Discipline
    kind: SessionKind
    duration_s: float
    distance_m: float | None
    title: str
    local_date: date
    deleted_at: datetime


def trashed_sessions() -> list[TrashedSession]:
    """The sessions in the trash, the one trashed last first (records, one query)."""
    return in_trash(Session, TrashedSession)


def mark_reviewed(session_id: int) -> Changes:
    """Take an imported session out of Today's inbox (after filling it in, or dismissed)."""
    Session.update(needs_review=False).where(Session.id == session_id).execute()
    return Changes(sessions=True, session_ids=frozenset({session_id}))


def review_inbox() -> list[Session]:
    """Imported sessions that still wait for an intention and a reflection."""
    return list(Session.select().where(SESSION_IN_INBOX).order_by(Session.started_at.desc()))
