"""Imported values are what was recorded: distance and time from the timed part, moving time
without the gaps, plausible at every length, the file's sport, date, climb and laps respected."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import gpxpy
import pytest
from imports_fitwriter import FILE_TYPE, SPORT, fit_file, fit_time, run_fit
from imports_gpxwriter import START, gpx, line, tcx
from imports_helpers import RUNNING, SPORTS, TRACKS

from cadence.services.imports import ItemResult, Outcome, import_paths
from cadence.services.imports.files import unpack
from cadence.services.imports.fit import read_messages
from cadence.services.imports.gpx import parse_gpx
from cadence.services.imports.track import climb_m, recorded
from cadence.services.records.journal import load_session


def _import(tmp_path: Path, name: str, data: bytes, **options: object) -> ItemResult:
    path = tmp_path / name
    path.write_bytes(data)
    return import_paths([path], **options).results[0]


# 1. Distance and time from what was recorded


def test_a_second_track_without_times_adds_no_distance(journal: Path, tmp_path: Path) -> None:
    timed = line(1800, 5000)
    untimed = [(None, 5000 + m, None) for _, m, _ in line(2100, 7000)]
    result = _import(tmp_path, "two-tracks.gpx", gpx([[timed], [untimed]]))
    s = load_session(result.new_ids[0])
    assert s.distance_m == pytest.approx(5000, rel=0.01)
    assert s.duration_s == 1800 and s.moving_s == 1800
    assert any("without a time" in note for note in result.notes)


def test_a_track_timed_for_its_first_seconds_is_refused(journal: Path, tmp_path: Path) -> None:
    points = line(1200, 4600)
    few_timed = [(t if t is not None and t < 25 else None, m, h) for t, m, h in points]
    result = _import(tmp_path, "few-times.gpx", gpx([[few_timed]]))
    assert result.outcome == Outcome.REFUSED
    assert "has a time on only 3 of its 121 points" in result.message, result.message
    assert "too short to be a run" in result.message


def test_untimed_points_between_timed_ones_follow_the_path(journal: Path, tmp_path: Path) -> None:
    points = line(1800, 5000, every_s=5)
    sparse = [(t if i % 4 == 0 else None, m, h) for i, (t, m, h) in enumerate(points)]
    result = _import(tmp_path, "sparse.gpx", gpx([[sparse]]))
    s = load_session(result.new_ids[0])
    assert s.distance_m == pytest.approx(5000, rel=0.01) and s.duration_s == 1800


def test_tcx_points_without_times_add_no_distance(journal: Path, tmp_path: Path) -> None:
    timed = line(1800, 5000)
    untimed = [(None, 5000 + m, None) for _, m, _ in line(2100, 7000)][1:]
    result = _import(tmp_path, "untimed.tcx", tcx(timed + untimed))
    s = load_session(result.new_ids[0])
    assert s.distance_m == pytest.approx(5000, rel=0.01) and s.duration_s == 1800
    assert any("without a time" in note for note in result.notes)


# 2. Gaps between tracks or segments are not moving time


def test_an_hour_between_two_segments_is_not_moving_time(journal: Path, tmp_path: Path) -> None:
    first = line(900, 2500)
    second = line(900, 2500, t0=3600, m0=5000)  # 2.5 km further on: a lift home, a new start
    result = _import(tmp_path, "two-segments.gpx", gpx([[first, second]]))
    s = load_session(result.new_ids[0])
    assert s.duration_s == 4500
    assert s.moving_s == 1800
    assert s.distance_m == pytest.approx(5000, rel=0.01)  # the 2.5 km between them not run


def test_a_gap_between_two_tracks_is_not_moving_time(journal: Path, tmp_path: Path) -> None:
    first = line(900, 2500)
    second = line(900, 2500, t0=3600, m0=5000)
    result = _import(tmp_path, "two-tracks.gpx", gpx([[first], [second]]))
    assert load_session(result.new_ids[0]).moving_s == 1800


def test_a_short_standstill_is_moving_a_long_one_is_a_pause(journal: Path, tmp_path: Path) -> None:
    # 10 min running, 6 s standing at a crossing, 10 min running, 2 min standing, 10 min running
    points = [
        *line(600, 2000),
        (606, 2000, None),
        *line(600, 2000, t0=606, m0=2000)[1:],
        (1326, 4000, None),
        *line(600, 2000, t0=1326, m0=4000)[1:],
    ]
    result = _import(tmp_path, "stops.gpx", gpx([[points]]))
    s = load_session(result.new_ids[0])
    assert s.duration_s == 1926
    assert s.moving_s == 1926 - 120


# 3. Plausibility at every length


def test_a_gpx_of_hundreds_of_km_in_a_minute_is_refused(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "jump.gpx", gpx([[line(59, 389_600, every_s=1)]]))
    assert result.outcome == Outcome.REFUSED
    assert "faster than anyone runs" in result.message


def test_a_fit_of_3_km_in_50_s_is_refused(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "fast.fit", run_fit(START, elapsed_s=50, distance_m=3000))
    assert result.outcome == Outcome.REFUSED
    assert "216 km/h, faster than anyone runs" in result.message


def test_a_run_of_a_second_is_not_a_run(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "blip.fit", run_fit(START, elapsed_s=0.99, distance_m=1.6))
    assert result.outcome == Outcome.REFUSED
    assert "too short to be a run" in result.message


def test_a_few_metres_over_a_minute_is_not_a_run(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "still.gpx", gpx([[line(60, 20)]]))
    assert result.outcome == Outcome.REFUSED
    assert "0.02 km: too short to be a run" in result.message


# 4. Elevation gain


def _gpx_climb(path: Path) -> tuple[float, float]:
    """(Cadence's climb, gpxpy's uphill) for a real GPX file."""
    activity = parse_gpx(path.read_bytes())[0]
    uphill = gpxpy.parse(path.read_text(encoding="utf-8-sig")).get_uphill_downhill().uphill
    assert activity.elevation_gain_m is not None
    return activity.elevation_gain_m, uphill


def test_gps_heights_on_a_flat_course_give_a_modest_climb() -> None:
    # Polar M400, GPS heights only, on flat ground near sea level: heights span 76 m and the raw
    # rises add up to 535 m; gpxpy's lightly smoothed uphill says 630 m.
    climb, uphill = _gpx_climb(RUNNING / "polar-m400-run.gpx")
    assert climb < uphill / 2
    assert climb == pytest.approx(246, abs=5)


@pytest.mark.parametrize(
    ("name", "device_total"),
    [("run-8-laps.fit", 282), ("../strava-export/activities/12866632127.fit.gz", 109)],
)
def test_climb_from_the_records_is_near_the_devices_total(name: str, device_total: int) -> None:
    # The same rule on the records of real FIT files, against the device's own total_ascent.
    messages, points = read_messages(unpack((RUNNING / name).read_bytes()))
    assert messages["session"][0]["total_ascent"] == device_total
    assert climb_m(recorded(points)) == pytest.approx(device_total, rel=0.3)


def test_gps_spikes_on_flat_ground_add_no_climb(journal: Path, tmp_path: Path) -> None:
    points = [
        (t, m, 20.0 + (25 if i % 40 == 7 else 0))
        for i, (t, m, _) in enumerate(line(1800, 5000, every_s=2))
    ]
    result = _import(tmp_path, "spikes.gpx", gpx([[points]]))
    assert load_session(result.new_ids[0]).elevation_gain_m == pytest.approx(0, abs=3)


def test_a_steady_hill_is_climbed_whole(journal: Path, tmp_path: Path) -> None:
    points = [(t, m, 100 + m / 50) for t, m, _ in line(1800, 5000)]  # 100 m up over 5 km
    result = _import(tmp_path, "hill.gpx", gpx([[points]]))
    assert load_session(result.new_ids[0]).elevation_gain_m == pytest.approx(100, abs=4)


def test_fit_uses_the_devices_total_ascent(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "8-laps.fit", (RUNNING / "run-8-laps.fit").read_bytes())
    assert load_session(result.new_ids[0]).elevation_gain_m == 282


# 5. Multisport FIT: each leg keeps its own laps


def _leg(start: datetime, seconds: float, metres: float, sport: str, first_lap: int,
         laps: int | None = 1) -> list[tuple[str, dict[str, object]]]:  # fmt: skip
    end = start + timedelta(seconds=seconds)
    return [
        ("lap", {"timestamp": end, "start_time": start, "total_elapsed_time": seconds,
                 "total_timer_time": seconds, "total_distance": metres}),
        ("session", {"timestamp": end, "start_time": start, "sport": SPORT[sport],
                     "total_elapsed_time": seconds, "total_timer_time": seconds,
                     "total_distance": metres, "first_lap_index": first_lap, "num_laps": laps}),
    ]  # fmt: skip


@pytest.mark.parametrize("with_indexes", [True, False])
def test_a_run_leg_keeps_its_own_laps(journal: Path, tmp_path: Path, with_indexes: bool) -> None:
    run_end = START + timedelta(seconds=1800)
    legs = [
        ("file_id", {"type": FILE_TYPE["activity"], "serial_number": 5, "time_created": START}),
        *_leg(START, 1800, 5000, "running", 0, 1 if with_indexes else None),
        *_leg(run_end, 4, 10, "transition", 1, 1 if with_indexes else None),
        *_leg(
            run_end + timedelta(seconds=4), 3600, 30_000, "cycling", 2, 1 if with_indexes else None
        ),
    ]
    if not with_indexes:
        legs = [(n, {k: v for k, v in f.items() if k != "first_lap_index"}) for n, f in legs]
    result = _import(tmp_path, "multisport.fit", fit_file(legs))
    s = load_session(result.new_ids[0])
    assert [(b.duration_s, b.distance_m) for b in s.blocks] == [(1800, 5000)]


def test_a_real_multisport_file_gives_each_run_leg_its_own_lap(journal: Path) -> None:
    # Fenix 2 multisport: generic, transition, run, transition (4 s), run, transition, ride.
    summary = import_paths([SPORTS / "fenix2-multisport.fit"])
    sessions = [load_session(i) for i in summary.results[0].new_ids]
    assert [(s.duration_s, round(s.distance_m or 0)) for s in sessions] == [
        (2294.84, 2245),
        (6764.48, 12740),
    ]
    assert [[b.duration_s for b in s.blocks] for s in sessions] == [[2294], [6764]]


# 6. Only runs become runs


def test_a_gpx_typed_cycling_is_skipped(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "ride.gpx", gpx([[line(1800, 15_000)]], track_type="cycling"))
    assert result.outcome == Outcome.SKIPPED
    assert "is a cycling activity, not a run" in result.message


@pytest.mark.parametrize("word", ["walking", "Hiking"])
def test_a_gpx_typed_walk_or_hike_is_skipped(journal: Path, tmp_path: Path, word: str) -> None:
    result = _import(tmp_path, "walk.gpx", gpx([[line(1800, 3000)]], track_type=word))
    assert result.outcome == Outcome.SKIPPED
    assert f"is a {word.lower()} activity, not a run" in result.message


@pytest.mark.parametrize("word", ["running", "Run", "trail_running", None])
def test_a_gpx_typed_as_a_run_or_not_at_all_is_a_run(
    journal: Path, tmp_path: Path, word: str | None
) -> None:
    result = _import(tmp_path, "run.gpx", gpx([[line(1800, 5000)]], track_type=word))
    assert result.outcome == Outcome.NEW


def test_a_gpx_with_no_sport_at_bike_speed_is_refused(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "fast.gpx", gpx([[line(1800, 15_000)]]))
    assert result.outcome == Outcome.REFUSED
    assert "states no sport and averages 30 km/h" in result.message


def _ride_with_stops() -> list:
    """20 minutes of 2 minutes' riding at 9 m/s (32 km/h) and 2 minutes' rolling at 3 m/s: an
    average of 21.6 km/h, under the average rule, but half the time at a speed no runner holds."""
    points, t, m = [], 0.0, 0.0
    for _ in range(5):
        for seconds, speed in ((120, 9.0), (120, 3.0)):
            part = line(seconds, seconds * speed, every_s=5, t0=t, m0=m)
            points += part if not points else part[1:]
            t, m = t + seconds, m + seconds * speed
    return points


def test_a_gpx_with_no_sport_and_half_its_time_at_bike_speed_is_refused(
    journal: Path, tmp_path: Path
) -> None:
    result = _import(tmp_path, "commute.gpx", gpx([[_ride_with_stops()]]))
    assert result.outcome == Outcome.REFUSED
    assert "states no sport and spent 10 of its 20 minutes in motion faster than 29 km/h" in (
        result.message
    )


def test_the_same_speeds_in_a_file_that_says_running_are_believed(
    journal: Path, tmp_path: Path
) -> None:
    result = _import(tmp_path, "intervals.gpx", gpx([[_ride_with_stops()]], track_type="running"))
    assert result.outcome == Outcome.NEW


def test_gps_jumps_in_a_real_run_do_not_make_it_a_ride(journal: Path, tmp_path: Path) -> None:
    # A run at 3 m/s whose positions jump 60 m away and back now and then (a few steps at 12 m/s).
    points = line(1800, 5400, every_s=5)
    for i in range(20, len(points) - 1, 40):
        t, m, h = points[i]
        points[i] = (t, m + 60, h)
    result = _import(tmp_path, "glitchy.gpx", gpx([[points]]))
    assert result.outcome == Outcome.NEW


def test_a_fit_with_no_sport_at_bike_speed_is_refused(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "unknown.fit", _fit_without_session_sport(30_000))
    assert result.outcome == Outcome.REFUSED
    assert "states no sport and averages 30 km/h" in result.message


def _fit_without_session_sport(metres: float, sport_message: str | None = None) -> bytes:
    end = START + timedelta(seconds=3600)
    messages: list[tuple[str, dict[str, object]]] = [
        ("file_id", {"type": FILE_TYPE["activity"], "serial_number": 9, "time_created": START}),
    ]
    if sport_message:
        messages.append(("sport", {"sport": SPORT[sport_message]}))
    messages += [
        ("lap", {"timestamp": end, "start_time": START, "total_elapsed_time": 3600,
                 "total_distance": metres}),
        ("session", {"timestamp": end, "start_time": START, "total_elapsed_time": 3600,
                     "total_timer_time": 3600, "total_distance": metres}),
    ]  # fmt: skip
    return fit_file(messages)


def test_a_fit_whose_sport_message_says_cycling_is_skipped(journal: Path, tmp_path: Path) -> None:
    result = _import(tmp_path, "ride.fit", _fit_without_session_sport(20_000, "cycling"))
    assert result.outcome == Outcome.SKIPPED
    assert "is a cycling activity, not a run" in result.message


def test_a_fit_with_no_sport_at_running_speed_is_a_run(journal: Path, tmp_path: Path) -> None:
    assert _import(tmp_path, "run.fit", _fit_without_session_sport(12_000)).outcome == Outcome.NEW


@pytest.mark.parametrize(
    ("name", "sport"),
    [
        ("fenix5-bike.fit", "cycling"),
        ("fenix5-walk.fit", "walking"),
        ("mapmyride-biking.tcx", "Biking"),
    ],
)
def test_real_rides_and_walks_are_skipped(journal: Path, name: str, sport: str) -> None:
    result = import_paths([SPORTS / name]).results[0]
    assert result.outcome == Outcome.SKIPPED
    assert re.search(rf"{sport} activit(y|ies), not (a run|runs)", result.message)


# 7. Dates: the runner's local date


def test_gpx_local_date_follows_the_offset_in_the_file(journal: Path, tmp_path: Path) -> None:
    half_past_midnight = datetime(2024, 5, 1, 22, 30, tzinfo=UTC)  # 00:30 on 2 May at +02:00
    data = gpx([[line(1800, 5000)]], start=half_past_midnight, offset="+02:00")
    s = load_session(_import(tmp_path, "late.gpx", data, local_tz=UTC).new_ids[0])
    assert s.local_date == date(2024, 5, 2)
    assert s.started_at == datetime(2024, 5, 1, 22, 30)  # stored in UTC


def test_tcx_local_date_follows_the_offset_in_the_file(journal: Path, tmp_path: Path) -> None:
    evening = datetime(2024, 5, 2, 3, 30, tzinfo=UTC)  # 23:30 on 1 May at -04:00
    data = tcx(line(1800, 5000), start=evening, offset="-04:00")
    s = load_session(_import(tmp_path, "late.tcx", data, local_tz=UTC).new_ids[0])
    assert s.local_date == date(2024, 5, 1)


def test_an_explicit_utc_offset_in_tcx_is_the_local_zone(journal: Path, tmp_path: Path) -> None:
    late = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)
    data = tcx(line(1800, 5000), start=late, offset="+00:00")
    s = load_session(
        _import(tmp_path, "london.tcx", data, local_tz=timezone(timedelta(hours=2))).new_ids[0]
    )
    assert s.local_date == date(2024, 5, 1)


def test_times_in_z_take_the_zone_where_the_run_starts(journal: Path, tmp_path: Path) -> None:
    late = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)  # 09:30 on 2 May in Sydney (+10:00)
    data = gpx([[line(1800, 5000)]], start=late, at=(-33.8688, 151.2093))
    s = load_session(_import(tmp_path, "sydney.gpx", data, local_tz=UTC).new_ids[0])
    assert s.local_date == date(2024, 5, 2)
    early = datetime(2024, 5, 2, 3, 0, tzinfo=UTC)  # 23:00 on 1 May in New York (-04:00)
    data = gpx([[line(1800, 5000)]], start=early, at=(40.7128, -74.006))
    s = load_session(_import(tmp_path, "new-york.gpx", data, local_tz=UTC).new_ids[0])
    assert s.local_date == date(2024, 5, 1)


def test_the_zone_at_the_start_knows_summer_time(journal: Path, tmp_path: Path) -> None:
    # 23:30Z is 00:30 in London in summer (BST), still 23:30 in winter (GMT).
    summer = gpx([[line(1800, 5000)]], start=datetime(2024, 7, 1, 23, 30, tzinfo=UTC),
                 at=(51.5, -0.12))  # fmt: skip
    winter = gpx([[line(1800, 5000)]], start=datetime(2024, 1, 1, 23, 30, tzinfo=UTC),
                 at=(51.5, -0.12))  # fmt: skip
    assert load_session(_import(tmp_path, "s.gpx", summer).new_ids[0]).local_date == date(
        2024, 7, 2
    )
    assert load_session(_import(tmp_path, "w.gpx", winter).new_ids[0]).local_date == date(
        2024, 1, 1
    )


def test_a_run_without_positions_takes_the_machines_zone(journal: Path, tmp_path: Path) -> None:
    late = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)
    data = tcx(line(1800, 5000), start=late)  # distances, no positions, times in Z
    plus_two = timezone(timedelta(hours=2))
    s = load_session(_import(tmp_path, "z.tcx", data, local_tz=plus_two).new_ids[0])
    assert s.local_date == date(2024, 5, 2)
    data = tcx(line(1800, 5000), start=late + timedelta(days=1))
    s = load_session(_import(tmp_path, "z2.tcx", data, local_tz=UTC).new_ids[0])
    assert s.local_date == date(2024, 5, 2)


def test_a_fit_without_local_time_takes_the_zone_at_its_start(
    journal: Path, tmp_path: Path
) -> None:
    start = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)  # no local_timestamp in the file
    records = [
        {"timestamp": start + timedelta(minutes=i), "distance": 200.0 * i,
         "position_lat": -33.8688 + i / 1000, "position_long": 151.2093}
        for i in range(31)
    ]  # fmt: skip
    data = run_fit(start, records=records, distance_m=6000)
    s = load_session(_import(tmp_path, "sydney.fit", data, local_tz=UTC).new_ids[0])
    assert s.local_date == date(2024, 5, 2)


# 9. A FIT with no session timestamp: what the file has


def _fit_without_session_times(activity: dict[str, object]) -> bytes:
    return fit_file(
        [
            ("file_id", {"type": FILE_TYPE["activity"], "serial_number": 3}),
            ("session", {"sport": SPORT["running"], "total_elapsed_time": 1800,
                         "total_timer_time": 1800, "total_distance": 5000}),
            ("activity", {"num_sessions": 1, **activity}),
        ]
    )  # fmt: skip


def test_a_fit_dated_only_by_its_activity_is_imported(journal: Path, tmp_path: Path) -> None:
    end = START + timedelta(seconds=1800)
    data = _fit_without_session_times({"timestamp": end, "local_timestamp": fit_time(end) + 7200})
    s = load_session(_import(tmp_path, "activity-only.fit", data, local_tz=UTC).new_ids[0])
    assert s.started_at == START.replace(tzinfo=None)
    assert (s.duration_s, s.distance_m, s.local_date) == (1800, 5000, date(2024, 5, 1))


def test_a_fit_with_only_a_local_timestamp_is_imported(journal: Path, tmp_path: Path) -> None:
    late_end = datetime(2024, 5, 1, 23, 50)  # local time, as the watch showed it
    local = fit_time(late_end.replace(tzinfo=UTC))
    result = _import(
        tmp_path, "local-only.fit", _fit_without_session_times({"local_timestamp": local})
    )
    s = load_session(result.new_ids[0])
    assert s.local_date == date(2024, 5, 1)
    assert s.duration_s == 1800
    assert any("local time" in note for note in result.notes)


def test_a_fit_session_with_only_its_end_is_dated_by_it(journal: Path, tmp_path: Path) -> None:
    end = START + timedelta(seconds=1800)
    data = fit_file(
        [
            ("file_id", {"type": FILE_TYPE["activity"], "serial_number": 4}),
            ("session", {"timestamp": end, "sport": SPORT["running"], "total_elapsed_time": 1800,
                         "total_distance": 5000}),
        ]
    )  # fmt: skip
    s = load_session(_import(tmp_path, "end-only.fit", data).new_ids[0])
    assert s.started_at == START.replace(tzinfo=None)


# Real GPX files of each kind (gpxpy's test files)


def test_real_gpx_whose_second_track_has_no_times(journal: Path) -> None:
    result = import_paths([TRACKS / "second-track-untimed.gpx"]).results[0]
    s = load_session(result.new_ids[0])
    assert s.distance_m == pytest.approx(6262, abs=5)  # not 14,914 m: the untimed track's
    assert any("358 track points without a time" in note for note in result.notes)


def test_real_gpx_with_only_a_few_timed_points_is_refused(journal: Path) -> None:
    result = import_paths([TRACKS / "few-points-timed.gpx"]).results[0]
    assert result.outcome == Outcome.REFUSED
    assert "has a time on only 5 of its 296 points" in result.message


def test_real_gpx_of_eight_tracks_has_no_moving_time_between_them(journal: Path) -> None:
    s = load_session(import_paths([TRACKS / "eight-tracks.gpx"]).results[0].new_ids[0])
    assert s.duration_s == 7190
    assert s.moving_s == pytest.approx(1657, abs=2)  # was 4,351 s with the gaps


def test_a_fit_file_read_again_gives_what_a_fresh_read_gives() -> None:
    """The suite decodes a large FIT file once a run (tests/fit_memo.py): each later read must
    equal a fresh decode, and changing what one read gave must not change the next. Shown on a
    small file with the size limit lowered, as the 1 MB one takes seconds to decode."""
    from tests.fit_memo import LARGE, remembering

    from cadence.services.imports import fit

    assert (SPORTS / "fenix2-multisport.fit").stat().st_size >= LARGE
    assert fit.read_messages is not read_messages  # the suite's memo is in place
    data = unpack((RUNNING / "run-8-laps.fit").read_bytes())
    fresh = read_messages(data)
    memo = remembering(read_messages, large=0)
    first = memo(data)
    assert first == fresh and len(first[1]) > 0 and first[0]["lap"]
    first[0]["lap"][0]["total_distance"] = -1.0
    first[0]["lap"].pop()
    first[1].time.clear()
    assert memo(data) == fresh
