"""The readers on files written for the cases the fixtures lack: an RPE in a FIT session, a ride,
a watch that crashed before its summary, nested workout repeats, heart rate in a GPX extension."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from imports_fitwriter import (
    DURATION,
    FILE_TYPE,
    INTENSITY,
    TARGET,
    fit_file,
    fit_time,
    run_fit,
)

from cadence.services.imports import ItemResult, Outcome, import_paths
from cadence.services.imports.common import Refused
from cadence.services.imports.files import Format, sniff
from cadence.services.imports.fit import parse_fit
from cadence.services.imports.track import (
    Points,
    TrackPoint,
    climb_m,
    heart_rate,
    moving_time_s,
    recorded,
)
from cadence.services.records.journal import load_session

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def _import(tmp_path: Path, name: str, data: bytes, **options: object) -> ItemResult:
    path = tmp_path / name
    path.write_bytes(data)
    return import_paths([path], **options).results[0]


def test_fit_workout_rpe_is_read_as_rpe_times_ten(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "rpe.fit", run_fit(START, rpe_times_ten=70))
    s = load_session(result.new_ids[0])
    assert s.rpe == 7
    assert (s.duration_s, s.distance_m, s.avg_hr, s.max_hr) == (1800, 5000, 150, 170)


def test_fit_rpe_out_of_range_is_left_out_with_a_note(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "rpe.fit", run_fit(START, rpe_times_ten=120))
    assert result.outcome == Outcome.NEW
    assert load_session(result.new_ids[0]).rpe is None
    assert any("RPE" in n for n in result.notes)


def test_fit_forty_hour_run_is_refused(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "long.fit", run_fit(START, elapsed_s=40 * 3600, distance_m=100_000))
    assert result.outcome == Outcome.REFUSED and "40 h 00 min" in result.message


def test_fit_ride_is_skipped_not_refused(journal: Path, tmp_path: Path) -> None:
    path = tmp_path / "ride.fit"
    path.write_bytes(run_fit(START, sport="cycling", distance_m=30_000))
    summary = import_paths([path])
    assert summary.skipped == 1 and summary.ok
    assert "cycling activity, not a run" in summary.results[0].message


def test_fit_without_summary_is_rebuilt_from_its_records(journal: Path, tmp_path: Path) -> None:
    records = [
        {"timestamp": START + timedelta(seconds=10 * i), "distance": 30.0 * i,
         "heart_rate": 254 if i == 5 else 140 + i, "altitude": 100 + i}
        for i in range(61)
    ]  # fmt: skip
    data = run_fit(START, elapsed_s=600, distance_m=1800, records=records, with_session=False)
    result = _import(tmp_path, "crashed.fit", data)
    s = load_session(result.new_ids[0])
    assert s.duration_s == 600 and s.distance_m == pytest.approx(1800)
    assert s.moving_s == 600
    assert s.max_hr == 200 and s.avg_hr == round(sum(140 + i for i in range(61) if i != 5) / 60)
    assert any("no summary" in n for n in result.notes)
    assert any("1 heart-rate reading" in n for n in result.notes)
    assert s.elevation_gain_m == pytest.approx(60, abs=4)


def test_fit_local_timestamp_gives_the_local_date(journal: Path, tmp_path: Path) -> None:
    late = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)  # 01:30 the next day at UTC+2
    end = late + timedelta(seconds=1800)
    data = fit_file(
        [
            ("file_id", {"type": FILE_TYPE["activity"], "serial_number": 7, "time_created": late}),
            ("session", {"timestamp": end, "start_time": late, "sport": 1,
                         "total_elapsed_time": 1800, "total_distance": 5000}),
            ("activity", {"timestamp": end, "num_sessions": 1,
                          "local_timestamp": fit_time(end) + 7200}),
        ]
    )  # fmt: skip
    result = _import(tmp_path, "late.fit", data, local_tz=UTC)
    assert load_session(result.new_ids[0]).local_date == date(2024, 5, 2)


def test_fit_course_file_is_refused_by_kind(journal: Path, tmp_path: Path) -> None:
    data = fit_file([("file_id", {"type": FILE_TYPE["course"], "serial_number": 1})])
    result = _import(tmp_path, "course.fit", data)
    assert "FIT course file, not an activity or a workout" in result.message


def _workout(steps: list[dict[str, int]]) -> bytes:
    created = datetime(2024, 1, 1, tzinfo=UTC)
    return fit_file(
        [("file_id", {"type": FILE_TYPE["workout"], "serial_number": 99, "time_created": created}),
         ("workout", {"sport": 1, "num_valid_steps": len(steps)})]
        + [("workout_step", {"message_index": i, **s}) for i, s in enumerate(steps)]
    )  # fmt: skip


def test_nested_workout_repeats_expand_in_order_with_pace_targets() -> None:
    time_step, distance_step = DURATION["time"], DURATION["distance"]
    plan = parse_fit(
        _workout(
            [
                {"duration_type": time_step, "duration_value": 300_000,
                 "target_type": TARGET["open"], "intensity": INTENSITY["warmup"]},
                {"duration_type": distance_step, "duration_value": 40_000,
                 "target_type": TARGET["speed"], "target_value": 0,
                 "custom_target_value_low": 4000, "custom_target_value_high": 4500,
                 "intensity": INTENSITY["active"]},
                {"duration_type": time_step, "duration_value": 60_000,
                 "target_type": TARGET["open"], "intensity": INTENSITY["rest"]},
                {"duration_type": DURATION["repeat_until_steps_cmplt"], "duration_value": 1,
                 "target_type": TARGET["open"], "target_value": 2},
                {"duration_type": DURATION["repeat_until_steps_cmplt"], "duration_value": 0,
                 "target_type": TARGET["open"], "target_value": 2},
            ]
        )
    )[0]  # fmt: skip
    labels = [b.label for b in plan.steps]  # type: ignore[union-attr]
    assert labels == ["Warm-up", "Run", "Rest", "Run", "Rest"] * 2
    run = plan.steps[1]  # type: ignore[union-attr]
    assert run.planned_distance_m == 400
    assert run.target_pace_s_per_km == pytest.approx(235.3, abs=0.1)
    assert run.notes == "pace 3:42 to 4:10 per km"


def test_workout_repeating_from_a_later_step_is_refused() -> None:
    with pytest.raises(Refused, match="repeating from a step that is not before it"):
        parse_fit(
            _workout(
                [{"duration_type": DURATION["repeat_until_steps_cmplt"], "duration_value": 3,
                  "target_type": TARGET["open"], "target_value": 2}]
            )
        )  # fmt: skip


def test_gpx_heart_rate_extension(journal: Path, tmp_path: Path) -> None:
    points = "".join(
        f'<trkpt lat="{50 + i * 0.0005:.4f}" lon="6.0"><ele>{100 + i}</ele>'
        f"<time>2024-05-01T06:{i:02d}:00Z</time><extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>{130 + i}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
        for i in range(11)
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>Morning run</name><trkseg>{points}</trkseg></trk></gpx>"
    )
    result = _import(tmp_path, "hr.gpx", text.encode())
    s = load_session(result.new_ids[0])
    assert (s.avg_hr, s.max_hr, s.title) == (135, 140, "Morning run")
    assert s.duration_s == 600


def test_a_planned_route_is_not_a_run(journal: Path, tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="50" lon="6"/>'
        '<rtept lat="50.1" lon="6"/></rte></gpx>'
    )
    result = _import(tmp_path, "route.gpx", text.encode())
    assert "planned route" in result.message


def test_tcx_ride_is_skipped_and_bad_numbers_refused(journal: Path, tmp_path: Path) -> None:
    tcx = (
        '<?xml version="1.0"?><TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        '<Activity Sport="{sport}"><Id>2024-05-01T06:00:00Z</Id>'
        '<Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>{secs}</TotalTimeSeconds>'
        "<DistanceMeters>2000</DistanceMeters></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    )
    ride = _import(tmp_path, "ride.tcx", tcx.format(sport="Biking", secs=600).encode())
    assert ride.outcome == Outcome.SKIPPED and "Biking" in ride.message
    bad = _import(tmp_path, "bad.tcx", tcx.format(sport="Running", secs="ten").encode())
    assert bad.outcome == Outcome.REFUSED and "'ten', which is not a number" in bad.message
    laps_only = _import(tmp_path, "laps.tcx", tcx.format(sport="Running", secs=600).encode())
    s = load_session(laps_only.new_ids[0])
    assert (s.duration_s, s.distance_m) == (600, 2000)  # no track points: the laps say it all


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<?xml version="1.0"?>\n<!-- a comment -->\n<gpx version="1.1"/>', Format.GPX),
        (b"\xef\xbb\xbf<TrainingCenterDatabase/>", Format.TCX),
        (b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\x00\x00", Format.FIT),
    ],
)
def test_sniffing_goes_by_content(data: bytes, expected: Format) -> None:
    assert sniff(data) == expected


def test_moving_time_leaves_out_standing_still() -> None:
    points = [TrackPoint(time=START + timedelta(seconds=t), distance_m=d)
              for t, d in [(0, 0), (60, 180), (120, 181), (180, 360)]]  # fmt: skip
    assert moving_time_s(Points.of(points)) == 120


def test_climb_ignores_small_wobbles_and_counts_real_rises() -> None:
    def heights(*values: float) -> float | None:
        rows = [
            TrackPoint(START + timedelta(minutes=i), altitude_m=v) for i, v in enumerate(values)
        ]
        return climb_m(recorded(Points.of(rows)))

    assert heights(100, 101, 100, 102, 100) == 0
    assert heights(100, 110, 105, 120) == pytest.approx(25)


def test_heart_rate_leaves_out_impossible_readings() -> None:
    notes: list[str] = []
    assert heart_rate([120, 400, 130, 10], notes) == (125, 130)
    assert notes == ["2 heart-rate readings outside 25-250 bpm left out"]


def test_a_tcx_points_bad_number_is_named_and_a_blank_one_is_missing(
    journal: Path, tmp_path: Path
) -> None:
    from imports_gpxwriter import line, tcx

    good = tcx(line(600, 2000, height=100.0))
    bad = good.replace(
        b"<DistanceMeters>1000.0</DistanceMeters>", b"<DistanceMeters>far</DistanceMeters>", 1
    )
    assert bad != good
    result = _import(tmp_path, "bad-point.tcx", bad)
    assert result.outcome == Outcome.REFUSED
    assert "DistanceMeters = 'far', which is not a number" in result.message
    blank = good.replace(
        b"<AltitudeMeters>100.0</AltitudeMeters>", b"<AltitudeMeters> </AltitudeMeters>"
    )
    result = _import(tmp_path, "blank-heights.tcx", blank)
    assert result.outcome == Outcome.NEW
    assert load_session(result.new_ids[0]).elevation_gain_m is None  # no heights, no climb
