"""Sums over a recorded track, shared by the GPX, TCX and FIT readers.

The rules are the same for every format so that a run gives the same moving time and climb
whichever file it came in: a stretch counts as moving when its speed is at least 0.5 m/s
(1.8 km/h; slower is standing), and climb counts rises of more than 3 m so GPS noise adds nothing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cadence.domain.limits import MAX_HR, MIN_HR

MOVING_SPEED_M_S = 0.5
CLIMB_THRESHOLD_M = 3.0
EARTH_RADIUS_M = 6_371_000.0


@dataclass(slots=True)
class TrackPoint:
    time: datetime | None = None  # aware UTC
    distance_m: float | None = None  # cumulative, as measured by the device
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    hr: float | None = None


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
    """Distance covered between each point and the next: the device's, else from positions."""
    steps: list[float | None] = []
    for a, b in itertools.pairwise(points):
        if a.distance_m is not None and b.distance_m is not None:
            steps.append(max(0.0, b.distance_m - a.distance_m))
        elif None not in (a.lat, a.lon, b.lat, b.lon):
            steps.append(haversine_m(a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
        else:
            steps.append(None)
    return steps


def moving_time_s(points: Sequence[TrackPoint]) -> float | None:
    """Seconds spent moving at 0.5 m/s or faster; None if the track has no distances or positions."""
    pts = timed(points)
    steps = _step_distances(pts)
    if not steps or all(s is None for s in steps):
        return None
    moving = 0.0
    for a, b, step in zip(pts, pts[1:], steps, strict=False):
        dt = (b.time - a.time).total_seconds()  # type: ignore[operator]
        if dt > 0 and step is not None and step / dt >= MOVING_SPEED_M_S:
            moving += dt
    return moving


def path_distance_m(points: Sequence[TrackPoint]) -> float | None:
    """Distance along the positions, for files that record no distance of their own."""
    located = [p for p in points if p.lat is not None and p.lon is not None]
    if len(located) < 2:
        return None
    return sum(
        haversine_m(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        for a, b in itertools.pairwise(located)
    )


def climb_m(altitudes: Iterable[float | None]) -> float | None:
    """Total ascent, counting only rises of more than CLIMB_THRESHOLD_M above the last low."""
    values = [a for a in altitudes if a is not None and math.isfinite(a)]
    if len(values) < 2:
        return None
    gain, low = 0.0, values[0]
    for value in values[1:]:
        if value < low:
            low = value
        elif value - low > CLIMB_THRESHOLD_M:
            gain += value - low
            low = value
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
