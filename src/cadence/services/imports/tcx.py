"""TCX (Garmin Training Center): each running <Activity> becomes a run, each <Lap> a block.

Parsed with defusedxml's ElementTree (no DTD, no entities). Totals follow what the laps say (the
device's own summary), falling back to the track points: start at the first track point (some
exporters stamp the lap a few minutes before the recording began), distance as the sum of the laps.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree.ElementTree import Element

from cadence.domain.enums import Source
from cadence.domain.records import BlockData
from cadence.services.imports import track
from cadence.services.imports.common import ParsedActivity, Refused, Skipped
from cadence.services.imports.safe_xml import local_name, parse_tree
from cadence.services.imports.sanity import lap_block


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for child in element:
        if local_name(child.tag) == name:
            return child
    return None


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child.tag) == name]


def _text(element: Element, *path: str) -> str | None:
    node: Element | None = element
    for name in path:
        node = _child(node, name)
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def _number(element: Element, *path: str) -> float | None:
    text = _text(element, *path)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise Refused(f"has {'/'.join(path)} = {text!r}, which is not a number") from exc


def _iso(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise Refused(f"has the time {text!r}, which is not a date and time") from exc


def _time(text: str | None) -> datetime | None:
    if text is None:
        return None
    return track.utc(_iso(text))


def _offset(text: str | None) -> timedelta | None:
    """The offset written in a time ("…+02:00"); None for "Z" or none, which say nothing of
    where the runner was."""
    if text is None or text.endswith(("Z", "z")):
        return None
    try:
        return datetime.fromisoformat(text).utcoffset()
    except ValueError:
        return None


def _first_time_text(element: Element) -> str | None:
    for node in element.iter():
        if local_name(node.tag) == "Time" and node.text and node.text.strip():
            return node.text.strip()
    laps = _children(element, "Lap")
    return (laps[0].get("StartTime") if laps else None) or _text(element, "Id")


def _value(node: Element | None, what: str) -> float | None:
    if node is None:
        return None
    text = node.text
    if not text:
        return None
    try:
        return float(text)  # surrounding blanks are allowed, as they were stripped before
    except ValueError as exc:
        if not text.strip():
            return None
        raise Refused(f"has {what} = {text.strip()!r}, which is not a number") from exc


class _LocalNames(dict[str, str]):
    """Tag -> local name, worked out once a tag (`names[tag]`: a lookup, not a call)."""

    def __missing__(self, tag: str) -> str:
        name = self[tag] = local_name(tag)
        return name


def _track(tracks: list[Element]) -> track.Points:
    """The points of the laps' tracks, as columns. One loop over every point's children, with
    no call a point beyond the parsing of its numbers and time: a run has thousands of points.
    Of a name the last child counts; inside Position and HeartRateBpm the first."""
    names, fromiso, utc_zone = _LocalNames(), datetime.fromisoformat, UTC
    rows: list[track.Row] = []
    for number, trk in enumerate(tracks):
        for element in trk:
            if names[element.tag] != "Trackpoint":
                continue
            time_text = distance = altitude = lat = lon = heart = None
            for child in element:
                name = names[child.tag]
                if name == "Time":
                    time_text = child.text
                elif name == "Position":
                    lat = lon = None
                    for part in child:
                        inner = names[part.tag]
                        if inner == "LatitudeDegrees":
                            if lat is None:
                                lat = part
                        elif inner == "LongitudeDegrees" and lon is None:
                            lon = part
                elif name == "HeartRateBpm":
                    heart = None
                    for part in child:
                        if names[part.tag] == "Value":
                            heart = part
                            break
                elif name == "DistanceMeters":
                    distance = child
                elif name == "AltitudeMeters":
                    altitude = child
            try:  # all at once; one by one only when one is not a number or a time
                when = fromiso(time_text.strip()) if time_text else None
                row = (
                    when if when is None or when.tzinfo is utc_zone else track.utc(when),
                    None if distance is None or not (text := distance.text) else float(text),
                    None if lat is None or not (text := lat.text) else float(text),
                    None if lon is None or not (text := lon.text) else float(text),
                    None if altitude is None or not (text := altitude.text) else float(text),
                    None if heart is None or not (text := heart.text) else float(text),
                    None,
                    number,
                )
            except ValueError:  # a blank or a word somewhere: read one by one, to say which
                distance_m = _value(distance, "DistanceMeters")
                lat_deg = _value(lat, "LatitudeDegrees")
                lon_deg = _value(lon, "LongitudeDegrees")
                altitude_m = _value(altitude, "AltitudeMeters")
                hr = _value(heart, "HeartRateBpm/Value")
                when = track.utc(_iso(time_text.strip())) if time_text else None
                row = (when, distance_m, lat_deg, lon_deg, altitude_m, hr, None, number)
            rows.append(row)
    return track.Points.from_rows(rows)


def _activity(element: Element) -> ParsedActivity:
    laps = _children(element, "Lap")
    tracks = [trk for lap in laps for trk in _children(lap, "Track")]
    points = _track(tracks)
    found = track.recorded(points)
    cleaned: list[str] = []
    blocks: list[BlockData] = []
    for number, lap in enumerate(laps, start=1):
        blocks.append(
            lap_block(
                number,
                duration_s=_number(lap, "TotalTimeSeconds"),
                distance_m=_number(lap, "DistanceMeters"),
                avg_hr=_number(lap, "AverageHeartRateBpm", "Value"),
                cleaned=cleaned,
            )
        )

    if found is not None:
        started = found.started_at
    else:
        started = _time(laps[0].get("StartTime") if laps else None) or _time(_text(element, "Id"))
    elapsed = found.elapsed_s if found is not None else None
    lap_times = [_number(lap, "TotalTimeSeconds") for lap in laps]
    if elapsed is None and laps and None not in lap_times:
        elapsed = sum(lap_times)  # pyright: ignore[reportCallIssue, reportArgumentType]

    lap_distances = [_number(lap, "DistanceMeters") for lap in laps]
    untimed = found is not None and len(found.points) < found.total
    if laps and None not in lap_distances and not untimed:
        distance = sum(lap_distances)  # pyright: ignore[reportCallIssue, reportArgumentType]
    else:  # the laps' sums would count points that carry no time
        distance = found.distance_m if found is not None else None
    if found is not None:
        track.note_untimed(found, cleaned)
    avg_hr, max_hr = track.heart_rate(found.points.hr if found is not None else (), cleaned)
    if avg_hr is None:
        lap_max = [_number(lap, "MaximumHeartRateBpm", "Value") for lap in laps]
        max_hr = max((v for v in lap_max if v is not None), default=None)
    return ParsedActivity(
        source=Source.TCX,
        started_at=started,
        elapsed_s=elapsed,
        moving_s=found.moving_s if found is not None else None,
        distance_m=distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        elevation_gain_m=track.climb_m(found),
        notes=_text(element, "Notes") or "",
        laps=blocks,
        cleaned=cleaned,
        sport_stated=True,
        utc_offset=_offset(_first_time_text(element)),
        points_total=found.total if found is not None else 0,
        points_timed=found.timed if found is not None else 0,
        track=track.kept(found) if found is not None else None,
    )


def parse_tcx(data: bytes) -> list[ParsedActivity]:
    root = parse_tree(data)
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise Refused(f"is XML with the root element <{local_name(root.tag)}>, not a TCX file")
    activities = [
        a for group in _children(root, "Activities") for a in _children(group, "Activity")
    ]
    if not activities:
        raise Refused("holds no activities (a TCX course or workout is not a recorded run)")
    runs = [a for a in activities if (a.get("Sport") or "").lower() == "running"]
    if not runs:
        sports = sorted({a.get("Sport") or "unnamed" for a in activities})
        raise Skipped(f"holds {', '.join(sports)} activities, not runs")
    parsed = [_activity(a) for a in runs]
    left_out = len(activities) - len(runs)
    if left_out:
        parsed[0].cleaned.append(f"{left_out} activity(ies) of another sport in the file left out")
    return parsed
