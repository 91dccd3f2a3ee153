"""Plans sized from your own stops: where you tend to stop in a plan of reps, and the size of plan
that fits ("the last 5 times you stopped after 10 of 12: plan 10, and stop while it is still
good"). Never forced: the Today page offers it, one click takes it.

The rule (docs/measures.md, "Plans sized from your own stops"):

- the history is the last `RECENT` (5) done sessions of the same passage (music) or the same
  kind of run that planned a number of reps, newest first; each gives where it ended: the rep of
  its stop-point when it stopped early, else the reps done;
- a proposal needs at least `MIN_SESSIONS` (3) of them, and a stop before the plan in at least
  `MIN_STOPS` (3) of them — fewer say too little about where you stop;
- the share reached = the median of reached ÷ planned over those sessions (a median: one bad day
  does not move it); the proposal = that share of the plan being made, rounded down, at least 1;
- a plan no bigger than the median rep reached already fits: nothing is proposed (so taking a
  proposal does not set off a smaller one), and only a proposal smaller than the plan is offered.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

RECENT = 5
MIN_SESSIONS = 3
MIN_STOPS = 3


@dataclass(frozen=True)
class PlanOutcome:
    """One earlier session: the reps it planned, and the rep it ended at (its stop, or done)."""

    planned: int
    reached: int

    @property
    def stopped_early(self) -> bool:
        return self.reached < self.planned


@dataclass(frozen=True)
class PlanProposal:
    reps: int  # the plan proposed
    share: float  # the median share of the plan reached
    sessions: int  # how many earlier sessions it rests on
    stops: int  # how many of them stopped before their plan
    text: str


def share_reached(history: Sequence[PlanOutcome]) -> float | None:
    """Where you tend to stop: the median share of the planned reps reached; None without plans."""
    shares = [h.reached / h.planned for h in history if h.planned > 0]
    return median(shares) if shares else None


def propose_plan_size(history: Sequence[PlanOutcome], planned: int) -> PlanProposal | None:
    """The plan that fits, for a plan of `planned` reps; `history` newest first."""
    recent = [h for h in history if h.planned > 0][:RECENT]
    stops = sum(1 for h in recent if h.stopped_early)
    if planned <= 1 or len(recent) < MIN_SESSIONS or stops < MIN_STOPS:
        return None
    if planned <= median(h.reached for h in recent):
        return None  # the plan already fits where you stop
    share = share_reached(recent)
    assert share is not None
    reps = max(1, math.floor(share * planned + 1e-9))
    if reps >= planned:
        return None
    n = len(recent)
    same = {(h.planned, h.reached) for h in recent}
    if len(same) == 1:
        ((p, r),) = same
        said = f"The last {n} times you stopped after {r} of {p}"
    else:
        said = (
            f"Of the last {n} times, you stopped early {stops} times, at about "
            f"{round(share * 100)} % of the plan"
        )
    text = f"{said}: plan {reps}, and stop while it is still good."
    return PlanProposal(reps=reps, share=share, sessions=n, stops=stops, text=text)
