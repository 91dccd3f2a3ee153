"""Slips — a wrong note, a rep run far too fast — and whether the session recovered from them.

One definition of each measure (docs/measures.md, "Slips"):

- **reps after** a slip: the reps counted after its key was pressed, to the end of the session;
- **good after**: of those, the ones that went well. Music counted clean / not clean: the clean
  ones. Reps counted without that (running, or music counted with +1 rep only): the reps before
  the next slip — a rep far too fast gets a slip of its own, so the reps with none were on pace;
- a slip is **recovered** when at least one rep was counted after it and at least half of the
  reps after it were good; with no rep after it (the session ended there) it cannot tell: None;
- a session **recovered** when each of its slips that can tell was recovered; None when none can.

Pure functions on plain values: no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cadence.domain.records import SlipData

GOOD_SHARE = 0.5  # of the reps after a slip, this share good (or more) is a recovery


def counts_after(slip_reps: Sequence[int], counted: Sequence[str]) -> list[tuple[int, int]]:
    """(reps after, good after) for each slip, from the reps each was logged at and the count log
    (`"rep"`, `"clean"`, `"attempt"` in order, as Today counts them)."""
    total = len(counted)
    classified = any(c in ("clean", "attempt") for c in counted)
    out = []
    for at in slip_reps:
        at = max(0, min(at, total))
        after = counted[at:]
        if classified:
            good = sum(1 for c in after if c == "clean")
        else:
            later = [r for r in slip_reps if r > at]
            good = (min(min(later), total) if later else total) - at
        out.append((len(after), good))
    return out


def slip_recovered(slip: SlipData) -> bool | None:
    """Recovered from this slip: at least half of the reps after it were good. None when no rep
    was counted after it, or the counts are unknown (a slip typed in the editor without them)."""
    if slip.reps_after is None or slip.good_after is None or slip.reps_after <= 0:
        return None
    return slip.good_after >= GOOD_SHARE * slip.reps_after


@dataclass(frozen=True)
class SessionSlips:
    """A session's slips, measured: the numbers an experiment compares."""

    slips: int  # slips per session
    let_go: int  # answered "let go" in the reflection
    answered: int  # slips whose "let go?" was answered
    recovered: int  # slips recovered from
    judged: int  # slips that can tell (a rep was counted after them)

    @property
    def session_recovered(self) -> bool | None:
        """Every slip that can tell was recovered from; None when none can (or no slips)."""
        return None if not self.judged else self.recovered == self.judged

    @property
    def let_go_share(self) -> float | None:
        return self.let_go / self.answered if self.answered else None


def session_slips(slips: Sequence[SlipData]) -> SessionSlips:
    verdicts = [slip_recovered(s) for s in slips]
    return SessionSlips(
        slips=len(slips),
        let_go=sum(1 for s in slips if s.let_go is True),
        answered=sum(1 for s in slips if s.let_go is not None),
        recovered=sum(1 for v in verdicts if v is True),
        judged=sum(1 for v in verdicts if v is not None),
    )


def pooled(sessions: Sequence[SessionSlips]) -> SessionSlips:
    """Several sessions' slips together (sums; rates pooled, never averaged)."""
    return SessionSlips(
        slips=sum(s.slips for s in sessions),
        let_go=sum(s.let_go for s in sessions),
        answered=sum(s.answered for s in sessions),
        recovered=sum(s.recovered for s in sessions),
        judged=sum(s.judged for s in sessions),
    )
