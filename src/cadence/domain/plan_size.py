"""Plans sized from your own stops: where you tend to stop in a plan of reps (or of minutes), and
the size of plan that fits ("the last 5 times you stopped after 10 of 12: plan 10, and stop while it is still
good"). Never forced: the Today page offers it, one click takes it.

The rule (docs/measures.md, "Plans sized from your own stops"):

- the history is the last `RECENT` (5) done sessions of the same passage (music) or the same
  kind of run that planned a number of reps, newest first; each gives where it ended: the rep of
  its stop-point when it stopped early, else the reps done;
- a proposal needs at least `MIN_SESSIONS` (3) of them, and a stop before the plan in at least
  `MIN_STOPS` (3) of them — fewer say too little about where you stop;
- the share reached = the median of reached ÷ planned over those sessions (a median: one bad day
  does not move it); the proposal = that share of the plan being made, rounded down, at least 1;
- a plan in minutes follows the same rule in whole minutes: where it ended is the elapsed time of
  its stop-point when it stopped early, else its duration (see services/stats/plan_size.py);
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


UNITS = ("reps", "minutes")


@dataclass(frozen=True)
class PlanOutcome:
    """One earlier session: the reps (or whole minutes) it planned, and where it ended (its stop,
    or done)."""

    planned: int
    reached: int

    @property
    def stopped_early(self) -> bool:
        return self.reached < self.planned


@dataclass(frozen=True)
class PlanProposal:
    size: int  # the plan proposed, in `unit`
    share: float  # the median share of the plan reached
    sessions: int  # how many earlier sessions it rests on
    stops: int  # how many of them stopped before their plan
    text: str
    unit: str = "reps"  # or "minutes"


def share_reached(history: Sequence[PlanOutcome]) -> float | None:
    """Where you tend to stop: the median share of the planned reps reached; None without plans."""
    shares = [h.reached / h.planned for h in history if h.planned > 0]
    return median(shares) if shares else None


def propose_plan_size(
    history: Sequence[PlanOutcome], planned: int, unit: str = "reps"
) -> PlanProposal | None:
    """The plan that fits, for a plan of `planned` reps (or minutes); `history` newest first."""
    if unit not in UNITS:
        raise ValueError(f"a plan is sized in {' or '.join(UNITS)}, not {unit!r}")
    recent = [h for h in history if h.planned > 0][:RECENT]
    stops = sum(1 for h in recent if h.stopped_early)
    if planned <= 1 or len(recent) < MIN_SESSIONS or stops < MIN_STOPS:
        return None
    if planned <= median(h.reached for h in recent):
        return None  # the plan already fits where you stop
    share = share_reached(recent)
    assert share is not None
    size = max(1, math.floor(share * planned + 1e-9))
    if size >= planned:
        return None
    of = " minutes" if unit == "minutes" else ""
    n = len(recent)
    same = {(h.planned, h.reached) for h in recent}
    if len(same) == 1:
        ((p, r),) = same
        said = f"The last {n} times you stopped after {r} of {p}{of}"
    else:
        said = (
            f"Of the last {n} times, you stopped early {stops} times, at about "
            f"{round(share * 100)} % of the plan"
        )
    text = f"{said}: plan {size}{of}, and stop while it is still good."
    return PlanProposal(size=size, share=share, sessions=n, stops=stops, text=text, unit=unit)
