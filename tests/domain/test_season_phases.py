"""Proposing a cycle's phases toward an event, and checking phases the user changed."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from cadence.domain.enums import Discipline, EventKind, PhaseName
from cadence.domain.seasons import PhasePlan, phase_problems, propose_phases

RACE_DAY = date(2027, 4, 25)


def _contiguous(phases: list[PhasePlan]) -> bool:
    return all(b.start == a.end + timedelta(days=1) for a, b in pairwise(phases))


def test_a_marathon_gets_a_three_week_taper_ending_on_race_day_and_16_plus_weeks() -> None:
    proposal = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, 42_195)
    names = [p.name for p in proposal.phases]
    assert names == [
        PhaseName.BASE,
        PhaseName.BUILD,
        PhaseName.PEAK,
        PhaseName.TAPER,
        PhaseName.RECOVERY,
    ]
    taper = proposal.phases[3]
    assert taper.end == RACE_DAY and taper.days == 21
    assert (RACE_DAY - proposal.phases[0].start).days + 1 >= 16 * 7
    assert proposal.phases[-1].start == RACE_DAY + timedelta(days=1)
    assert _contiguous(proposal.phases)
    assert phase_problems(proposal.phases[0].start, proposal.phases[-1].end, proposal.phases) == {}


def test_a_10k_has_a_shorter_taper_and_a_shorter_cycle_than_a_marathon() -> None:
    ten = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, 10_000)
    marathon = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, 42_195)
    taper = next(p for p in ten.phases if p.name is PhaseName.TAPER)
    assert taper.days == 7 and taper.end == RACE_DAY
    assert ten.phases[0].start > marathon.phases[0].start
    assert "10 km" in ten.note


def test_a_recital_gets_run_through_weeks_before_the_performance_and_rest_after() -> None:
    proposal = propose_phases(RACE_DAY, EventKind.RECITAL, Discipline.MUSIC)
    names = [p.name for p in proposal.phases]
    assert names == [
        PhaseName.LEARNING,
        PhaseName.POLISHING,
        PhaseName.RUN_THROUGHS,
        PhaseName.PERFORMANCE,
        PhaseName.REST,
    ]
    runs = proposal.phases[2]
    assert runs.days == 21
    assert proposal.phases[3].end == RACE_DAY
    assert _contiguous(proposal.phases)


def test_the_craft_follows_the_kind_when_not_given() -> None:
    proposal = propose_phases(RACE_DAY, EventKind.AUDITION)
    assert proposal.phases[0].name is PhaseName.LEARNING


def test_a_near_event_starts_today_keeping_the_taper_whole() -> None:
    today = RACE_DAY - timedelta(days=40)
    proposal = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, 42_195, today)
    assert proposal.phases[0].start == today
    taper = next(p for p in proposal.phases if p.name is PhaseName.TAPER)
    assert taper.days == 21
    assert PhaseName.BASE not in [p.name for p in proposal.phases]
    assert "Only 5 weeks to go" in proposal.note
    assert _contiguous(proposal.phases)


def test_a_lead_phase_of_a_few_days_is_given_to_the_next_phase() -> None:
    full = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, 10_000)
    build = full.phases[1]
    today = build.start - timedelta(days=3)
    proposal = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, 10_000, today)
    assert proposal.phases[0].name is PhaseName.BUILD and proposal.phases[0].start == today


def test_phase_problems_name_overlaps_order_and_outside_dates_clearly() -> None:
    start, end = date(2027, 1, 4), date(2027, 3, 28)
    phases = [
        PhasePlan(PhaseName.BASE, date(2027, 1, 4), date(2027, 2, 7)),
        PhasePlan(PhaseName.BUILD, date(2027, 2, 1), date(2027, 3, 7)),  # overlaps base
        PhasePlan(PhaseName.TAPER, date(2027, 3, 20), date(2027, 4, 2)),  # past the end
        PhasePlan(PhaseName.PEAK, date(2027, 3, 15), date(2027, 3, 10)),  # backwards
    ]
    problems = phase_problems(start, end, phases)
    assert set(problems) == {"phases[1]", "phases[2]", "phases[3]"}
    assert "must not overlap" in problems["phases[1]"] and "8 Feb 2027" in problems["phases[1]"]
    assert "outside the cycle" in problems["phases[2]"]
    assert "before it starts" in problems["phases[3]"]


def test_a_cycle_ending_before_it_starts_is_refused() -> None:
    problems = phase_problems(date(2027, 3, 1), date(2027, 2, 1), [])
    assert "before it starts" in problems["end"]


@pytest.mark.parametrize("km", [5, 10, 21.1, 42.195])
def test_every_running_proposal_is_valid(km: float) -> None:
    proposal = propose_phases(RACE_DAY, EventKind.RACE, Discipline.RUNNING, km * 1000)
    phases = proposal.phases
    assert phase_problems(phases[0].start, phases[-1].end, phases) == {}
