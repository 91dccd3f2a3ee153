"""The demo journal: reproducible, believable, valid, and quick to make."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import KINDS_BY_DISCIPLINE
from cadence.domain.measures import position_in_plan
from cadence.services.demo.generate import DemoError, generate_demo
from cadence.services.records.journal import load_session, save_session, validate_session
from cadence.services.transfer.export import export_json
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.models import (
    Block,
    Cycle,
    CyclePhase,
    DayEntry,
    Event,
    Focus,
    Gear,
    Intention,
    Passage,
    Reflection,
    Session,
    StopPoint,
)

END = date(2026, 3, 1)
HARD = ("form", "pain", "mind", "frustration")


def _make_demo(path: Path, years: float, seed: int, end: date = END) -> None:
    open_journal(path)
    try:
        generate_demo(years, seed, end)
    finally:
        close_journal()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of demo, made once for the module; tests open it and only read."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    _make_demo(path, 2, seed=11)
    return path


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Path]:
    open_journal(demo_file)
    try:
        yield demo_file
    finally:
        close_journal()


def _export(path: Path, out: Path) -> bytes:
    open_journal(path)
    try:
        export_json(out)
    finally:
        close_journal()
    return out.read_bytes()


def test_same_seed_gives_the_same_journal_and_another_seed_another(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        _make_demo(tmp_path / f"{name}.sqlite", 0.5, seed)
    a = _export(tmp_path / "a.sqlite", tmp_path / "a.json")
    b = _export(tmp_path / "b.sqlite", tmp_path / "b.json")
    c = _export(tmp_path / "c.sqlite", tmp_path / "c.json")
    assert a == b
    assert a != c


def test_the_journal_spans_the_years_up_to_the_end_date(demo: Path) -> None:
    first = Session.select().order_by(Session.local_date).first().local_date
    last = Session.select().order_by(Session.local_date.desc()).first().local_date
    assert END - timedelta(days=731) <= first <= END - timedelta(days=720)
    assert END - timedelta(days=3) <= last <= END
    n = Session.select().count()
    assert 1300 <= n <= 1900  # 700-900 a year: a dedicated amateur, not a machine
    assert integrity_report() == []


def test_every_kind_of_session_appears(demo: Path) -> None:
    kinds = {(s.discipline, s.kind) for s in Session.select(Session.discipline, Session.kind)}
    for discipline, expected in KINDS_BY_DISCIPLINE.items():
        for kind in expected:
            if kind == "rehearsal":
                continue  # only a few Saturdays before a recital; checked in the ten-year test
            assert (str(discipline), str(kind)) in kinds


def test_a_sample_of_sessions_loads_and_validates(demo: Path) -> None:
    ids = [s.id for s in Session.select(Session.id)]
    for session_id in random.Random(0).sample(ids, 200):
        data = load_session(session_id)
        validate_session(data)
        assert data.needs_review or 1 <= len(data.intentions) <= 3


def test_passages_best_clean_tempo_rises_toward_the_target(demo: Path) -> None:
    rising, gains = 0, []
    passages = list(Passage.select())
    assert passages
    for passage in passages:
        tempi = [
            b.achieved_bpm
            for b in Block.select(Block.achieved_bpm)
            .join(Session)
            .where((Block.passage == passage) & Block.achieved_bpm.is_null(False))
            .order_by(Session.started_at)
        ]
        assert all(t <= passage.target_bpm for t in tempi)
        if len(tempi) < 12:
            continue
        early, later = max(tempi[:4]), max(tempi[4:])
        gains.append(later - early)
        rising += later > early
    assert len(gains) >= 6
    assert rising >= 0.8 * len(gains)
    assert sum(gains) / len(gains) >= 10  # metronome clicks, not noise


def test_stop_points_cluster_late_and_in_hard_sessions(demo: Path) -> None:
    positions = []
    for stop in StopPoint.select().where(StopPoint.reason.in_(HARD)):
        where = position_in_plan(stop.rep_index, stop.planned_reps, stop.elapsed_s, stop.planned_s)
        assert where is not None
        positions.append(where)
    assert len(positions) >= 60
    assert sum(positions) / len(positions) > 0.6
    assert sum(p >= 0.5 for p in positions) >= 0.75 * len(positions)

    stopped = {s.session_id for s in StopPoint.select().where(StopPoint.reason.in_(HARD))}
    hard = [s.id for s in Session.select().where(Session.rpe >= 7)]
    easy = [s.id for s in Session.select().where(Session.rpe <= 4)]
    hard_rate = sum(i in stopped for i in hard) / len(hard)
    easy_rate = sum(i in stopped for i in easy) / len(easy)
    assert hard_rate > 2 * easy_rate
    actions = {s.action for s in StopPoint.select()}
    assert actions == {"stopped", "pushed_on"}
    reasons = {s.reason for s in StopPoint.select()}
    assert {"form", "pain", "mind", "frustration", "time", "planned"} <= reasons
    areas = {s.body_area for s in StopPoint.select().where(StopPoint.reason == "pain")}
    assert len(areas) >= 4


def test_intentions_are_met_less_often_after_a_hard_stop(demo: Path) -> None:
    ended = {
        s.session_id
        for s in StopPoint.select().where(
            StopPoint.reason.in_(HARD) & (StopPoint.action == "stopped")
        )
    }
    with_stops = {s.session_id for s in StopPoint.select()}
    rates: dict[bool, list[int]] = defaultdict(list)
    for intention in Intention.select().where(Intention.outcome != "not_rated"):
        if intention.session_id in ended:
            rates[True].append(intention.outcome == "achieved")
        elif intention.session_id not in with_stops:
            rates[False].append(intention.outcome == "achieved")
    after_stop = sum(rates[True]) / len(rates[True])
    clean = sum(rates[False]) / len(rates[False])
    assert after_stop < clean - 0.15
    outcomes = {i.outcome for i in Intention.select()}
    assert outcomes == {"achieved", "partly", "missed", "not_rated"}


def test_rest_days_have_day_entries(demo: Path) -> None:
    active = {s.local_date for s in Session.select(Session.local_date)}
    entries = {e.day: e for e in DayEntry.select()}
    start = min(active)
    rest_days = [
        start + timedelta(days=i)
        for i in range((END - start).days + 1)
        if start + timedelta(days=i) not in active
    ]
    assert len(rest_days) >= 20  # holidays, illness, plain rest
    with_entry = [d for d in rest_days if d in entries]
    assert len(with_entry) >= 0.6 * len(rest_days)
    sample = entries[with_entry[0]]
    assert sample.text and sample.sleep_h and sample.resting_hr and sample.mood
    assert Reflection.select().where(Reflection.day_entry.is_null(False)).count() > 5


def test_there_are_gaps_for_holidays_and_illness(demo: Path) -> None:
    days = sorted({s.local_date for s in Session.select(Session.local_date)})
    longest = max((b - a).days for a, b in pairwise(days))
    assert longest >= 3


def test_reflections_are_varied_and_some_are_shared(demo: Path) -> None:
    texts = [r.text for r in Reflection.select()]
    assert len(set(texts)) >= 150
    assert Reflection.select().where(Reflection.share_in_reports).count() >= 50
    assert "♩=" in " ".join(i.text for i in Intention.select().limit(300))


def test_cycles_events_and_phases_each_year(demo: Path) -> None:
    races = [e for e in Event.select() if e.kind == "race"]
    recitals = [e for e in Event.select() if e.kind == "recital"]
    assert len(races) >= 2 and len(recitals) >= 2
    for event in races + recitals:
        if event.date <= END:
            assert event.result
    for cycle in Cycle.select():
        phases = list(CyclePhase.select().where(CyclePhase.cycle == cycle).order_by(CyclePhase.id))
        names = [p.name for p in phases]
        if cycle.discipline == "music":
            assert names == ["learning", "polishing", "run_throughs", "performance", "rest"]
        else:
            assert names == ["base", "build", "peak", "taper", "recovery"]
        for before, after in pairwise(phases):
            assert after.start_date == before.end_date + timedelta(days=1)
        assert phases[0].start_date == cycle.start_date and phases[-1].end_date == cycle.end_date


def test_shoes_are_retired_near_their_limit_and_replaced(demo: Path) -> None:
    shoes = list(Gear.select().where(Gear.kind == "shoes").order_by(Gear.id))
    retired = [g for g in shoes if g.retired_on]
    assert retired
    for shoe in retired:
        km = sum(
            (s.distance_m or 0) / 1000
            for s in Session.select().where((Session.gear == shoe) & Session.deleted_at.is_null())
        )
        assert 0.85 * shoe.limit_m / 1000 <= km <= 1.15 * shoe.limit_m / 1000
        assert any(g.started_on == shoe.retired_on and g.id > shoe.id for g in shoes)


def test_a_hard_run_costs_focus_at_the_instrument(demo: Path) -> None:
    hard_days = {
        s.local_date
        for s in Session.select().where(
            (Session.discipline == "running") & Session.kind.in_(("intervals", "long", "race"))
        )
    }
    after, other = [], []
    for s in Session.select().where((Session.discipline == "music") & Session.focus.is_null(False)):
        tired = s.local_date in hard_days or s.local_date - timedelta(days=1) in hard_days
        (after if tired else other).append(s.focus)
    assert sum(after) / len(after) < sum(other) / len(other) - 0.2


def test_refuses_a_journal_that_already_holds_sessions(journal: Path) -> None:
    save_session(make_session())
    with pytest.raises(DemoError, match="already holds 1 session"):
        generate_demo(1, 1, END)
    assert Session.select().count() == 1


def test_refuses_a_silly_number_of_years(journal: Path) -> None:
    for years in (0, -1, 31, float("nan")):
        with pytest.raises(DemoError, match="years"):
            generate_demo(years, 1, END)
    assert Session.select().count() == 0


def test_a_journal_file_gets_the_rows_insert_many_would_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A journal file takes a table's rows in one executemany: the same file, row for row and
    value for value, as peewee's insert_many writes (the way a server journal still takes)."""
    from cadence.services.demo import generate
    from cadence.store.models import database

    def dump(path: Path) -> list[str]:
        open_journal(path)
        try:
            return list(database.connection().iterdump())
        finally:
            close_journal()

    quick = tmp_path / "quick.sqlite"
    _make_demo(quick, 0.5, seed=7)

    def plain(model, fields, tuples) -> None:
        for i in range(0, len(tuples), 500 // len(fields)):
            model.insert_many(tuples[i : i + 500 // len(fields)], fields=fields).execute()

    monkeypatch.setattr(generate, "_insert_all", plain)
    slow = tmp_path / "slow.sqlite"
    _make_demo(slow, 0.5, seed=7)
    quick_rows, slow_rows = dump(quick), dump(slow)
    assert len(quick_rows) > 1000
    assert quick_rows == slow_rows


@pytest.mark.slow
def test_ten_years_are_made_in_well_under_a_minute(tmp_path: Path) -> None:
    path = tmp_path / "ten.sqlite"
    started = time.process_time()  # CPU time: other work on a busy machine does not count
    _make_demo(path, 10, seed=3)
    elapsed = time.process_time() - started
    assert elapsed < 30
    open_journal(path)
    try:
        assert 7000 <= Session.select().count() <= 9000
        assert Session.select().where(Session.kind == "rehearsal").count() >= 3
        assert Event.select().count() >= 20
        assert integrity_report() == []
    finally:
        close_journal()


def test_goal_events_say_what_they_demand_and_why_and_cycles_hold_their_focus_targets(
    demo: Path,
) -> None:
    from cadence.services.season import seasons

    for event in seasons.events():
        assert event.priority == "A" and event.demands and event.motivators
        assert event.cycle_id is not None
    for cycle in seasons.cycles():
        assert 2 <= len(cycle.focuses) <= 3


def test_the_last_weeks_are_reviewed_with_their_focus_targets_rated(demo: Path) -> None:
    from cadence.services.season.reviews import reviews

    written = reviews()
    assert len(written) == 8
    assert all(r.week_start.weekday() == 0 and r.went_well for r in written)
    assert any(r.ratings for r in written)
    assert all(1 <= x.rating <= 5 for r in written for x in r.ratings)


def test_the_demo_holds_an_experiment_with_an_effect_and_one_without(demo: Path) -> None:
    from cadence.services.experiment.experiment_results import experiment_results

    results = {r.experiment.change: r for r in experiment_results(today=END)}
    scales = results["Scales after the hard passage, not before"]
    accuracy, focus = scales.comparisons
    assert accuracy.verdict == "better" and accuracy.low > 0
    assert focus.verdict == "cant_tell"  # nothing was built into focus
    headphones = results["Runs without headphones"]
    assert headphones.n_usual >= 5 and headphones.n_change >= 5
    assert {c.verdict for c in headphones.comparisons} == {"cant_tell"}
    assert headphones.status.startswith("under way: day 28 of 42")
    smile = results["Smile after a wrong note"]
    per_session, let_go, recovered = smile.comparisons
    assert per_session.verdict == "cant_tell"  # nothing was built into how many slips there are
    assert let_go.mean_change == 1.0 > let_go.mean_usual  # every answered slip let go in A
    assert recovered.mean_change > recovered.mean_usual
    # a small effect near the ceiling: about 20 sessions with slips a side find it on one
    assert "better" in {let_go.verdict, recovered.verdict}
    assert "worse" not in {c.verdict for c in smile.comparisons}


def test_a_events_have_a_readiness_check_in_the_taper_and_past_ones_a_debrief(
    demo: Path,
) -> None:
    from cadence.services.season import seasons

    past = [e for e in seasons.events() if e.day < END and e.result]
    assert len(past) >= 2
    for event in past:
        cycle = seasons.load_cycle(event.cycle_id)
        taper = next(p for p in cycle.phases if p.name in ("taper", "performance"))
        assert event.readiness is not None, event.name
        assert taper.start <= event.readiness.checked_on < event.day
        assert len(event.readiness.items) == len(event.demands)
        assert all(1 <= i.rating <= 5 and i.note for i in event.readiness.items)
        assert event.readiness.plan and event.readiness.still_want.startswith("Yes")
        assert event.debrief is not None
        assert event.day < event.debrief.written_on <= END
        assert event.debrief.went_well and event.debrief.to_change and event.debrief.next_step
    for event in seasons.events():
        if event.day > END:
            assert event.debrief is None and not event.result


def test_an_event_in_its_taper_is_checked_for_readiness_but_not_yet_debriefed(
    tmp_path: Path,
) -> None:
    from cadence.services.season import seasons

    path = tmp_path / "taper.sqlite"
    _make_demo(path, 0.5, seed=3, end=date(2026, 4, 8))  # the half marathon is on 12 April
    open_journal(path)
    try:
        (event,) = [e for e in seasons.events() if e.day == date(2026, 4, 12)]
        assert event.readiness is not None and event.readiness.checked_on <= date(2026, 4, 8)
        assert event.debrief is None and not event.result
    finally:
        close_journal()


def test_some_focus_targets_are_followed_in_a_measure_the_sessions_hold(demo: Path) -> None:
    from cadence.domain.enums import FocusGauge
    from cadence.services.season.focus_progress import MEASURED, focus_timeline

    measured = [f for f in Focus.select() if f.gauge in {str(g) for g in MEASURED}]
    assert measured
    for focus in measured:
        series = focus_timeline(focus.id).measured
        assert series and len(series[0].values) >= 5, focus.title
        if focus.gauge == FocusGauge.ACCURACY:
            assert all(0 <= v <= 1 for v in series[0].values)
