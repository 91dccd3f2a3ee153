"""The time zone where a run started, from its first position, offline.

tzfpy carries the world's time-zone boundaries in the package (no network); zoneinfo then gives
the zone's offset at that moment, summer time included. Over the open sea tzfpy answers with the
nautical zones (Etc/GMT±n), which are right there too.
"""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import tzfpy

from cadence.domain.track import Track


def zone_at(lat: float, lon: float) -> tzinfo | None:
    """The time zone at a position; None where none is known (or the position is not one)."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    name = tzfpy.get_tz(lon, lat)
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def start_zone(track: Track | None) -> tzinfo | None:
    """The zone at the first point of the track that has a position."""
    if track is None:
        return None
    lat, lon = track.values("lat_e7"), track.values("lon_e7")
    if lat is None or lon is None:
        return None
    located = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    if not located.size:
        return None
    return zone_at(float(lat[located[0]]), float(lon[located[0]]))
