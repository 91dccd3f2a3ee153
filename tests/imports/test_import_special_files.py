"""Files that are not files, and text in an encoding the importer must name: a pipe given to
`cadence import` is refused at once (reading it would wait for ever), one inside a folder is
refused by name (not skipped in silence), and a practice CSV saved as UTF-16 is read, or refused
with its encoding named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from cadence.services.imports.batch import import_paths
from cadence.store.models import Session

FIXTURES = Path(__file__).parent.parent / "fixtures"
CSV = "Date,Minutes,Piece\n2024-01-02,30,Scales\n2024-01-03,45,Bach\n"


def test_a_pipe_given_to_import_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "run.gpx"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "cadence", "import", str(pipe), "--db", str(tmp_path / "j.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,  # before the fix: blocked for ever opening the pipe
    )
    assert done.returncode != 0
    assert "run.gpx: refused" in done.stdout and "not a regular file" in done.stdout


def test_a_pipe_in_a_folder_is_refused_by_name(journal: Path, tmp_path: Path) -> None:
    folder = tmp_path / "runs"
    folder.mkdir()
    shutil.copy(FIXTURES / "running" / "run.tcx", folder / "run.tcx")
    os.mkfifo(folder / "stuck.gpx")
    summary = import_paths([folder])
    by_name = {r.name: r for r in summary.results}
    assert by_name["runs/run.tcx"].new_ids
    stuck = by_name["runs/stuck.gpx"]
    assert not stuck.new_ids and "not a regular file" in stuck.line()


def test_a_utf16_practice_csv_is_read(journal: Path, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(CSV.encode("utf-16"))
    summary = import_paths([path])
    assert sum(len(r.new_ids) for r in summary.results) == 2
    assert sorted(str(s.local_date) for s in Session.select()) == ["2024-01-02", "2024-01-03"]
    assert sorted(round(s.duration_s) for s in Session.select()) == [30 * 60, 45 * 60]


def test_utf16_without_its_mark_is_refused_naming_the_encoding(
    journal: Path, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(CSV.encode("utf-16-le"))
    (result,) = import_paths([path]).results
    assert not result.new_ids and "UTF-16" in result.line() and "UTF-8" in result.line()
