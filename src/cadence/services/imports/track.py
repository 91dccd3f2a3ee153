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
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from cadence.domain.limits import MAX_HR, MIN_HR
from cadence.domain.track import Track

MOVING_SPEED_M_S = 1609.344 / 1800  # 30 min per mile
PAUSE_AFTER_S = 10.0
CLIMB_THRESHOLD_M = 3.0
MAX_CLIMB_RATE_M_S = 0.3
EARTH_RADIUS_M = 6_371_000.0
_US = timedelta(microseconds=1)


@dataclass(slots=True)
class TrackPoint:
    """One point, for building a few `Points` by hand (`Points.of`); the readers fill columns."""

    time: datetime | None = None  # aware (or naive, taken as UTC)
    distance_m: float | None = None  # cumulative, as measured by the device
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    hr: float | None = None
    cadence: float | None = None  # steps per minute
    segment: int = 0  # which track segment (GPX trkseg, TCX Track) the point was recorded in


# One point in the columns' order: time, distance_m, lat, lon, altitude_m, hr, cadence, segment.
Row = tuple[
    datetime | None,
    float | None,
    float | None,
    float | None,
    float | None,
    float | None,
    float | None,
    int,
]


@dataclass(slots=True)
class Points:
    """A recorded track as columns, one entry per point in recorded order (None where a point
    lacks the value). Columns, not an object a point: a run has thousands of points, and the
    sums below read a column or two at a time."""

    time: list[datetime | None] = field(default_factory=list)  # UTC (`utc`)
    distance_m: list[float | None] = field(default_factory=list)  # cumulative, the device's
    lat: list[float | None] = field(default_factory=list)
    lon: list[float | None] = field(default_factory=list)
    altitude_m: list[float | None] = field(default_factory=list)
    hr: list[float | None] = field(default_factory=list)
    cadence: list[float | None] = field(default_factory=list)  # steps per minute
    segment: list[int] = field(default_factory=list)  # GPX trkseg, TCX Track

    def __len__(self) -> int:
        return len(self.time)

    @classmethod
    def of(cls, rows: Iterable[TrackPoint]) -> Points:
        return cls.from_rows(
            (utc(r.time), r.distance_m, r.lat, r.lon, r.altitude_m, r.hr, r.cadence, r.segment)
            for r in rows
        )

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> Points:
        """From one tuple a point, in the columns' order (a reader's quickest way to hand its
        points over: a tuple is cheaper to make than eight appends)."""
        columns = [list(column) for column in zip(*rows, strict=True)]
        return cls(*columns) if columns else cls()

    def take(self, indexes: Sequence[int]) -> Points:
        """The points at `indexes`, in that order."""
        return Points(*([column[i] for i in indexes] for column in self._columns()))

    def part(self, start: int, stop: int) -> Points:
        """The points from `start` up to (not including) `stop`."""
        return Points(*(column[start:stop] for column in self._columns()))

    def _columns(self) -> tuple[list[Any], ...]:
        return (
            self.time,
            self.distance_m,
            self.lat,
            self.lon,
            self.altitude_m,
            self.hr,
            self.cadence,
            self.segment,
        )


@dataclass(slots=True)
class Recorded:
    """What the timed part of a track says."""

    started_at: datetime  # aware UTC
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    points: Points  # the timed part, untimed points between timed ones included
    along_m: list[float]  # distance along the timed part at each of `points` (gaps add none)
    us: list[int | None]  # microseconds from the start at each of `points` (None: no time)
    total: int  # points in the track
    timed: int  # points with a time


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def utc(value: object) -> datetime | None:
    """A time in UTC, its zone the one `UTC` object (a naive time is taken as UTC); None if not a
    time. Times that share their zone object subtract and compare without asking it for its
    offset, so every time of a track is given the same one (most readers' already are)."""
    if not isinstance(value, datetime):
        return None
    zone = value.tzinfo
    if zone is UTC:
        return value
    if zone is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def span_s(points: Points) -> float | None:
    """Seconds from the earliest to the latest timestamp."""
    times = [t for t in points.time if t is not None]
    if len(times) < 2:
        return None
    return (max(times) - min(times)).total_seconds()


def _step_distances(points: Points) -> list[float | None]:
    """Distance covered between each point and the next: the device's, else from positions.
    (haversine_m, with each point's latitude in radians and its cosine worked out once: the same
    arithmetic in the same order, so the same metres, at a third fewer calls per step.)"""
    device = points.distance_m
    if None not in device:  # the device measured every point (most FIT and TCX files)
        measured = cast(list[float], device)
        return [d if (d := b - a) > 0.0 else 0.0 for a, b in itertools.pairwise(measured)]
    radians, cos, sin, asin, sqrt = math.radians, math.cos, math.sin, math.asin, math.sqrt
    if None not in points.lat and None not in points.lon and _absent(device):
        # Positions at every point and no distance from the device (most GPX files): one pass,
        # each step written as below, without looking for missing values.
        phis = [radians(lat) for lat in cast(list[float], points.lat)]
        cos_phis = [cos(r) for r in phis]
        lambdas = cast(list[float], points.lon)
        steps: list[float | None] = []
        append = steps.append
        for p1, p2, c1, c2, l1, l2 in zip(
            phis, phis[1:], cos_phis, cos_phis[1:], lambdas, lambdas[1:], strict=False
        ):
            h = sqrt(sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin(radians(l2 - l1) / 2) ** 2)
            append(2 * EARTH_RADIUS_M * asin(h if h < 1.0 else 1.0))  # min(1.0, h), NaN too
        return steps
    # Columns of floats, not a tuple a point: fewer objects for the collector to walk. A point
    # is located when `lats` has its latitude in radians; its cosine and longitude are then set.
    lats: list[float | None] = []
    cosines: list[float] = []
    lons: list[float] = []
    for lat, lon in zip(points.lat, points.lon, strict=True):
        if lat is None or lon is None:
            lats.append(None)
            cosines.append(0.0)
            lons.append(0.0)
        else:
            lats.append(r := radians(lat))
            cosines.append(cos(r))
            lons.append(lon)
    steps: list[float | None] = []
    for i in range(len(lats) - 1):
        a, b = device[i], device[i + 1]
        if a is not None and b is not None:
            steps.append(max(0.0, b - a))
        elif (p1 := lats[i]) is not None and (p2 := lats[i + 1]) is not None:
            dl = radians(lons[i + 1] - lons[i])
            h = sin((p2 - p1) / 2) ** 2 + cosines[i] * cosines[i + 1] * sin(dl / 2) ** 2
            steps.append(2 * EARTH_RADIUS_M * asin(min(1.0, sqrt(h))))
        else:
            steps.append(None)
    return steps


def _segments(segment: Sequence[int]) -> list[tuple[int, int]]:
    """(first, stop) index ranges of the runs of points recorded in the same segment."""
    if not segment or segment.count(segment[0]) == len(segment):
        return [(0, len(segment))]  # one segment, as in most files
    bounds, first = [], 0
    for _, run in itertools.groupby(segment):
        stop = first + sum(1 for _ in run)
        bounds.append((first, stop))
        first = stop
    return bounds


def _moving(us: list[int], along: list[float]) -> float:
    """Seconds in motion between timed points (microseconds from the start, metres along), by
    the pause rule in the docstring."""
    moving = slow = 0.0
    for u0, u1, d0, d1 in zip(us, us[1:], along, along[1:], strict=False):
        dt = (u1 - u0) / 1_000_000
        if dt <= 0:
            continue
        if (d1 - d0) / dt >= MOVING_SPEED_M_S:
            moving += dt + (slow if slow < PAUSE_AFTER_S else 0.0)
            slow = 0.0
        else:
            slow += dt
    return moving + (slow if slow < PAUSE_AFTER_S else 0.0)


def recorded(points: Points) -> Recorded | None:
    """Start, elapsed and moving time and distance of the timed part; None if nothing is timed.

    Times are taken as whole microseconds from the start (datetimes hold no finer), so every
    difference of two times, in seconds, is exactly what subtracting the datetimes gives."""
    times = [t for t in points.time if t is not None]
    every = len(times) == len(points)  # every point timed, as in most files
    if not times:
        return None
    start, end = min(times), max(times)
    spans: list[tuple[int, int]] = []
    for first, stop in _segments(points.segment):
        if every:
            spans.append((first, stop))
            continue
        indexes = [i for i in range(first, stop) if points.time[i] is not None]
        if indexes:
            spans.append((indexes[0], indexes[-1] + 1))
    whole = spans == [(0, len(points))]  # one segment, timed from end to end: no copies
    part = points if whole else Points()
    along_m: list[float] = []
    us: list[int | None] = []
    distance = moving = 0.0
    has_distance = False
    for lo, hi in spans:
        span = points if whole else points.part(lo, hi)
        steps = _step_distances(span)
        has_distance = has_distance or any(s is not None for s in steps)
        if None in steps:
            along = [0.0, *itertools.accumulate(s or 0.0 for s in steps)]
        else:
            along = [0.0, *itertools.accumulate(cast(list[float], steps))]
        along_m += [distance + d for d in along] if distance else along
        distance += along[-1]
        if every:
            span_us: list[int | None] = [(t - start) // _US for t in span.time]  # pyright: ignore[reportOptionalOperand]
            moving += _moving(span_us, along)  # pyright: ignore[reportArgumentType]
        else:
            span_us = [None if t is None else (t - start) // _US for t in span.time]
            at = [i for i, u in enumerate(span_us) if u is not None]
            moving += _moving([span_us[i] for i in at], [along[i] for i in at])  # pyright: ignore[reportArgumentType]
        us += span_us
        if not whole:
            for mine, theirs in zip(part._columns(), span._columns(), strict=True):
                mine += theirs
    return Recorded(
        started_at=start,
        elapsed_s=(end - start).total_seconds() if len(times) > 1 else None,
        moving_s=moving if has_distance else None,
        distance_m=distance if has_distance else None,
        points=part,
        along_m=along_m,
        us=us,
        total=len(points),
        timed=len(times),
    )


def kept(found: Recorded) -> Track | None:
    """The timed points of the run, to be stored with it: time from the start, distance along
    the timed part (None if the file gives neither distances nor positions), position, height,
    heart rate (believable readings only) and cadence."""
    part = found.points
    if found.distance_m is None and _absent(part.lat):
        return None
    us = found.us
    every = None not in us  # every point timed, as in most files: no copies
    rows = range(len(us)) if every else [i for i, u in enumerate(us) if u is not None]
    if len(rows) < 2:
        return None

    def column(values: list[Any]) -> list[Any] | None:
        chosen = values if every else [values[i] for i in rows]
        return None if _absent(chosen) else chosen  # left out, as from_values would

    hr = column(part.hr)
    return Track.from_values(
        t_ms=[u / 1_000_000 for u in us] if every else [us[i] / 1_000_000 for i in rows],  # pyright: ignore[reportOptionalOperand]
        distance_cm=column(found.along_m) if found.distance_m is not None else None,
        lat_e7=column(part.lat),
        lon_e7=column(part.lon),
        elevation_cm=column(part.altitude_m),
        hr_bpm=None
        if hr is None
        else [v if v is not None and MIN_HR <= v <= MAX_HR else None for v in hr],
        cadence_spm=column(part.cadence),
    )


def _absent(values: list[Any]) -> bool:
    """No value at all in the column (a channel the file does not record)."""
    return not values or (values[0] is None and values.count(None) == len(values))


def note_untimed(found: Recorded, cleaned: list[str]) -> None:
    """A note for the points left out because they lie outside the timed part."""
    left_out = found.total - len(found.points)
    if left_out:
        cleaned.append(
            f"{left_out} track point{'s' if left_out > 1 else ''} without a time left out "
            "(they add no distance or time)"
        )


def moving_time_s(points: Points) -> float | None:
    """Seconds in motion (see the module's rules); None if the track has no distances or positions."""
    found = recorded(points)
    return found.moving_s if found is not None else None


def climb_m(found: Recorded | None) -> float | None:
    """Total ascent of the timed heights: rate-limited to MAX_CLIMB_RATE_M_S, then counting only
    rises of more than CLIMB_THRESHOLD_M above the last low (see the module's docstring)."""
    if found is None:
        return None
    isfinite = math.isfinite
    samples = [
        (u, height)
        for u, height in zip(found.us, found.points.altitude_m, strict=True)
        if u is not None and height is not None and isfinite(height)
    ]
    if len(samples) < 2:
        return None
    gain = 0.0
    before, height = samples[0]
    low = height
    for u, recorded_height in itertools.islice(samples, 1, None):
        seconds = (u - before) / 1_000_000
        limit = MAX_CLIMB_RATE_M_S * seconds if seconds > 0.0 else 0.0
        change = recorded_height - height  # followed at no more than `limit`
        if change > limit:
            change = limit
        elif change < -limit:
            change = -limit
        height += change
        if height < low:
            low = height
        elif height - low > CLIMB_THRESHOLD_M:
            gain += height - low
            low = height
        before = u
    return gain


def heart_rate(
    readings: Iterable[float | None], cleaned: list[str]
) -> tuple[float | None, float | None]:
    """(mean, max) of the believable heart-rate readings; a note in `cleaned` for any left out."""
    given = [hr for hr in readings if hr is not None]
    good = [hr for hr in given if MIN_HR <= hr <= MAX_HR]
    bad = len(given) - len(good)
    if bad:
        cleaned.append(
            f"{bad} heart-rate reading{'s' if bad > 1 else ''} outside {MIN_HR}-{MAX_HR} bpm "
            "left out"
        )
    if not good:
        return None, None
    return sum(good) / len(good), max(good)
