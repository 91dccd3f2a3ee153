"""GPX: one recorded track per file becomes one run. Parsed by gpxpy after a defusedxml screen.

GPX has no laps and no summary, so everything is summed from the points: distance is gpxpy's 2-D
length (what running sites report), climb and moving time follow track.py's rules, heart rate
comes from Garmin's TrackPointExtension (`<gpxtpx:hr>`) where present.
"""

from __future__ import annotations

from datetime import UTC, datetime

import gpxpy
import gpxpy.gpx

from cadence.domain.enums import Source
from cadence.domain.units import counted
from cadence.services.imports import track
from cadence.services.imports.common import ParsedActivity, Refused
from cadence.services.imports.safe_xml import decode_xml, local_name, screen


def _utc(value: datetime) -> datetime:
    """GPX times are UTC; a time without a zone is taken as UTC too."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _hr(point: gpxpy.gpx.GPXTrackPoint) -> float | None:
    for extension in point.extensions:
        for element in extension.iter():
            if local_name(element.tag) == "hr" and element.text:
                try:
                    return float(element.text)
                except ValueError:
                    return None
    return None


def parse_gpx(data: bytes) -> list[ParsedActivity]:
    text = decode_xml(data)
    screen(text)
    try:
        document = gpxpy.parse(text)
    except gpxpy.gpx.GPXException as exc:
        raise Refused(f"is not a valid GPX file ({exc})") from exc

    raw = [p for t in document.tracks for s in t.segments for p in s.points]
    if not raw:
        parts = []
        if document.routes:
            parts.append(counted(len(document.routes), "planned route", "planned routes"))
        if document.waypoints:
            parts.append(counted(len(document.waypoints), "waypoint", "waypoints"))
        held = f" (it holds only {' and '.join(parts)})" if parts else ""
        raise Refused(f"has no recorded track points{held}; there is no run to import")

    points = [
        track.TrackPoint(
            time=_utc(p.time) if p.time else None,
            lat=p.latitude,
            lon=p.longitude,
            altitude_m=p.elevation,
            hr=_hr(p),
        )
        for p in raw
    ]
    timed = track.timed(points)
    if not timed:
        raise Refused("has track points but no timestamps: it is a drawn route, not a recorded run")
    cleaned: list[str] = []
    avg_hr, max_hr = track.heart_rate(points, cleaned)
    name = next((t.name for t in document.tracks if t.name), None) or document.name or ""
    return [
        ParsedActivity(
            source=Source.GPX,
            started_at=min(p.time for p in timed),  # type: ignore[type-var]
            elapsed_s=track.span_s(timed),
            moving_s=track.moving_time_s(timed),
            distance_m=document.length_2d(),
            avg_hr=avg_hr,
            max_hr=max_hr,
            elevation_gain_m=track.climb_m(p.altitude_m for p in points),
            title=name.strip(),
            notes=(document.description or "").strip(),
            cleaned=cleaned,
        )
    ]
