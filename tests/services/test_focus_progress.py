"""How a focus target is going: intentions serving it met, and its latest weekly rating."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import make_session

from cadence.domain.enums import Discipline, Outcome
from cadence.domain.records import IntentionData
from cadence.domain.seasons import FocusRating, ReviewData
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.records.library import add_focus
from cadence.services.season.focus_progress import FocusProgress, focus_progress
from cadence.services.season.reviews import save_review


def _served(focus_id: int, outcome: Outcome, day: date) -> int:
    data = make_session(
        Discipline.MUSIC, day=day, intentions=[IntentionData("shoulders", focus_id, outcome)]
    )
    save_session(data)
    return data.id


def test_intentions_met_and_the_latest_rating(journal: Path) -> None:
    shoulders, _ = add_focus("Relaxed shoulders", Discipline.MUSIC)
    untouched, _ = add_focus("Breathe", Discipline.MUSIC)
    _served(shoulders, Outcome.ACHIEVED, date(2026, 11, 2))
    _served(shoulders, Outcome.PARTLY, date(2026, 11, 3))
    _served(shoulders, Outcome.MISSED, date(2026, 11, 4))
    _served(shoulders, Outcome.NOT_RATED, date(2026, 11, 5))
    gone = _served(shoulders, Outcome.MISSED, date(2026, 11, 6))
    trash_sessions([gone])
    for monday, rating in ((date(2026, 11, 2), 2), (date(2026, 11, 9), 4)):
        save_review(
            ReviewData(monday, "ok", ratings=(FocusRating(shoulders, "Relaxed", rating),)),
            today=date(2026, 11, 15),
        )
    progress = focus_progress([shoulders, untouched])
    assert progress[shoulders] == FocusProgress(
        intentions=4, met=0.5, last_rating=4, ratings=2
    )  # (1 + ½) ÷ 3 rated
    assert progress[untouched] == FocusProgress()
    assert focus_progress([]) == {}
