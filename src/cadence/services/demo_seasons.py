"""The demo's links between sessions and the season (schema v8): sessions in the weeks before a
goal event rehearse its demands, one now and then and in turn; the first focus target of each
cycle is seen by a 1-5 rating, asked in the reflection of the cycle's sessions, and rises
unevenly through the cycle. Made without the random generator, so that the rest of the journal
is what the seed made before these links existed."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from cadence.domain.enums import FocusGauge
from cadence.store.models import Event, Focus, Session, SessionDemand, SessionFocusRating

if TYPE_CHECKING:
    from cadence.services.demo import Rows
    from cadence.services.demo_world import World

REHEARSAL_WEEKS = 8


def add_season_links(rows: Rows, world: World) -> None:
    cycles = {c.id: c for c in world.cycles}
    rated: dict[int, int] = {}  # cycle id -> the focus target rated in its reflections
    for cycle in world.cycles:
        if cycle.focus:
            focus_id = cycle.focus[0][0]
            rows.get(Focus, focus_id)["gauge"] = str(FocusGauge.RATING)
            rated[cycle.id] = focus_id
    for session in rows.tables[Session]:
        cycle = cycles.get(session.get("cycle"))
        if cycle is None or session.get("status", "done") != "done":
            continue
        day = session["local_date"]
        n = day.toordinal()
        event = rows.get(Event, cycle.event_id)
        ready = [d["aspect"] for d in json.loads(event["demands"]) if d.get("rehearse")]
        before = cycle.event_day - timedelta(weeks=REHEARSAL_WEEKS) <= day < cycle.event_day
        if ready and before and n % 6 == 0:
            aspect = ready[(n // 6) % len(ready)]
            rows.add(SessionDemand, session=session["id"], event=cycle.event_id, aspect=aspect)
        focus_id = rated.get(cycle.id)
        if focus_id is not None and cycle.start <= day <= cycle.event_day:
            progress = (day - cycle.start).days / max(1, (cycle.event_day - cycle.start).days)
            rating = round(2 + 2.4 * progress + (n % 3 - 1) * 0.6)
            rows.add(
                SessionFocusRating,
                session=session["id"],
                focus=focus_id,
                rating=max(1, min(5, rating)),
            )
