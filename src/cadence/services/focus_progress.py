"""How each focus target is going, in the measure it is seen by, where Cadence can say it in a
few words: intentions serving it met (rated in each reflection) and the user's own weekly
rating. The other measures are read on the charts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import fn

from cadence.domain.enums import Outcome
from cadence.domain.measures import intention_rate
from cadence.store.models import Intention, Session, WeeklyReview
from cadence.store.queries import counted_session


@dataclass(frozen=True)
class FocusProgress:
    intentions: int = 0  # intentions that served it, in done sessions not in the trash
    met: float | None = None  # (achieved + ½ partly) ÷ rated
    last_rating: int | None = None  # in the latest weekly review that rated it
    ratings: int = 0


def focus_progress(focus_ids: list[int]) -> dict[int, FocusProgress]:
    if not focus_ids:
        return {}
    counts: dict[int, dict[str, int]] = {i: {} for i in focus_ids}
    rows = (
        Intention.select(Intention.focus, Intention.outcome, fn.COUNT(Intention.id))
        .join(Session)
        .where(Intention.focus.in_(focus_ids) & counted_session())
        .group_by(Intention.focus, Intention.outcome)
        .tuples()
    )
    for focus_id, outcome, n in rows:
        counts[focus_id][outcome] = n
    ratings: dict[int, list[int]] = {i: [] for i in focus_ids}
    for (text,) in (
        WeeklyReview.select(WeeklyReview.ratings).order_by(WeeklyReview.week_start.desc()).tuples()
    ):
        try:
            rated = json.loads(text or "[]")
        except ValueError:
            continue
        for r in rated if isinstance(rated, list) else []:
            if isinstance(r, dict) and r.get("focus_id") in ratings and r.get("rating"):
                ratings[r["focus_id"]].append(int(r["rating"]))
    out = {}
    for focus_id in focus_ids:
        c = counts[focus_id]
        achieved, partly = c.get(Outcome.ACHIEVED, 0), c.get(Outcome.PARTLY, 0)
        rated = achieved + partly + c.get(Outcome.MISSED, 0)
        out[focus_id] = FocusProgress(
            intentions=sum(c.values()),
            met=intention_rate(achieved, partly, rated),
            last_rating=ratings[focus_id][0] if ratings[focus_id] else None,
            ratings=len(ratings[focus_id]),
        )
    return out
