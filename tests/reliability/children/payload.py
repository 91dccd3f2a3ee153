"""The sessions the crash test writes: each one is a pure function of its number and version, so
the parent can tell exactly what a session must hold without being told by the child."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from cadence.domain.enums import (
    KINDS_BY_DISCIPLINE,
    BodyArea,
    Discipline,
    Outcome,
    ReflectionPrompt,
    StopAction,
    StopReason,
)
from cadence.domain.records import (
    BlockData,
    IntentionData,
    ReflectionData,
    SessionData,
    StopPointData,
)
from cadence.store.models import ALL_MODELS

TITLE = re.compile(r"^crash (\d+) v(\d+)$")
FIRST_DAY = date(2020, 1, 1)


def title_of(number: int, version: int) -> str:
    return f"crash {number} v{version}"


def parse_title(title: str) -> tuple[int, int]:
    match = TITLE.match(title)
    assert match, f"a session the crash test did not write: {title!r}"
    return int(match.group(1)), int(match.group(2))


def session_for(number: int, version: int) -> SessionData:
    """Session `number` as its `version`-th save wrote it: every table a session touches, and
    notes of 1-24 kB so that a save spans several pages (and a kill can land in the middle)."""
    rng = random.Random(number * 7919 + version)
    discipline = Discipline.MUSIC if number % 2 else Discipline.RUNNING
    music = discipline == Discipline.MUSIC
    day = FIRST_DAY + timedelta(days=number % 2000)
    duration = float(rng.randrange(600, 7200))
    blocks = []
    for b in range(1 + (number + version) % 4):
        done = rng.randrange(1, 40)
        blocks.append(
            BlockData(
                label=f"block {b} of {number}/{version}",
                planned_reps=done + rng.randrange(0, 5) if music else None,
                done_reps=done if music else None,
                clean_reps=rng.randrange(0, done + 1) if music else None,
                duration_s=float(rng.randrange(60, 600)),
                distance_m=None if music else float(rng.randrange(200, 5000)),
                target_bpm=float(rng.randrange(60, 160)) if music else None,
                achieved_pace_s_per_km=None if music else float(rng.randrange(200, 400)),
                avg_hr=None if music else rng.randrange(100, 180),
                notes=f"n{rng.random()}",
            )
        )
    stops = [
        StopPointData(
            reason=rng.choice(list(StopReason)),
            elapsed_s=float(rng.randrange(0, int(duration))),
            rep_index=rng.randrange(0, 30),
            planned_reps=30,
            body_area=rng.choice(list(BodyArea)),
            severity=rng.randrange(1, 6),
            action=rng.choice(list(StopAction)),
            note=f"stop {s}",
            block_position=s % len(blocks),
        )
        for s in range(number % 3)
    ]
    return SessionData(
        discipline=discipline,
        kind=rng.choice(KINDS_BY_DISCIPLINE[discipline]),
        started_at=datetime.combine(day, datetime.min.time()) + timedelta(hours=7 + number % 12),
        local_date=day,
        duration_s=duration,
        title=title_of(number, version),
        rpe=rng.randrange(0, 11),
        focus=rng.randrange(1, 6),
        mood=rng.randrange(1, 6),
        notes=f"{number}/{version} " + "practice makes progress. " * rng.randrange(40, 1000),
        distance_m=None if music else float(rng.randrange(1000, 30000)),
        avg_hr=None if music else rng.randrange(100, 170),
        blocks=blocks,
        intentions=[
            IntentionData(f"intention {i} of {number}/{version}", outcome=rng.choice(list(Outcome)))
            for i in range(1 + number % 3)
        ],
        stop_points=stops,
        reflections=[
            ReflectionData(rng.choice(list(ReflectionPrompt)), f"reflection {r} v{version}", r == 0)
            for r in range(1 + version % 3)
        ],
        tags=[f"tag{number % 7}", f"v{version % 4}", "crash-test"],
    )


@contextmanager
def written_as_its_version_wrote(db: object) -> Iterator[None]:
    """Today's models less the columns an older journal's tables do not have yet (a stop-point's
    side before v5): sessions saved inside write what the older Cadence wrote, in its columns."""
    dropped = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        have = {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}
        if not have:
            continue  # a table of a later version: nothing of the crash test goes there
        missing = [f for f in model._meta.sorted_fields if f.column_name not in have]
        if not missing:
            continue
        for field in missing:
            model._meta.remove_field(field.name)  # no default written for it
        names = {f.name for f in missing}
        model.insert = classmethod(_insert_without(model.insert, names))
        dropped.append((model, missing))
    # before v6 there were no experiments, so saving a session gave it no arm
    from cadence.services.records import journal

    tag_session = journal.tag_session
    if not db.table_exists("experiment"):
        journal.tag_session = lambda *_: None
    try:
        yield
    finally:
        journal.tag_session = tag_session
        for model, missing in reversed(dropped):
            del model.insert
            for field in missing:
                model._meta.add_field(field.name, field)


def _insert_without(insert: Callable[..., Any], names: set[str]) -> Callable[..., Any]:
    """Model.insert, leaving out the values of the columns `names` (save_session names them)."""

    def without(cls: type, __data: object = None, **values: object) -> Any:
        return insert(__data, **{k: v for k, v in values.items() if k not in names})

    return without
