"""Helpers for the importer tests: the fixture folders and a full dump of the journal."""

from __future__ import annotations

from pathlib import Path

from cadence.store.models import Session, database

FIXTURES = Path(__file__).parents[1] / "fixtures"
RUNNING = FIXTURES / "running"
INVALID = RUNNING / "invalid"
HOSTILE = FIXTURES / "hostile"
STRAVA = FIXTURES / "strava-export"
SPORTS = FIXTURES / "sports"  # real files of other sports and multisport
TRACKS = FIXTURES / "tracks"  # real GPX with untimed tracks, few timed points, many tracks


def dump() -> list[str]:
    """Every row of every table, as SQL: equal dumps mean an unchanged journal."""
    return list(database.connection().iterdump())


def session_count() -> int:
    return Session.select().count()
