"""What Today offers when the next session's intention is written: the last session's answer to
"next time", and a demand of a coming goal event to rehearse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import fn

from cadence.domain.enums import Discipline, EventPriority, ReflectionPrompt
from cadence.services.season.seasons import events
from cadence.store.models import Reflection, Session
from cadence.store.queries import counted_session


@dataclass(frozen=True)
class NextTime:
    text: str
    day: date  # of the session it was written after
    session_id: int


def last_next_time(discipline: Discipline) -> NextTime | None:
    """The "next time" note of the craft's latest done session that has one (not in the trash).

    Found in two steps so that its cost does not grow with the journal: the newest local date
    with such a note (a walk down the index on discipline and local date, stopping at the first),
    then the latest by start time among the sessions of the days around it. A session that started
    later than another is at most two local days before it (offsets lie within -12 h..+14 h), so
    none is missed."""
    matches = (
        Reflection.select()
        .join(Session)
        .where(
            (Reflection.prompt == str(ReflectionPrompt.NEXT_TIME))
            & (fn.TRIM(Reflection.text) != "")
            & (Session.discipline == str(discipline))
            & counted_session()
        )
    )
    newest = matches.select(Session.local_date).order_by(Session.local_date.desc()).scalar()
    if newest is None:
        return None
    row = (
        matches.select(Reflection.text, Session.local_date, Session.id)
        .where(Session.local_date >= newest - timedelta(days=2))
        .order_by(Session.started_at.desc(), Session.id.desc())
        .tuples()
        .first()
    )
    text, day, session_id = row
    return NextTime(text.strip(), day, session_id)


REHEARSAL_HORIZON_DAYS = 84  # an event further away than twelve weeks is not rehearsed for yet


@dataclass(frozen=True)
class Rehearsal:
    event: str
    day: date
    aspect: str
    how: str  # how to rehearse it, as the user wrote it
    event_id: int | None = None  # the session that takes it up is linked to the demand


def rehearsal(discipline: Discipline, today: date | None = None) -> Rehearsal | None:
    """A demand to rehearse for the craft's next A or B event within twelve weeks, taking the
    event's demands in turn, one a day."""
    today = today or date.today()
    for event in events(today, today + timedelta(days=REHEARSAL_HORIZON_DAYS)):
        if event.discipline not in (None, discipline):
            continue
        if event.priority not in (EventPriority.A, EventPriority.B):
            continue
        ready = [d for d in event.demands if d.rehearse.strip()]
        if ready:
            demand = ready[today.toordinal() % len(ready)]
            return Rehearsal(
                event.name, event.day, demand.aspect, demand.rehearse.strip(), event.id
            )
    return None
