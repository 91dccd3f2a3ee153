"""Reading Strava's activities.csv: columns by position, because names repeat and are translated.

The bulk export's header has about 94 columns; five names appear twice (the first Distance is in km,
the second in metres) and the whole header is translated into the account's language. So columns
are found by their English name and occurrence where the header is English, and otherwise by their
place in Strava's layout, checked against the content (IDs are numbers, file names look like
"activities/123.fit.gz").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from cadence.services.imports.common import Refused

# field -> (English header, which occurrence, column in Strava's layout since 2021)
COLUMNS: dict[str, tuple[str, int, int]] = {
    "id": ("Activity ID", 0, 0),
    "date": ("Activity Date", 0, 1),
    "name": ("Activity Name", 0, 2),
    "type": ("Activity Type", 0, 3),
    "description": ("Activity Description", 0, 4),
    "elapsed": ("Elapsed Time", 0, 5),
    "distance_km": ("Distance", 0, 6),
    "max_hr_first": ("Max Heart Rate", 0, 7),
    "private_note": ("Activity Private Note", 0, 10),
    "filename": ("Filename", 0, 12),
    "moving": ("Moving Time", 0, 16),
    "distance_m": ("Distance", 1, 17),
    "elevation_gain": ("Elevation Gain", 0, 20),
    "max_hr": ("Max Heart Rate", 1, 30),
    "avg_hr": ("Average Heart Rate", 0, 31),
    "rpe": ("Perceived Exertion", 0, 43),
}
# The same columns in the translated exports whose real headers Cadence was checked against (see
# docs/imports.md): German (all 92 columns), French (the first 21), and the names of Dutch and
# Spanish columns seen in public readers of real exports (a column not listed is found by order).
# A name repeats in the same places as in English, so the occurrence above holds for them too.
TRANSLATED: dict[str, dict[str, str]] = {
    "German": {
        "id": "Aktivitäts-ID", "date": "Aktivitätsdatum", "name": "Name der Aktivität",
        "type": "Aktivitätsart", "description": "Aktivitätsbeschreibung",
        "elapsed": "Verstrichene Zeit", "distance_km": "Distanz",
        "max_hr_first": "Max. Herzfrequenz",
        "private_note": "Hinweis zur Privatsphäre für Aktivitäten", "filename": "Dateiname",
        "moving": "Bewegungszeit", "distance_m": "Distanz", "elevation_gain": "Höhenzunahme",
        "max_hr": "Max. Herzfrequenz", "avg_hr": "Durchschnittliche Herzfrequenz",
        "rpe": "Gefühlte Anstrengung",
    },
    "French": {
        "id": "ID de l'activité", "date": "Date de l'activité", "name": "Nom de l'activité",
        "type": "Type d'activité", "description": "Description de l'activité",
        "elapsed": "Temps écoulé", "distance_km": "Distance",
        "max_hr_first": "Fréquence cardiaque max.",
        "private_note": "Note privée sur les activités", "filename": "Nom du fichier",
        "moving": "Durée de déplacement", "distance_m": "Distance",
        "elevation_gain": "Dénivelé positif", "max_hr": "Fréquence cardiaque max.",
    },
    "Dutch": {
        "id": "Activiteits-ID", "date": "Datum van activiteit", "name": "Naam activiteit",
        "type": "Activiteitstype", "description": "Beschrijving van activiteit",
        "elapsed": "Verstreken tijd", "distance_km": "Afstand", "max_hr_first": "Max. hartslag",
        "filename": "Bestandsnaam", "moving": "Beweegtijd", "distance_m": "Afstand",
        "elevation_gain": "Totale stijging", "max_hr": "Max. hartslag",
        "avg_hr": "Gemiddelde hartslag", "rpe": "Ervaren inspanning",
    },
    "Spanish": {
        "id": "ID de actividad", "date": "Fecha de la actividad",
        "name": "Nombre de la actividad", "type": "Tipo de actividad",
        "description": "Descripción de la actividad", "elapsed": "Tiempo transcurrido",
        "distance_km": "Distancia", "private_note": "Nota privada de actividad",
        "filename": "Nombre del archivo", "moving": "Tiempo en movimiento",
        "distance_m": "Distancia", "elevation_gain": "Desnivel positivo",
        "rpe": "Esfuerzo Percibido",
    },
}  # fmt: skip
LANGUAGES = ", ".join(["English", *TRANSLATED])
BY_ORDER_NOTE = (
    f"the export's column names are not all ones Cadence knows (it reads {LANGUAGES} headers); "
    "the others were matched by Strava's column order"
)
REQUIRED = ("id", "date", "type")
LAYOUT_MIN_COLUMNS = 44  # the layout above reaches "Perceived Exertion"
_FILE_NAME = re.compile(r"^activities/[^/\\]+$")
_DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",  # May 29, 2022, 3:53:35 PM (English)
    "%b %d, %Y, %H:%M:%S",
    "%d %b %Y, %H:%M:%S",
    "%d.%m.%Y, %H:%M:%S",
    "%d/%m/%Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
)
# Dutch exports write the month as a Dutch abbreviation: "9 mei 2026, 00:03:01".
_DUTCH_DATE = re.compile(r"^(\d{1,2}) ([a-z]{3})\.? (\d{4}), (\d{1,2}):(\d{2}):(\d{2})$")
_DUTCH_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
RUN_TYPES = {
    "run", "trail run", "virtual run", "treadmill run",
    "lauf",  # German, as Strava writes it
    "course à pied",  # French
    "hardloopsessie",  # Dutch
    "carrera",  # Spanish
}  # fmt: skip
OTHER_TYPES = {
    "ride", "virtual ride", "e-bike ride", "mountain bike ride", "gravel ride", "walk", "hike",
    "swim", "workout", "weight training", "yoga", "rowing", "elliptical", "alpine ski",
    "nordic ski", "backcountry ski", "kayaking", "canoeing", "rock climbing", "crossfit",
    "stair-stepper", "inline skate", "ice skate", "snowboard", "snowshoe", "golf", "soccer",
    "tennis", "pickleball", "badminton", "handcycle", "wheelchair", "velomobile", "surfing",
    "windsurf", "kitesurf", "stand up paddling", "sail", "skateboard", "pilates", "hiit",
    "radfahrt",  # German
    "vélo",  # French
    "fietsrit", "virtuele fietsrit", "wandeling", "wandelen", "zwemmen", "training",  # Dutch
    "entrenamiento con pesas", "entrenamiento", "caminata", "bicicleta", "senderismo",  # Spanish
}  # fmt: skip


@dataclass(frozen=True)
class StravaRow:
    number: int  # 1-based data row, for messages
    values: dict[str, str]
    notes: tuple[str, ...] = ()  # said of every row: how its columns were found

    def text(self, field: str) -> str:
        return self.values.get(field, "").strip()

    def number_or_none(self, field: str) -> float | None:
        text = self.text(field)
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma from a translated export
        try:
            return float(text)
        except ValueError:
            return None


def _by_name(names: list[str], language: dict[str, str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for field, (_, occurrence, _) in COLUMNS.items():
        if field not in language:
            continue
        found = [i for i, name in enumerate(names) if name == language[field]]
        if len(found) > occurrence:
            positions[field] = found[occurrence]
    return positions


def locate(header: list[str], sample: list[list[str]]) -> tuple[dict[str, int], bool]:
    """field -> column index, and whether by column order (the header's language unknown); or
    Refused if this is not an activities.csv Cadence can read."""
    names = [h.strip().lstrip("\ufeff") for h in header]
    english = {field: name for field, (name, _, _) in COLUMNS.items()}
    for language in (english, *TRANSLATED.values()):
        positions = _by_name(names, language)
        if all(f in positions for f in REQUIRED):
            by_order = False
            if len(names) >= LAYOUT_MIN_COLUMNS:  # a column named otherwise: by Strava's order
                for field, (_, _, column) in COLUMNS.items():
                    if field not in positions and column not in positions.values():
                        positions[field] = column
                        by_order = True
            return positions, by_order
    if len(names) < LAYOUT_MIN_COLUMNS:
        raise Refused(
            f"is an activities.csv whose {len(names)} columns Cadence does not recognise "
            f"(it starts with {', '.join(names[:3])}); export again from Strava"
        )
    positions = {field: column for field, (_, _, column) in COLUMNS.items()}
    for row in sample:
        if len(row) < len(names):
            continue
        file_name = row[positions["filename"]].strip()
        if not row[0].strip().isdigit() or (file_name and not _FILE_NAME.match(file_name)):
            raise Refused(
                "is an activities.csv in a language and layout Cadence does not know: its first "
                "column is not the activity number or its 13th is not the file name"
            )
    return positions, True


def read_rows(data: bytes) -> list[StravaRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(f"activities.csv is not UTF-8 text (a bad byte at {exc.start})") from exc
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise Refused(f"activities.csv cannot be read as CSV ({exc})") from exc
    if not table:
        raise Refused("activities.csv is empty")
    header, body = table[0], [r for r in table[1:] if any(cell.strip() for cell in r)]
    positions, by_order = locate(header, body[:20])
    notes = (BY_ORDER_NOTE,) if by_order else ()
    return [
        StravaRow(number, {f: row[i] for f, i in positions.items() if i < len(row)}, notes)
        for number, row in enumerate(body, start=1)
    ]


def parse_date(text: str) -> datetime | None:
    """Strava's "Activity Date" (UTC) in the formats seen in exports; None if none fits."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    dutch = _DUTCH_DATE.match(text.strip().lower())
    if dutch and dutch[2] in _DUTCH_MONTHS:
        day, _, year, hour, minute, second = dutch.groups()
        month = _DUTCH_MONTHS.index(dutch[2]) + 1
        try:
            return datetime(
                int(year), month, int(day), int(hour), int(minute), int(second), tzinfo=UTC
            )
        except ValueError:
            return None
    return None


def is_run(activity_type: str) -> bool | None:
    """True for runs, False for other known sports, None for a word Cadence does not know."""
    word = activity_type.strip().lower()
    if word in RUN_TYPES:
        return True
    if word in OTHER_TYPES:
        return False
    return None
