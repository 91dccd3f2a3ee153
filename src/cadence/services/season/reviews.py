"""Weekly reviews: looking back on a week — what went well, what was learned, what next week is
for — with a 1-5 rating of each focus target held that week. One review per week; writing it
again replaces it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import JOIN, fn

from cadence.domain.enums import FocusStatus
from cadence.domain.measures import week_start_of
from cadence.domain.seasons import FocusRating, ReviewData
from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.services.validation import Checker, ValidationError
from cadence.store.models import Cycle, Focus, Session, WeeklyReview, database, utcnow
from cadence.store.queries import counted_session, in_trash

LIVE_REVIEW = WeeklyReview.deleted_at.is_null()


@dataclass(frozen=True)
class WeekFacts:
    """What the journal holds for the week under review."""

    sessions: int
    music_minutes: float
    running_minutes: float


def this_week(today: date | None = None) -> date:
    return week_start_of(today or date.today(), load_preferences().week_start)


def review_due(today: date | None = None) -> date | None:
    """The week a review is offered for at the week's end, or None: on its last day, the week
    ending today; on the first two days of the next, the week just ended, if it held a session.
    Never a week already reviewed."""
    today = today or date.today()
    start = this_week(today)
    if today == start + timedelta(days=6):
        week = start
    elif today - start < timedelta(days=2):
        week = start - timedelta(weeks=1)
        if not week_facts(week).sessions:
            return None
    else:
        return None
    return None if load_review(week) is not None else week


def week_facts(week_start: date) -> WeekFacts:
    end = week_start + timedelta(days=6)
    rows = (
        Session.select(Session.discipline, fn.COUNT(Session.id), fn.SUM(Session.duration_s))
        .where(Session.local_date.between(week_start, end) & counted_session())
        .group_by(Session.discipline)
        .tuples()
    )
    minutes = {discipline: (count, (total or 0) / 60) for discipline, count, total in rows}
    return WeekFacts(
        sum(count for count, _ in minutes.values()),
        minutes.get("music", (0, 0.0))[1],
        minutes.get("running", (0, 0.0))[1],
    )


def focus_targets_to_rate(week_start: date, review: ReviewData | None = None) -> list[FocusRating]:
    """The active focus targets held that week (by no cycle, or by a cycle running then), and
    any rated in this review already (kept even if finished since)."""
    rated = {r.focus_id: r for r in review.ratings} if review else {}
    end = week_start + timedelta(days=6)
    held = Focus.cycle.is_null() | ((Cycle.start_date <= end) & (Cycle.end_date >= week_start))
    rows = (
        Focus.select(Focus)
        .join(Cycle, JOIN.LEFT_OUTER)
        .where(
            ((Focus.status == str(FocusStatus.ACTIVE)) & held) | Focus.id.in_(list(rated) or [0])
        )
    )
    out = []
    for row in rows.order_by(Focus.title):
        before = rated.get(row.id)
        out.append(FocusRating(row.id, row.title, before.rating if before else None))
    return out


def validate_review(data: ReviewData, today: date | None = None) -> None:
    today = today or date.today()
    week_start = load_preferences().week_start
    c = Checker()
    c.require(
        week_start_of(data.week_start, week_start) == data.week_start,
        "week_start",
        "Choose the first day of a week",
    )
    c.require(data.week_start <= today, "week_start", "That week has not begun yet")
    c.require(
        any(t.strip() for t in (data.went_well, data.learned, data.next_week))
        or any(r.rating for r in data.ratings),
        "went_well",
        "Write at least one line or rate a focus target; an empty review is not saved",
    )
    for i, rating in enumerate(data.ratings):
        c.in_range(rating.rating, 1, 5, f"ratings[{i}]", f"The rating of {rating.title}")
    c.done()


def save_review(data: ReviewData, today: date | None = None) -> tuple[int, Changes]:
    """Create the week's review, or replace it."""
    validate_review(data, today)
    values = {
        "went_well": data.went_well.strip(),
        "learned": data.learned.strip(),
        "next_week": data.next_week.strip(),
        "ratings": [
            {"focus_id": r.focus_id, "title": r.title, "rating": r.rating}
            for r in data.ratings
            if r.rating is not None
        ],
        "updated_at": utcnow(),
    }
    with database.atomic():
        row = WeeklyReview.get_or_none((WeeklyReview.week_start == data.week_start) & LIVE_REVIEW)
        if row is None:
            review_id = WeeklyReview.insert(week_start=data.week_start, **values).execute()
        else:
            WeeklyReview.update(**values).where(WeeklyReview.id == row.id).execute()
            review_id = row.id
    return review_id, Changes(plans=True)


def _ratings(rows: object) -> tuple[FocusRating, ...]:
    out = []
    for r in rows if isinstance(rows, list) else []:
        if isinstance(r, dict) and isinstance(r.get("focus_id"), int):
            rating = r.get("rating")
            rating = rating if isinstance(rating, int) and 1 <= rating <= 5 else None
            out.append(FocusRating(r["focus_id"], str(r.get("title", "")), rating))
    return tuple(out)


def _review(row: WeeklyReview) -> ReviewData:
    return ReviewData(
        id=row.id,
        week_start=row.week_start,
        went_well=row.went_well,
        learned=row.learned,
        next_week=row.next_week,
        ratings=_ratings(row.ratings),
    )


def load_review(week_start: date) -> ReviewData | None:
    row = WeeklyReview.get_or_none((WeeklyReview.week_start == week_start) & LIVE_REVIEW)
    return _review(row) if row else None


def reviews(limit: int | None = 12) -> list[ReviewData]:
    """The latest reviews not in the trash, newest first."""
    query = WeeklyReview.select().where(LIVE_REVIEW).order_by(WeeklyReview.week_start.desc())
    return [_review(r) for r in (query.limit(limit) if limit else query)]


def trash_review(review_id: int) -> Changes:
    """Move a weekly review to the trash (Undo or the Trash view brings it back)."""
    WeeklyReview.update(deleted_at=utcnow()).where(
        (WeeklyReview.id == review_id) & LIVE_REVIEW
    ).execute()
    return Changes(plans=True, trash=True)


def restore_reviews(review_ids: list[int]) -> Changes:
    """Bring reviews back from the trash; refused, with nothing changed, for a week that has
    been reviewed again since (one live review a week)."""
    with database.atomic():
        for row in WeeklyReview.select().where(WeeklyReview.id.in_(review_ids)):
            if row.deleted_at is None:
                continue
            other = WeeklyReview.get_or_none(
                (WeeklyReview.week_start == row.week_start) & LIVE_REVIEW
            )
            if other is not None:
                raise ValidationError(
                    {
                        "week_start": f"The week of {row.week_start:%d %b %Y} has a review "
                        "written since; delete that one first to bring this one back"
                    }
                )
            WeeklyReview.update(deleted_at=None).where(WeeklyReview.id == row.id).execute()
    return Changes(plans=True, trash=True)


def purge_reviews(review_ids: list[int]) -> Changes:
    WeeklyReview.delete().where(
        WeeklyReview.id.in_(review_ids) & WeeklyReview.deleted_at.is_null(False)
    ).execute()
    return Changes(trash=True)


@dataclass(frozen=True)
class TrashedReview:
    """A weekly review in the trash, as the Trash view lists it."""

    id: int
    week_start: date
    went_well: str
    learned: str
    next_week: str
    deleted_at: datetime


def trashed_reviews() -> list[TrashedReview]:
    """The weekly reviews in the trash, the one trashed last first (records, one query)."""
    return in_trash(WeeklyReview, TrashedReview)
