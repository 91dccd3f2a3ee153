"""FIT (Garmin and most watches), read with fitdecode with every CRC checked.

An activity file gives one run per running `session` message, its `lap`s as blocks, RPE from the
session's `workout_rpe` (field 193, stored as RPE × 10) and the local date from `activity`'s
`local_timestamp`. A workout file gives a planned session (see fit_workout.py).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import fitdecode

from cadence.domain.enums import Source
from cadence.domain.units import counted
from cadence.services.imports import track
from cadence.services.imports.common import Parsed, ParsedActivity, Refused, Skipped
from cadence.services.imports.fit_workout import workout_from_messages
from cadence.services.imports.sanity import lap_block

Message = dict[str, Any]
_KEPT = {"file_id", "session", "lap", "activity", "workout", "workout_step", "sport"}
WORKOUT_RPE_FIELD = 193  # FIT SDK 21.x session.workout_rpe; older profiles call it unknown_193
_MAX_OFFSET = timedelta(hours=14)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def read_messages(data: bytes) -> tuple[dict[str, list[Message]], track.Points]:
    """The messages Cadence uses, by name, and the records as track points."""
    messages: dict[str, list[Message]] = {name: [] for name in _KEPT}
    rows: list[track.Row] = []
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                name = frame.name  # a property of a property: read once
                if name == "record":
                    rows.append(_point(frame))
                elif name in _KEPT:
                    values = {f.name: f.value for f in frame.fields}
                    if name == "session" and "workout_rpe" not in values:
                        values["workout_rpe"] = frame.get_value(WORKOUT_RPE_FIELD, fallback=None)
                    messages[name].append(values)
    except fitdecode.FitCRCError as exc:
        raise Refused(
            "is damaged: its checksum does not match, so it was changed or cut short after "
            "the device wrote it; copy it from the device or export it again"
        ) from exc
    except fitdecode.FitEOFError as exc:
        raise Refused(
            "is cut short (truncated): it ends in the middle of a record; copy it again"
        ) from exc
    except fitdecode.FitHeaderError as exc:
        raise Refused(
            f"has a damaged FIT header ({exc}); copy it from the device or export it again"
        ) from exc
    except fitdecode.FitError as exc:
        raise Refused(f"is a damaged FIT file ({exc})") from exc
    return messages, track.Points.from_rows(rows)


def _point(frame: fitdecode.FitDataMessage) -> track.Row:
    # By each field's profile name, as FieldData.name gives it (a field without a profile entry,
    # "unknown_<n>", is of no use here), read without that property's call: a run has thousands
    # of records of a dozen fields or more. Of a name the last field counts, as before.
    values = {field.name: data.value for data in frame.fields if (field := data.field)}
    altitude = values.get("enhanced_altitude")
    if altitude is None:
        altitude = values.get("altitude")
    strides = _number(values.get("cadence"))  # a running cadence is in strides a minute
    if strides is not None:
        strides += _number(values.get("fractional_cadence")) or 0.0
    return (
        track.utc(values.get("timestamp")),
        _number(values.get("distance")),
        _degrees(values.get("position_lat")),
        _degrees(values.get("position_long")),
        _number(altitude),
        _number(values.get("heart_rate")),
        2 * strides if strides else None,
        0,
    )


def _degrees(semicircles: Any) -> float | None:
    """A FIT position (semicircles: 2³¹ to 180°); None where missing or out of range."""
    value = _number(semicircles)
    if value is None:
        return None
    degrees = value * (180.0 / 2**31)
    return degrees if -180.0 <= degrees <= 180.0 else None


def parse_fit(data: bytes) -> list[Parsed]:
    messages, points = read_messages(data)
    file_id = messages["file_id"][0] if messages["file_id"] else {}
    kind = file_id.get("type")
    if kind == "workout" or (messages["workout_step"] and not messages["session"] and not points):
        return [workout_from_messages(messages, file_id, data)]
    if kind not in (None, "activity"):
        raise Refused(f"is a FIT {kind} file, not an activity or a workout")
    return _activities(messages, points)


def _utc_offset(messages: dict[str, list[Message]]) -> timedelta | None:
    for activity in messages["activity"]:
        utc, local = activity.get("timestamp"), activity.get("local_timestamp")
        if isinstance(utc, datetime) and isinstance(local, datetime):
            # fitdecode reads local_timestamp as if it were UTC; the difference is the offset.
            offset = local.replace(tzinfo=None) - utc.replace(tzinfo=None)
            quarter = timedelta(minutes=15)
            offset = round(offset / quarter) * quarter
            if abs(offset) <= _MAX_OFFSET:
                return offset
    return None


def _sport(session: Message, messages: dict[str, list[Message]]) -> str | None:
    """The session's sport, else the file's `sport` message's where it names a single one."""
    sport = session.get("sport")
    if sport is None:
        named = {m.get("sport") for m in messages["sport"]} - {None}
        sport = named.pop() if len(named) == 1 else None
    return None if sport is None else str(sport)


def _is_run(sport: str | None) -> bool:
    return sport is None or sport == "running"


def _activities(messages: dict[str, list[Message]], points: track.Points) -> list[Parsed]:
    sessions = messages["session"]
    if not sessions:
        if sum(t is not None for t in points.time) < 2:
            raise Refused("is a FIT activity with no summary and no recorded points")
        sessions = [{}]  # a device that crashed before its summary: rebuild from the records
    sports = [_sport(s, messages) for s in sessions]
    runs = [s for s, sport in zip(sessions, sports, strict=True) if _is_run(sport)]
    if not runs:
        sports = sorted({str(s) for s in sports})
        raise Skipped(f"is a {', '.join(sports)} activity, not a run")
    offset = _utc_offset(messages)
    parsed: list[Parsed] = []
    for session in runs:
        activity = _activity(session, messages["lap"], points)
        activity.utc_offset = offset
        if activity.started_at is None and len(sessions) == 1:
            _date_by_activity(activity, messages["activity"])
        activity.sport_stated = _sport(session, messages) == "running"
        parsed.append(activity)
    if len(runs) < len(sessions):
        parsed[0].cleaned.append(  # pyright: ignore[reportAttributeAccessIssue]
            f"{counted(len(sessions) - len(runs), 'part', 'parts')} of another sport in this file "
            "left out"
        )
    return parsed


def _date_by_activity(a: ParsedActivity, activities: list[Message]) -> None:
    """A run whose session and records carry no time: its end from the `activity` message (in
    UTC, else the watch's local time), less its elapsed time."""
    if a.elapsed_s is None:
        return
    for message in activities:
        end, local = track.utc(message.get("timestamp")), message.get("local_timestamp")
        if end is not None:
            a.started_at = end - timedelta(seconds=a.elapsed_s)
            return
        if isinstance(local, datetime):
            # Only the watch's local time: taken in this computer's zone for the start in UTC;
            # the local date is the watch's whatever the zone.
            local_start = local.replace(tzinfo=None) - timedelta(seconds=a.elapsed_s)
            a.started_at = local_start.astimezone(UTC)
            a.utc_offset = local_start - a.started_at.replace(tzinfo=None)
            a.cleaned.append(
                "the file gives only the watch's local time; the start in UTC was taken in "
                "this computer's time zone"
            )
            return


def _within(when: datetime | None, start: datetime | None, end: datetime | None) -> bool:
    if when is None:
        return start is None
    return (start is None or when >= start) and (end is None or when <= end)


def _laps_of(
    session: Message, laps: list[Message], start: datetime | None, end: datetime | None
) -> list[Message]:
    """The session's own laps: by its first_lap_index and num_laps where it has them, else those
    that start within it (the end excluded: the next leg's lap starts where this one ends)."""
    first, count = session.get("first_lap_index"), session.get("num_laps")
    if isinstance(first, int) and isinstance(count, int) and count > 0:
        indexed = [(lap.get("message_index", i), lap) for i, lap in enumerate(laps)]
        chosen = [lap for i, lap in indexed if isinstance(i, int) and first <= i < first + count]
        if chosen:
            return chosen
    mine = []
    for lap in laps:
        when = track.utc(lap.get("start_time"))
        if _within(when, start, end) and (when is None or end is None or when < end):
            mine.append(lap)
    return mine


def _activity(session: Message, laps: list[Message], points: track.Points) -> ParsedActivity:
    cleaned: list[str] = []
    start, end = track.utc(session.get("start_time")), track.utc(session.get("timestamp"))
    mine = points.take(
        [i for i, t in enumerate(points.time) if t is not None and _within(t, start, end)]
    )
    if not session:
        cleaned.append(f"the file had no summary; totals computed from its {len(mine)} points")
    if start is None and len(mine):
        start = min(t for t in mine.time if t is not None)

    elapsed = _number(session.get("total_elapsed_time")) or track.span_s(mine)
    if start is None and end is not None and elapsed:
        start = end - timedelta(seconds=elapsed)  # a session that gives only its end
    found = track.recorded(mine)
    moving = _number(session.get("total_moving_time"))
    if moving is None:
        from_points = found.moving_s if found is not None else None
        moving = from_points or _number(session.get("total_timer_time"))
    distance = _number(session.get("total_distance"))
    if distance is None:
        recorded = [d for d in mine.distance_m if d is not None]
        distance = recorded[-1] - recorded[0] if len(recorded) > 1 else None
    avg_hr, max_hr = _number(session.get("avg_heart_rate")), _number(session.get("max_heart_rate"))
    if avg_hr is None and max_hr is None:
        avg_hr, max_hr = track.heart_rate(mine.hr, cleaned)
    climb = _number(session.get("total_ascent"))
    if climb is None:
        climb = track.climb_m(found)  # the timed part is all of `mine`
    rpe = _number(session.get("workout_rpe"))

    my_laps = _laps_of(session, laps, start, end)
    blocks = [
        lap_block(
            number,
            duration_s=_number(lap.get("total_timer_time"))
            or _number(lap.get("total_elapsed_time")),
            distance_m=_number(lap.get("total_distance")),
            avg_hr=_number(lap.get("avg_heart_rate")),
            cleaned=cleaned,
        )
        for number, lap in enumerate(my_laps, start=1)
    ]
    return ParsedActivity(
        source=Source.FIT,
        started_at=start,
        elapsed_s=elapsed,
        moving_s=moving,
        distance_m=distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        elevation_gain_m=climb,
        rpe=rpe / 10 if rpe is not None else None,
        laps=blocks,
        cleaned=cleaned,
        track=track.kept(found) if found is not None else None,
    )
