"""An iCalendar (.ics, RFC 5545) file of planned sessions, goal events and training phases, for
the user's calendar.

Sessions and events become all-day events on their local date: a plan says which day, not which
minute; a training phase is an all-day span over its days. UIDs are
stable (the row's id and creation time), so importing a newer export into a calendar updates the
entries instead of doubling them. The file is written to a temporary name and then moved into
place, so an existing calendar file is never left half-written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cadence.domain.enums import SessionStatus, label
from cadence.services.season.rehearsals import rehearsed
from cadence.services.season.seasons import event_data
from cadence.store.files import atomic_text
from cadence.store.models import Block, Cycle, CyclePhase, Event, Session

PRODID = "-//Cadence//Cadence practice journal//EN"
UID_DOMAIN = "cadence-journal"
_LINE_OCTETS = 75


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _LINE_OCTETS if not out else _LINE_OCTETS - 1  # continuation lines start with " "
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _all_day(
    uid: str,
    day: date,
    summary: str,
    description: str,
    categories: str,
    now: datetime,
    last: date | None = None,
) -> list[str]:
    """An all-day entry on `day`, or from `day` to `last` (inclusive) for a span."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{(last or day) + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
        "TRANSP:TRANSPARENT",  # a plan does not make the user busy all day
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if categories:
        lines.append(f"CATEGORIES:{escape(categories)}")
    lines.append("END:VEVENT")
    return lines


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min"


def _step(block: Block) -> str:
    parts = [block.label or "Step"]
    if block.planned_duration_s:
        parts.append(_minutes(block.planned_duration_s))
    if block.planned_distance_m:
        parts.append(f"{block.planned_distance_m:g} m")
    if block.planned_reps:
        parts.append(f"× {block.planned_reps}")
    if block.notes:
        parts.append(f"({block.notes})")
    return " ".join(parts)


def _session_lines(session: Session, now: datetime) -> list[str]:
    kind = label(session.kind)
    summary = f"{session.title} ({kind})" if session.title else f"Planned {kind.lower()}"
    details = []
    if session.planned_duration_s:
        details.append(f"Planned time: {_minutes(session.planned_duration_s)}")
    blocks = Block.select().where(Block.session == session.id).order_by(Block.position)
    details.extend(f"{n}. {_step(b)}" for n, b in enumerate(blocks, start=1))
    if session.notes:
        details.append(session.notes)
    created = session.created_at or session.started_at
    uid = f"session-{session.id}-{_stamp(created)}@{UID_DOMAIN}"
    categories = label(session.discipline)
    return _all_day(uid, session.local_date, summary, "\n".join(details), categories, now)


def _event_lines(event: Event, now: datetime) -> list[str]:
    summary = f"{event.name} ({label(event.kind).lower()})"
    if event.priority:
        summary = f"{event.priority} · {summary}"
    details = [
        f"{title}: {text}"
        for title, text in (
            ("Target", event.target),
            ("Result", event.result),
            ("Notes", event.notes),
        )
        if text
    ]
    for demand in _json_rows(event.demands):
        aspect, text = str(demand.get("aspect", "")), str(demand.get("text", ""))
        rehearse = str(demand.get("rehearse", ""))
        line = f"{aspect}: {text}" if aspect else text
        details.append(f"{line} (rehearse: {rehearse})" if rehearse else line)
    for done in rehearsed(event_data(event)):  # sessions that rehearsed a demand (schema v8)
        if done.days:
            times = "once" if len(done.days) == 1 else f"{len(done.days)} times"
            details.append(f"Rehearsed {done.aspect}: {times}, last on {done.days[-1]:%d %b %Y}")
    for reason in _json_rows(event.motivators):
        details.append(f"Why ({reason.get('kind', '')}): {reason.get('text', '')}")
    categories = ",".join(filter(None, ["Goal event", label(event.discipline or "")]))
    uid = f"event-{event.id}@{UID_DOMAIN}"
    return _all_day(uid, event.date, summary, "\n".join(details), categories, now)


def _json_rows(rows: object) -> list[dict]:
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _phase_lines(phase: CyclePhase, now: datetime) -> list[str]:
    cycle = phase.cycle
    summary = f"{label(phase.name)} · {cycle.name}"
    categories = ",".join(filter(None, ["Training phase", label(cycle.discipline or "")]))
    uid = f"phase-{phase.id}@{UID_DOMAIN}"
    return _all_day(
        uid, phase.start_date, summary, cycle.goal, categories, now, last=phase.end_date
    )


def calendar_text(
    sessions: Iterable[Session],
    events: Iterable[Event],
    now: datetime,
    phases: Iterable[CyclePhase] = (),
) -> tuple[str, int]:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Cadence",
    ]
    count = 0
    for session in sessions:
        lines.extend(_session_lines(session, now))
        count += 1
    for event in events:
        lines.extend(_event_lines(event, now))
        count += 1
    for phase in phases:
        lines.extend(_phase_lines(phase, now))
        count += 1
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines), count


def export_ics(path: str | os.PathLike[str], *, now: datetime | None = None) -> int:
    """Write planned sessions (not in the trash), goal events (with their priority, demands and
    reasons) and training phases (one span each) to `path`; returns how many."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    sessions = (
        Session.select()
        .where((Session.status == str(SessionStatus.PLANNED)) & Session.deleted_at.is_null())
        .order_by(Session.local_date, Session.id)
    )
    events = Event.select().where(Event.deleted_at.is_null()).order_by(Event.date, Event.id)
    phases = (
        CyclePhase.select(CyclePhase, Cycle)
        .join(Cycle)
        .order_by(CyclePhase.start_date, CyclePhase.id)
    )
    text, count = calendar_text(sessions, events, now, phases)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_text(target, newline="") as out:
        out.write(text)
    return count
