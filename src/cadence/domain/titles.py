"""Titles people read: an imported run named after its own timestamp gets a name instead."""

from __future__ import annotations

import re
from datetime import date, datetime

# '2013-07-06T14:59:00Z', '2013-07-06 14:59:00', '2013-07-06': what some devices write as a name
_TIMESTAMP = re.compile(
    r"\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*", re.I
)


def is_timestamp(title: str) -> bool:
    return bool(title) and _TIMESTAMP.fullmatch(title) is not None


def part_of_day(local: datetime) -> str:
    hour = local.hour
    if 5 <= hour < 12:
        return "Morning"
    if 12 <= hour < 17:
        return "Afternoon"
    if 17 <= hour < 22:
        return "Evening"
    return "Night"


def run_title(title: str, local_start: datetime) -> str:
    """The title as written, unless it is only a date and time: then 'Morning run' and the like."""
    title = title.strip()
    if title and not is_timestamp(title):
        return title
    return f"{part_of_day(local_start)} run"


def day_words(day: date) -> str:
    """'19 Nov 2026': a day as the views and messages write it."""
    return f"{day.day} {day:%b %Y}"


def span_words(first: date, last: date) -> str:
    """'30 Aug – 12 Dec 2026', or with both years when they differ."""
    start = f"{first.day} {first:%b}" + ("" if first.year == last.year else f" {first.year}")
    return f"{start} – {last.day} {last:%b %Y}"
