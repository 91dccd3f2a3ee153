"""Slips measured by hand: reps after a slip, the good ones, recovered or not."""

from __future__ import annotations

from cadence.domain.records import SlipData
from cadence.domain.slips import counts_after, pooled, session_slips, slip_recovered


def test_music_counted_clean_or_not_counts_the_clean_reps_after_each_slip() -> None:
    # reps: 1 clean, 2 attempt, 3 clean, 4 clean, 5 attempt; slips logged after rep 1 and rep 4
    counted = ["clean", "attempt", "clean", "clean", "attempt"]
    assert counts_after([1, 4], counted) == [(4, 2), (1, 0)]


def test_plain_reps_are_good_until_the_next_slip() -> None:
    # 8 reps counted; slips at 0 (before the first rep), 2 and 2 again, and 7
    counted = ["rep"] * 8
    # at 0: 8 after, good until the slip at 2 -> 2; at 2 (twice): good until 7 -> 5; at 7: 1
    assert counts_after([0, 2, 2, 7], counted) == [(8, 2), (6, 5), (6, 5), (1, 1)]


def test_a_slip_logged_beyond_the_count_is_held_to_it() -> None:
    # a rep taken back after the slip: the slip cannot sit past the last rep
    assert counts_after([5], ["rep", "rep"]) == [(0, 0)]


def test_recovered_needs_half_of_the_reps_after_good() -> None:
    assert slip_recovered(SlipData(reps_after=4, good_after=2)) is True
    assert slip_recovered(SlipData(reps_after=3, good_after=1)) is False
    assert slip_recovered(SlipData(reps_after=1, good_after=1)) is True
    assert slip_recovered(SlipData(reps_after=0, good_after=0)) is None  # ended there
    assert slip_recovered(SlipData()) is None  # typed in without counts


def test_a_session_recovered_when_every_slip_that_can_tell_did() -> None:
    slips = [
        SlipData(reps_after=4, good_after=3, let_go=True),
        SlipData(reps_after=0, good_after=0, let_go=False),
        SlipData(let_go=None),
    ]
    m = session_slips(slips)
    assert (m.slips, m.let_go, m.answered, m.recovered, m.judged) == (3, 1, 2, 1, 1)
    assert m.session_recovered is True
    assert m.let_go_share == 0.5
    worse = session_slips([*slips, SlipData(reps_after=2, good_after=0)])
    assert worse.session_recovered is False
    assert session_slips([]).session_recovered is None
    assert session_slips([]).let_go_share is None


def test_pooled_adds_the_counts() -> None:
    a = session_slips([SlipData(reps_after=2, good_after=2, let_go=True)])
    b = session_slips([SlipData(reps_after=2, good_after=0, let_go=True), SlipData()])
    p = pooled([a, b])
    assert (p.slips, p.let_go, p.answered, p.recovered, p.judged) == (3, 2, 2, 1, 2)
