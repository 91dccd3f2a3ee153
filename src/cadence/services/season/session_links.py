"""What a session holds toward the season (schema v8): the goal-event demands it rehearsed and
the focus targets rated 1-5 in its reflection. Saved, loaded and checked with the session
(services/records/journal.py), so the editor, Today, a restore and the exports all see the same
links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cadence.domain.records import FocusScoreData, RehearsalData, SessionData
from cadence.services.validation import Checker
from cadence.store.models import Event, Focus, SessionDemand, SessionFocusRating

LINK_MODELS = (SessionDemand, SessionFocusRating)


def validate_links(c: Checker, data: SessionData) -> None:
    seen: set[tuple[int, str]] = set()
    for i, r in enumerate(data.rehearsals):
        at = f"rehearsals[{i}]"
        c.require(bool(r.aspect and r.aspect.strip()), at, "Name the demand that was rehearsed")
        c.require(
            Event.get_or_none(Event.id == r.event_id) is not None,
            at,
            "That goal event does not exist any more",
        )
        key = (r.event_id, r.aspect.strip())
        c.require(key not in seen, at, f"“{r.aspect}” is marked as rehearsed twice")
        seen.add(key)
    rated: set[int] = set()
    for i, f in enumerate(data.focus_ratings):
        at = f"focus_ratings[{i}]"
        c.in_range(f.rating, 1, 5, at, "The focus target's rating (1-5)")
        if isinstance(f.rating, float) and not f.rating.is_integer():
            c.fail(at, "The focus target's rating must be a whole number")
        c.require(
            Focus.get_or_none(Focus.id == f.focus_id) is not None,
            at,
            "That focus target does not exist",
        )
        c.require(f.focus_id not in rated, at, "A focus target is rated once a session")
        rated.add(f.focus_id)


def insert_links(session_id: int, data: SessionData) -> None:
    for r in data.rehearsals:
        SessionDemand.insert(
            session=session_id, event=r.event_id, aspect=r.aspect.strip()
        ).execute()
    for f in data.focus_ratings:
        SessionFocusRating.insert(
            session=session_id, focus=f.focus_id, rating=int(f.rating)
        ).execute()


def delete_links(session_id: int) -> None:
    for model in LINK_MODELS:
        model.delete().where(model.session == session_id).execute()


def attach_links(children: Callable[[Any, Any], Any], sessions: dict[int, SessionData]) -> None:
    """Fill `rehearsals` and `focus_ratings` of the sessions (by id) from the rows `children`
    selects (as journal._assemble does for the other child tables)."""
    query = children(SessionDemand, SessionDemand.session).order_by(SessionDemand.id)
    for row in query:
        if row.session_id in sessions:
            sessions[row.session_id].rehearsals.append(RehearsalData(row.event_id, row.aspect))
    query = children(SessionFocusRating, SessionFocusRating.session).order_by(SessionFocusRating.id)
    for row in query:
        if row.session_id in sessions:
            sessions[row.session_id].focus_ratings.append(FocusScoreData(row.focus_id, row.rating))
