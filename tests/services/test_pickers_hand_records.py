"""The pickers' lists (pieces, focus targets) are records read in one query, not ORM rows a
widget could turn into more queries."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from peewee import Model

from cadence.domain.enums import Discipline
from cadence.domain.seasons import FocusData
from cadence.services.records import library
from cadence.store.models import database


def _selects(read: Callable[[], list]) -> tuple[list, int]:
    """What `read` returns, and how many SELECTs it and reading every field of it ran."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        found = read()
        for item in found:
            for f in dataclasses.fields(item):
                getattr(item, f.name)
    finally:
        connection.set_trace_callback(None)
    return found, len([s for s in seen if s.lstrip().upper().startswith("SELECT")])


def test_pieces_are_records_from_one_query(journal: Path) -> None:
    for title, composer in (("Sonata", "Haydn"), ("Etude", "Chopin"), ("Nocturne", "Field")):
        library.add_piece(title, composer)
    found, selects = _selects(library.pieces)
    assert selects == 1
    assert all(isinstance(p, library.PieceLine) and not isinstance(p, Model) for p in found)
    assert [(p.title, p.composer) for p in found] == [
        ("Etude", "Chopin"),
        ("Nocturne", "Field"),
        ("Sonata", "Haydn"),
    ]


def test_active_focus_targets_are_records_from_one_query(journal: Path) -> None:
    library.add_focus("Even tempo", Discipline.MUSIC)
    library.add_focus("Relaxed shoulders")
    library.add_focus("Cadence 180", Discipline.RUNNING)
    found, selects = _selects(lambda: library.active_focuses(Discipline.MUSIC))
    assert selects == 1
    assert all(isinstance(f, FocusData) for f in found)
    assert [(f.title, f.discipline) for f in found] == [
        ("Even tempo", Discipline.MUSIC),
        ("Relaxed shoulders", None),
    ]


def test_the_trash_and_the_report_cycles_are_records_from_one_query_each(journal: Path) -> None:
    """The Trash view's four lists and the Reports view's cycles: records, one query each."""
    from datetime import date

    from tests.conftest import make_session

    from cadence.domain.enums import EventKind
    from cadence.domain.records import DayEntryData
    from cadence.domain.seasons import CycleData, EventData
    from cadence.services.records import days
    from cadence.services.records import journal as sessions
    from cadence.services.reports.build import training_cycles
    from cadence.services.season import reviews, seasons
    from cadence.services.season.reviews import ReviewData

    day = date(2026, 3, 2)
    for n in range(3):
        saved = sessions.save_session(make_session(day=day, title=f"Scales {n}"))
        sessions.trash_sessions(saved.session_ids)
    days.save_day_entry(DayEntryData(day, "rest"))
    days.trash_day_entry(day)
    event_id, _ = seasons.save_event(EventData("Spring 10K", EventKind.RACE, date(2026, 4, 1)))
    seasons.trash_event(event_id)
    reviews.save_review(ReviewData(day, went_well="Slow practice"), date(2026, 3, 8))
    reviews.trash_review(reviews.reviews()[0].id)
    seasons.save_cycle(CycleData("Spring block", day, date(2026, 4, 1)))
    for read, count in (
        (sessions.trashed_sessions, 3),
        (days.trashed_day_entries, 1),
        (seasons.trashed_events, 1),
        (reviews.trashed_reviews, 1),
        (training_cycles, 1),
    ):
        found, selects = _selects(read)
        assert selects == 1, read.__name__
        assert len(found) == count and not any(isinstance(x, Model) for x in found)
