"""A run's track points stored compactly and given back exactly."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from cadence.domain.track import MISSING, Track, TrackError, decode, encode


def _track() -> Track:
    n = 3600
    t = np.arange(n, dtype=float)
    rng = np.random.default_rng(1)
    lat = -33.8688 + np.cumsum(rng.normal(0, 2e-5, n))
    lon = 179.99995 + np.cumsum(rng.normal(0, 2e-5, n))  # wanders across the antimeridian
    lon = np.where(lon > 180, lon - 360, lon)
    hr = rng.integers(120, 170, n).astype(float)
    hr[100:130] = np.nan  # the strap lost contact
    return Track.from_values(
        t_ms=t,
        distance_cm=np.cumsum(np.full(n, 2.8)),
        lat_e7=lat,
        lon_e7=lon,
        elevation_cm=[None, *(12.5 + np.sin(t[1:] / 60))],
        hr_bpm=hr,
        cadence_spm=[None] * n,  # a channel of nothing is left out
    )


def test_round_trip_is_exact_and_small() -> None:
    track = _track()
    data = encode(track)
    back = decode(data)
    lat = track.values("lat_e7")
    assert back == track
    assert "cadence_spm" not in back.codes
    assert back.codes["hr_bpm"][100] == MISSING and np.isnan(back.values("hr_bpm")[100])
    assert np.isnan(back.values("elevation_cm")[0])
    assert -34 < lat[0] < -33.8 and np.array_equal(back.values("lat_e7"), lat)
    assert len(data) < 40_000  # an hour at a point a second, six channels (a row each: 200 kB)


def test_json_form_is_whole_numbers_and_nulls() -> None:
    track = _track()
    form = track.to_json()
    assert form["hr_bpm"][100] is None and isinstance(form["t_ms"][5], int)
    assert Track.from_json(form) == track
    assert encode(Track.from_json(form)) == encode(track)


def test_bytes_that_are_not_a_track_are_refused() -> None:
    data = encode(_track())
    for bad in (b"", b"junk", data[:-10], zlib.compress(b"CTK1" + bytes(20))):
        with pytest.raises(TrackError):
            decode(bad)
    with pytest.raises(TrackError):
        Track.from_json({"t_ms": [0, "1"]})
    with pytest.raises(TrackError):
        Track.from_json({"distance_cm": [0, 1]})  # no times
    with pytest.raises(TrackError):
        Track.from_json({"t_ms": [0, 1], "hr_bpm": [1]})  # lengths differ


def test_short_tracks_and_every_width_round_trip() -> None:
    for track in (
        Track.from_values(t_ms=[]),
        Track.from_values(t_ms=[5], hr_bpm=[None]),
        Track.from_values(t_ms=[0, 1], hr_bpm=[120, None]),
        # differences of 1, 2, 4 and 8 bytes
        Track.from_values(
            t_ms=[0, 0.1, 30, 4000], distance_cm=[0, 1, 2, 3], elevation_cm=[0, 300, -300, 0],
            lat_e7=[0, 100, -100, 0], lon_e7=[-179.9, 179.9, -179.9, 179.9],
        ),
    ):  # fmt: skip
        assert decode(encode(track)) == track
