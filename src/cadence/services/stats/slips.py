"""Slips over a range, for `cadence stats` and the Trends Stop-points tab: per discipline and
together, slips per session, the share let go and the share recovered, and a count per week.

Each session's slips are measured by `services.slips.slip_measures` (one definition,
domain/slips.py) and pooled as `domain.slips.pooled` pools them (sums, here over numpy columns
of the sessions that have slips); the sentence is the reports' own
(`slips_sentence`), so the stats, the view and the reports say the same numbers.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from cadence.domain.slips import SessionSlips
from cadence.services.records.slips import slip_measures, slips_sentence
from cadence.services.stats.facts import Facts
from cadence.services.stats.types import SlipKey, SlipStats


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


_MEASURES = [f.name for f in fields(SessionSlips)]  # slips, let_go, answered, recovered, judged


def slip_table(measured: dict[int, SessionSlips]) -> tuple[np.ndarray, np.ndarray]:
    """Sessions with slips as columns: their ids, ascending, and one row of SessionSlips'
    counts each (the Trends tab sums them per discipline and week with numpy)."""
    ids = np.array(sorted(measured), dtype=np.int64)
    rows = [[getattr(measured[i], name) for name in _MEASURES] for i in ids.tolist()]
    counts = np.array(rows, dtype=np.int64).reshape(len(rows), len(_MEASURES))
    return ids, counts


def _slipped(facts: Facts) -> tuple[np.ndarray, np.ndarray]:
    """Where among `facts.sessions` the sessions with slips are, and their counts (a row of
    SessionSlips each): picked from the whole journal's (kept until it changes) on the views'
    route, queried for these sessions for one report. A session without slips adds nothing
    to any sum, so it is not looked at."""
    ids = facts.sessions.ids
    if facts.journal is not None:
        have, counts = facts.journal.slip_table
    else:
        have, counts = slip_table({i: m for i, m in slip_measures(ids.tolist()).items() if m.slips})
    at = np.flatnonzero(np.isin(ids, have))
    return at, counts[np.searchsorted(have, ids[at])]


def slip_stats_from(facts: Facts) -> SlipStats:
    s = facts.sessions
    axis = facts.axis("week")
    at, counts = _slipped(facts)
    weeks = axis.of_day[s.day[at]]
    by_key = {}
    for key in facts.scope.keys:
        mask = s.masks[key]
        picked = mask[at]
        sessions = int(np.count_nonzero(mask))
        mine = counts[picked]
        # domain.slips.pooled's sums (rates pooled, never averaged), over columns
        total = SessionSlips(*(int(v) for v in mine.sum(axis=0)))
        per_week = np.bincount(weeks[picked], weights=mine[:, 0], minlength=len(axis.starts))
        by_key[key] = SlipKey(
            sessions=sessions,
            slips=total.slips,
            per_session=_share(total.slips, sessions),
            let_go=total.let_go,
            answered=total.answered,
            let_go_share=_share(total.let_go, total.answered),
            recovered=total.recovered,
            judged=total.judged,
            recovered_share=_share(total.recovered, total.judged),
            per_week=per_week.astype(np.int64).tolist(),  # whole counts, as int() of each
            sentence=slips_sentence(sessions, total),
        )
    return SlipStats(weeks=axis.starts, by_key=by_key)
