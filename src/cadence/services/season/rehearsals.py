"""Rehearsing a goal event's demands, and rating focus targets in a session's reflection: what a
session may link to (the choices offered on Today and in the session editor), and what an event
has had rehearsed (for the Seasons view and the cycle report). The links are saved with the
session (services/season/session_links.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from peewee import JOIN

from cadence.domain.enums import Discipline, FocusGauge, FocusStatus
from cadence.domain.records import RehearsalData
from cadence.domain.seasons import EventData
from cadence.services.season.seasons import events, load_event
from cadence.services.today.carry import REHEARSAL_HORIZON_DAYS
from cadence.store.models import Cycle, Event, Focus, Session, SessionDemand
from cadence.store.queries import counted_session

# In the last four weeks before an event, demands not rehearsed yet are pointed out.
UNREHEARSED_NOTE_DAYS = 28


@dataclass(frozen=True)
class DemandChoice:
    """A demand a session may rehearse."""

    event_id: int
    event: str
    day: date  # of the event
    aspect: str
    text: str  # what it will demand

    @property
    def link(self) -> RehearsalData:
        return RehearsalData(self.event_id, self.aspect)


def demand_choices(
    discipline: Discipline, on: date, linked: Iterable[RehearsalData] = ()
) -> list[DemandChoice]:
    """The demands of the live goal events of this craft (or of both) from `on` to twelve weeks
    later, by event date; and any already linked (kept even when the event is past or the demand
    renamed since, so that opening a session never drops a link)."""
    out: list[DemandChoice] = []
    seen: set[tuple[int, str]] = set()
    for event in events(on, on + timedelta(days=REHEARSAL_HORIZON_DAYS)):
        if event.discipline not in (None, discipline):
            continue
        if event.id is None:  # not saved: nothing can link to it
            continue
        for d in event.demands:
            aspect = d.aspect.strip() or d.text.strip()
            if (event.id, aspect) not in seen:
                seen.add((event.id, aspect))
                out.append(DemandChoice(event.id, event.name, event.day, aspect, d.text))
    for link in linked:
        if (link.event_id, link.aspect) in seen:
            continue
        row = Event.get_or_none(Event.id == link.event_id)
        if row is None:
            continue
        seen.add((link.event_id, link.aspect))
        out.append(DemandChoice(row.id, row.name, row.date, link.aspect, ""))
    return out


@dataclass(frozen=True)
class DemandRehearsed:
    aspect: str
    text: str  # what it will demand ("" for a demand no longer listed)
    days: tuple[date, ...]  # the done sessions (not in the trash) that rehearsed it, in order
    listed: bool = True  # still among the event's demands


def rehearsed(event: EventData) -> list[DemandRehearsed]:
    """Each of the event's demands with the days it was rehearsed on; then any demand rehearsed
    under a name the event no longer lists."""
    days: dict[str, list[date]] = {}
    rows = (
        SessionDemand.select(SessionDemand.aspect, Session.local_date)
        .join(Session)
        .where((SessionDemand.event == event.id) & counted_session())
        .order_by(Session.local_date, Session.id)
        .tuples()
    )
    for aspect, day in rows:
        days.setdefault(aspect, []).append(day)
    out = []
    listed = set()
    for d in event.demands:
        aspect = d.aspect.strip() or d.text.strip()
        listed.add(aspect)
        out.append(DemandRehearsed(aspect, d.text, tuple(days.get(aspect, ()))))
    for aspect, when in days.items():
        if aspect not in listed:
            out.append(DemandRehearsed(aspect, "", tuple(when), listed=False))
    return out


def not_yet_rehearsed(event_id: int, today: date) -> list[str] | None:
    """In the last four weeks before the event: the demands not rehearsed yet (maybe none);
    None at any other time."""
    event = load_event(event_id)
    if not 0 <= (event.day - today).days <= UNREHEARSED_NOTE_DAYS:
        return None
    return [r.aspect for r in rehearsed(event) if r.listed and not r.days]


@dataclass(frozen=True)
class FocusChoice:
    focus_id: int
    title: str


def rated_focus_targets(
    discipline: Discipline, on: date, rated: Iterable[int] = ()
) -> list[FocusChoice]:
    """The focus targets a session's reflection asks for a 1-5 rating: those seen by the
    user's own rating, active, of this craft or both, held on `on` (no cycle, or a cycle
    running then); and any rated in the session already."""
    rated = list(rated)
    held = Focus.cycle.is_null() | ((Cycle.start_date <= on) & (Cycle.end_date >= on))
    asked = (
        (Focus.gauge == str(FocusGauge.RATING))
        & (Focus.status == str(FocusStatus.ACTIVE))
        & (Focus.discipline.is_null() | (Focus.discipline == str(discipline)))
        & held
    )
    rows = (
        Focus.select(Focus.id, Focus.title)
        .join(Cycle, JOIN.LEFT_OUTER)
        .where(asked | Focus.id.in_(rated or [0]))
        .order_by(Focus.title, Focus.id)
        .tuples()
    )
    return [FocusChoice(focus_id, title) for focus_id, title in rows]
