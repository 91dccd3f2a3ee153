"""Helpers for the importer tests: the fixture folders and a full dump of the journal."""

from __future__ import annotations

from pathlib import Path

from cadence.store.models import ALL_MODELS, Session, database
from cadence.store.server import is_server

FIXTURES = Path(__file__).parents[1] / "fixtures"
RUNNING = FIXTURES / "running"
INVALID = RUNNING / "invalid"
HOSTILE = FIXTURES / "hostile"
STRAVA = FIXTURES / "strava-export"
SPORTS = FIXTURES / "sports"  # real files of other sports and multisport
TRACKS = FIXTURES / "tracks"  # real GPX with untimed tracks, few timed points, many tracks


def dump() -> list[str]:
    """Every row of every table, as SQL (on a server: as text, table by table in key order):
    equal dumps mean an unchanged journal."""
    if not is_server(database.obj):
        return list(database.connection().iterdump())
    return [
        f"{model._meta.table_name}: {row!r}"
        for model in ALL_MODELS
        for row in model.select().order_by(model._meta.primary_key).tuples()
    ]


def session_count() -> int:
    return Session.select().count()
