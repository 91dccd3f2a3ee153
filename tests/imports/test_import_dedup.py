"""Importing the same run again adds nothing, whichever file or export it comes in."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from imports_fitwriter import run_fit
from imports_gpxwriter import START, gpx, line
from imports_helpers import RUNNING, STRAVA, dump, session_count

from cadence.domain.enums import Source
from cadence.services.imports import Outcome, import_paths
from cadence.services.records.journal import find_session_by_source, trash_sessions
from cadence.store.models import Session


def test_same_file_twice_adds_nothing(journal: Path) -> None:
    first = import_paths([RUNNING / "run-8-laps.fit"])
    before = dump()
    second = import_paths([RUNNING / "run-8-laps.fit"])
    assert (first.new, first.already_there) == (1, 0)
    assert (second.new, second.already_there, second.refused) == (0, 1, 0)
    assert second.results[0].outcome == Outcome.ALREADY_THERE
    assert "already in the journal" in second.results[0].message
    assert dump() == before


def test_a_whole_folder_twice_adds_nothing(journal: Path) -> None:
    first = import_paths([RUNNING])
    count = session_count()
    second = import_paths([RUNNING])
    assert first.new == count == 8  # six runs, the cleaned one and the planned workout
    assert second.new == 0
    assert second.already_there == count
    assert session_count() == count


def test_gzipped_copy_of_an_imported_file_is_already_there(journal: Path, tmp_path: Path) -> None:
    import_paths([RUNNING / "laps-3-run.tcx"])
    packed = tmp_path / "laps-3-run.tcx.gz"
    packed.write_bytes(gzip.compress((RUNNING / "laps-3-run.tcx").read_bytes()))
    summary = import_paths([packed])
    assert (summary.new, summary.already_there) == (0, 1)


def test_a_run_is_found_across_formats(journal: Path, tmp_path: Path) -> None:
    # The FIT file straight from the watch first, then the Strava export that holds the same run.
    watch_file = tmp_path / "from-the-watch.fit.gz"
    shutil.copy(STRAVA / "activities" / "12866632127.fit.gz", watch_file)
    assert import_paths([watch_file]).new == 1
    summary = import_paths([STRAVA])
    assert (summary.new, summary.already_there) == (0, 1)
    assert session_count() == 1
    assert Session.get().source == str(Source.FIT)


def test_reference_is_the_start_time_in_utc(journal: Path) -> None:
    summary = import_paths([RUNNING / "run.tcx"], local_tz=UTC)
    assert (
        find_session_by_source(Source.TCX, "run@2016-12-11T11:01:11Z")
        == summary.results[0].new_ids[0]
    )


def test_a_trashed_run_is_not_brought_back_twice(journal: Path) -> None:
    summary = import_paths([RUNNING / "run.tcx"])
    trash_sessions(summary.results[0].new_ids)
    again = import_paths([RUNNING / "run.tcx"])
    assert again.new == 0 and again.already_there == 1
    assert "trash" in again.results[0].message
    assert session_count() == 1


def test_planned_workout_twice_is_one_plan(journal: Path) -> None:
    import_paths([RUNNING / "workout-repeat-steps.fit"])
    again = import_paths([RUNNING / "workout-repeat-steps.fit"])
    assert (again.new, again.already_there) == (0, 1)
    refs = [s.source_ref for s in Session.select()]
    assert refs == ["workout:1234:2009-09-09T20:38:00Z"]


def test_summary_counts_new_already_there_and_refused(journal: Path) -> None:
    import_paths([RUNNING / "run.tcx"])
    summary = import_paths(
        [RUNNING / "run.tcx", RUNNING / "laps-3-run.tcx", RUNNING / "invalid" / "bad-crc.fit"]
    )
    assert (summary.new, summary.already_there, summary.refused) == (1, 1, 1)
    assert summary.headline() == "1 new, 1 already there, 1 refused, 0 skipped"
    assert not summary.ok


# The same run from the watch and from a phone app that started at the first GPS fix


def _gpx_of_the_same_run(late_s: float, metres: float, end_s: float = 1800) -> bytes:
    return gpx([[line(end_s - late_s, metres, t0=late_s, every_s=1)]])


@pytest.mark.parametrize("late_s", [9, 27])
def test_a_gpx_starting_seconds_after_the_fit_is_the_same_run(
    journal: Path, tmp_path: Path, late_s: float
) -> None:
    (tmp_path / "watch.fit").write_bytes(run_fit(START, elapsed_s=1800, distance_m=5000))
    (tmp_path / "phone.gpx").write_bytes(_gpx_of_the_same_run(late_s, 4930))
    first = import_paths([tmp_path / "watch.fit"])
    second = import_paths([tmp_path / "phone.gpx"])
    assert (first.new, second.new, second.already_there) == (1, 0, 1)
    assert session_count() == 1


def test_the_phones_file_first_then_the_watchs(journal: Path, tmp_path: Path) -> None:
    (tmp_path / "phone.gpx").write_bytes(_gpx_of_the_same_run(20, 4930))
    (tmp_path / "watch.fit").write_bytes(run_fit(START, elapsed_s=1800, distance_m=5000))
    assert import_paths([tmp_path / "phone.gpx"]).new == 1
    assert import_paths([tmp_path / "watch.fit"]).already_there == 1


def test_back_to_back_runs_stay_two(journal: Path, tmp_path: Path) -> None:
    warm_up = run_fit(START, elapsed_s=900, distance_m=2500)
    race = run_fit(START + timedelta(seconds=890), elapsed_s=1200, distance_m=5000, serial=2)
    (tmp_path / "warm-up.fit").write_bytes(warm_up)
    (tmp_path / "race.fit").write_bytes(race)
    assert import_paths([tmp_path / "warm-up.fit", tmp_path / "race.fit"]).new == 2


def test_overlapping_runs_of_very_different_distance_stay_two(
    journal: Path, tmp_path: Path
) -> None:
    (tmp_path / "a.fit").write_bytes(run_fit(START, elapsed_s=1800, distance_m=5000))
    (tmp_path / "b.gpx").write_bytes(_gpx_of_the_same_run(10, 2500))
    assert import_paths([tmp_path / "a.fit", tmp_path / "b.gpx"]).new == 2
