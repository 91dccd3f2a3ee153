"""GPX and TCX text for tests: tracks and segments of points with chosen times, places and heights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
METRES_PER_DEGREE = 111_195.0  # along a meridian, on Cadence's (and gpxpy's) sphere

# A point: (seconds after the start or None for no time, metres north of the start, height or None)
Point = tuple[float | None, float, float | None]


def line(seconds: float, metres: float, *, every_s: float = 10, t0: float = 0, m0: float = 0,
         height: float | None = None) -> list[Point]:  # fmt: skip
    """Points every `every_s` seconds along a straight line northwards at an even speed."""
    count = round(seconds / every_s)
    return [(t0 + i * every_s, m0 + metres * i / count, height) for i in range(count + 1)]


def _time(seconds: float | None, start: datetime, offset: str) -> str:
    if seconds is None:
        return ""
    moment = start + timedelta(seconds=seconds)
    if offset == "Z":
        return f"<time>{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z</time>"
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = (int(x) for x in offset[1:].split(":"))
    local = moment.astimezone(UTC) + sign * timedelta(hours=hours, minutes=minutes)
    return f"<time>{local:%Y-%m-%dT%H:%M:%S}{offset}</time>"


def gpx(tracks: list[list[list[Point]]], *, start: datetime = START, offset: str = "Z",
        track_type: str | None = None, at: tuple[float, float] = (50.0, 6.0)) -> bytes:  # fmt: skip
    """A GPX 1.1 file: tracks of segments of points, northwards from `at` (latitude, longitude)."""
    body = []
    for segments in tracks:
        kind = f"<type>{track_type}</type>" if track_type else ""
        segs = []
        for points in segments:
            pts = "".join(
                f'<trkpt lat="{at[0] + north / METRES_PER_DEGREE:.7f}" lon="{at[1]}">'
                + (f"<ele>{height:.1f}</ele>" if height is not None else "")
                + _time(seconds, start, offset)
                + "</trkpt>"
                for seconds, north, height in points
            )
            segs.append(f"<trkseg>{pts}</trkseg>")
        body.append(f"<trk><name>Test</name>{kind}{''.join(segs)}</trk>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1">' + "".join(body) + "</gpx>"
    ).encode()


def tcx(points: list[Point], *, sport: str = "Running", start: datetime = START,
        offset: str = "Z") -> bytes:  # fmt: skip
    """A TCX file with one activity, one lap and one track of points (with their distances)."""
    timed = [s for s, _, _ in points if s is not None]
    span = max(timed) - min(timed) if timed else 0
    first = _time(min(timed) if timed else 0, start, offset)[6:-7]
    pts = "".join(
        "<Trackpoint>" + _time(s, start, offset).replace("time>", "Time>")
        + f"<DistanceMeters>{north:.1f}</DistanceMeters>"
        + (f"<AltitudeMeters>{h:.1f}</AltitudeMeters>" if h is not None else "")
        + "</Trackpoint>"
        for s, north, h in points
    )  # fmt: skip
    distance = points[-1][1] - points[0][1]
    return (
        '<?xml version="1.0"?><TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="{sport}"><Id>{first}</Id><Lap StartTime="{first}">'
        f"<TotalTimeSeconds>{span}</TotalTimeSeconds><DistanceMeters>{distance}</DistanceMeters>"
        f"<Track>{pts}</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
    ).encode()
