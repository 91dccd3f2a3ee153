"""The demo's links between sessions and the season (schema v8): sessions in the weeks before a
goal event rehearse its demands, one now and then and in turn; the first focus target of each
cycle is seen by a 1-5 rating, asked in the reflection of the cycle's sessions, and rises
unevenly through the cycle; a few others are seen by accuracy or a passage's clean tempo. An A
event whose taper has begun gets a readiness check in it, and one that is past gets a debrief
two days later. Made without the random generator, so that the rest of the journal is what the
seed made before these links existed."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from cadence.domain.enums import FocusGauge
from cadence.store.models import Event, Focus, Session, SessionDemand, SessionFocusRating

if TYPE_CHECKING:
    from cadence.services.demo.generate import Rows
    from cadence.services.demo.world import World

REHEARSAL_WEEKS = 8
# focus targets that one of Cadence's measures shows (when not the cycle's rated one)
MEASURED_BY = {
    "Clean tempo before fast tempo": FocusGauge.TEMPO,
    "Let wrong notes go": FocusGauge.ACCURACY,
    "Even rhythm in fast runs": FocusGauge.ACCURACY,
}
READINESS_DAYS = 9  # the check comes this many days before the event (or when the taper starts)
DEBRIEF_DAYS = 2

READINESS_PLAN = {
    "running": "Easy first 5 km, then settle into goal pace; gel every 40 minutes; smile at the "
    "hill.",
    "music": "Warm up slowly backstage, play the first phrase in my head before I start, and let "
    "the slips go by.",
}
STILL_WANT = {
    "running": "Yes: to find out what the winter's running made, and to enjoy the river stretch.",
    "music": "Yes: to share the programme with people I like, not to prove it.",
}
READINESS_NOTES = {
    1: "not there yet; one more calm rehearsal of it",
    2: "shaky; keep it simple on the day",
    3: "getting there",
    4: "rehearsed and it held",
    5: "ready",
}
DEBRIEFS = {
    "running": (
        "Paced the first half calmly and still had legs for the last 3 km; the rehearsed "
        "breakfast and kit worked.",
        "Start the taper a few days earlier; I went into the last week tired.",
        "Two easy weeks, then a base block. Next cycle: practise the hills at race effort.",
    ),
    "music": (
        "The opening was steady, and the slow movement sang; playing it for friends first helped.",
        "Memory wobbled in the fast passage; work it slowly from several starting points.",
        "A week of pieces for pleasure, then pick the next programme with one memory focus.",
    ),
}


def add_reviews_of_events(rows: Rows, world: World) -> None:
    """Readiness checks in the taper before A events, and debriefs after the past ones."""
    for cycle in world.cycles:
        event = rows.get(Event, cycle.event_id)
        if event["priority"] != "A":
            continue
        taper = next((first for name, first, _ in cycle.phases if name == "taper"), None)
        if taper is not None:
            checked = max(taper, cycle.event_day - timedelta(days=READINESS_DAYS))
            if world.start <= checked <= world.end:
                aspects = [d["aspect"] or d["text"] for d in event["demands"]]
                n = cycle.event_day.toordinal()
                items = []
                for i, aspect in enumerate(aspects):
                    rating = 2 + (n + 3 * i) % 4  # 2..5: most demands nearly ready, one shaky
                    note = READINESS_NOTES[rating]
                    items.append({"aspect": aspect, "rating": rating, "note": note})
                plan = READINESS_PLAN[cycle.discipline]
                readiness = {
                    "checked_on": checked.isoformat(),
                    "items": items,
                    "plan": plan,
                    "still_want": STILL_WANT[cycle.discipline],
                }
                event["readiness"] = readiness
        written = cycle.event_day + timedelta(days=DEBRIEF_DAYS)
        if written <= world.end and event["result"]:
            went_well, to_change, next_step = DEBRIEFS[cycle.discipline]
            debrief = {
                "written_on": written.isoformat(),
                "went_well": went_well,
                "to_change": to_change,
                "next_step": next_step,
            }
            event["debrief"] = debrief


def add_season_links(rows: Rows, world: World) -> None:
    cycles = {c.id: c for c in world.cycles}
    rated: dict[int, int] = {}  # cycle id -> the focus target rated in its reflections
    for cycle in world.cycles:
        if cycle.focus:
            focus_id = cycle.focus[0][0]
            rows.get(Focus, focus_id)["gauge"] = str(FocusGauge.RATING)
            rated[cycle.id] = focus_id
        for focus_id, _ in cycle.focus[1:]:
            row = rows.get(Focus, focus_id)
            row["gauge"] = str(MEASURED_BY.get(row["title"], row["gauge"]))
    for session in rows.tables[Session]:
        cycle_id = session.get("cycle")
        cycle = cycles.get(cycle_id) if cycle_id is not None else None
        if cycle is None or session.get("status", "done") != "done":
            continue
        day = session["local_date"]
        n = day.toordinal()
        event = rows.get(Event, cycle.event_id)
        ready = [d["aspect"] for d in event["demands"] if d.get("rehearse")]
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
