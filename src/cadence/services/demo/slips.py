"""The demo's slips (wrong notes let go or not, a first interval far too fast) and the stops that
make Today's plan-size proposal appear: the last few sessions of the passage worked on most
recently stopped a little short of their plan.

Made after the rest of the demo, from a random generator of their own, so the rest of the journal
is exactly what the seed made before slips existed."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import TYPE_CHECKING

from cadence.store.models import Block, Session, Slip, StopPoint

if TYPE_CHECKING:
    from cadence.services.demo.generate import Rows

SLIP_WORDS = ("", "", "", "rushed", "wrong note, bar 12", "tight thumb", "lost the count", "")
RUN_WORDS = ("", "first one far too fast", "went out too hard", "")
SIZED_SESSIONS = 5  # the passage's last sessions, of which all but one stop short of the plan


def add_slips_and_sized_stops(rows: Rows, seed: int) -> None:
    rng = random.Random(seed * 7919 + 15)
    sessions = [s for s in rows.tables[Session] if s["deleted_at"] is None]
    blocks: dict[int, list[dict]] = defaultdict(list)
    for block in rows.tables[Block]:
        blocks[block["session"]].append(block)
    _sized_stops(rows, sessions, blocks)
    for session in sessions:
        if session["discipline"] == "music" and session["kind"] == "practice":
            _music_slips(rng, rows, session, blocks[session["id"]])
        elif session["kind"] == "intervals" and rng.random() < 0.4:
            _run_slip(rng, rows, session, blocks[session["id"]])


def _let_go(rng: random.Random) -> bool | None:
    return rng.choices((True, False, None), weights=(7, 2, 1))[0]


def _music_slips(rng: random.Random, rows: Rows, session: dict, own: list[dict]) -> None:
    for position, block in enumerate(own):
        done = block["done_reps"] or 0
        if block["passage"] is None or done < 3 or rng.random() >= 0.3:
            continue
        clean = block["clean_reps"]
        for rep in sorted(rng.sample(range(done), rng.choice((1, 1, 2)))):
            after = done - rep
            good = after if clean is None else min(after, round(after * clean / done))
            share = (position + (rep + 0.5) / done) / len(own)
            rows.add(
                Slip,
                session=session["id"],
                block=block["id"],
                elapsed_s=float(round(session["duration_s"] * share)),
                rep_index=rep,
                note=rng.choice(SLIP_WORDS),
                let_go=_let_go(rng),
                reps_after=after,
                good_after=good,
            )


def _run_slip(rng: random.Random, rows: Rows, session: dict, own: list[dict]) -> None:
    done = sum(b["done_reps"] or 0 for b in own)
    if done < 3:
        return
    rows.add(
        Slip,
        session=session["id"],
        block=None,
        elapsed_s=float(round(session["duration_s"] * 0.25)),
        rep_index=1,  # the first rep, far too fast: the rest on pace
        note=rng.choice(RUN_WORDS),
        let_go=rng.choices((True, False), weights=(4, 1))[0],
        reps_after=done - 1,
        good_after=done - 1,
    )


def _sized_stops(rows: Rows, sessions: list[dict], blocks: dict[int, list[dict]]) -> None:
    """The passage practised last: its last sessions with a plan in reps stop at about 5/6 of it
    (form going), so Today proposes a plan that fits."""
    planned = [
        (s, b)
        for s in sorted(sessions, key=lambda s: s["started_at"], reverse=True)
        if s["discipline"] == "music" and s["status"] == "done"
        for b in blocks[s["id"]]
        if b["passage"] is not None and (b["planned_reps"] or 0) > 0
    ]
    if not planned:
        return
    passage = planned[0][1]["passage"]
    mine = [(s, b) for s, b in planned if b["passage"] == passage][:SIZED_SESSIONS]
    for n, (session, block) in enumerate(mine):
        plan = block["planned_reps"]
        if n == 2 or plan < 2:
            continue  # one day it went to plan
        rep = plan - max(1, round(plan / 6))
        block["done_reps"] = rep
        if block["clean_reps"] is not None:
            block["clean_reps"] = min(block["clean_reps"], rep)
        for stop in rows.tables[StopPoint]:
            if stop["session"] == session["id"] and stop["block"] == block["id"]:
                stop["rep_index"], stop["planned_reps"] = rep, plan
                stop["action"] = "stopped"
                break
        else:
            rows.add(
                StopPoint,
                session=session["id"],
                block=block["id"],
                elapsed_s=float(session["duration_s"]),
                rep_index=rep,
                planned_reps=plan,
                planned_s=session["planned_duration_s"],
                reason="form",
                body_area="none",
                severity=2,
                action="stopped",
                note="Stopped while it was still good",
                side="none",
            )
