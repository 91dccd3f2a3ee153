"""Every real fixture imports with its reference values (fixtures/README.md): distance within
0.5 %, times within a second."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from imports_helpers import RUNNING, STRAVA

from cadence.domain.enums import Discipline, SessionKind, SessionStatus, Source
from cadence.services.imports import Outcome, import_paths
from cadence.services.records.journal import load_session

# file, source, start (UTC), elapsed s, distance m, avg HR, max HR, laps, local date
REFERENCE = [
    ("run-8-laps.fit", Source.FIT, datetime(2021, 3, 13, 10, 57, 29), 3087.19, 7864.22,
     158, 175, 8, date(2021, 3, 13)),
    ("fenix5-short-run.fit", Source.FIT, datetime(2017, 6, 11, 14, 34, 9), 56.887, 157.56,
     90, 112, 1, date(2017, 6, 11)),
    ("polar-m400-run.gpx", Source.GPX, datetime(2020, 10, 26, 17, 7, 30), 3041, 6938,
     None, None, 0, date(2020, 10, 26)),
    ("gpx-with-empty-segment.gpx", Source.GPX, datetime(2013, 7, 6, 17, 26, 26), 76, 86,
     None, None, 0, date(2013, 7, 6)),
    ("run.tcx", Source.TCX, datetime(2016, 12, 11, 11, 1, 11), 749, 2200,
     151, 166, 1, date(2016, 12, 11)),
    ("laps-3-run.tcx", Source.TCX, datetime(2012, 12, 26, 21, 29, 53), 1991, 4689.24,
     157, 189, 3, date(2012, 12, 26)),
]  # fmt: skip


def _only(path: Path, **options: object) -> int:
    summary = import_paths([path], local_tz=UTC, **options)
    assert summary.ok, summary.lines()
    assert summary.new == 1, summary.lines()
    return summary.results[0].new_ids[0]


@pytest.mark.parametrize(
    ("name", "source", "start", "elapsed", "distance", "avg_hr", "max_hr", "laps", "day"),
    REFERENCE,
    ids=[r[0] for r in REFERENCE],
)
def test_fixture_matches_its_reference(
    journal: Path,
    name: str,
    source: Source,
    start: datetime,
    elapsed: float,
    distance: float,
    avg_hr: int | None,
    max_hr: int | None,
    laps: int,
    day: date,
) -> None:
    s = load_session(_only(RUNNING / name))
    assert s.discipline == Discipline.RUNNING
    assert s.status == SessionStatus.DONE
    assert s.source == source
    assert abs((s.started_at - start).total_seconds()) <= 1
    assert s.duration_s == pytest.approx(elapsed, abs=1.0)
    assert s.distance_m == pytest.approx(distance, rel=0.005)
    assert s.avg_hr == avg_hr
    assert s.max_hr == max_hr
    assert len(s.blocks) == laps
    assert s.local_date == day
    assert s.needs_review is True
    assert s.intentions == [] and s.reflections == []
    assert s.moving_s is None or 0 < s.moving_s <= s.duration_s


def test_fit_laps_become_blocks_with_their_own_numbers(journal: Path) -> None:
    s = load_session(_only(RUNNING / "run-8-laps.fit"))
    assert [b.label for b in s.blocks] == [f"Lap {n}" for n in range(1, 9)]
    assert sum(b.distance_m or 0 for b in s.blocks) == pytest.approx(7864.22, rel=0.005)
    first = s.blocks[0]
    assert first.duration_s == pytest.approx(380.361, abs=0.01)
    assert first.avg_hr == 157
    assert first.achieved_pace_s_per_km == pytest.approx(380.4, abs=0.1)
    assert s.elevation_gain_m == 282


def test_tcx_start_is_the_first_track_point_not_the_stale_lap_stamp(journal: Path) -> None:
    # run.tcx stamps its lap at 10:54:30, but its recording begins at 11:01:11.
    s = load_session(_only(RUNNING / "run.tcx"))
    assert s.started_at == datetime(2016, 12, 11, 11, 1, 11)


def test_tcx_notes_and_lap_heart_rates(journal: Path) -> None:
    s = load_session(_only(RUNNING / "laps-3-run.tcx"))
    assert s.notes == "Aerobics"
    assert [b.avg_hr for b in s.blocks] == [139, 172, 167]
    assert [b.distance_m for b in s.blocks] == pytest.approx([1609.34, 1609.34, 1470.55], abs=0.01)


def test_strava_export_row_joined_to_its_fit_file(journal: Path) -> None:
    s = load_session(_only(STRAVA))
    assert s.source == Source.STRAVA
    assert s.title == "Laufen Landal Park"
    assert s.started_at == datetime(2022, 5, 29, 15, 53, 35)
    assert s.duration_s == pytest.approx(1428, abs=1)
    assert s.moving_s == pytest.approx(1411, abs=1)
    assert s.distance_m == pytest.approx(3322.95, rel=0.005)
    assert len(s.blocks) == 4
    # The FIT inside says the watch was at UTC+2: 15:53 UTC is 17:53 local, the same day.
    assert s.local_date == date(2022, 5, 29)


def test_local_date_comes_from_the_fit_file_before_the_machine(journal: Path) -> None:
    # fenix5 recorded at 14:34 UTC on a watch at UTC-7; a machine at UTC+14 must not move the day.
    far_east = timezone(timedelta(hours=14))
    summary = import_paths([RUNNING / "fenix5-short-run.fit"], local_tz=far_east)
    assert load_session(summary.results[0].new_ids[0]).local_date == date(2017, 6, 11)


def test_times_in_z_are_dated_in_the_zone_where_the_run_starts(journal: Path) -> None:
    # run.tcx starts 11:01 UTC near Bremen (12:01 there); on a machine at UTC+14 it would be
    # 01:01 the next day, but the track's first position says where the runner was.
    far_east = timezone(timedelta(hours=14))
    summary = import_paths([RUNNING / "run.tcx"], local_tz=far_east)
    assert load_session(summary.results[0].new_ids[0]).local_date == date(2016, 12, 11)


def test_fit_workout_becomes_a_planned_session_with_repeats_expanded(journal: Path) -> None:
    now = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    summary = import_paths([RUNNING / "workout-repeat-steps.fit"], local_tz=UTC, now=now)
    assert summary.results[0].outcome == Outcome.NEW
    s = load_session(summary.results[0].new_ids[0])
    assert s.status == SessionStatus.PLANNED
    assert s.kind == SessionKind.INTERVALS
    assert s.title == "Example 2"
    assert s.local_date == date(2026, 3, 2)
    assert s.needs_review is False  # a plan is started from Today, not reflected on yet
    labels = [b.label for b in s.blocks]
    assert labels == ["Warm-up: _A_"] + ["Run: B1_", "Run: B2_"] * 3 + ["Cool-down: _C_"]
    assert s.blocks[0].planned_duration_s == 60
    assert [b.planned_distance_m for b in s.blocks[1:7]] == [500.0] * 6
    assert s.blocks[0].notes == "heart-rate zone 2"
    assert "below 125 bpm" in s.blocks[-1].notes  # FIT stores heart rate as bpm + 100
    assert s.planned_duration_s is None  # distance steps have no set time
    assert s.distance_m is None and s.duration_s == 0
