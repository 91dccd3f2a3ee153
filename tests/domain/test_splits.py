"""Splits per km or mile, worked by hand on a six-point track."""

from __future__ import annotations

import numpy as np
import pytest

from cadence.domain.splits import splits
from cadence.domain.units import METRES_PER_MILE

# A point a minute: 400 m a minute, then 500 m in the last minute (2.1 km in all).
T = np.array([0, 60, 120, 180, 240, 300], dtype=float)
D = np.array([0, 400, 800, 1200, 1600, 2100], dtype=float)
HR = np.array([100, 110, 120, 130, 140, 150], dtype=float)
ELE = np.array([10, 12, 14, 13, 11, 20], dtype=float)


def test_splits_per_km_by_hand() -> None:
    one, two, last = splits(T, D, 1000.0, hr=HR, elevation_m=ELE)
    # 1 km is reached halfway between 120 s (800 m) and 180 s (1200 m): 150 s.
    assert (one.label, one.time_s, one.pace_s) == ("1", 150.0, 150.0)
    assert one.avg_hr == pytest.approx(110)  # readings at 0, 60, 120 s
    assert one.elevation_change_m == pytest.approx(13.5 - 10)  # 14 → 13 halfway: 13.5 m
    # 2 km: 0.8 of the way from 1600 m (240 s) to 2100 m (300 s): 288 s.
    assert (two.label, two.time_s) == ("2", pytest.approx(138.0))
    assert two.avg_hr == pytest.approx(135)  # 180 and 240 s
    assert two.elevation_change_m == pytest.approx(18.2 - 13.5)  # 11 → 20, 0.8 of the way
    # The last 100 m: a partial split labelled by its length, paced per km.
    assert last.partial and last.label == "0.10"
    assert last.distance_m == pytest.approx(100)
    assert last.time_s == pytest.approx(12.0) and last.pace_s == pytest.approx(120.0)
    assert last.avg_hr == 150 and last.elevation_change_m == pytest.approx(20 - 18.2)
    assert sum(s.time_s for s in (one, two, last)) == pytest.approx(300)  # the elapsed time


def test_splits_per_mile() -> None:
    mile, rest = splits(T, D, METRES_PER_MILE, hr=HR)
    # 1609.344 m: 9.344 m past 1600 m, of the 500 m covered from 240 s to 300 s.
    assert mile.time_s == pytest.approx(240 + 60 * 9.344 / 500)
    assert mile.label == "1" and not mile.partial
    assert rest.partial and rest.label == f"{(2100 - METRES_PER_MILE) / METRES_PER_MILE:.2f}"
    assert rest.pace_s == pytest.approx(rest.time_s / ((2100 - METRES_PER_MILE) / METRES_PER_MILE))


def test_a_pause_and_missing_values() -> None:
    # Standing still from 60 to 180 s at 500 m; a distance and a reading missing.
    t = np.array([0, 60, 120, 180, 240, 300], dtype=float)
    d = np.array([0, 500, np.nan, 500, 750, 1000], dtype=float)
    hr = np.array([np.nan, 120, 90, 95, 150, 160], dtype=float)
    (only,) = splits(t, d, 1000.0, hr=hr)
    assert only.time_s == 300 and not only.partial  # the pause stays in the split's time
    assert only.avg_hr == pytest.approx((120 + 90 + 95 + 150 + 160) / 5)
    assert only.elevation_change_m is None


def test_a_last_stretch_under_ten_metres_joins_the_split_before() -> None:
    t = np.array([0.0, 300.0, 303.0])
    d = np.array([0.0, 1000.0, 1005.0])
    (only,) = splits(t, d, 1000.0)
    assert only.time_s == 303 and only.label == "1"


def test_no_distance_no_splits() -> None:
    assert splits(T, None, 1000.0) == []
    assert splits(T, np.full(6, np.nan), 1000.0) == []
    assert splits(T, np.zeros(6), 1000.0) == []
    (short,) = splits(np.array([0.0, 120.0]), np.array([0.0, 430.0]), 1000.0)
    assert short.partial and short.label == "0.43" and short.pace_s == pytest.approx(120 / 0.43)
