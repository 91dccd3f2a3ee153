"""`cadence stats`: the measures on the command line, on a real journal file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.cli import main
from cadence.domain.enums import Discipline, SessionKind, SessionStatus
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.store.db import close_journal, open_journal

MUSIC, RUNNING = Discipline.MUSIC, Discipline.RUNNING


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A closed journal: a run on Sunday 1 March, music on Monday 2 and Wednesday 4 March 2026,
    one trashed and one planned session."""
    path = tmp_path / "journal.sqlite"
    open_journal(path)
    try:
        save_session(make_session(RUNNING, SessionKind.EASY, date(2026, 3, 1), 50, rpe=7))
        save_session(make_session(MUSIC, day=date(2026, 3, 2), minutes=30, rpe=4, focus=4))
        save_session(make_session(MUSIC, day=date(2026, 3, 4), minutes=45, rpe=5, focus=2))
        trashed = make_session(MUSIC, day=date(2026, 3, 3), minutes=90)
        save_session(trashed)
        trash_sessions([trashed.id])
        planned = make_session(RUNNING, day=date(2026, 3, 5), status=SessionStatus.PLANNED)
        save_session(planned)
    finally:
        close_journal()
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["stats", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_prints_the_measures(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _json(capsys, "--db", db, "--from", "2026-02-23", "--to", "2026-03-08")
    assert out["start"] == "2026-02-23"
    assert out["disciplines"] == ["music", "running"]
    assert out["weekly"]["starts"] == ["2026-02-23", "2026-03-02"]
    # The Sunday run closes the first Monday week; trashed and planned sessions are not counted.
    assert out["weekly"]["minutes"] == {"music": [0, 75], "running": [50, 0], "all": [50, 75]}
    assert out["weekly"]["load"]["all"] == [350, 345]  # 7 × 50; 4 × 30 + 5 × 45
    assert out["summary"]["music"]["focus"]["mean"] == 3  # (4 + 2) / 2
    assert len(out["load"]["days"]) == 14
    assert out["stop_points"]["position_bins"][-1] == ">=100%"


def test_discipline_and_week_start(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _json(
        capsys,
        "--db",
        db,
        "--from",
        "2026-02-23",
        "--to",
        "2026-03-08",
        "--discipline",
        "running",
        "--week-start",
        "sunday",
    )
    assert out["disciplines"] == ["running"]
    assert out["week_start"] == 6
    assert out["weekly"]["starts"] == ["2026-02-22", "2026-03-01", "2026-03-08"]
    assert out["weekly"]["minutes"] == {"running": [0, 50, 0], "all": [0, 50, 0]}


def test_week_start_defaults_to_the_journal_preference(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    open_journal(db)
    try:
        save_preferences(Preferences(week_start=6))
    finally:
        close_journal()
    out = _json(capsys, "--db", db, "--from", "2026-03-01", "--to", "2026-03-07")
    assert out["week_start"] == 6
    assert out["weekly"]["starts"] == ["2026-03-01"]


def test_today_anchors_the_current_streak(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("--db", db, "--from", "2026-02-23", "--to", "2026-03-08")
    out = _json(capsys, *argv, "--today", "2026-03-03")
    assert out["consistency"]["today"] == "2026-03-03"
    # 1st and 2nd practised; the 3rd (today) only has a trashed session: alive through yesterday.
    assert out["consistency"]["streaks"]["all"]["current"] == 2


def test_text_summary(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["stats", "--db", db, "--from", "2026-02-23", "--to", "2026-03-08"]
    assert main([*argv, "--today", "2026-03-05"]) == 0
    out = capsys.readouterr().out
    assert "Cadence stats 2026-02-23 .. 2026-03-08 (weeks start on Monday)" in out
    lines = {line.split("  ")[0]: line.split() for line in out.splitlines() if line}
    assert lines["Minutes"][-3:] == ["75", "50", "125"]
    assert lines["Streak now / longest"][-9:] == ["1", "/", "1", "0", "/", "1", "1", "/", "2"]
    assert "Stop-points: 0" in out


def test_reversed_range_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", db, "--from", "2026-03-08", "--to", "2026-03-01"]) == 2
    assert "swap the two dates" in capsys.readouterr().err


def test_a_missing_journal_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nothing-here.sqlite"
    assert main(["stats", "--db", str(path), "--from", "2026-03-01", "--to", "2026-03-08"]) == 2
    assert "there is no journal at" in capsys.readouterr().err
    assert not path.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "March 1st", "--to", "2026-03-08"], "write it as YYYY-MM-DD"),
        (["--from", "2026-03-01", "--to", "2026-03-08", "--week-start", "9"], "0 (Monday) to 6"),
        (["--from", "2026-03-01", "--to", "2026-03-08", "--discipline", "swim"], "invalid choice"),
    ],
)
def test_bad_arguments(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["stats", "--db", db, *argv])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_the_installed_entry_point(db: str) -> None:
    env = {**os.environ, "CADENCE_DB": db}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cadence",
            "stats",
            "--json",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-01",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["daily"]["minutes"]["running"] == [50]
