"""Units and formatting: durations, distances and paces in km or miles."""

from __future__ import annotations

import re
from enum import StrEnum

METRES_PER_MILE = 1609.344


class Units(StrEnum):
    """Distances in kilometres or miles: a preference of the journal's (services/records/preferences.py),
    stored as its value; paces are per km or per mile."""

    KM = "km"
    MI = "mi"


def metres_per(units: Units) -> float:
    """The metres in one km or one mile."""
    return METRES_PER_MILE if units == Units.MI else 1000.0


def format_duration(seconds: float | None) -> str:
    """1:05:09 for an hour and more, 45:09 below; '' for nothing."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def counted(n: int, one: str, many: str) -> str:
    """'1 row', '3 rows': a number with its noun in the right form, for text services write
    (English has no '(s)'). The UI writes its own through Qt's tr(..., n) and `ui.plurals`."""
    return f"{n:,} {one if n == 1 else many}"


def format_minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.0f} min"


def distance_in(metres: float | None, units: Units = Units.KM) -> float | None:
    if metres is None:
        return None
    return metres / metres_per(units)


def format_distance(metres: float | None, units: Units = Units.KM, digits: int = 2) -> str:
    value = distance_in(metres, units)
    return "" if value is None else f"{value:.{digits}f} {units}"


def pace_s(duration_s: float | None, metres: float | None, units: Units = Units.KM) -> float | None:
    """Seconds per km (or per mile)."""
    if not duration_s or not metres:
        return None
    per = metres_per(units)
    return duration_s / (metres / per)


def pace_clock(seconds: float) -> str:
    """A pace as minutes:seconds, '4:45' (seconds per km or per mile, rounded to the second)."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def format_pace(duration_s: float | None, metres: float | None, units: Units = Units.KM) -> str:
    pace = pace_s(duration_s, metres, units)
    if pace is None:
        return ""
    return f"{pace_clock(pace)} /{units}"


def run_pace(
    duration_s: float | None, moving_s: float | None, metres: float | None, units: Units = Units.KM
) -> tuple[float | None, str]:
    """One pace per run: (seconds per km or mile, 'moving' or 'elapsed'). Moving pace when the
    moving time is known (what the legs did, without the wait at the lights), else elapsed."""
    if moving_s:
        return pace_s(moving_s, metres, units), "moving"
    return pace_s(duration_s, metres, units), "elapsed"


def format_run_pace(
    duration_s: float | None, moving_s: float | None, metres: float | None, units: Units = Units.KM
) -> str:
    """'5:28 /km (moving)' or '5:34 /km (elapsed)': the one way a run's pace is shown."""
    pace, kind = run_pace(duration_s, moving_s, metres, units)
    if pace is None:
        return ""
    return f"{pace_clock(pace)} /{units} ({kind})"


def parse_pace(text: str, units: Units = Units.KM) -> float | None:
    """'4:45' per km (or per mile) -> seconds per km; '' -> None. Raises ValueError."""
    text = text.strip()
    if not text:
        return None
    parts = text.split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts) or int(parts[1]) >= 60:
        raise ValueError(f"Write the pace as minutes:seconds per {units}, e.g. 4:45")
    seconds = int(parts[0]) * 60 + int(parts[1])
    return seconds / (METRES_PER_MILE / 1000) if units == Units.MI else float(seconds)


def pace_text(s_per_km: float | None, units: Units = Units.KM) -> str:
    """Seconds per km -> '4:45' in the user's units ('' for none)."""
    if not s_per_km:
        return ""
    return pace_clock(s_per_km * (METRES_PER_MILE / 1000) if units == Units.MI else s_per_km)


# --- durations typed by a person -------------------------------------------------------------------
#
# One rule for every field that takes a duration (docs/durations.md says why):
#   45          a plain number is minutes (45.5 is 45 min 30 s)
#   1:05:00     three parts are hours, minutes and seconds
#   1h20, 80 min, 25m30s, 1 h 20 min, 90 s   words or letters say it themselves
#   1:20        two parts are ambiguous. In music they are hours and minutes (a practice of "1:20"
#               is 1 h 20 min) up to MUSIC_TWO_PART_MAX_H hours; beyond that, and always on a run
#               (where 1:20 could be 1 h 20 min or 1 min 20 s, and 25:30 reads as a race time),
#               Cadence asks for the explicit form instead of guessing.
# A form shows back how it read the entry, in words, before anything is saved.

DURATION_HINT = "minutes (45), h:mm:ss (1:05:00) or 1h20"
DURATION_PLACEHOLDER = "min, h:mm:ss or 1h20"
MUSIC_TWO_PART_MAX_H = 9

_UNIT_SECONDS = {
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "'": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    '"': 1,
}
_WORDS = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z'\"]*)")


class AmbiguousDuration(ValueError):
    """Two parts that could be hours:minutes or minutes:seconds, where guessing is not safe."""


def duration_words(seconds: float | None) -> str:
    """The one way a form writes a duration: '1 h 20 min', '45 min 9 s', '30 s'; '' for nothing.

    It reads back to the same seconds with `parse_duration`, whatever the craft."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def _craft(craft: object) -> str:
    return str(getattr(craft, "value", craft) or "")


def _not_a_duration(text: str) -> ValueError:
    return ValueError(f"{text!r} is not a duration; write {DURATION_HINT}")


def _with_units(clean: str, text: str) -> float:
    """'1h20', '1 h 20 min', '80 min', '25m30s', '90 s': numbers with units, largest first. A last
    number without a unit is the unit below the one before it ('1h20' = 1 h 20 min)."""
    tokens = _WORDS.findall(clean)
    if "".join(n + u for n, u in tokens) != re.sub(r"\s+", "", clean) or not tokens:
        raise _not_a_duration(text)
    total = 0.0
    last_unit = 0
    for i, (number, word) in enumerate(tokens):
        if word:
            unit = _UNIT_SECONDS.get(word)
        elif i == len(tokens) - 1 and last_unit in (3600, 60):
            unit = last_unit // 60
        else:
            unit = None
        if unit is None or (last_unit and unit >= last_unit):
            raise _not_a_duration(text)
        last_unit = unit
        total += float(number.replace(",", ".")) * unit
    return total


def parse_duration(text: str, craft: object = None) -> float:
    """A duration typed by a person -> seconds, by the rule above. Raises ValueError (or
    AmbiguousDuration) with a message that says what to write. `craft` is 'music', 'running'
    (a Discipline) or None (no craft known: two parts are refused)."""
    clean = text.strip().lower()
    if not clean:
        raise _not_a_duration(text)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", clean):
        return float(clean.replace(",", ".")) * 60.0
    if ":" in clean:
        parts = clean.split(":")
        if len(parts) > 3 or not all(re.fullmatch(r"\d+", p.strip()) for p in parts):
            raise _not_a_duration(text)
        numbers = [int(p) for p in parts]
        if any(n >= 60 for n in numbers[1:]):
            raise ValueError(f"{text!r}: minutes and seconds go up to 59; write {DURATION_HINT}")
        if len(numbers) == 3:
            return numbers[0] * 3600.0 + numbers[1] * 60.0 + numbers[2]
        first, second = numbers
        if _craft(craft) == "music" and first <= MUSIC_TWO_PART_MAX_H:
            return first * 3600.0 + second * 60.0
        as_hours = duration_words(first * 3600 + second * 60)
        as_minutes = duration_words(first * 60 + second)
        raise AmbiguousDuration(
            f"{text.strip()} could be {as_hours} or {as_minutes}: write "
            f"{first}:{second:02d}:00 or {first}m{second:02d}s"
        )
    return _with_units(clean, text)


def duration_reading(text: str, craft: object = None) -> tuple[str, bool]:
    """What a form shows beside a duration while it is typed: ('1 h 20 min', True) when it reads,
    (the message, False) when it does not; ('', True) for an empty field."""
    if not text.strip():
        return "", True
    try:
        return duration_words(parse_duration(text, craft)), True
    except ValueError as exc:
        return str(exc), False
