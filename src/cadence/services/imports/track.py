"""Sums over a recorded track, shared by the GPX, TCX and FIT readers.

The rules are the same for every format so that a run gives the same numbers whichever file it
came in (docs/imports.md, "From the points"):

- only the timed part counts: in each segment, from its first to its last timed point; points
  before, after or in a segment without any time add no distance and no time;
- no distance and no moving time across the gap between two segments or tracks;
- moving time: a stretch between two timed points is moving when its speed is at least 30 minutes
  per mile (0.89 m/s, Strava's threshold for runs); slower stretches are a pause once they add up
  to PAUSE_AFTER_S in a row, so a few seconds at a crossing stay in the moving time;
- climb: heights are followed at no more than 0.3 m/s (1,080 m an hour, faster than runners
  climb outside vertical-kilometre races), so a GPS jump of 30 m in a few seconds moves the
  height a little and its return takes it back; then only rises of more than 3 m above the last
  low count, so the wobble of a barometer adds nothing. Used only where the file has no total of
  its own (a FIT session's total_ascent is the device's and is kept).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cadence.domain.limits import MAX_HR, MIN_HR
from cadence.domain.track import Track

MOVING_SPEED_M_S = 1609.344 / 1800  # 30 min per mile
PAUSE_AFTER_S = 10.0
CLIMB_THRESHOLD_M = 3.0
MAX_CLIMB_RATE_M_S = 0.3
EARTH_RADIUS_M = 6_371_000.0


@dataclass(slots=True)
class TrackPoint:
    time: datetime | None = None  # aware UTC
    distance_m: float | None = None  # cumulative, as measured by the device
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    hr: float | None = None
    cadence: float | None = None  # steps per minute
    segment: int = 0  # which track segment (GPX trkseg, TCX Track) the point was recorded in


@dataclass(slots=True)
class Recorded:
    """What the timed part of a track says."""

    started_at: datetime
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    points: list[TrackPoint]  # the timed part, untimed points between timed ones included
    along_m: list[float]  # distance along the timed part at each of `points` (gaps add none)
    total: int  # points in the track
    timed: int  # points with a time


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def timed(points: Iterable[TrackPoint]) -> list[TrackPoint]:
    return [p for p in points if p.time is not None]


def span_s(points: Sequence[TrackPoint]) -> float | None:
    """Seconds from the earliest to the latest timestamp."""
    times = [p.time for p in points if p.time is not None]
    if len(times) < 2:
        return None
    return (max(times) - min(times)).total_seconds()


def _step_distances(points: Sequence[TrackPoint]) -> list[float | None]:
    """Distance covered between each point and the next: the device's, else from positions.
    (haversine_m, with each point's latitude in radians and its cosine worked out once: the same
    arithmetic in the same order, so the same metres, at a third fewer calls per step.)"""
    radians, cos = math.radians, math.cos
    located: list[tuple[float, float, float] | None] = []
    for p in points:
        if p.lat is None or p.lon is None:
            located.append(None)
        else:
            lat = radians(p.lat)
            located.append((lat, cos(lat), p.lon))
    steps: list[float | None] = []
    for i, (a, b) in enumerate(itertools.pairwise(points)):
        if a.distance_m is not None and b.distance_m is not None:
            steps.append(max(0.0, b.distance_m - a.distance_m))
        elif (first := located[i]) is not None and (second := located[i + 1]) is not None:
            p1, cos1, lon1 = first
            p2, cos2, lon2 = second
            dl = radians(lon2 - lon1)
            h = math.sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * math.sin(dl / 2) ** 2
            steps.append(2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h))))
        else:
            steps.append(None)
    return steps


def _segments(points: Sequence[TrackPoint]) -> list[list[TrackPoint]]:
    return [list(group) for _, group in itertools.groupby(points, key=lambda p: p.segment)]


def _moving(stretches: Iterable[tuple[float, float]]) -> float:
    """Seconds in motion over (seconds, metres) stretches, by the pause rule in the docstring."""
    moving = slow = 0.0
    for dt, dd in stretches:
        if dt <= 0:
            continue
        if dd / dt >= MOVING_SPEED_M_S:
            moving += dt + (slow if slow < PAUSE_AFTER_S else 0.0)
            slow = 0.0
        else:
            slow += dt
    return moving + (slow if slow < PAUSE_AFTER_S else 0.0)


def recorded(points: Sequence[TrackPoint]) -> Recorded | None:
    """Start, elapsed and moving time and distance of the timed part; None if nothing is timed."""
    times = [p.time for p in points if p.time is not None]
    if not times:
        return None
    part: list[TrackPoint] = []
    along_m: list[float] = []
    distance = moving = 0.0
    has_distance = False
    for segment in _segments(points):
        indexes = [i for i, p in enumerate(segment) if p.time is not None]
        if not indexes:
            continue
        span = segment[indexes[0] : indexes[-1] + 1]
        part += span
        steps = _step_distances(span)
        has_distance = has_distance or any(s is not None for s in steps)
        along = [0.0, *itertools.accumulate(s or 0.0 for s in steps)]
        along_m += [distance + d for d in along]
        distance += along[-1]
        at = [(p.time, along[i]) for i, p in enumerate(span) if p.time is not None]
        moving += _moving(
            ((b[0] - a[0]).total_seconds(), b[1] - a[1]) for a, b in itertools.pairwise(at)
        )
    return Recorded(
        started_at=min(times),
        elapsed_s=(max(times) - min(times)).total_seconds() if len(times) > 1 else None,
        moving_s=moving if has_distance else None,
        distance_m=distance if has_distance else None,
        points=part,
        along_m=along_m,
        total=len(points),
        timed=len(times),
    )


def kept(found: Recorded) -> Track | None:
    """The timed points of the run, to be stored with it: time from the start, distance along
    the timed part (None if the file gives neither distances nor positions), position, height,
    heart rate (believable readings only) and cadence."""
    if found.distance_m is None and not any(p.lat is not None for p in found.points):
        return None
    rows = [(p, d) for p, d in zip(found.points, found.along_m, strict=True) if p.time is not None]
    if len(rows) < 2:
        return None
    start = found.started_at
    return Track.from_values(
        t_ms=[(p.time - start).total_seconds() for p, _ in rows],  # pyright: ignore[reportOptionalOperand]
        distance_cm=[d for _, d in rows] if found.distance_m is not None else None,
        lat_e7=[p.lat for p, _ in rows],
        lon_e7=[p.lon for p, _ in rows],
        elevation_cm=[p.altitude_m for p, _ in rows],
        hr_bpm=[p.hr if p.hr is not None and MIN_HR <= p.hr <= MAX_HR else None for p, _ in rows],
        cadence_spm=[p.cadence for p, _ in rows],
    )


def note_untimed(found: Recorded, cleaned: list[str]) -> None:
    """A note for the points left out because they lie outside the timed part."""
    left_out = found.total - len(found.points)
    if left_out:
        cleaned.append(
            f"{left_out} track point{'s' if left_out > 1 else ''} without a time left out "
            "(they add no distance or time)"
        )


def moving_time_s(points: Sequence[TrackPoint]) -> float | None:
    """Seconds in motion (see the module's rules); None if the track has no distances or positions."""
    found = recorded(points)
    return found.moving_s if found is not None else None


def climb_m(points: Iterable[TrackPoint]) -> float | None:
    """Total ascent of the timed heights: rate-limited to MAX_CLIMB_RATE_M_S, then counting only
    rises of more than CLIMB_THRESHOLD_M above the last low (see the module's docstring)."""
    samples = [
        (p.time, p.altitude_m)
        for p in points
        if p.time is not None and p.altitude_m is not None and math.isfinite(p.altitude_m)
    ]
    if len(samples) < 2:
        return None
    gain = 0.0
    height = low = samples[0][1]
    for (t0, _), (t1, recorded_height) in itertools.pairwise(samples):
        limit = MAX_CLIMB_RATE_M_S * max(0.0, (t1 - t0).total_seconds())
        height += max(-limit, min(limit, recorded_height - height))
        if height < low:
            low = height
        elif height - low > CLIMB_THRESHOLD_M:
            gain += height - low
            low = height
    return gain


def heart_rate(
    points: Iterable[TrackPoint], cleaned: list[str]
) -> tuple[float | None, float | None]:
    """(mean, max) of the believable heart-rate samples; a note in `cleaned` for any left out."""
    good: list[float] = []
    bad = 0
    for p in points:
        if p.hr is None:
            continue
        if MIN_HR <= p.hr <= MAX_HR:
            good.append(p.hr)
        else:
            bad += 1
    if bad:
        cleaned.append(
            f"{bad} heart-rate reading{'s' if bad > 1 else ''} outside {MIN_HR}-{MAX_HR} bpm "
            "left out"
        )
    if not good:
        return None, None
    return sum(good) / len(good), max(good)
