"""Pace at an effort as an experiment's measure, worked by hand: metres per heartbeat."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import Discipline, SessionKind
from cadence.domain.experiments import ExperimentDesign, ExperimentMeasure, format_value
from cadence.services.experiment import experiments as ex
from cadence.services.experiment.experiment_results import experiment_result, table_rows
from cadence.services.records.journal import save_session

START = date(2026, 3, 9)


def _run(day: date, hr: int | None, moving_min: float | None = None) -> None:
    save_session(
        make_session(
            Discipline.RUNNING,
            SessionKind.EASY,
            day=day,
            minutes=32,
            moving_s=None if moving_min is None else moving_min * 60,
            distance_m=5000.0,
            avg_hr=hr,
        )
    )


def test_pace_at_an_effort_is_metres_per_heartbeat(journal: Path) -> None:
    for i, hr in enumerate((150, 150, 150, 150, 150)):  # before: 5 km in 30:00 moving, 150 bpm
        _run(START - timedelta(days=7 - i), hr, moving_min=30)
    for i, hr in enumerate((140, 140, 140, 140, 140)):  # during: the same pace at 140 bpm
        _run(START + timedelta(days=i), hr, moving_min=30)
    _run(START + timedelta(days=5), None, moving_min=30)  # no heart rate: left out
    experiment_id, _ = ex.save_experiment(
        ex.ExperimentData(
            change="Nose breathing on easy runs",
            discipline=Discipline.RUNNING,
            design=ExperimentDesign.BEFORE_AFTER,
            start_date=START,
            end_date=START + timedelta(days=6),
            measures=[ExperimentMeasure.PACE_AT_EFFORT, ExperimentMeasure.PACE],
        )
    )
    result = experiment_result(ex.load_experiment(experiment_id), today=START + timedelta(days=6))
    effort, pace = result.comparisons
    # 5000 m in 30 min (moving) = 166.67 m/min; ÷ 150 beats/min = 1.111 m per beat; ÷ 140 = 1.190
    assert (effort.n_usual, effort.n_change) == (5, 5)
    assert effort.mean_usual == pytest.approx(5000 / 30 / 150)
    assert effort.mean_change == pytest.approx(5000 / 30 / 140)
    assert effort.verdict == "better"  # the same pace for fewer beats: every run, interval > 0
    assert (pace.n_usual, pace.n_change) == (5, 6)  # pace needs no heart rate
    assert pace.verdict == "cant_tell"
    assert table_rows(result)[0][:4] == ["pace at an effort", "1.11 m/beat", "1.19 m/beat",
                                         "+0.08 m/beat"]  # fmt: skip
    assert format_value(ExperimentMeasure.PACE_AT_EFFORT, -0.004, signed=True) == "0.00 m/beat"
