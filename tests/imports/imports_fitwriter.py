"""A small FIT encoder for tests: real FIT bytes (header, definitions, data, CRCs) with chosen values.

The fixtures cannot show everything (an RPE, a 40-hour run, a ride, nested repeats), so tests
write such files here and read them back with the real importer. Only the fields tests need.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from typing import Any

from fitdecode.utils import compute_crc

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)

# base type: (code, struct format)
_TYPES = {
    "enum": (0x00, "B"),
    "uint8": (0x02, "B"),
    "uint16": (0x84, "H"),
    "uint32": (0x86, "I"),
    "uint32z": (0x8C, "I"),
    "sint32": (0x85, "i"),
}
# message: (global number, {field: (number, base type, scale, offset)})
MESSAGES: dict[str, tuple[int, dict[str, tuple[int, str, float, float]]]] = {
    "file_id": (
        0,
        {
            "type": (0, "enum", 1, 0),
            "manufacturer": (1, "uint16", 1, 0),
            "product": (2, "uint16", 1, 0),
            "serial_number": (3, "uint32z", 1, 0),
            "time_created": (4, "uint32", 1, 0),
        },
    ),
    "session": (
        18,
        {
            "timestamp": (253, "uint32", 1, 0),
            "start_time": (2, "uint32", 1, 0),
            "sport": (5, "enum", 1, 0),
            "total_elapsed_time": (7, "uint32", 1000, 0),
            "total_timer_time": (8, "uint32", 1000, 0),
            "total_distance": (9, "uint32", 100, 0),
            "avg_heart_rate": (16, "uint8", 1, 0),
            "max_heart_rate": (17, "uint8", 1, 0),
            "total_ascent": (22, "uint16", 1, 0),
            "first_lap_index": (25, "uint16", 1, 0),
            "num_laps": (26, "uint16", 1, 0),
            "workout_rpe": (193, "uint8", 1, 0),
        },
    ),
    "lap": (
        19,
        {
            "timestamp": (253, "uint32", 1, 0),
            "start_time": (2, "uint32", 1, 0),
            "total_elapsed_time": (7, "uint32", 1000, 0),
            "total_timer_time": (8, "uint32", 1000, 0),
            "total_distance": (9, "uint32", 100, 0),
            "avg_heart_rate": (15, "uint8", 1, 0),
        },
    ),
    "record": (
        20,
        {
            "timestamp": (253, "uint32", 1, 0),
            "altitude": (2, "uint16", 5, 500),
            "heart_rate": (3, "uint8", 1, 0),
            "distance": (5, "uint32", 100, 0),
            "position_lat": (0, "sint32", 2**31 / 180, 0),  # degrees, written as semicircles
            "position_long": (1, "sint32", 2**31 / 180, 0),
        },
    ),
    "activity": (
        34,
        {
            "timestamp": (253, "uint32", 1, 0),
            "num_sessions": (1, "uint16", 1, 0),
            "local_timestamp": (5, "uint32", 1, 0),
        },
    ),
    "sport": (12, {"sport": (0, "enum", 1, 0), "sub_sport": (1, "enum", 1, 0)}),
    "workout": (26, {"sport": (4, "enum", 1, 0), "num_valid_steps": (6, "uint16", 1, 0)}),
    "workout_step": (
        27,
        {
            "message_index": (254, "uint16", 1, 0),
            "duration_type": (1, "enum", 1, 0),
            "duration_value": (2, "uint32", 1, 0),
            "target_type": (3, "enum", 1, 0),
            "target_value": (4, "uint32", 1, 0),
            "custom_target_value_low": (5, "uint32", 1, 0),
            "custom_target_value_high": (6, "uint32", 1, 0),
            "intensity": (7, "enum", 1, 0),
        },
    ),
}
FILE_TYPE = {"activity": 4, "workout": 5, "course": 6}
SPORT = {"generic": 0, "running": 1, "cycling": 2, "transition": 3, "walking": 11, "hiking": 17}
DURATION = {"time": 0, "distance": 1, "hr_less_than": 2, "open": 5, "repeat_until_steps_cmplt": 6}
TARGET = {"speed": 0, "heart_rate": 1, "open": 2}
INTENSITY = {"active": 0, "rest": 1, "warmup": 2, "cooldown": 3}


def fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def _encode(value: Any, scale: float, offset: float) -> int:
    if isinstance(value, datetime):
        return fit_time(value)
    return round((value + offset) * scale)


def fit_file(messages: list[tuple[str, dict[str, Any]]]) -> bytes:
    """A valid FIT file holding `messages` (name, {field: physical value}) in order."""
    body = bytearray()
    for name, values in messages:
        number, fields = MESSAGES[name]
        used = [(fields[k], v) for k, v in values.items() if v is not None]
        body += struct.pack("<BBBHB", 0x40, 0, 0, number, len(used))
        for (field_number, base, _, _), _ in used:
            code, fmt = _TYPES[base]
            body += struct.pack("<BBB", field_number, struct.calcsize(fmt), code)
        body += b"\x00"
        for (_, base, scale, offset), value in used:
            body += struct.pack("<" + _TYPES[base][1], _encode(value, scale, offset))
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", compute_crc(header))
    data = header + bytes(body)
    return data + struct.pack("<H", compute_crc(data))


def run_fit(
    start: datetime,
    *,
    elapsed_s: float = 1800,
    distance_m: float = 5000,
    sport: str = "running",
    avg_hr: int | None = 150,
    max_hr: int | None = 170,
    rpe_times_ten: int | None = None,
    serial: int = 1234567,
    records: list[dict[str, Any]] | None = None,
    with_session: bool = True,
) -> bytes:
    """An activity with one session, one lap and optional records."""
    end = datetime.fromtimestamp(start.timestamp() + elapsed_s, UTC)
    messages: list[tuple[str, dict[str, Any]]] = [
        ("file_id", {"type": FILE_TYPE["activity"], "manufacturer": 1, "product": 1,
                     "serial_number": serial, "time_created": start}),
    ]  # fmt: skip
    messages += [("record", r) for r in records or []]
    messages.append(
        ("lap", {"timestamp": end, "start_time": start, "total_elapsed_time": elapsed_s,
                 "total_timer_time": elapsed_s, "total_distance": distance_m,
                 "avg_heart_rate": avg_hr})
    )  # fmt: skip
    if with_session:
        messages.append(
            ("session", {"timestamp": end, "start_time": start, "sport": SPORT[sport],
                         "total_elapsed_time": elapsed_s, "total_timer_time": elapsed_s,
                         "total_distance": distance_m, "avg_heart_rate": avg_hr,
                         "max_heart_rate": max_hr, "workout_rpe": rpe_times_ten})
        )  # fmt: skip
    messages.append(("activity", {"timestamp": end, "num_sessions": 1}))
    return fit_file(messages)
