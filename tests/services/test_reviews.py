"""Weekly reviews: one per week, rated focus targets, validation, and schema v4's table."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import Discipline, FocusStatus
from cadence.domain.seasons import FocusRating, ReviewData
from cadence.services.records.journal import save_session
from cadence.services.records.library import add_focus
from cadence.services.records.preferences import load_preferences, save_preferences
from cadence.services.season import reviews
from cadence.services.validation import ValidationError
from cadence.store.models import Focus, WeeklyReview

MONDAY = date(2026, 11, 2)


def test_a_week_is_reviewed_once_and_rewritten_in_place(journal: Path) -> None:
    shoulders, _ = add_focus("Relaxed shoulders", Discipline.MUSIC)
    splits, _ = add_focus("Negative splits", Discipline.RUNNING)
    Focus.update(status=str(FocusStatus.ACHIEVED)).where(Focus.id == splits).execute()
    offered = reviews.focus_targets_to_rate(MONDAY)
    assert [(r.focus_id, r.title) for r in offered] == [(shoulders, "Relaxed shoulders")]
    data = ReviewData(
        MONDAY,
        went_well="Five days of some practice",
        ratings=(FocusRating(shoulders, "Relaxed shoulders", 3),),
    )
    review_id, changes = reviews.save_review(data, today=date(2026, 11, 8))
    assert changes.plans
    data.learned = "Slow practice first thing works"
    again, _ = reviews.save_review(data, today=date(2026, 11, 9))
    assert again == review_id and WeeklyReview.select().count() == 1
    loaded = reviews.load_review(MONDAY)
    assert loaded.learned == "Slow practice first thing works"
    assert loaded.ratings == (FocusRating(shoulders, "Relaxed shoulders", 3),)
    # a target rated that week is offered again even once achieved
    Focus.update(status=str(FocusStatus.ACHIEVED)).where(Focus.id == shoulders).execute()
    assert [r.rating for r in reviews.focus_targets_to_rate(MONDAY, loaded)] == [3]
    assert [r.week_start for r in reviews.reviews()] == [MONDAY]


def test_only_the_focus_targets_held_that_week_are_offered(journal: Path) -> None:
    from cadence.domain.seasons import CycleData, FocusData
    from cadence.services.season import seasons

    seasons.save_cycle(
        CycleData("Later", date(2026, 12, 1), date(2027, 2, 1), focuses=[FocusData("Later aim")])
    )
    seasons.save_cycle(
        CycleData("Now", date(2026, 10, 1), date(2026, 11, 30), focuses=[FocusData("Now aim")])
    )
    add_focus("Always")
    titles = [r.title for r in reviews.focus_targets_to_rate(MONDAY)]
    assert titles == ["Always", "Now aim"]


def test_bad_reviews_say_what_to_do_and_save_nothing(journal: Path) -> None:
    with pytest.raises(ValidationError) as info:
        reviews.save_review(ReviewData(date(2026, 11, 4), "ok"), today=date(2026, 11, 8))
    assert "first day of a week" in info.value.errors["week_start"]
    with pytest.raises(ValidationError) as info:
        reviews.save_review(ReviewData(MONDAY), today=date(2026, 11, 8))
    assert "empty review" in info.value.errors["went_well"]
    with pytest.raises(ValidationError) as info:
        reviews.save_review(ReviewData(MONDAY, "ok"), today=date(2026, 11, 1))
    assert "not begun" in info.value.errors["week_start"]
    with pytest.raises(ValidationError):
        reviews.save_review(
            ReviewData(MONDAY, ratings=(FocusRating(1, "x", 9),)), today=date(2026, 11, 8)
        )
    assert WeeklyReview.select().count() == 0


def test_the_week_follows_the_preferred_first_day(journal: Path) -> None:
    prefs = load_preferences()
    prefs.week_start = 6  # Sunday
    save_preferences(prefs)
    assert reviews.this_week(date(2026, 11, 4)) == date(2026, 11, 1)
    reviews.save_review(ReviewData(date(2026, 11, 1), "ok"), today=date(2026, 11, 4))


def test_week_facts_count_done_sessions_of_the_week(journal: Path) -> None:
    save_session(make_session(Discipline.MUSIC, day=MONDAY, minutes=30))
    save_session(make_session(Discipline.RUNNING, day=date(2026, 11, 8), minutes=45))
    save_session(make_session(Discipline.MUSIC, day=date(2026, 11, 9), minutes=20))  # next week
    facts = reviews.week_facts(MONDAY)
    assert (facts.sessions, facts.music_minutes, facts.running_minutes) == (2, 30, 45)


def test_a_review_is_offered_at_the_weeks_end_until_written(journal: Path) -> None:
    sunday, next_monday = date(2026, 11, 8), date(2026, 11, 9)
    assert [reviews.review_due(MONDAY + timedelta(days=n)) for n in range(6)] == [None] * 6
    assert reviews.review_due(sunday) == MONDAY  # the week's last day
    # the first two days of the next week offer the week just ended, if it held a session
    assert reviews.review_due(next_monday) is None
    save_session(make_session(Discipline.MUSIC, day=MONDAY + timedelta(days=2)))
    assert reviews.review_due(next_monday) == MONDAY
    assert reviews.review_due(next_monday + timedelta(days=1)) == MONDAY
    assert reviews.review_due(next_monday + timedelta(days=2)) is None
    reviews.save_review(ReviewData(MONDAY, "steady"), today=sunday)
    assert reviews.review_due(sunday) is None and reviews.review_due(next_monday) is None
    # a Sunday-first week ends on Saturday
    prefs = load_preferences()
    prefs.week_start = 6
    save_preferences(prefs)
    assert reviews.review_due(date(2026, 11, 14)) == date(2026, 11, 8)
