"""`cadence experiments`: the comparison on the command line, the same numbers as the view."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.cli import main
from cadence.domain.enums import Discipline
from cadence.domain.experiments import ExperimentDesign, ExperimentMeasure
from cadence.domain.records import BlockData
from cadence.services.experiment.experiment_results import experiment_results
from cadence.services.experiment.experiments import ExperimentData, save_experiment
from cadence.services.records.journal import save_session
from cadence.store.db import close_journal, open_journal

START = date(2026, 3, 9)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "journal.sqlite"
    open_journal(path)
    try:
        for i in range(14):
            day = START - timedelta(days=7) + timedelta(days=i)
            clean = 6 + (i >= 7) * 2 + i % 2
            block = BlockData(label="Etude", done_reps=10, clean_reps=clean)
            save_session(make_session(day=day, focus=3, blocks=[block]))
        save_experiment(
            ExperimentData(
                change="Scales after the hard passage",
                discipline=Discipline.MUSIC,
                design=ExperimentDesign.BEFORE_AFTER,
                start_date=START,
                end_date=START + timedelta(days=6),
                measures=[ExperimentMeasure.ACCURACY, ExperimentMeasure.CLEAN_TEMPO],
            )
        )
    finally:
        close_journal()
    return str(path)


def test_json_is_what_the_service_gives(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiments", "--db", db, "--today", "2026-03-20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    [one] = out["experiments"]
    assert one["summary"] == (
        "Clearly better on accuracy; too few sessions to tell on clean tempo (0 vs 0)"
    )
    accuracy = one["measures"][0]
    assert (accuracy["n_usual"], accuracy["n_change"]) == (7, 7)
    # by hand: before 6,7,6,7,6,7,6 clean of 10 (45/70), during 9,8,9,8,9,8,9 (60/70)
    assert accuracy["mean_usual"] == pytest.approx(45 / 70)
    assert accuracy["difference"] == pytest.approx(15 / 70)
    open_journal(Path(db))
    try:
        [result] = experiment_results(date(2026, 3, 20))
    finally:
        close_journal()
    assert one == json.loads(json.dumps(result.to_json()))


def test_text_names_the_sides_and_the_words(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiments", "--db", db, "--today", "2026-03-20"]) == 0
    out = capsys.readouterr().out
    assert "#1 Scales after the hard passage" in out
    assert "finished on 15 Mar 2026 (before / after); conclude it" in out
    assert "Before" in out and "During" in out and "clearly better on accuracy" in out


def test_no_journal_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiments", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "there is no journal" in capsys.readouterr().err


def test_a_server_journal_is_opened_not_looked_for_as_a_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A server URL is no file to look for: the server is asked, and a refusal says why."""
    assert main(["experiments", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert "Cannot open the journal at postgresql://nobody@127.0.0.1:1/none" in err
