"""Goal events and training cycles: create, edit, trash (events) and delete (cycles), and the
season the Seasons view draws. Every write validates first and returns `Changes`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TypeVar, overload

from cadence.domain.enums import (
    Discipline,
    EventKind,
    EventPriority,
    FocusGauge,
    FocusStatus,
    MotivatorKind,
    PhaseName,
)
from cadence.domain.limits import MAX_RUN_DISTANCE_M
from cadence.domain.seasons import (
    CycleData,
    Debrief,
    Demand,
    EventData,
    FocusData,
    Motivator,
    PhasePlan,
    Readiness,
    ReadinessItem,
)
from cadence.domain.seasons import phase_problems as _phase_problems
from cadence.services.changes import Changes
from cadence.services.validation import Checker, ValidationError
from cadence.store.models import Cycle, CyclePhase, Event, Focus, Session, database, utcnow
from cadence.store.queries import in_trash

LIVE_EVENT = Event.deleted_at.is_null()


E = TypeVar("E", bound=Enum)


@overload
def _member(enum: type[E], value: object) -> E | None: ...
@overload
def _member(enum: type[E], value: object, fallback: E) -> E: ...
def _member(enum: type[E], value: object, fallback: E | None = None) -> E | None:
    """The enum member holding `value`, or `fallback` for a value this version does not know."""
    try:
        return enum(value)
    except ValueError:
        return fallback


def _exists(model: type[Event] | type[Cycle], row_id: int) -> bool:
    return model.get_or_none(model.id == row_id) is not None


def _save_row(
    model: type[Event] | type[Cycle],
    row_id: int | None,
    values: dict[str, object],
    then: Callable[[int], None] | None = None,
) -> tuple[int, Changes]:
    """What a validated event or cycle saves as: `values` inserted as a new row of `model`
    (`row_id` None) or written over that row, and `then(id)` (the rows hanging on it), in one
    transaction."""
    with database.atomic():
        if row_id is None:
            saved: int = model.insert(**values).execute()
        else:
            model.update(**values).where(model.id == row_id).execute()
            saved = row_id
        if then is not None:
            then(saved)
    return saved, Changes(plans=True)


# --- goal events ---------------------------------------------------------------------------------


def _enum_value(c: Checker, enum: type[Enum], value: object, key: str, what: str) -> None:
    try:
        enum(value)
    except ValueError:
        c.fail(key, f"{what} {value!r} is not one of {', '.join(str(e) for e in enum)}")


def validate_event(data: EventData) -> None:
    c = Checker()
    c.require(bool(data.name.strip()), "name", "Name the event (e.g. 'Berlin Marathon')")
    _enum_value(c, EventKind, data.kind, "kind", "The kind")
    if data.priority is not None:
        _enum_value(c, EventPriority, data.priority, "priority", "The priority")
    if data.discipline is not None:
        _enum_value(c, Discipline, data.discipline, "discipline", "The craft")
    c.require(isinstance(data.day, date), "day", "Give the event's date")
    if data.distance_m is not None:
        c.in_range(data.distance_m, 1, MAX_RUN_DISTANCE_M, "distance_m", "The distance (metres)")
    for i, demand in enumerate(data.demands):
        c.require(
            bool(demand.aspect.strip() or demand.text.strip()) and bool(demand.text.strip()),
            f"demands[{i}]",
            f"Demand {i + 1}: write what it will demand, or remove the row",
        )
    for i, motivator in enumerate(data.motivators):
        c.require(
            bool(motivator.text.strip()),
            f"motivators[{i}]",
            f"Reason {i + 1}: write why it matters, or remove the row",
        )
        _enum_value(c, MotivatorKind, motivator.kind, f"motivators[{i}]", "The kind of reason")
    if data.id is not None:
        c.require(_exists(Event, data.id), "id", "That event no longer exists (deleted for good?)")
    if data.cycle_id is not None:
        c.require(_exists(Cycle, data.cycle_id), "cycle_id", "That cycle no longer exists")
    c.done()


def _demands_rows(demands: list[Demand]) -> list[dict[str, str]]:
    rows = []
    for d in demands:
        row = {"aspect": d.aspect.strip(), "text": d.text.strip()}
        if d.rehearse.strip():
            row["rehearse"] = d.rehearse.strip()
        rows.append(row)
    return rows


def _motivators_rows(motivators: list[Motivator]) -> list[dict[str, str]]:
    return [{"kind": str(m.kind), "text": m.text.strip()} for m in motivators]


def save_event(data: EventData) -> tuple[int, Changes]:
    """Create (id None) or update an event, after validation that names every field at fault."""
    validate_event(data)
    values: dict[str, object] = {
        "name": data.name.strip(),
        "kind": str(data.kind),
        "date": data.day,
        "discipline": str(data.discipline) if data.discipline else None,
        "priority": str(data.priority) if data.priority else None,
        "distance_m": data.distance_m,
        "target": data.target.strip(),
        "result": data.result.strip(),
        "notes": data.notes,
        "demands": _demands_rows(data.demands),
        "motivators": _motivators_rows(data.motivators),
        "cycle": data.cycle_id,
    }
    return _save_row(Event, data.id, values)


def _json_list(rows: object) -> list[dict]:
    """The objects in a JSON column's list (none for anything else: text that was not JSON)."""
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _demands(rows: object) -> list[Demand]:
    return [
        Demand(str(r.get("aspect", "")), str(r.get("text", "")), str(r.get("rehearse", "")))
        for r in _json_list(rows)
    ]


def _motivators(rows: object) -> list[Motivator]:
    out = []
    for r in _json_list(rows):
        kind = _member(MotivatorKind, r.get("kind"), MotivatorKind.INTRINSIC)
        out.append(Motivator(kind, str(r.get("text", ""))))
    return out


def _json_object(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _day_of(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _readiness(value: object) -> Readiness | None:
    raw = _json_object(value)
    checked_on = _day_of(raw.get("checked_on"))
    if checked_on is None:
        return None
    items = []
    for r in raw.get("items", []):
        if isinstance(r, dict):
            rating = r.get("rating")
            rating = rating if isinstance(rating, int) and 1 <= rating <= 5 else None
            items.append(ReadinessItem(str(r.get("aspect", "")), rating, str(r.get("note", ""))))
    return Readiness(
        checked_on, tuple(items), str(raw.get("plan", "")), str(raw.get("still_want", ""))
    )


def _debrief(value: object) -> Debrief | None:
    raw = _json_object(value)
    written_on = _day_of(raw.get("written_on"))
    if written_on is None:
        return None
    return Debrief(
        written_on,
        str(raw.get("went_well", "")),
        str(raw.get("to_change", "")),
        str(raw.get("next_step", "")),
    )


def save_readiness(event_id: int, readiness: Readiness) -> Changes:
    """The readiness check before an event (replaces an earlier one)."""
    c = Checker()
    c.require(_exists(Event, event_id), "id", "That event is gone")
    for i, item in enumerate(readiness.items):
        c.in_range(item.rating, 1, 5, f"items[{i}]", f"How ready for {item.aspect or 'it'}")
    c.done()
    payload = {
        "checked_on": readiness.checked_on.isoformat(),
        "items": [
            {"aspect": i.aspect, "rating": i.rating, "note": i.note.strip()}
            for i in readiness.items
        ],
        "plan": readiness.plan.strip(),
        "still_want": readiness.still_want.strip(),
    }
    Event.update(readiness=payload).where(Event.id == event_id).execute()
    return Changes(plans=True)


def save_debrief(event_id: int, debrief: Debrief, result: str) -> Changes:
    """The debrief after an event, with its result, in one write."""
    c = Checker()
    c.require(_exists(Event, event_id), "id", "That event is gone")
    c.require(
        any(t.strip() for t in (result, debrief.went_well, debrief.to_change, debrief.next_step)),
        "went_well",
        "Write at least one line: the result, what went well, or what to change",
    )
    c.done()
    payload = {
        "written_on": debrief.written_on.isoformat(),
        "went_well": debrief.went_well.strip(),
        "to_change": debrief.to_change.strip(),
        "next_step": debrief.next_step.strip(),
    }
    Event.update(debrief=payload, result=result.strip()).where(Event.id == event_id).execute()
    return Changes(plans=True)


def event_data(row: Event) -> EventData:
    return EventData(
        id=row.id,
        name=row.name,
        kind=_member(EventKind, row.kind, EventKind.OTHER),
        day=row.date,
        discipline=row.discipline,
        priority=_member(EventPriority, row.priority),
        distance_m=row.distance_m,
        target=row.target,
        result=row.result,
        notes=row.notes,
        demands=_demands(row.demands),
        motivators=_motivators(row.motivators),
        cycle_id=row.cycle_id,
        readiness=_readiness(row.readiness),
        debrief=_debrief(row.debrief),
    )


def load_event(event_id: int) -> EventData:
    row = Event.get_or_none(Event.id == event_id)
    if row is None:
        raise ValidationError({"id": "That event no longer exists (deleted for good?)"})
    return event_data(row)


def events(start: date | None = None, end: date | None = None) -> list[EventData]:
    """Events not in the trash, by date (within [start, end] if given)."""
    query = Event.select().where(LIVE_EVENT)
    if start is not None:
        query = query.where(Event.date >= start)
    if end is not None:
        query = query.where(Event.date <= end)
    return [event_data(r) for r in query.order_by(Event.date, Event.id)]


def last_debrief(discipline: Discipline | None, before: date) -> EventData | None:
    """The latest event on or before `before` with a debrief that says what to change or what
    next (of the craft, or of either when `discipline` is None): what the next cycle learns from."""
    for event in reversed(events(end=before)):
        d = event.debrief
        if d is None or not (d.to_change.strip() or d.next_step.strip()):
            continue
        if discipline is None or event.discipline in (None, discipline):
            return event
    return None


def trash_event(event_id: int) -> Changes:
    Event.update(deleted_at=utcnow()).where((Event.id == event_id) & LIVE_EVENT).execute()
    return Changes(plans=True, trash=True)


def restore_events(event_ids: list[int]) -> Changes:
    Event.update(deleted_at=None).where(Event.id.in_(event_ids)).execute()
    return Changes(plans=True, trash=True)


def purge_events(event_ids: list[int]) -> Changes:
    Event.delete().where(Event.id.in_(event_ids) & Event.deleted_at.is_null(False)).execute()
    return Changes(trash=True)


@dataclass(frozen=True)
class TrashedEvent:
    """A goal event in the trash, as the Trash view lists it."""

    id: int
    name: str
    kind: str
    target: str
    date: date
    discipline: str | None
    deleted_at: datetime


def trashed_events() -> list[TrashedEvent]:
    """The goal events in the trash, the one trashed last first (records, one query)."""
    return in_trash(Event, TrashedEvent)


# --- training cycles -----------------------------------------------------------------------------


def validate_cycle(data: CycleData) -> None:
    c = Checker()
    c.require(bool(data.name.strip()), "name", "Name the cycle (e.g. 'Spring marathon')")
    if data.discipline is not None:
        _enum_value(c, Discipline, data.discipline, "discipline", "The craft")
    for i, phase in enumerate(data.phases):
        _enum_value(c, PhaseName, phase.name, f"phases[{i}]", "The phase")
    for key, message in _phase_problems(data.start, data.end, data.phases).items():
        c.fail(key, message)
    for i, focus in enumerate(data.focuses):
        key = f"focuses[{i}]"
        c.require(bool(focus.title.strip()), key, f"Focus target {i + 1}: name it, or remove it")
        if focus.gauge is not None:
            _enum_value(c, FocusGauge, focus.gauge, key, "The measure")
        _enum_value(c, FocusStatus, focus.status, key, "The status")
    if data.id is not None:
        c.require(_exists(Cycle, data.id), "id", "That cycle no longer exists")
    if data.event_id is not None:
        c.require(_exists(Event, data.event_id), "event_id", "That event no longer exists")
    c.done()


def save_cycle(data: CycleData) -> tuple[int, Changes]:
    """Create or update a cycle with its phases (replaced whole) and its goal event, in one
    transaction after validation."""
    validate_cycle(data)
    values: dict[str, object] = {
        "name": data.name.strip(),
        "discipline": str(data.discipline) if data.discipline else None,
        "start_date": data.start,
        "end_date": data.end,
        "goal": data.goal.strip(),
        "notes": data.notes,
    }
    return _save_row(Cycle, data.id, values, lambda cycle_id: _save_cycle_links(cycle_id, data))


def _save_cycle_links(cycle_id: int, data: CycleData) -> None:
    """A saved cycle's phases (replaced whole), its goal event and its focus targets."""
    if data.id is not None:
        CyclePhase.delete().where(CyclePhase.cycle == cycle_id).execute()
    for phase in sorted(data.phases, key=lambda p: p.start):
        CyclePhase.create(
            cycle=cycle_id, name=str(phase.name), start_date=phase.start, end_date=phase.end
        )
    Event.update(cycle=None).where(
        (Event.cycle == cycle_id) & (Event.id != (data.event_id or 0))
    ).execute()
    if data.event_id is not None:
        Event.update(cycle=cycle_id).where(Event.id == data.event_id).execute()
    _save_focuses(cycle_id, data)


def _save_focuses(cycle_id: int, data: CycleData) -> None:
    """The cycle's focus targets: new ones created, the others updated; one taken off the cycle
    is kept (intentions point to it) but dropped and no longer part of the cycle."""
    kept = []
    for focus in data.focuses:
        status = str(focus.status)
        values = {
            "title": focus.title.strip(),
            "gauge": str(focus.gauge) if focus.gauge else None,
            "measure": focus.measure.strip(),
            "discipline": str(focus.discipline or data.discipline or "") or None,
            "status": status,
            "cycle": cycle_id,
        }
        if focus.id is None:
            values["started_on"] = max(data.start, min(date.today(), data.end))
            kept.append(Focus.insert(**values).execute())
        else:
            row = Focus.get_or_none(Focus.id == focus.id)
            if row is not None and row.status != status:
                values["ended_on"] = None if status == FocusStatus.ACTIVE else date.today()
            Focus.update(**values).where(Focus.id == focus.id).execute()
            kept.append(focus.id)
    Focus.update(cycle=None, status=str(FocusStatus.DROPPED), ended_on=date.today()).where(
        (Focus.cycle == cycle_id) & Focus.id.not_in(kept or [0])
    ).execute()


def focus_data(row: Focus) -> FocusData:
    return FocusData(
        id=row.id,
        title=row.title,
        gauge=_member(FocusGauge, row.gauge),
        measure=row.measure,
        discipline=_member(Discipline, row.discipline),
        status=_member(FocusStatus, row.status, FocusStatus.ACTIVE),
        cycle_id=row.cycle_id,
    )


def focuses_of(cycle_id: int) -> list[FocusData]:
    query = Focus.select().where(Focus.cycle == cycle_id).order_by(Focus.id)
    return [focus_data(r) for r in query]


def _cycle_data(row: Cycle) -> CycleData:
    phases = [
        PhasePlan(_member(PhaseName, p.name, PhaseName.BASE), p.start_date, p.end_date)
        for p in CyclePhase.select()
        .where(CyclePhase.cycle == row.id)
        .order_by(CyclePhase.start_date, CyclePhase.id)
    ]
    goal_event = (
        Event.select(Event.id)
        .where((Event.cycle == row.id) & LIVE_EVENT)
        .order_by(Event.date.desc())
        .first()
    )
    return CycleData(
        id=row.id,
        name=row.name,
        start=row.start_date,
        end=row.end_date,
        discipline=row.discipline,
        goal=row.goal,
        notes=row.notes,
        phases=phases,
        event_id=goal_event.id if goal_event else None,
        focuses=focuses_of(row.id),
    )


def load_cycle(cycle_id: int) -> CycleData:
    row = Cycle.get_or_none(Cycle.id == cycle_id)
    if row is None:
        raise ValidationError({"id": "That cycle no longer exists"})
    return _cycle_data(row)


def cycles(start: date | None = None, end: date | None = None) -> list[CycleData]:
    """Cycles overlapping [start, end] (all if not given), by start date."""
    query = Cycle.select()
    if start is not None:
        query = query.where(Cycle.end_date >= start)
    if end is not None:
        query = query.where(Cycle.start_date <= end)
    return [_cycle_data(r) for r in query.order_by(Cycle.start_date, Cycle.id)]


@dataclass(frozen=True)
class DeletedCycle:
    """What deleting a cycle took away, so that Undo can put it back exactly."""

    data: CycleData
    event_ids: list[int]
    session_ids: list[int]
    focus_ids: list[int]


def delete_cycle(cycle_id: int) -> tuple[DeletedCycle, Changes]:
    """Delete a cycle and its phases; its events and sessions stay, unlinked from it."""
    data = load_cycle(cycle_id)
    with database.atomic():
        event_ids = [e.id for e in Event.select(Event.id).where(Event.cycle == cycle_id)]
        session_ids = [s.id for s in Session.select(Session.id).where(Session.cycle == cycle_id)]
        focus_ids = [f.id for f in Focus.select(Focus.id).where(Focus.cycle == cycle_id)]
        Focus.update(cycle=None).where(Focus.cycle == cycle_id).execute()
        Event.update(cycle=None).where(Event.cycle == cycle_id).execute()
        Session.update(cycle=None).where(Session.cycle == cycle_id).execute()
        CyclePhase.delete().where(CyclePhase.cycle == cycle_id).execute()
        Cycle.delete().where(Cycle.id == cycle_id).execute()
    return DeletedCycle(data, event_ids, session_ids, focus_ids), Changes(
        plans=True, sessions=bool(session_ids)
    )


def undelete_cycle(deleted: DeletedCycle) -> Changes:
    """Undo of `delete_cycle`: the same id, phases and links."""
    data = deleted.data
    with database.atomic():
        Cycle.insert(
            id=data.id,
            name=data.name,
            discipline=str(data.discipline) if data.discipline else None,
            start_date=data.start,
            end_date=data.end,
            goal=data.goal,
            notes=data.notes,
        ).execute()
        for phase in data.phases:
            CyclePhase.create(
                cycle=data.id, name=str(phase.name), start_date=phase.start, end_date=phase.end
            )
        if deleted.event_ids:
            Event.update(cycle=data.id).where(Event.id.in_(deleted.event_ids)).execute()
        if deleted.session_ids:
            Session.update(cycle=data.id).where(Session.id.in_(deleted.session_ids)).execute()
        if deleted.focus_ids:
            Focus.update(cycle=data.id).where(Focus.id.in_(deleted.focus_ids)).execute()
    return Changes(plans=True, sessions=bool(deleted.session_ids))
