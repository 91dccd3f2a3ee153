"""Slips as an experiment's measures ("smile after a wrong note"), worked by hand: slips per
session, the share let go and whether the session recovered, each as `slip_measures` defines it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import Discipline
from cadence.domain.experiments import (
    ExperimentDesign,
    ExperimentMeasure,
    Verdict,
    bootstrap_interval,
    seed_for,
)
from cadence.domain.records import BlockData, SlipData
from cadence.services.experiment import experiments as ex
from cadence.services.experiment.experiment_results import experiment_result, table_rows
from cadence.services.records.journal import save_session

START = date(2026, 3, 9)


def _slip(let_go: bool | None, after: int | None, good: int | None) -> SlipData:
    return SlipData(elapsed_s=60.0, rep_index=1, let_go=let_go, reps_after=after, good_after=good)


# (let go?, reps after, good after) per slip, per session
BEFORE = [
    [(False, 4, 1), (None, 2, 0)],  # 2 slips; let go 0 of 1 answered; recovered 0 of 2: no
    [(False, 3, 1)],  # 1; 0 of 1; 1 >= 1.5 is false: no
    [],  # 0; nothing answered, nothing judged
    [(True, 4, 2)],  # 1; 1 of 1; 2 >= 2: yes
    [(False, 0, 0)] * 3,  # 3; 0 of 3; the session ended at the slips: not judged
]
DURING = [
    [(True, 5, 4)],  # 1; 1 of 1; yes
    [],  # 0
    [(True, 6, 5), (True, 2, 2)],  # 2; 2 of 2; yes
    [(None, 3, 1)],  # 1; none answered; 1 >= 1.5 is false: no
    [(True, None, None)],  # 1; 1 of 1; counts unknown: not judged
]


def _save(day: date, slips: list[tuple]) -> None:
    blocks = [BlockData(label="Etude", done_reps=10, clean_reps=8)]
    save_session(make_session(day=day, blocks=blocks, slips=[_slip(*s) for s in slips]))


def test_slips_let_go_and_recovered_as_experiment_measures(journal: Path) -> None:
    for i, slips in enumerate(BEFORE):
        _save(START - timedelta(days=7 - i), slips)
    for i, slips in enumerate(DURING):
        _save(START + timedelta(days=i), slips)
    measures = [
        ExperimentMeasure.SLIPS,
        ExperimentMeasure.SLIPS_LET_GO,
        ExperimentMeasure.SLIPS_RECOVERED,
    ]
    experiment_id, _ = ex.save_experiment(
        ex.ExperimentData(
            change="Smile after a wrong note",
            discipline=Discipline.MUSIC,
            design=ExperimentDesign.BEFORE_AFTER,
            start_date=START,
            end_date=START + timedelta(days=6),
            measures=measures,
        )
    )
    e = ex.load_experiment(experiment_id)
    result = experiment_result(e, today=START + timedelta(days=6))
    slips, let_go, recovered = result.comparisons

    # slips per session: every session counts, 0 without a slip
    assert (slips.n_usual, slips.n_change) == (5, 5)
    assert slips.mean_usual == pytest.approx(7 / 5)  # 2 + 1 + 0 + 1 + 3
    assert slips.mean_change == pytest.approx(5 / 5)  # 1 + 0 + 2 + 1 + 1
    assert slips.difference == pytest.approx(-0.4)
    low, high = bootstrap_interval(
        [2, 1, 0, 1, 3], [1, 0, 2, 1, 1], seed_for("experiment", e.id, "slips")
    )
    assert (slips.low, slips.high) == (low, high)
    assert low < 0 < high
    assert slips.verdict == Verdict.CANT_TELL

    # let go: only sessions with an answered slip, the share of those answered
    assert (let_go.n_usual, let_go.n_change) == (4, 3)
    assert let_go.mean_usual == pytest.approx((0 + 0 + 1 + 0) / 4)
    assert let_go.mean_change == pytest.approx(1.0)
    assert let_go.verdict == Verdict.TOO_FEW
    assert let_go.words == "too few sessions to tell (4 vs 3)"

    # recovered: only sessions whose slips can tell; 1 when every one judged was recovered
    assert (recovered.n_usual, recovered.n_change) == (3, 3)
    assert recovered.mean_usual == pytest.approx(1 / 3)
    assert recovered.mean_change == pytest.approx(2 / 3)
    rows = table_rows(result)
    assert [r[0] for r in rows] == ["slips per session", "slips let go", "recovered after a slip"]
    assert rows[2][1:4] == ["33 %", "67 %", "+33 points"]
    assert result.to_json()["measures"][0]["label"] == "slips per session"


def test_slip_measures_are_offered_for_both_crafts_and_restored(
    journal: Path, tmp_path: Path
) -> None:
    from cadence.services.transfer.export import export_json
    from cadence.services.transfer.restore import restore_file
    from cadence.store.db import close_journal, open_journal

    data = ex.ExperimentData(
        change="Let the first rep go",
        discipline=Discipline.RUNNING,
        design=ExperimentDesign.ALTERNATE_SESSIONS,
        start_date=START,
        end_date=START + timedelta(days=13),
        measures=[ExperimentMeasure.SLIPS_RECOVERED, ExperimentMeasure.SLIPS],
    )
    experiment_id, _ = ex.save_experiment(data)
    assert ex.load_experiment(experiment_id).measures == data.measures
    export_json(tmp_path / "j.json")
    close_journal()
    restore_file(tmp_path / "j.json", tmp_path / "restored.sqlite")
    open_journal(tmp_path / "restored.sqlite")
    try:
        assert ex.load_experiment(experiment_id).measures == data.measures
    finally:
        close_journal()
