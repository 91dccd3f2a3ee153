"""Python dates ↔ Qt dates, for every date field and chooser."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
