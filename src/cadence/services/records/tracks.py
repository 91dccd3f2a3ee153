"""Imported runs' track points: stored with the run, read for its Route tab and its splits."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cadence.domain.splits import Split, splits
from cadence.domain.track import Track, decode, encode
from cadence.domain.units import Units, metres_per
from cadence.store.models import Track as TrackRow
from cadence.store.models import database
from cadence.store.server import OWNER, is_server


def _save_sql(on_server: bool) -> str:
    table, session = TrackRow._meta.table_name, TrackRow.session.column_name
    points, data = TrackRow.points.column_name, TrackRow.data.column_name
    # on a server the session's track is unique per owner (store/server.py): the key says so
    key = f'"{OWNER}", {session}' if on_server else session
    return (
        f"INSERT INTO {table} ({session}, {points}, {data}) VALUES (?, ?, ?) "
        f"ON CONFLICT ({key}) DO UPDATE SET {points} = excluded.{points}, "
        f"{data} = excluded.{data}"
    )


# written out once: every imported run saves one (the ORM cost more per call)
_SAVE = {False: _save_sql(False), True: _save_sql(True)}


def save_track(session_id: int, track: Track) -> None:
    """Store (or replace) a session's track; call inside the transaction that saves the session."""
    sql = _SAVE[is_server(database.obj)]
    database.execute_sql(sql, (session_id, len(track), encode(track)))


def load_track(session_id: int) -> Track | None:
    row = TrackRow.select(TrackRow.data).where(TrackRow.session == session_id).first()
    return decode(bytes(row.data)) if row is not None else None


def has_track(session_id: int | None) -> bool:
    if session_id is None:
        return False
    return TrackRow.select().where(TrackRow.session == session_id).exists()


def track_splits(track: Track, units: Units = Units.KM) -> list[Split]:
    """Splits per km or per mile (by the journal's units) of a stored track."""
    return splits(
        track.values("t_ms"),
        track.values("distance_cm"),
        metres_per(units),
        hr=track.values("hr_bpm"),
        elevation_m=track.values("elevation_cm"),
    )


METRES_PER_DEGREE = 111_195.0  # along a meridian, on the sphere the importers measure with
PACE_WINDOW_S = 15.0  # pace over the half-minute around each point
SLOWEST_PACE_M_S = 1609.344 / 1800  # slower than 30 min a mile is a pause (imports' rule)


@dataclass(frozen=True)
class RouteData:
    """What the Route tab draws: the route's shape in metres from the start (east, north), and
    pace, heart rate and height along the distance (in km or mi)."""

    units: Units
    east_m: np.ndarray | None  # None: the track has no positions
    north_m: np.ndarray | None
    distance: np.ndarray | None  # per point, in units; None: the track has no distances
    pace_s: np.ndarray | None  # seconds per unit, NaN where standing
    hr: np.ndarray | None
    elevation_m: np.ndarray | None
    splits: list[Split]


def route_data(track: Track, units: Units = Units.KM) -> RouteData:
    unit_m = metres_per(units)
    t, d = track.values("t_ms"), track.values("distance_cm")
    east, north = _projected(track.values("lat_e7"), track.values("lon_e7"))
    pace = _pace(t, d, unit_m) if d is not None else None  # pyright: ignore[reportArgumentType]
    return RouteData(
        units=units,
        east_m=east,
        north_m=north,
        distance=d / unit_m if d is not None else None,
        pace_s=pace,
        hr=track.values("hr_bpm"),
        elevation_m=track.values("elevation_cm"),
        splits=track_splits(track, units),
    )


def _projected(
    lat: np.ndarray | None, lon: np.ndarray | None
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Equirectangular: degrees of longitude shrink by cos(latitude) at the route's middle, so
    the shape keeps its proportions over a run's few kilometres; across the antimeridian too."""
    if lat is None or lon is None or np.isfinite(lat).sum() < 2:
        return None, None
    known = np.isfinite(lat) & np.isfinite(lon)
    lat0 = float(lat[known][0])
    lon0 = float(lon[known][0])
    middle = math.radians(float(np.nanmean(lat[known])))
    dlon = (lon - lon0 + 180.0) % 360.0 - 180.0
    return dlon * math.cos(middle) * METRES_PER_DEGREE, (lat - lat0) * METRES_PER_DEGREE


def _pace(t: np.ndarray, d: np.ndarray, unit_m: float) -> np.ndarray:
    """Seconds per unit over PACE_WINDOW_S either side of each point; NaN where slower than the
    imports' pause threshold (standing at a crossing is not a pace)."""
    d = np.fmax.accumulate(np.where(np.isfinite(d), d, -np.inf))
    lo = np.searchsorted(t, t - PACE_WINDOW_S, side="left")
    hi = np.searchsorted(t, t + PACE_WINDOW_S, side="right") - 1
    dt, dd = t[hi] - t[lo], d[hi] - d[lo]
    with np.errstate(divide="ignore", invalid="ignore"):
        pace = np.where((dt > 0) & (dd >= SLOWEST_PACE_M_S * dt), dt / (dd / unit_m), np.nan)
    return pace
