"""Units and formatting: durations, distances and paces in km or miles."""

from __future__ import annotations

METRES_PER_MILE = 1609.344


def format_duration(seconds: float | None) -> str:
    """1:05:09 for an hour and more, 45:09 below; '' for nothing."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.0f} min"


def distance_in(metres: float | None, units: str = "km") -> float | None:
    if metres is None:
        return None
    return metres / (METRES_PER_MILE if units == "mi" else 1000.0)


def format_distance(metres: float | None, units: str = "km", digits: int = 2) -> str:
    value = distance_in(metres, units)
    return "" if value is None else f"{value:.{digits}f} {units}"


def pace_s(duration_s: float | None, metres: float | None, units: str = "km") -> float | None:
    """Seconds per km (or per mile)."""
    if not duration_s or not metres:
        return None
    per = METRES_PER_MILE if units == "mi" else 1000.0
    return duration_s / (metres / per)


def format_pace(duration_s: float | None, metres: float | None, units: str = "km") -> str:
    pace = pace_s(duration_s, metres, units)
    if pace is None:
        return ""
    minutes, secs = divmod(round(pace), 60)
    return f"{minutes}:{secs:02d} /{units}"


def parse_duration(text: str) -> float:
    """'45' (minutes), '45:30' (m:s) or '1:02:03' (h:m:s) -> seconds. Raises ValueError."""
    parts = text.strip().split(":")
    if not parts or any(not p.strip().isdigit() for p in parts) or len(parts) > 3:
        raise ValueError(f"{text!r} is not a duration; write minutes, m:ss or h:mm:ss")
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return numbers[0] * 60.0
    if len(numbers) == 2:
        return numbers[0] * 60.0 + numbers[1]
    return numbers[0] * 3600.0 + numbers[1] * 60.0 + numbers[2]
