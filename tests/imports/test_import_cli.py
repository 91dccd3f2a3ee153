"""`cadence import` and `cadence export --format ics` from the command line, on a real journal file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from imports_helpers import FIXTURES, INVALID, RUNNING, STRAVA

from cadence.cli import main
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Session


def _count(db: Path) -> int:
    open_journal(db)
    try:
        return Session.select().count()
    finally:
        close_journal()


def test_import_prints_a_summary_and_exits_0_when_nothing_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "journal.sqlite"
    code = main(["import", str(RUNNING / "run.tcx"), str(STRAVA), "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 0
    assert "run.tcx: added a run on 2016-12-11" in out
    assert "Laufen Landal Park" in out
    assert out.strip().endswith("2 new, 0 already there, 0 refused, 0 skipped")
    assert main(["import", str(RUNNING / "run.tcx"), "--db", str(db)]) == 0
    assert "0 new, 1 already there" in capsys.readouterr().out
    assert _count(db) == 2


def test_import_exits_1_when_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "journal.sqlite"
    code = main(["import", str(INVALID / "bad-crc.fit"), str(RUNNING / "run.tcx"), "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 1
    assert "bad-crc.fit: refused — it is damaged" in out
    assert "1 new, 0 already there, 1 refused" in out
    assert _count(db) == 1


def test_import_csv_with_map_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log.csv"
    log.write_text("Day,Mins,Piece\n2024-05-01,30,Etude\n2024-05-02,40,Etude\n", encoding="utf-8")
    db = tmp_path / "journal.sqlite"
    code = main(["import", str(log), "--map", "date=Day", "--map", "minutes=Mins", "--db", str(db)])
    assert code == 0, capsys.readouterr().out
    assert "log.csv: added 2 sessions" in capsys.readouterr().out


def test_import_map_option_rejects_unknown_fields(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "x.csv", "--map", "colour=Red"])
    assert exit_info.value.code == 2
    assert "'colour' is not a field" in capsys.readouterr().err


def test_export_ics_writes_the_planned_workout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "journal.sqlite"
    assert main(["import", str(RUNNING / "workout-repeat-steps.fit"), "--db", str(db)]) == 0
    out = tmp_path / "plans.ics"
    assert main(["export", "--format", "ics", "--out", str(out), "--db", str(db)]) == 0
    assert "Wrote 1 calendar entry" in capsys.readouterr().out
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Example 2 (Intervals)" in text


def test_export_ics_to_an_unwritable_place_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    db = tmp_path / "j.sqlite"
    assert main(["import", str(RUNNING / "workout-repeat-steps.fit"), "--db", str(db)]) == 0
    code = main(["export", "--format", "ics", "--out", str(blocker / "x.ics"), "--db", str(db)])
    assert code == 1
    assert "could not write" in capsys.readouterr().err


def test_fixture_licence_note_is_kept() -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for name in ("run-8-laps.fit", "activities.csv", "billion-laughs.gpx", "practice-log.csv"):
        assert name in readme


def test_listing_the_commands_does_not_load_the_parsers() -> None:
    # Every start of `cadence` imports each command module; fitdecode and gpxpy wait for a run.
    code = (
        "import sys; from cadence.cli import _command_modules; _command_modules(); "
        "print(sorted(m for m in ('fitdecode', 'gpxpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
