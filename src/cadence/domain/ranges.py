"""The named date ranges a person picks: the charts' (ending today, whole weeks) and the reports'
(this or last week or month). Custom ranges are any two dates and need no name."""

from __future__ import annotations

from datetime import date, timedelta

from cadence.domain.measures import week_start_of

# Trends and Compare: the current week and the whole weeks before it, or the whole journal.
CHART_PRESETS: tuple[str, ...] = ("4w", "3m", "1y", "all")
# Reports: a calendar week or month.
REPORT_PRESETS: tuple[str, ...] = ("this_week", "last_week", "this_month", "last_month")
RANGE_PRESETS: tuple[str, ...] = CHART_PRESETS + REPORT_PRESETS
_PRESET_WEEKS = {"4w": 4, "3m": 13, "1y": 52}


def preset_range(
    preset: str,
    today: date,
    week_start: int = 0,
    span: tuple[date, date] | None = None,
) -> tuple[date, date]:
    """The dates of a named range.

    "4w", "3m" and "1y" are the current week and the 3, 12 or 51 whole weeks before it (so every
    week on the axis is a whole week, which monotony and strain need). "all" runs from the week
    of the journal's first session (`span`, see services.stats.lazy.journal_span) to today, or to its
    last session if that is later; without sessions it is the last four weeks. "this_week" and
    "this_month" run up to today; "last_week" and "last_month" are whole.
    """
    if preset in _PRESET_WEEKS:
        first = week_start_of(today, week_start) - timedelta(weeks=_PRESET_WEEKS[preset] - 1)
        return first, today
    if preset == "all":
        if span is None:
            return preset_range("4w", today, week_start)
        return week_start_of(span[0], week_start), max(today, span[1])
    if preset == "this_week":
        return week_start_of(today, week_start), today
    if preset == "last_week":
        first = week_start_of(today, week_start) - timedelta(days=7)
        return first, first + timedelta(days=6)
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    allowed = ", ".join(RANGE_PRESETS)
    raise ValueError(f"unknown range {preset!r}; choose one of: {allowed} (or two dates)")
