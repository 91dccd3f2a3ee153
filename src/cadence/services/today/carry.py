"""What the last session hands to the next: its answer to "next time", offered when the next
session's intention is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import fn

from cadence.domain.enums import Discipline, ReflectionPrompt, SessionStatus
from cadence.store.models import Reflection, Session


@dataclass(frozen=True)
class NextTime:
    text: str
    day: date  # of the session it was written after
    session_id: int


def last_next_time(discipline: Discipline) -> NextTime | None:
    """The "next time" note of the craft's latest done session that has one (not in the trash)."""
    row = (
        Reflection.select(Reflection.text, Session.local_date, Session.id)
        .join(Session)
        .where(
            (Reflection.prompt == str(ReflectionPrompt.NEXT_TIME))
            & (fn.TRIM(Reflection.text) != "")
            & (Session.discipline == str(discipline))
            & (Session.status == str(SessionStatus.DONE))
            & Session.deleted_at.is_null()
        )
        .order_by(Session.started_at.desc(), Session.id.desc())
        .tuples()
        .first()
    )
    if row is None:
        return None
    text, day, session_id = row
    return NextTime(text.strip(), day, session_id)
