"""Day entries (the day's journal, rest days too) and crash-safe drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cadence.domain.records import DayEntryData, ReflectionData
from cadence.services.changes import Changes
from cadence.services.validation import Checker, ValidationError
from cadence.store.models import DayEntry, Draft, Reflection, database, utcnow
from cadence.store.queries import in_trash
from cadence.store.server import insert_or_replace


def validate_day_entry(data: DayEntryData) -> None:
    c = Checker()
    c.require(isinstance(data.day, date), "day", "The date is missing")
    c.in_range(data.sleep_h, 0, 24, "sleep_h", "Sleep (hours)")
    c.in_range(data.resting_hr, 25, 150, "resting_hr", "Resting heart rate")
    for name in ("soreness", "stress", "mood"):
        c.in_range(getattr(data, name), 1, 5, name, f"{name.capitalize()} (1-5)")
    c.done()


def get_day_entry(day: date) -> DayEntryData | None:
    row = DayEntry.get_or_none((DayEntry.day == day) & DayEntry.deleted_at.is_null())
    if row is None:
        return None
    return _to_data(row)


def load_day_entry(entry_id: int) -> DayEntryData:
    """A day entry (also a trashed one) as a record."""
    return _to_data(DayEntry.get_by_id(entry_id))


def _to_data(row: DayEntry) -> DayEntryData:
    reflections = [
        ReflectionData(r.prompt, r.text, r.share_in_reports)
        for r in Reflection.select()
        .where(Reflection.day_entry == row.id)
        .order_by(Reflection.position)
    ]
    return DayEntryData(
        day=row.day,
        text=row.text,
        sleep_h=row.sleep_h,
        resting_hr=row.resting_hr,
        soreness=row.soreness,
        stress=row.stress,
        mood=row.mood,
        reflections=reflections,
    )


def save_day_entry(data: DayEntryData) -> Changes:
    """Create or replace the live entry of `data.day` (its reflections too), in one transaction."""
    validate_day_entry(data)
    fields = {
        "text": data.text,
        "sleep_h": data.sleep_h,
        "resting_hr": data.resting_hr,
        "soreness": data.soreness,
        "stress": data.stress,
        "mood": data.mood,
    }
    with database.atomic():
        row = DayEntry.get_or_none((DayEntry.day == data.day) & DayEntry.deleted_at.is_null())
        if row is None:
            row = DayEntry.create(day=data.day, **fields)
        else:
            DayEntry.update(updated_at=utcnow(), **fields).where(DayEntry.id == row.id).execute()
            Reflection.delete().where(Reflection.day_entry == row.id).execute()
        for position, r in enumerate(data.reflections):
            if r.text.strip():
                Reflection.create(
                    day_entry=row.id,
                    position=position,
                    prompt=str(r.prompt),
                    text=r.text,
                    share_in_reports=r.share_in_reports,
                )
    return Changes(day_entries=True)


def trash_day_entry(day: date) -> Changes:
    DayEntry.update(deleted_at=utcnow()).where(
        (DayEntry.day == day) & DayEntry.deleted_at.is_null()
    ).execute()
    return Changes(day_entries=True, trash=True)


def restore_day_entry(entry_id: int) -> Changes:
    """Bring a trashed entry back, unless that day has a live entry again (say so, change nothing)."""
    row = DayEntry.get_by_id(entry_id)
    live = DayEntry.get_or_none((DayEntry.day == row.day) & DayEntry.deleted_at.is_null())
    if live is not None and live.id != row.id:
        raise ValidationError(
            {"day": f"{row.day} already has an entry; trash or edit that one first"}
        )
    DayEntry.update(deleted_at=None).where(DayEntry.id == entry_id).execute()
    return Changes(day_entries=True, trash=True)


def purge_day_entries(entry_ids: list[int]) -> Changes:
    """Delete for good, only day entries already in the trash (their reflections go with them)."""
    with database.atomic():
        DayEntry.delete().where(
            DayEntry.id.in_(entry_ids) & DayEntry.deleted_at.is_null(False)
        ).execute()
    return Changes(day_entries=True, trash=True)


@dataclass(frozen=True)
class TrashedDayEntry:
    """A day entry in the trash, as the Trash view lists it."""

    id: int
    day: date
    text: str
    deleted_at: datetime


def trashed_day_entries() -> list[TrashedDayEntry]:
    """The day entries in the trash, the one trashed last first (records, one query)."""
    return in_trash(DayEntry, TrashedDayEntry)


# --- drafts: what is being typed, so that a crash loses nothing ----------------------------------


def save_draft(key: str, payload: dict[str, Any]) -> None:
    insert_or_replace(Draft, key=key, payload=payload, updated_at=utcnow())


def load_draft(key: str) -> dict[str, Any] | None:
    row = Draft.get_or_none(Draft.key == key)
    payload = row.payload if row else None
    return payload if isinstance(payload, dict) else None  # (None: text that is not JSON)


def discard_draft(key: str) -> None:
    Draft.delete().where(Draft.key == key).execute()


def draft_keys() -> list[str]:
    return [d.key for d in Draft.select(Draft.key).order_by(Draft.updated_at.desc())]
