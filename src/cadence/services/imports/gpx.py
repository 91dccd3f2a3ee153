"""GPX: one recorded track per file becomes one run. Parsed by gpxpy once its prolog is screened.

GPX has no laps and no summary, so everything is summed from the timed points by track.py's
rules: distance is the 2-D length along them (what running sites report), with no distance across
the gap between two segments or tracks; heart rate comes from Garmin's TrackPointExtension
(`<gpxtpx:hr>`) where present.
"""

from __future__ import annotations

from datetime import UTC, datetime

import gpxpy
import gpxpy.gpx
from gpxpy.gpxfield import SimpleTZ

from cadence.domain.enums import Source
from cadence.domain.units import counted
from cadence.services.imports import track
from cadence.services.imports.common import ParsedActivity, Refused
from cadence.services.imports.safe_xml import decode_xml, local_name, screen_prolog
from cadence.services.imports.sports import check_sport


def _utc(value: datetime | None) -> datetime | None:
    """GPX times are UTC; a time without a zone is taken as UTC too. (gpxpy's zone for "Z" and
    "+00:00" is read directly: asking it for its offset is a Python call per point. The time in
    UTC is built anew rather than by `replace(tzinfo=UTC)`, which parses its keywords twice and
    took more than twice as long.)"""
    if value is None:
        return None
    zone = value.tzinfo
    if zone is None or (type(zone) is SimpleTZ and zone.offset == 0):
        return datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            UTC,
        )
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
    screen_prolog(text)
    try:
        document = gpxpy.parse(text)
    except gpxpy.gpx.GPXXMLSyntaxException as exc:
        raise Refused(
            f"is not well-formed XML ({exc.__cause__}): it is damaged or cut short; export it again"
        ) from exc
    except gpxpy.gpx.GPXException as exc:
        raise Refused(f"is not a valid GPX file ({exc})") from exc

    segments = [s for t in document.tracks for s in t.segments]
    raw = [p for segment in segments for p in segment.points]
    if not raw:
        parts = []
        if document.routes:
            parts.append(counted(len(document.routes), "planned route", "planned routes"))
        if document.waypoints:
            parts.append(counted(len(document.waypoints), "waypoint", "waypoints"))
        held = f" (it holds only {' and '.join(parts)})" if parts else ""
        raise Refused(f"has no recorded track points{held}; there is no run to import")

    types = {t.type.strip() for t in document.tracks if t.type and t.type.strip()}
    stated = [check_sport(word) for word in sorted(types)]  # a ride or a walk is skipped here
    points = track.Points(
        time=[_utc(p.time) for p in raw],
        distance_m=[None] * len(raw),
        lat=[p.latitude for p in raw],
        lon=[p.longitude for p in raw],
        altitude_m=[p.elevation for p in raw],
        hr=[_hr(p) if p.extensions else None for p in raw],  # most points carry no extension
        cadence=[None] * len(raw),
        segment=[number for number, segment in enumerate(segments) for _ in segment.points],
    )
    found = track.recorded(points)
    if found is None:
        raise Refused("has track points but no timestamps: it is a drawn route, not a recorded run")
    cleaned: list[str] = []
    first = next(p.time for p in raw if p.time is not None)
    offset = first.utcoffset() if first.tzinfo is not None else None  # gpxpy reads +00:00 as Z
    avg_hr, max_hr = track.heart_rate(found.points.hr, cleaned)
    track.note_untimed(found, cleaned)
    name = next((t.name for t in document.tracks if t.name), None) or document.name or ""
    return [
        ParsedActivity(
            source=Source.GPX,
            started_at=found.started_at,
            elapsed_s=found.elapsed_s,
            moving_s=found.moving_s,
            distance_m=found.distance_m,
            avg_hr=avg_hr,
            max_hr=max_hr,
            elevation_gain_m=track.climb_m(found),
            title=name.strip(),
            notes=(document.description or "").strip(),
            cleaned=cleaned,
            sport_stated=any(stated),
            utc_offset=offset or None,
            points_total=found.total,
            points_timed=found.timed,
            track=track.kept(found),
        )
    ]
