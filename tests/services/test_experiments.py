"""Experiments in a journal: arms given on save, the two sides of each design, the result on a tiny
journal worked by hand, the upgrade from v5, and the JSON export and restore."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import DATA, make_session

from cadence.domain.enums import Discipline, SessionKind, SessionStatus
from cadence.domain.experiments import (
    ExperimentArm,
    ExperimentConclusion,
    ExperimentDesign,
    ExperimentMeasure,
    ExperimentScope,
    Verdict,
    bootstrap_interval,
    seed_for,
)
from cadence.domain.records import BlockData
from cadence.services.experiment import experiments as ex
from cadence.services.experiment.experiment_results import experiment_result, sides
from cadence.services.records.journal import load_session, save_session, trash_sessions
from cadence.services.validation import ValidationError
from cadence.store.db import close_journal, open_journal
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import ExperimentSession, database

START = date(2026, 3, 9)


def _music(day: date, clean: int, done: int = 10, focus: int | None = 3, **more):
    return make_session(
        day=day,
        focus=focus,
        blocks=[BlockData(label="Etude", done_reps=done, clean_reps=clean)],
        **more,
    )


def _experiment(**changes) -> ex.ExperimentData:
    values = dict(
        change="Scales after the hard passage, not before",
        discipline=Discipline.MUSIC,
        design=ExperimentDesign.BEFORE_AFTER,
        start_date=START,
        end_date=START + timedelta(days=6),
        measures=[ExperimentMeasure.ACCURACY, ExperimentMeasure.FOCUS],
    )
    values.update(changes)
    return ex.ExperimentData(**values)


def test_before_after_by_hand(journal: Path) -> None:
    # a week before (the baseline of the same length) and the week of the experiment
    before = [6, 7, 6, 5, 7]  # clean of 10: accuracy 0.62 on average
    during = [8, 9, 8, 9, 8]  # 0.84
    for i, clean in enumerate(before):
        save_session(_music(START - timedelta(days=7 - i), clean))
    for i, clean in enumerate(during):
        save_session(_music(START + timedelta(days=i), clean))
    save_session(_music(START - timedelta(days=8), 0))  # outside the baseline: not counted
    experiment_id, _ = ex.save_experiment(_experiment())
    e = ex.load_experiment(experiment_id)
    usual, change = sides(e)
    assert (len(usual), len(change)) == (5, 5)
    result = experiment_result(e, today=START + timedelta(days=6))
    accuracy, focus = result.comparisons
    assert accuracy.mean_usual == pytest.approx(0.62)
    assert accuracy.mean_change == pytest.approx(0.84)
    assert accuracy.difference == pytest.approx(0.22)
    # the interval is the domain's bootstrap of the same values and seed (a second route)
    low, high = bootstrap_interval(
        [c / 10 for c in before], [c / 10 for c in during], seed_for("experiment", e.id, "accuracy")
    )
    assert (accuracy.low, accuracy.high) == (low, high)
    assert accuracy.verdict == Verdict.BETTER
    assert focus.verdict == Verdict.CANT_TELL  # every session focus 3: a difference of 0
    assert result.summary == "Clearly better on accuracy; can't tell on focus"
    assert result.status == "under way: day 7 of 7 (before / after)"
    # the same journal gives the same numbers
    again = experiment_result(ex.load_experiment(experiment_id), today=START + timedelta(days=6))
    assert again.to_json() == result.to_json()


def test_sessions_saved_while_it_runs_get_their_arm_in_turn(journal: Path) -> None:
    experiment_id, _ = ex.save_experiment(
        _experiment(design=ExperimentDesign.ALTERNATE_SESSIONS, end_date=START + timedelta(days=20))
    )
    e = ex.load_experiment(experiment_id)
    assert ex.arm_today(e, START) == ExperimentArm.CHANGE
    ids = []
    for i in range(4):
        data = _music(START + timedelta(days=i), 7)
        save_session(data)
        ids.append(data.id)
    arms = ex.arms_of(experiment_id)
    assert [arms[i] for i in ids] == ["change", "usual", "change", "usual"]
    assert ex.arm_today(e, START + timedelta(days=5)) == ExperimentArm.CHANGE
    # editing a session keeps its arm; running sessions, planned ones and other days are not tagged
    edited = load_session(ids[1])
    edited.focus = 5
    save_session(edited)
    save_session(_music(START + timedelta(days=30), 5))
    save_session(make_session(Discipline.RUNNING, day=START + timedelta(days=1)))
    save_session(_music(START + timedelta(days=2), 5, status=SessionStatus.PLANNED))
    assert ex.arms_of(experiment_id) == arms
    # a trashed session drops out of the result, its arm kept for when it comes back
    trash_sessions([ids[1]])
    usual, change = sides(e)
    assert (usual, change) == ([ids[3]], [ids[0], ids[2]])


def test_alternating_by_day(journal: Path) -> None:
    experiment_id, _ = ex.save_experiment(
        _experiment(design=ExperimentDesign.ALTERNATE_DAYS, end_date=START + timedelta(days=9))
    )
    for i in range(6):
        save_session(_music(START + timedelta(days=i), 6 + i % 2))
    arms = ex.arms_of(experiment_id)
    assert list(arms.values()) == ["change", "usual"] * 3


def test_scope_by_kind_and_workout(journal: Path) -> None:
    kind = _experiment(
        discipline=Discipline.RUNNING,
        scope=ExperimentScope.KIND,
        scope_value="intervals",
        measures=[ExperimentMeasure.RPE, ExperimentMeasure.PACE],
    )
    experiment_id, _ = ex.save_experiment(kind)
    easy = make_session(Discipline.RUNNING, day=START, distance_m=5000, rpe=3)
    reps = make_session(
        Discipline.RUNNING, SessionKind.INTERVALS, day=START, distance_m=6000, rpe=7, title="12x200"
    )
    save_session(easy)
    save_session(reps)
    assert set(ex.arms_of(experiment_id)) == {reps.id}
    workout = _experiment(
        discipline=Discipline.RUNNING,
        scope=ExperimentScope.WORKOUT,
        scope_value="12X200",
        measures=[ExperimentMeasure.PACE],
    )
    workout_id, _ = ex.save_experiment(workout)
    assert set(ex.arms_of(workout_id)) == {reps.id}
    values = experiment_result(ex.load_experiment(workout_id)).comparisons[0]
    assert values.n_change == 1 and values.mean_change == pytest.approx(5.0)  # 30 min / 6 km


def test_bad_input_is_refused_with_what_to_do(journal: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        ex.save_experiment(
            _experiment(
                change=" ",
                end_date=START - timedelta(days=1),
                measures=[ExperimentMeasure.PACE],
                scope=ExperimentScope.PASSAGE,
                scope_value="99",
            )
        )
    errors = caught.value.errors
    assert errors["change"] == "Write the change, in words"
    assert errors["end_date"] == "The end comes before the start"
    assert errors["measures"] == "pace is not a music measure"
    assert errors["scope_value"] == "Choose the passage"
    assert ex.experiments() == []


def test_end_early_and_conclude(journal: Path) -> None:
    experiment_id, _ = ex.save_experiment(_experiment(end_date=START + timedelta(days=27)))
    save_session(_music(START + timedelta(days=10), 5))  # after it ends: no arm
    ex.end_early(experiment_id, START + timedelta(days=3))
    e = ex.load_experiment(experiment_id)
    assert e.last_day == START + timedelta(days=3)
    assert ex.arms_of(experiment_id) == {}
    ex.conclude(experiment_id, ExperimentConclusion.DROP, "no better", START + timedelta(days=4))
    result = experiment_result(ex.load_experiment(experiment_id))
    assert result.status == "concluded: drop it (no better)"
    assert ex.running_experiments(START + timedelta(days=1)) == []


def test_an_upgraded_v5_journal_holds_experiments(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "journal-v5.sqlite", path)
    result = open_journal(path)
    try:
        assert result.upgraded_from == 5
        assert database.pragma("user_version") == SCHEMA_VERSION
        experiment_id, _ = ex.save_experiment(_experiment())
        assert ex.load_experiment(experiment_id).change.startswith("Scales")
    finally:
        close_journal()


def test_experiments_round_trip_through_the_json_export(journal: Path, tmp_path: Path) -> None:
    from cadence.services.transfer.export import export_json
    from cadence.services.transfer.restore import RestoreError, restore_file

    experiment_id, _ = ex.save_experiment(_experiment(design=ExperimentDesign.ALTERNATE_SESSIONS))
    for i in range(3):
        save_session(_music(START + timedelta(days=i), 7))
    ex.conclude(experiment_id, ExperimentConclusion.KEEP, "keep it up", START + timedelta(days=6))
    before = (ex.experiments(), ex.arms_of(experiment_id))
    out = tmp_path / "j.json"
    export_json(out)
    close_journal()
    restore_file(out, tmp_path / "restored.sqlite")
    open_journal(tmp_path / "restored.sqlite")
    assert (ex.experiments(), ex.arms_of(experiment_id)) == before
    close_journal()
    document = json.loads(out.read_text(encoding="utf-8"))
    table = document["tables"]["experiment"]
    for column, bad in (("design", "weekly"), ("measures", '["luck"]'), ("end_date", "2026-01-01")):
        spoiled = json.loads(json.dumps(document))
        spoiled["tables"]["experiment"]["rows"][0][table["columns"].index(column)] = bad
        target = tmp_path / f"bad-{column}.json"
        target.write_text(json.dumps(spoiled), encoding="utf-8")
        with pytest.raises(RestoreError, match=r"nothing was restored|unknown"):
            restore_file(target, tmp_path / f"bad-{column}.sqlite")
    spoiled = json.loads(json.dumps(document))
    arm_table = spoiled["tables"]["experiment_session"]
    arm_table["rows"][0][arm_table["columns"].index("arm")] = "placebo"
    (tmp_path / "bad-arm.json").write_text(json.dumps(spoiled), encoding="utf-8")
    with pytest.raises(RestoreError, match="unknown"):
        restore_file(tmp_path / "bad-arm.json", tmp_path / "bad-arm.sqlite")
    open_journal(tmp_path / "restored.sqlite")
    assert ExperimentSession.select().count() == 3


def test_what_else_changed_is_named_for_the_experiments_craft(journal: Path) -> None:
    from cadence.domain.enums import PhaseName, StopReason
    from cadence.domain.records import DayEntryData, StopPointData
    from cadence.domain.seasons import CycleData, PhasePlan
    from cadence.services.records.days import save_day_entry
    from cadence.services.season.seasons import save_cycle

    week = timedelta(days=7)
    base = PhasePlan(PhaseName.BASE, START - week, START - timedelta(days=1))
    build = PhasePlan(PhaseName.BUILD, START, START + week)
    save_cycle(
        CycleData("Recital", START - week, START + week, Discipline.MUSIC, phases=[base, build])
    )
    peak = PhasePlan(PhaseName.PEAK, START, START + week)
    save_cycle(CycleData("Marathon", START, START + week, Discipline.RUNNING, phases=[peak]))
    for i in range(7):
        save_day_entry(DayEntryData(day=START - week + timedelta(days=i), sleep_h=8, resting_hr=50))
        save_day_entry(DayEntryData(day=START + timedelta(days=i), sleep_h=6.5, resting_hr=57))
    pain = StopPointData(reason=StopReason.PAIN)
    save_session(_music(START + timedelta(days=1), 5, stop_points=[pain]))
    experiment_id, _ = ex.save_experiment(_experiment())
    result = experiment_result(ex.load_experiment(experiment_id))
    assert result.meanwhile == [
        "a new cycle phase (build) on the during side",  # not the marathon's peak
        "less sleep in the day entries (6.5 h vs 8.0 h)",
        "a higher resting heart rate in the day entries (57 vs 50 bpm)",
        "more pain stop-points (1 vs 0)",
    ]


def test_a_session_moved_out_of_the_window_loses_its_arm(journal: Path) -> None:
    experiment_id, _ = ex.save_experiment(_experiment())
    data = _music(START + timedelta(days=2), 7)
    save_session(data)
    assert set(ex.arms_of(experiment_id)) == {data.id}
    moved = load_session(data.id)
    moved.local_date = START + timedelta(days=30)
    moved.started_at = moved.started_at + timedelta(days=28)
    save_session(moved)
    assert ex.arms_of(experiment_id) == {}
