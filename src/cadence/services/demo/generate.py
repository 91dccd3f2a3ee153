"""A believable demo journal: one person who plays an instrument (piano or violin) and runs.

Everything comes from one `random.Random(seed)` and every date counts back from a fixed end date, so
the same seed and end date give the same journal, row for row. The calendar (races, recitals, their
training cycles, holidays, illness) is laid out first; then each day is lived in order, with a
little state carried along (passage skill, fitness, fatigue, shoe mileage). Rows are collected in
memory and written in one transaction, a table's rows by one statement: ten years take seconds.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import Field, Model, SqliteDatabase

from cadence.services.demo import experiments as demo_experiments
from cadence.services.demo import text
from cadence.services.demo.music import MusicMaker
from cadence.services.demo.running import RunMaker
from cadence.services.demo.seasons import add_reviews_of_events, add_season_links
from cadence.services.demo.slips import add_slips_and_sized_stops
from cadence.services.demo.world import DayState, World, utc
from cadence.services.transfer.export import describe_rows, row_counts
from cadence.store.fields import JSONField
from cadence.store.models import (
    ALL_MODELS,
    DayEntry,
    Focus,
    Reflection,
    Session,
    WeeklyReview,
    database,
)

MAX_YEARS = 30.0


class DemoError(ValueError):
    """The demo cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class DemoSummary:
    start: date
    end: date
    seed: int
    instrument: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sessions(self) -> int:
        return self.counts.get(Session._meta.table_name, 0)


class Rows:
    """Rows waiting to be written, per model, with ids given in insertion order."""

    def __init__(self) -> None:
        self.tables: dict[type[Model], list[dict]] = {m: [] for m in ALL_MODELS}

    def add(self, model: type[Model], **values: object) -> int:
        rows = self.tables[model]
        values["id"] = len(rows) + 1
        rows.append(values)
        return values["id"]

    def get(self, model: type[Model], row_id: int) -> dict:
        return self.tables[model][row_id - 1]


def generate_demo(years: float, seed: int, end: date) -> DemoSummary:
    """Fill the open journal, which must hold no data yet, with `years` of demo life up to `end`."""
    if isinstance(years, bool) or not isinstance(years, int | float) or not 0 < years <= MAX_YEARS:
        raise DemoError(
            f"--years must be a number above 0 and at most {MAX_YEARS:g} (got {years!r})"
        )
    counts = row_counts()
    if any(counts.values()):
        raise DemoError(
            f"This journal already holds {describe_rows(counts)}. The demo journal is always a "
            "file of its own: choose a new file with --db."
        )
    start = end - timedelta(days=max(1, round(years * 365.25)) - 1)
    rng = random.Random(seed)
    rows = Rows()
    world = World(rng, rows, start, end)
    _live(rng, rows, world)
    _weekly_reviews(rows, world, end)
    add_slips_and_sized_stops(rows, seed)
    demo_experiments.build_effect(rows, start, end)
    add_season_links(rows, world)
    add_reviews_of_events(rows, world)
    _write(rows)
    demo_experiments.save_experiments(start, end)
    counts = row_counts()
    return DemoSummary(start, end, seed, world.instrument, counts)


def _live(rng: random.Random, rows: Rows, world: World) -> None:
    """Walk the days in order: the run (mornings), the music, then (often) the day's entry."""
    runner = RunMaker(rng, rows, world)
    musician = MusicMaker(rng, rows, world)
    for day in world.days():
        state = world.day_state(day)
        ran = runner.day(day, state)
        made = ran + musician.day(day, state, ran)
        _day_entry(rng, rows, world, day, state, made)
        world.after_day(day, made)
    world.finish()


def _weekly_reviews(rows: Rows, world: World, end: date) -> None:
    """A review of each of the last few finished weeks (Monday to Sunday), rating the focus
    targets of the cycles running then. Made without the random generator, so that the rest of
    the journal is what the seed made before reviews existed."""
    last_monday = end - timedelta(days=end.weekday() + 7)
    for back in range(text.REVIEW_WEEKS):
        monday = last_monday - timedelta(weeks=back)
        if monday < world.start:
            break
        sunday = monday + timedelta(days=6)
        running = [c for c in world.cycles if c.start <= sunday and c.end >= monday]
        focus_rows = [rows.get(Focus, focus_id) for c in running for focus_id, _ in c.focus]
        ratings = [
            {"focus_id": f["id"], "title": f["title"], "rating": 2 + (monday.toordinal() + i) % 4}
            for i, f in enumerate(focus_rows)
        ]
        went_well, learned, next_week = text.REVIEWS[(monday.toordinal() // 7) % len(text.REVIEWS)]
        written = utc(sunday, 20, 30)
        rows.add(
            WeeklyReview,
            week_start=monday,
            went_well=went_well,
            learned=learned,
            next_week=next_week,
            ratings=ratings,
            created_at=written,
            updated_at=written,
        )


def _day_entry(
    rng: random.Random, rows: Rows, world: World, day: date, state: DayState, made: list[dict]
) -> None:
    """Rest days nearly always get an entry; training days sometimes do."""
    context = state.context
    if context == "event":
        chance = 0.95
    elif context in ("ill", "holiday"):
        chance = 0.7
    elif context == "event_eve":
        chance = 0.8
    elif not made:
        context, chance = "rest", 0.85
    else:
        both = len({s["discipline"] for s in made}) == 2
        context = "training_low" if state.mood <= 2 else "training_both" if both else "training"
        chance = 0.45
    if rng.random() >= chance:
        return
    slots = world.slots(day)
    slots.update(event=state.event_name, result=state.event_result)
    texts = text.DAY_TEXT[context]
    if day.weekday() >= 5:  # no long days at work on a Sunday
        texts = tuple(t for t in texts if "work" not in t.lower()) or texts
    body = rng.choice(texts).format(**slots)
    written = utc(day, 21, rng.randint(0, 50))
    entry = rows.add(
        DayEntry,
        day=day,
        text=body,
        sleep_h=state.sleep_h,
        resting_hr=state.resting_hr,
        soreness=state.soreness,
        stress=state.stress,
        mood=state.mood,
        created_at=written,
        updated_at=written,
        deleted_at=None,
    )
    if day.weekday() == 6 and rng.random() < 0.35:
        rows.add(
            Reflection,
            session=None,
            day_entry=entry,
            position=0,
            prompt=rng.choice(("free", "next_time", "went_well")),
            text=rng.choice(text.WEEK_REFLECTIONS),
            share_in_reports=rng.random() < 0.3,
        )


def _write(rows: Rows) -> None:
    """Every row in one transaction. A journal file takes each table's rows in one statement run
    for them all (`_insert_all`); a server journal takes insert_many in chunks that stay under the
    limit of bound variables."""
    limit = 32_766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999
    on_file = isinstance(database.obj, SqliteDatabase)
    with database.atomic():
        for model in ALL_MODELS:
            data = rows.tables[model]
            if not data:
                continue
            fields = model._meta.sorted_fields
            names = [f.name for f in fields]
            defaults = {f.name: f.default for f in fields if not callable(f.default)}
            defaults |= {
                f.name: f.default()
                for f in fields
                if isinstance(f, JSONField) and callable(f.default)
            }
            # every row sets its own timestamps (no utcnow defaults): a reproducible journal
            tuples = [tuple(row[n] if n in row else defaults[n] for n in names) for row in data]
            if on_file:
                _insert_all(model, fields, tuples)
                continue
            step = max(1, limit // len(fields))
            for i in range(0, len(tuples), step):
                model.insert_many(tuples[i : i + step], fields=fields).execute()


def _insert_all(model: type[Model], fields: list[Field], tuples: list[tuple]) -> None:
    """peewee's INSERT of one row, run by SQLite for every row (executemany), each value converted
    as insert_many converts it (its field's `db_value`): the same rows, without composing a
    statement of every value, which took most of a ten-year demo's time."""
    sql, _ = model.insert_many(tuples[:1], fields=fields).sql()
    convert = [f.db_value for f in fields]
    values = [tuple(c(v) for c, v in zip(convert, row, strict=True)) for row in tuples]
    database.cursor().executemany(sql, values)
