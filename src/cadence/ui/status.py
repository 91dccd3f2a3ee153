"""The status bar's text."""

from __future__ import annotations

from datetime import date

from cadence.domain.units import format_distance
from cadence.services.records.preferences import load_preferences
from cadence.services.stats.this_week import week_summary


def week_summary_text(today: date | None = None) -> str:
    prefs = load_preferences()
    s = week_summary(today or date.today(), prefs.week_start)
    parts = [
        f"This week: music {s.music_minutes:.0f} min",
        f"running {s.running_minutes:.0f} min, {format_distance(s.running_distance_m, prefs.units, 1)}",
        f"streak {s.current_streak} day{'s' if s.current_streak != 1 else ''}",
    ]
    return "  ·  ".join(parts)
