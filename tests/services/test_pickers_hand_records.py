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
