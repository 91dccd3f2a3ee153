"""Slips over a range, for `cadence stats` and the Trends Stop-points tab: per discipline and
together, slips per session, the share let go and the share recovered, and a count per week.

Each session's slips are measured by `services.slips.slip_measures` (one definition,
domain/slips.py) and pooled with `domain.slips.pooled`; the sentence is the reports' own
(`slips_sentence`), so the stats, the view and the reports say the same numbers.
"""

from __future__ import annotations

from cadence.domain.slips import SessionSlips, pooled, session_slips
from cadence.services.records.slips import slip_measures, slips_sentence
from cadence.services.stats.facts import Facts
from cadence.services.stats.types import SlipKey, SlipStats


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


_NONE = session_slips(())  # a session without slips


def _measured(facts: Facts, ids: list[int]) -> dict[int, SessionSlips]:
    """Each session's slip measures: picked from the whole journal's (kept until it changes)
    on the views' route, queried for these sessions for one report."""
    if facts.journal is not None:
        kept = facts.journal.slips
        return {i: kept.get(i, _NONE) for i in ids}
    return slip_measures(ids)


def slip_stats_from(facts: Facts) -> SlipStats:
    s = facts.sessions
    axis = facts.axis("week")
    ids = [int(i) for i in s.ids.tolist()]
    measured = _measured(facts, ids)
    week_of = axis.of_day[s.day].tolist() if len(ids) else []
    by_key = {}
    for key in facts.scope.keys:
        picked = s.masks[key].tolist()
        mine: list[SessionSlips] = [
            measured[i] for i, keep in zip(ids, picked, strict=True) if keep
        ]
        per_week = [0] * len(axis.starts)
        for sid, week, keep in zip(ids, week_of, picked, strict=True):
            if keep:
                per_week[week] += measured[sid].slips
        total = pooled(mine)
        by_key[key] = SlipKey(
            sessions=len(mine),
            slips=total.slips,
            per_session=_share(total.slips, len(mine)),
            let_go=total.let_go,
            answered=total.answered,
            let_go_share=_share(total.let_go, total.answered),
            recovered=total.recovered,
            judged=total.judged,
            recovered_share=_share(total.recovered, total.judged),
            per_week=per_week,
            sentence=slips_sentence(len(mine), total),
        )
    return SlipStats(weeks=axis.starts, by_key=by_key)
