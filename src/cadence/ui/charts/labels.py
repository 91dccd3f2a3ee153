"""Words and numbers in charts: dates in the user's locale, minutes, percentages, the series'
names. Readouts say what a value is and when ("Week of 3 Mar 2025 · Music 2 h 05 min")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from cadence.domain.enums import Discipline, StopReason, label
from cadence.services.stats.types import ALL
from cadence.ui.charts.axes import tr


def format_day(day: date, pattern: str = "d MMM yyyy") -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def week_label(week: date) -> str:
    return tr("Week of {day}").format(day=format_day(week))


def day_label(day: date) -> str:
    return format_day(day, "ddd d MMM yyyy")


def range_label(start: date, end: date) -> str:
    return tr("{start} and {end}").format(start=format_day(start), end=format_day(end))


def dates_label(start: date, end: date) -> str:
    """'3 Mar 2025 – 9 Mar 2025': a span of days."""
    return f"{format_day(start)} – {format_day(end)}"


def minutes_text(minutes: float | None) -> str:
    if minutes is None:
        return "–"
    whole = round(minutes)
    if whole < 60:
        return tr("{m} min").format(m=whole)
    return tr("{h} h {m:02d} min").format(h=whole // 60, m=whole % 60)


def percent_text(fraction: float | None) -> str:
    return "–" if fraction is None else f"{fraction * 100:.0f}%"


def number_text(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def key_name(key: str) -> str:
    """A per-discipline key of the stats ('music', 'running', 'all') as a name."""
    if key == ALL:
        return tr("Music and running")
    return tr(label(Discipline(key)))


def reason_name(reason: str) -> str:
    try:
        return tr(label(StopReason(reason)))
    except ValueError:
        return reason
