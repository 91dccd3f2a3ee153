"""The last session's "next time" note, carried to the next session's intention."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from tests.conftest import make_session

from cadence.domain.enums import Discipline, ReflectionPrompt, SessionStatus
from cadence.domain.records import ReflectionData
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.today.carry import last_next_time


def _with_note(day: date, text: str, discipline: Discipline = Discipline.MUSIC, **fields) -> int:
    data = make_session(
        discipline,
        day=day,
        reflections=[ReflectionData(ReflectionPrompt.NEXT_TIME, text)],
        **fields,
    )
    save_session(data)
    return data.id


def test_the_latest_note_of_the_craft_is_carried(journal: Path) -> None:
    assert last_next_time(Discipline.MUSIC) is None
    _with_note(date(2026, 3, 1), "Older note")
    _with_note(date(2026, 3, 3), "Bars 33-48 hands apart")
    _with_note(date(2026, 3, 4), "Strides after the easy run", Discipline.RUNNING)
    _with_note(date(2026, 3, 5), "   ")  # an empty answer is no note
    note = last_next_time(Discipline.MUSIC)
    assert (note.text, note.day) == ("Bars 33-48 hands apart", date(2026, 3, 3))
    assert last_next_time(Discipline.RUNNING).text == "Strides after the easy run"


def test_the_latest_by_start_time_wins_across_a_change_of_time_zone(journal: Path) -> None:
    """After a flight west a session can start later yet fall on an earlier local date."""
    from datetime import datetime

    _with_note(date(2026, 3, 1), "Long ago")
    for day, started, text in (
        (date(2026, 3, 9), datetime(2026, 3, 8, 23, 30), "Before the flight"),  # UTC+1
        (date(2026, 3, 8), datetime(2026, 3, 9, 4, 0), "After the flight"),  # UTC-8
    ):
        data = make_session(day=day, reflections=[ReflectionData(ReflectionPrompt.NEXT_TIME, text)])
        save_session(dataclasses.replace(data, started_at=started))
    assert last_next_time(Discipline.MUSIC).text == "After the flight"


def test_a_trashed_or_planned_session_hands_nothing_on(journal: Path) -> None:
    _with_note(date(2026, 3, 1), "Kept")
    trashed = _with_note(date(2026, 3, 2), "Trashed")
    _with_note(date(2026, 12, 31), "Planned", status=SessionStatus.PLANNED)
    trash_sessions([trashed])
    assert last_next_time(Discipline.MUSIC).text == "Kept"


def test_a_coming_event_offers_its_demands_to_rehearse_one_a_day(journal: Path) -> None:
    from cadence.domain.enums import EventKind, EventPriority
    from cadence.domain.seasons import Demand, EventData
    from cadence.services.season import seasons
    from cadence.services.today.carry import rehearsal

    today = date(2026, 3, 2)
    assert rehearsal(Discipline.RUNNING, today) is None
    far, _ = seasons.save_event(
        EventData(
            "Autumn Marathon",
            EventKind.RACE,
            date(2026, 10, 4),
            Discipline.RUNNING,
            EventPriority.A,
            demands=[Demand("Distance", "42 km", "A 32 km run")],
        )
    )
    assert rehearsal(Discipline.RUNNING, today) is None  # more than twelve weeks away
    seasons.save_event(
        EventData(
            "Spring Half",
            EventKind.RACE,
            date(2026, 4, 12),
            Discipline.RUNNING,
            EventPriority.C,  # a step on the way: not rehearsed for
            demands=[Demand("Start time", "8:00", "Run at 8:00")],
        )
    )
    seasons.save_event(
        EventData(
            "Spring Marathon",
            EventKind.RACE,
            date(2026, 4, 26),
            Discipline.RUNNING,
            EventPriority.A,
            demands=[
                Demand("Climb", "180 m", "Hill repeats"),
                Demand("Kit", "Racing shoes"),  # nothing written on how to rehearse it
                Demand("Start time", "8:30", "A long run starting at 8:30"),
            ],
        )
    )
    first = rehearsal(Discipline.RUNNING, today)
    second = rehearsal(Discipline.RUNNING, date(2026, 3, 3))
    assert {first.how, second.how} == {"Hill repeats", "A long run starting at 8:30"}
    assert first.event == "Spring Marathon" and first.day == date(2026, 4, 26)
    assert rehearsal(Discipline.MUSIC, today) is None
    seasons.trash_event(far)
