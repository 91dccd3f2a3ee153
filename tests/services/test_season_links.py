"""Schema v8: a session rehearsing a goal event's demands, focus targets rated 1-5 in a
session's reflection, and weekly reviews in the trash — saved with the session, checked, carried
through the JSON export and restore and the CSV export, and upgraded from a v5 journal."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import DATA, make_session

from cadence.domain.enums import Discipline, EventKind, EventPriority, FocusGauge
from cadence.domain.records import FocusScoreData, RehearsalData
from cadence.domain.seasons import CycleData, Demand, EventData, FocusData, ReviewData
from cadence.services.records.journal import load_session, save_session, trash_sessions
from cadence.services.season import reviews, seasons
from cadence.services.transfer.export import export_csv, export_json
from cadence.services.transfer.restore import RestoreError, restore_file
from cadence.services.validation import ValidationError
from cadence.store.db import close_journal, open_journal
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import SessionDemand, SessionFocusRating, WeeklyReview, database

RECITAL = date(2026, 5, 2)


def _recital_with_focus() -> tuple[int, int]:
    event_id, _ = seasons.save_event(
        EventData(
            name="Spring recital",
            kind=EventKind.RECITAL,
            day=RECITAL,
            discipline=Discipline.MUSIC,
            priority=EventPriority.A,
            demands=[Demand("Programme", "In order"), Demand("Dress", "Concert shoes")],
        )
    )
    cycle_id, _ = seasons.save_cycle(
        CycleData(
            name="Recital cycle",
            start=date(2026, 2, 1),
            end=RECITAL,
            discipline=Discipline.MUSIC,
            event_id=event_id,
            focuses=[FocusData("Relaxed shoulders", gauge=FocusGauge.RATING)],
        )
    )
    return event_id, seasons.focuses_of(cycle_id)[0].id


def test_a_session_keeps_its_rehearsals_and_focus_ratings(journal: Path) -> None:
    event_id, focus_id = _recital_with_focus()
    data = make_session(
        day=date(2026, 4, 20),
        rehearsals=[RehearsalData(event_id, "Programme"), RehearsalData(event_id, "Dress")],
        focus_ratings=[FocusScoreData(focus_id, 4)],
    )
    save_session(data)
    loaded = load_session(data.id)
    assert loaded.rehearsals == data.rehearsals
    assert loaded.focus_ratings == [FocusScoreData(focus_id, 4)]
    loaded.rehearsals = [RehearsalData(event_id, "Dress")]
    loaded.focus_ratings = []
    save_session(loaded)
    again = load_session(data.id)
    assert again.rehearsals == [RehearsalData(event_id, "Dress")] and again.focus_ratings == []
    assert SessionDemand.select().count() == 1 and SessionFocusRating.select().count() == 0


def test_bad_links_are_refused_and_nothing_is_saved(journal: Path) -> None:
    event_id, focus_id = _recital_with_focus()
    data = make_session(
        rehearsals=[RehearsalData(event_id, " "), RehearsalData(999, "Programme")],
        focus_ratings=[FocusScoreData(focus_id, 6), FocusScoreData(999, 3)],
    )
    with pytest.raises(ValidationError) as caught:
        save_session(data)
    assert set(caught.value.errors) == {
        "rehearsals[0]",
        "rehearsals[1]",
        "focus_ratings[0]",
        "focus_ratings[1]",
    }
    assert "1-5" in caught.value.errors["focus_ratings[0]"]
    assert data.id is None and SessionDemand.select().count() == 0


def test_links_go_with_a_purged_event_or_focus_target(journal: Path) -> None:
    event_id, focus_id = _recital_with_focus()
    data = make_session(
        rehearsals=[RehearsalData(event_id, "Programme")],
        focus_ratings=[FocusScoreData(focus_id, 3)],
    )
    save_session(data)
    seasons.trash_event(event_id)
    assert load_session(data.id).rehearsals  # still there while the event is in the trash
    seasons.purge_events([event_id])
    assert load_session(data.id).rehearsals == []


def test_a_weekly_review_goes_to_the_trash_and_comes_back(journal: Path) -> None:
    monday = date(2026, 3, 2)
    review_id, _ = reviews.save_review(ReviewData(monday, went_well="Slow work"), monday)
    changes = reviews.trash_review(review_id)
    assert changes.trash and reviews.load_review(monday) is None and reviews.reviews() == []
    assert [r.id for r in reviews.trashed_reviews()] == [review_id]
    # a new review of the same week may be written while the old one waits in the trash
    new_id, _ = reviews.save_review(ReviewData(monday, went_well="Again"), monday)
    assert new_id != review_id
    with pytest.raises(ValidationError) as caught:
        reviews.restore_reviews([review_id])
    assert "delete that one first" in caught.value.errors["week_start"]
    reviews.trash_review(new_id)
    reviews.restore_reviews([review_id])
    assert reviews.load_review(monday).went_well == "Slow work"
    reviews.purge_reviews([new_id])
    assert WeeklyReview.select().count() == 1


def test_the_links_and_trashed_reviews_round_trip_through_json_and_csv(
    journal: Path, tmp_path: Path
) -> None:
    event_id, focus_id = _recital_with_focus()
    data = make_session(
        day=date(2026, 4, 20),
        rehearsals=[RehearsalData(event_id, "Programme")],
        focus_ratings=[FocusScoreData(focus_id, 5)],
    )
    save_session(data)
    monday = date(2026, 3, 2)
    review_id, _ = reviews.save_review(ReviewData(monday, went_well="Slow"), monday)
    reviews.trash_review(review_id)
    export_json(tmp_path / "j.json")
    export_csv(tmp_path / "csv")
    with open(tmp_path / "csv" / "session_demand.csv", newline="", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [
            ["id", "session_id", "event_id", "aspect"],
            ["1", str(data.id), str(event_id), "Programme"],
        ]
    with open(tmp_path / "csv" / "session_focus_rating.csv", newline="", encoding="utf-8") as f:
        assert list(csv.reader(f))[1] == ["1", str(data.id), str(focus_id), "5"]
    close_journal()
    restore_file(tmp_path / "j.json", tmp_path / "restored.sqlite")
    open_journal(tmp_path / "restored.sqlite")
    try:
        loaded = load_session(data.id)
        assert loaded.rehearsals == [RehearsalData(event_id, "Programme")]
        assert loaded.focus_ratings == [FocusScoreData(focus_id, 5)]
        assert reviews.load_review(monday) is None
        assert [r.id for r in reviews.trashed_reviews()] == [review_id]
    finally:
        close_journal()


def test_a_restore_refuses_a_rating_out_of_range(journal: Path, tmp_path: Path) -> None:
    _, focus_id = _recital_with_focus()
    save_session(make_session(focus_ratings=[FocusScoreData(focus_id, 3)]))
    export_json(tmp_path / "j.json")
    close_journal()
    document = json.loads((tmp_path / "j.json").read_text(encoding="utf-8"))
    document["tables"]["session_focus_rating"]["rows"][0][3] = 9
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(RestoreError, match="1-5"):
        restore_file(tmp_path / "bad.json", tmp_path / "restored.sqlite")


def test_a_v5_journal_upgrades_with_its_review_and_takes_the_new_links(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite"
    shutil.copy(DATA / "journal-v5.sqlite", path)
    result = open_journal(path)
    try:
        assert result.upgraded_from == 5
        assert database.pragma("user_version") == SCHEMA_VERSION
        [review] = reviews.reviews()
        assert (review.week_start, review.went_well) == (date(2025, 3, 3), "Slow practice")
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        reviews.trash_review(review.id)
        reviews.save_review(ReviewData(review.week_start, learned="Again"), date(2025, 3, 9))
        [event] = seasons.events()
        data = make_session(rehearsals=[RehearsalData(event.id, "Programme")])
        save_session(data)
        trash_sessions([data.id])
        assert load_session(data.id).rehearsals == [RehearsalData(event.id, "Programme")]
    finally:
        close_journal()
    # the upgraded file has exactly the schema of a new one
    new = tmp_path / "new.sqlite"
    open_journal(new)
    close_journal()

    def schema(p: Path) -> set:
        with sqlite3.connect(p) as conn:
            rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        return {r for r in rows if r[1] in ("weekly_review", "session_demand") or "review" in r[1]}

    assert schema(path) == schema(new)


def test_an_event_shows_which_demands_were_rehearsed_and_when(journal: Path) -> None:
    from cadence.services.season.rehearsals import demand_choices, not_yet_rehearsed, rehearsed

    event_id, _ = _recital_with_focus()
    offered = demand_choices(Discipline.MUSIC, date(2026, 4, 1))
    assert [(c.event, c.aspect) for c in offered] == [
        ("Spring recital", "Programme"),
        ("Spring recital", "Dress"),
    ]
    assert demand_choices(Discipline.RUNNING, date(2026, 4, 1)) == []
    assert demand_choices(Discipline.MUSIC, date(2026, 1, 1)) == []  # over twelve weeks away
    for day in (date(2026, 4, 10), date(2026, 3, 20)):
        save_session(make_session(day=day, rehearsals=[RehearsalData(event_id, "Programme")]))
    trashed = make_session(day=date(2026, 4, 12), rehearsals=[RehearsalData(event_id, "Dress")])
    save_session(trashed)
    trash_sessions([trashed.id])
    event = seasons.load_event(event_id)
    assert [(r.aspect, r.days) for r in rehearsed(event)] == [
        ("Programme", (date(2026, 3, 20), date(2026, 4, 10))),
        ("Dress", ()),
    ]
    assert not_yet_rehearsed(event_id, date(2026, 3, 1)) is None  # more than four weeks before
    assert not_yet_rehearsed(event_id, date(2026, 4, 20)) == ["Dress"]
    assert not_yet_rehearsed(event_id, date(2026, 5, 3)) is None  # after it


def test_a_focus_target_rated_in_reflections_shows_its_progress(journal: Path) -> None:
    from cadence.domain.enums import Outcome
    from cadence.domain.records import IntentionData
    from cadence.services.season.focus_progress import focus_timeline
    from cadence.services.season.rehearsals import rated_focus_targets

    _, focus_id = _recital_with_focus()
    assert [f.title for f in rated_focus_targets(Discipline.MUSIC, date(2026, 3, 1))] == [
        "Relaxed shoulders"
    ]
    assert rated_focus_targets(Discipline.RUNNING, date(2026, 3, 1)) == []
    assert rated_focus_targets(Discipline.MUSIC, date(2026, 6, 1)) == []  # the cycle is over
    first = make_session(day=date(2026, 3, 2), focus_ratings=[FocusScoreData(focus_id, 2)])
    second = make_session(
        day=date(2026, 3, 9),
        intentions=[IntentionData("Shoulders down", focus_id, Outcome.ACHIEVED)],
        focus_ratings=[FocusScoreData(focus_id, 4)],
    )
    for data in (second, first, make_session(day=date(2026, 3, 10))):
        save_session(data)
    reviews.save_review(
        ReviewData(date(2026, 3, 2), ratings=(reviews.FocusRating(focus_id, "R", 3),)),
        date(2026, 3, 8),
    )
    timeline = focus_timeline(focus_id)
    assert [(s.day, s.rating) for s in timeline.sessions] == [
        (date(2026, 3, 2), 2),
        (date(2026, 3, 9), 4),
    ]
    assert timeline.sessions[1].intentions == (("Shoulders down", "achieved"),)
    assert timeline.weekly == [(date(2026, 3, 2), 3)]
    assert (timeline.start, timeline.end) == (date(2026, 2, 1), RECITAL)
    assert timeline.met_by_week() == [(date(2026, 3, 9), 1.0, 1)]


def test_the_calendar_export_says_which_demands_were_rehearsed(
    journal: Path, tmp_path: Path
) -> None:
    from cadence.services.transfer.export_ics import export_ics

    event_id, _ = _recital_with_focus()
    for day in (date(2026, 4, 10), date(2026, 4, 17)):
        save_session(make_session(day=day, rehearsals=[RehearsalData(event_id, "Dress")]))
    export_ics(tmp_path / "season.ics")
    raw = (tmp_path / "season.ics").read_bytes().decode("utf-8")
    text = raw.replace("\r\n ", "")  # folded lines joined again
    assert "Rehearsed Dress: 2 times\\, last on 17 Apr 2026" in text
    assert "Rehearsed Programme" not in text


def test_todays_practice_keeps_its_rehearsals_in_a_draft_and_saves_them(journal: Path) -> None:
    from datetime import datetime

    from cadence.domain.enums import SessionKind
    from cadence.domain.records import IntentionData
    from cadence.services.today import Practice, Reflection, build_session

    event_id, focus_id = _recital_with_focus()
    practice = Practice(
        Discipline.MUSIC,
        SessionKind.PRACTICE,
        [IntentionData("A run-through in the concert shoes", focus_id)],
        started_at=datetime(2026, 4, 20, 7, 0),
        local_date=date(2026, 4, 20),
        rehearsals=[RehearsalData(event_id, "Dress")],
    )
    again = Practice.from_dict(json.loads(json.dumps(practice.to_dict())))
    assert again.rehearsals == [RehearsalData(event_id, "Dress")]
    data = build_session(
        again, Reflection(duration_s=1800, focus_ratings=[FocusScoreData(focus_id, 4)])
    )
    save_session(data)
    saved = load_session(data.id)
    assert saved.rehearsals == [RehearsalData(event_id, "Dress")]
    assert saved.focus_ratings == [FocusScoreData(focus_id, 4)]
