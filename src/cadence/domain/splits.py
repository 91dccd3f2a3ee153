"""Splits of a recorded run per km or per mile: time, pace, heart rate and elevation change.

A split ends where the track first reaches the split's distance, the time read between the two
points either side of it (linear in distance). The last split ends at the last point, so the
splits add up to the run's elapsed time, pauses included (as a watch's auto-laps do); a last
stretch shorter than a whole unit is a partial split, labelled by its length (0.43). Heart rate is
the mean of the readings recorded within the split; elevation change is the height where it ends
less the height where it starts (heights read like the times).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_PARTIAL_M = 10.0  # a last stretch shorter than this belongs to the split before


@dataclass(frozen=True)
class Split:
    number: int
    distance_m: float  # this split's own distance (the unit, or less for a partial last split)
    time_s: float
    pace_s: float  # seconds per unit
    avg_hr: float | None
    elevation_change_m: float | None
    partial: bool
    unit_m: float

    @property
    def label(self) -> str:
        """'3' for a whole split, '0.43' for a partial last one (in units)."""
        return f"{self.distance_m / self.unit_m:.2f}" if self.partial else str(self.number)


def splits(
    time_s: np.ndarray | None,
    distance_m: np.ndarray | None,
    unit_m: float,
    *,
    hr: np.ndarray | None = None,
    elevation_m: np.ndarray | None = None,
) -> list[Split]:
    """Splits of `unit_m` metres over points with times and cumulative distances (NaN where a
    point has none); empty if the track has no distance."""
    if time_s is None or distance_m is None or len(time_s) < 2:
        return []
    t = np.asarray(time_s, dtype=np.float64)
    d = _non_decreasing(np.asarray(distance_m, dtype=np.float64))
    if d is None:
        return []
    d = d - d[0]
    total = float(d[-1])
    if total <= 0:
        return []
    whole = int(total // unit_m)
    ends = [unit_m * k for k in range(1, whole + 1)]
    if total - whole * unit_m >= MIN_PARTIAL_M or not ends:
        ends.append(total)
    bounds = [0.0, *ends]
    times = [float(t[0]), *(_at(d, t, b) for b in ends[:-1]), float(t[-1])]
    heights = _heights(d, elevation_m, bounds)
    out = []
    for i in range(len(ends)):
        length = bounds[i + 1] - bounds[i]
        if i == len(ends) - 1:
            length = total - bounds[i]
        seconds = times[i + 1] - times[i]
        partial = i == len(ends) - 1 and length < unit_m - 1e-9
        out.append(
            Split(
                number=i + 1,
                distance_m=length,
                time_s=seconds,
                pace_s=seconds / (length / unit_m),
                avg_hr=_mean(t, hr, times[i], times[i + 1], last=i == len(ends) - 1),
                elevation_change_m=(heights[i + 1] - heights[i] if heights is not None else None),
                partial=partial,
                unit_m=unit_m,
            )
        )
    return out


def _non_decreasing(d: np.ndarray) -> np.ndarray | None:
    """Distances with gaps filled by the one before (a device's distance never goes back)."""
    known = np.isfinite(d)
    if not known.any():
        return None
    first = int(np.argmax(known))
    filled = np.where(known, d, -np.inf)
    filled[:first] = d[first]
    return np.maximum.accumulate(filled)


def _at(d: np.ndarray, values: np.ndarray, distance: float) -> float:
    """`values` where the track first reaches `distance`, linear between the points around it."""
    i = int(np.searchsorted(d, distance, side="left"))
    if i <= 0:
        return float(values[0])
    if i >= len(d):
        return float(values[-1])
    d0, d1 = d[i - 1], d[i]
    share = (distance - d0) / (d1 - d0) if d1 > d0 else 1.0
    return float(values[i - 1] + share * (values[i] - values[i - 1]))


def _heights(d: np.ndarray, elevation: np.ndarray | None, bounds: list[float]) -> list | None:
    if elevation is None:
        return None
    known = np.isfinite(elevation)
    if known.sum() < 2:
        return None
    return [_at(d[known], elevation[known], b) for b in bounds]


def _mean(
    t: np.ndarray, hr: np.ndarray | None, start: float, end: float, *, last: bool
) -> float | None:
    if hr is None:
        return None
    inside = (t >= start) & ((t <= end) if last else (t < end)) & np.isfinite(hr)
    return float(hr[inside].mean()) if inside.any() else None
