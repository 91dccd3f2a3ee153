"""Plan sizes from one's own stops, worked out by hand."""

from __future__ import annotations

from cadence.domain.plan_size import PlanOutcome, propose_plan_size, share_reached


def test_the_last_five_times_at_ten_of_twelve_propose_ten() -> None:
    history = [PlanOutcome(12, 10)] * 5
    p = propose_plan_size(history, 12)
    assert p is not None
    assert (p.size, p.sessions, p.stops) == (10, 5, 5)
    assert p.text == (
        "The last 5 times you stopped after 10 of 12: plan 10, and stop while it is still good."
    )


def test_mixed_plans_use_the_median_share() -> None:
    # shares 8/10 = .8, 6/12 = .5, 9/12 = .75, 10/10 = 1 (done), 5/8 = .625 -> median .75
    history = [
        PlanOutcome(10, 8),
        PlanOutcome(12, 6),
        PlanOutcome(12, 9),
        PlanOutcome(10, 10),
        PlanOutcome(8, 5),
        PlanOutcome(10, 1),  # the sixth-newest is not in the last five
    ]
    assert share_reached(history[:5]) == 0.75
    p = propose_plan_size(history, 12)
    assert p is not None
    assert (p.size, p.stops) == (9, 4)  # 0.75 x 12 = 9
    assert "stopped early 4 times, at about 75 % of the plan: plan 9" in p.text
    # for a plan of 10: 7.5 rounds down to 7
    assert propose_plan_size(history, 10).size == 7


def test_too_little_history_proposes_nothing() -> None:
    assert propose_plan_size([PlanOutcome(12, 10)] * 2, 12) is None  # two sessions
    # three sessions, but only two stopped early
    assert propose_plan_size([PlanOutcome(12, 10)] * 2 + [PlanOutcome(12, 12)], 12) is None
    assert propose_plan_size([], 12) is None


def test_a_plan_that_already_fits_gets_no_proposal() -> None:
    history = [PlanOutcome(12, 10)] * 5
    # taking the proposal (10) does not set off a smaller one: 10 is where you stop
    assert propose_plan_size(history, 10) is None
    assert propose_plan_size(history, 8) is None
    # a bigger plan gets the same share of it: 5/6 of 18 = 15
    assert propose_plan_size(history, 18).size == 15
    # a plan of 1 has nothing smaller to propose
    assert propose_plan_size([PlanOutcome(12, 0)] * 3, 1) is None
    # going past the plan is not a stop: two early stops of four say too little
    assert propose_plan_size([PlanOutcome(10, 12), PlanOutcome(10, 9)] * 2, 10) is None


def test_never_below_one() -> None:
    assert propose_plan_size([PlanOutcome(20, 1)] * 3, 4).size == 1


def test_a_plan_in_minutes_is_sized_by_the_same_rule_and_says_minutes() -> None:
    history = [PlanOutcome(50, 40)] * 4
    p = propose_plan_size(history, 50, "minutes")
    assert p is not None and (p.size, p.unit) == (40, "minutes")
    assert p.text == (
        "The last 4 times you stopped after 40 of 50 minutes: plan 40 minutes, "
        "and stop while it is still good."
    )
    # shares 40/50 = .8, 30/40 = .75, 45/45 = 1 -> median .8; stops 2 < 3: nothing proposed
    assert propose_plan_size([PlanOutcome(50, 40), PlanOutcome(40, 30), PlanOutcome(45, 45)],
                             60, "minutes") is None  # fmt: skip
    try:
        propose_plan_size(history, 50, "km")
    except ValueError as error:
        assert "reps or minutes" in str(error)
    else:
        raise AssertionError("a plan in km is not sized")
