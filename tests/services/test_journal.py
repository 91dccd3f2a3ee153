from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    StopAction,
    StopReason,
)
from cadence.domain.records import (
    BlockData,
    DayEntryData,
    IntentionData,
    ReflectionData,
    StopPointData,
)
from cadence.services.records import days, library
from cadence.services.records import journal as js
from cadence.services.records.preferences import Preferences, load_preferences, save_preferences
from cadence.services.validation import ValidationError
from cadence.store.models import Block, Intention, Reflection, Session, StopPoint


def _full_session():
    piece_id, _ = library.add_piece("Chopin Nocturne Op. 9 No. 2", "Chopin")
    passage_id, _ = library.add_passage(piece_id, "bars 33-48", "33-48", 60, 96)
    return make_session(
        minutes=40,
        planned_duration_s=45 * 60,
        rpe=6,
        focus=4,
        notes="*slow* practice",
        blocks=[
            BlockData("warm-up", duration_s=300),
            BlockData(
                "bars 33-48",
                planned_reps=10,
                done_reps=8,
                clean_reps=6,
                target_bpm=96,
                achieved_bpm=84,
                passage_id=passage_id,
            ),
        ],
        intentions=[
            IntentionData("bars 33-48 at 96, relaxed shoulders", outcome=Outcome.PARTLY),
        ],
        stop_points=[
            StopPointData(
                StopReason.FORM,
                elapsed_s=2200,
                rep_index=8,
                planned_reps=10,
                body_area=BodyArea.SHOULDERS,
                severity=2,
                action=StopAction.STOPPED,
                note="shoulders up",
                block_position=1,
            )
        ],
        reflections=[
            ReflectionData(ReflectionPrompt.WENT_WELL, "left hand even", share_in_reports=True),
            ReflectionData(ReflectionPrompt.NEXT_TIME, "start at 80"),
        ],
        tags=["nocturne", "slow"],
    )


def test_save_and_load_round_trip(journal: Path) -> None:
    data = _full_session()
    changes = js.save_session(data)
    assert changes.sessions and changes.session_ids == {data.id}
    loaded = js.load_session(data.id)
    assert loaded == data
    stop = StopPoint.get()
    assert stop.block.label == "bars 33-48"


def test_edit_replaces_children_in_one_go(journal: Path) -> None:
    data = _full_session()
    js.save_session(data)
    data.blocks = data.blocks[1:]
    data.stop_points[0].block_position = 0
    data.intentions.append(IntentionData("breathe at phrase ends"))
    js.save_session(data)
    assert Block.select().count() == 1
    assert Intention.select().count() == 2
    assert js.load_session(data.id) == data


def test_invalid_session_writes_nothing(journal: Path) -> None:
    data = make_session(
        rpe=11,
        focus=0,
        stop_points=[StopPointData(StopReason.PAIN, elapsed_s=99999, severity=9)],
    )
    with pytest.raises(ValidationError) as info:
        js.save_session(data)
    errors = info.value.errors
    assert "RPE" in errors["rpe"]
    assert "focus" in errors
    assert "after the session's end" in errors["stop_points[0].elapsed_s"]
    assert "stop_points[0].severity" in errors
    assert Session.select().count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"discipline": "painting"}, "discipline", "unknown"),
        ({"kind": SessionKind.INTERVALS}, "kind", "not a kind of music"),
        ({"distance_m": 5000.0}, "distance_m", "no distance"),
        ({"duration_s": 40 * 3600}, "duration_s", "between"),
        ({"duration_s": -5}, "duration_s", "between 0"),
        ({"intentions": [IntentionData(" ")]}, "intentions[0].text", "Write the intention"),
        ({"intentions": [IntentionData(f"{i}") for i in range(4)]}, "intentions", "3 intentions"),
        ({"blocks": [BlockData(done_reps=3, clean_reps=5)]}, "blocks[0].clean_reps", "more clean"),
        ({"gear_id": 999}, "gear_id", "does not exist"),
        ({"rpe": "high"}, "rpe", "must be a number"),
        (
            {"started_at": datetime.now() + timedelta(days=5), "local_date": date.today()},
            "started_at",
            "future",
        ),
    ],
)
def test_validation_messages(journal: Path, changes: dict, field: str, fragment: str) -> None:
    data = make_session()
    for name, value in changes.items():
        setattr(data, name, value)
    with pytest.raises(ValidationError) as info:
        js.save_session(data)
    assert fragment in info.value.errors[field]


def test_running_absurd_values_refused(journal: Path) -> None:
    data = make_session(Discipline.RUNNING, distance_m=-3.0, avg_hr=400)
    with pytest.raises(ValidationError) as info:
        js.save_session(data)
    assert set(info.value.errors) == {"distance_m", "avg_hr"}


def test_trash_restore_and_purge(journal: Path) -> None:
    data = _full_session()
    js.save_session(data)
    js.trash_sessions([data.id])
    assert [s.id for s in js.trashed_sessions()] == [data.id]
    js.restore_sessions([data.id])
    assert js.trashed_sessions() == []
    js.purge_sessions([data.id])  # not in the trash: nothing happens
    assert Session.select().count() == 1
    js.trash_sessions([data.id])
    js.purge_sessions([data.id])
    assert Session.select().count() == 0
    assert Block.select().count() == 0  # cascades
    assert Reflection.select().count() == 0


def test_find_by_source_and_inbox(journal: Path) -> None:
    data = make_session(
        Discipline.RUNNING, source="gpx", source_ref="abc", needs_review=True, distance_m=5000.0
    )
    js.save_session(data)
    assert js.find_session_by_source("gpx", "abc") == data.id
    assert js.find_session_by_source("gpx", "zzz") is None
    assert [s.id for s in js.review_inbox()] == [data.id]
    js.mark_reviewed(data.id)
    assert js.review_inbox() == []


def test_day_entries_trash_and_restore(journal: Path) -> None:
    day = date(2026, 3, 3)
    entry = DayEntryData(day, "rest day, legs heavy", sleep_h=7.5, soreness=3, mood=4)
    entry.reflections = [ReflectionData(ReflectionPrompt.FREE, "slept well")]
    days.save_day_entry(entry)
    assert days.get_day_entry(day) == entry
    days.trash_day_entry(day)
    assert days.get_day_entry(day) is None
    days.save_day_entry(DayEntryData(day, "a new entry"))
    trashed = days.trashed_day_entries()
    assert len(trashed) == 1
    with pytest.raises(ValidationError, match="already has an entry"):
        days.restore_day_entry(trashed[0].id)
    days.trash_day_entry(day)
    days.restore_day_entry(trashed[0].id)
    assert days.get_day_entry(day).text == "rest day, legs heavy"


def test_day_entry_validation(journal: Path) -> None:
    with pytest.raises(ValidationError) as info:
        days.save_day_entry(DayEntryData(date(2026, 1, 1), sleep_h=30, mood=9))
    assert set(info.value.errors) == {"sleep_h", "mood"}


def test_drafts(journal: Path) -> None:
    days.save_draft("today", {"intention": "long tones"})
    days.save_draft("today", {"intention": "long tones, soft"})
    assert days.load_draft("today") == {"intention": "long tones, soft"}
    assert days.draft_keys() == ["today"]
    days.discard_draft("today")
    assert days.load_draft("today") is None


def test_preferences(journal: Path) -> None:
    assert load_preferences() == Preferences()
    save_preferences(Preferences(name="Ada", units="mi", week_start=6))
    assert load_preferences().units == "mi"
    with pytest.raises(ValidationError):
        save_preferences(Preferences(units="furlongs"))


def test_gear_mileage(journal: Path) -> None:
    from cadence.domain.enums import GearKind

    shoe, _ = library.add_gear(GearKind.SHOES, "Pegasus", limit_m=10_000)
    for _ in range(3):
        js.save_session(make_session(Discipline.RUNNING, distance_m=4000.0, gear_id=shoe))
    trashed = make_session(Discipline.RUNNING, distance_m=4000.0, gear_id=shoe)
    js.save_session(trashed)
    js.trash_sessions([trashed.id])
    (use,) = library.gear_usage()
    assert use.distance_m == 12_000
    assert use.over_limit
