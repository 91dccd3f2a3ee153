"""Slips in the journal: checked and saved with their session (journal.save_session calls these in
its transaction), read back with it, and measured per session for the views, reports and
experiments (`slip_measures`). The arithmetic is domain/slips.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from cadence.domain.records import SessionData, SlipData
from cadence.domain.slips import SessionSlips, session_slips
from cadence.services.validation import Checker
from cadence.store.models import Slip

NOTE_MAX = 200  # a word or two, not an essay: the reflection has room for that
_FIELDS = ("elapsed_s", "rep_index", "note", "let_go", "reps_after", "good_after")


def validate_slips(c: Checker, data: SessionData) -> None:
    for i, slip in enumerate(data.slips):
        at = f"slips[{i}]"
        c.non_negative(slip.elapsed_s, f"{at}.elapsed_s", "The time of the slip")
        if (
            isinstance(slip.elapsed_s, int | float)
            and isinstance(data.duration_s, int | float)
            and data.duration_s > 0
            and slip.elapsed_s > data.duration_s + 1
        ):
            c.fail(f"{at}.elapsed_s", "This slip comes after the session's end")
        for name, what in (
            ("rep_index", "The repetition"),
            ("reps_after", "The reps after it"),
            ("good_after", "The good reps after it"),
        ):
            value = getattr(slip, name)
            c.non_negative(value, f"{at}.{name}", what)
            if isinstance(value, float) and not value.is_integer():
                c.fail(f"{at}.{name}", f"{what} must be a whole number")
        if isinstance(slip.reps_after, int) and isinstance(slip.good_after, int):
            c.require(
                slip.good_after <= slip.reps_after,
                f"{at}.good_after",
                "There cannot be more good reps after a slip than reps after it",
            )
        c.require(
            slip.let_go in (None, True, False), f"{at}.let_go", "Let go is yes, no or not answered"
        )
        c.require(isinstance(slip.note, str), f"{at}.note", "The word must be text")
        if isinstance(slip.note, str):
            c.require(
                len(slip.note) <= NOTE_MAX,
                f"{at}.note",
                f"Keep the word about a slip to {NOTE_MAX} characters",
            )
        if slip.block_position is not None and not 0 <= slip.block_position < len(data.blocks):
            c.fail(f"{at}.block_position", "This slip points to a block that is not there")


def insert_slips(session_id: int, data: SessionData, block_ids: list[int]) -> None:
    for slip in data.slips:
        fields = {name: getattr(slip, name) for name in _FIELDS}
        fields["note"] = slip.note.strip()
        block = block_ids[slip.block_position] if slip.block_position is not None else None
        Slip.insert(session=session_id, block=block, **fields).execute()


def delete_slips(session_id: int) -> None:
    Slip.delete().where(Slip.session == session_id).execute()


def slips_by_session(
    children: Callable[[Any, Any], Any], position_of: dict[int, int]
) -> dict[int, list[SlipData]]:
    """SlipData per session, in the order logged; `position_of` maps block ids to positions."""
    out: dict[int, list[SlipData]] = defaultdict(list)
    for s in children(Slip, Slip.session).order_by(Slip.session, Slip.id):
        fields = {name: getattr(s, name) for name in _FIELDS}
        out[s.session_id].append(SlipData(block_position=position_of.get(s.block_id), **fields))
    return out


# --- measures --------------------------------------------------------------------------------


def slip_measures(session_ids: Iterable[int] | None = None) -> dict[int, SessionSlips]:
    """The slip measures of each session (slips per session, let go, recovered), for the views,
    reports and experiments. A session without slips has `slips == 0`. With no ids: every
    session that has a slip, read in one pass (the whole journal's facts keep these)."""
    found: dict[int, list[SlipData]] = defaultdict(list)
    if session_ids is None:
        for s in Slip.select().order_by(Slip.id):
            found[s.session_id].append(_measured(s))
        return {i: session_slips(slips) for i, slips in found.items()}
    ids = list(dict.fromkeys(session_ids))
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for s in Slip.select().where(Slip.session.in_(part)).order_by(Slip.id):
            found[s.session_id].append(_measured(s))
    return {i: session_slips(found.get(i, [])) for i in ids}


def _measured(s: Slip) -> SlipData:
    return SlipData(**{name: getattr(s, name) for name in _FIELDS})


def slips_sentence(sessions: int, slips: SessionSlips) -> str:
    """'5 slips in 12 sessions (0.4 per session); let go: 4 of 5 answered; recovered: 3 of 4.'"""
    if not slips.slips:
        return ""
    noun = "slip" if slips.slips == 1 else "slips"
    rate = slips.slips / sessions if sessions else 0.0
    parts = [f"{slips.slips} {noun} in {sessions} sessions ({rate:.1f} per session)"]
    if slips.answered:
        parts.append(f"let go: {slips.let_go} of {slips.answered} answered")
    if slips.judged:
        parts.append(f"recovered: {slips.recovered} of {slips.judged}")
    return "; ".join(parts) + "."
