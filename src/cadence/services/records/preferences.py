"""The journal's preferences: the person's name, units, first day of the week, instruments.

They live in the journal file (not in QSettings) so that a report printed from the command line
uses the same name and units as the app. Window geometry stays in QSettings, apart from these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from cadence.domain.units import Units
from cadence.services.changes import Changes
from cadence.services.validation import Checker
from cadence.store.models import Preference, database
from cadence.store.server import insert_or_replace


@dataclass
class Preferences:
    name: str = ""
    units: Units = Units.KM
    week_start: int = 0  # 0 = Monday .. 6 = Sunday
    instruments: list[str] = field(default_factory=list)
    teacher: str = ""
    coach: str = ""


def load_preferences() -> Preferences:
    prefs = Preferences()
    known = {f.name for f in fields(Preferences)}
    for row in Preference.select():
        if row.key in known and row.value is not None:  # (None: text that is not JSON)
            setattr(prefs, row.key, row.value)
    if prefs.units not in tuple(Units):  # a hand-edited file: the default, as for no value
        prefs.units = Units.KM
    prefs.units = Units(prefs.units)
    return prefs


def save_preferences(prefs: Preferences) -> Changes:
    c = Checker()
    c.require(prefs.units in tuple(Units), "units", "Units are km or mi")
    c.require(
        isinstance(prefs.week_start, int) and 0 <= prefs.week_start <= 6,
        "week_start",
        "The week starts on a day from 0 (Monday) to 6 (Sunday)",
    )
    c.done()
    with database.atomic():
        for key, value in asdict(prefs).items():
            insert_or_replace(Preference, key=key, value=value)
    return Changes(preferences=True)
