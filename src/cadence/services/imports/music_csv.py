"""Music practice kept in a spreadsheet, saved as CSV: one row, one practice session.

Which column holds what is a `CsvMapping` (field -> column header), so the UI can offer a mapping
dialog and the command line takes `--map date=Day --map minutes=Mins`. A file imports whole or not
at all: a row Cadence cannot read refuses the file, naming the rows to fix, and nothing is saved.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, SessionKind, Source
from cadence.domain.limits import MAX_SESSION_S
from cadence.domain.records import BlockData, SessionData
from cadence.domain.units import counted
from cadence.services.imports.common import MAX_CSV_BYTES, Refused
from cadence.services.imports.files import read_file
from cadence.services.journal import validate_session
from cadence.services.validation import ValidationError

# field -> what it means, for a mapping dialog and --help
FIELDS: dict[str, str] = {
    "date": "the day practised (required)",
    "minutes": "minutes practised, or h:mm (required)",
    "piece": "the piece or exercise",
    "notes": "notes",
    "title": "a title (else the piece)",
    "kind": "practice, lesson, rehearsal, performance or off_instrument",
    "start": "the time it started, HH:MM",
    "bpm": "the tempo reached (BPM)",
    "rpe": "effort, 0-10",
    "focus": "focus, 1-5",
}
REQUIRED = ("date", "minutes")
SYNONYMS = {
    "date": ("date", "day", "datum"),
    "minutes": ("minutes", "mins", "min", "duration", "time practised"),
    "piece": ("piece", "work", "exercise", "repertoire"),
    "notes": ("notes", "note", "comment", "comments"),
}
MAX_REPORTED_ROWS = 5
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")


@dataclass
class CsvMapping:
    """field -> column header. `date_format` (strptime, e.g. "%d/%m/%Y") settles ambiguous dates.

    With `fill_from_header`, fields not mapped are taken from columns named after them (the
    command line's --map only names what differs); a mapping dialog leaves it off.
    """

    columns: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    fill_from_header: bool = False

    def completed(self, header: list[str]) -> CsvMapping:
        if not self.fill_from_header:
            return self
        columns = {**guess_mapping(header).columns, **self.columns}
        return CsvMapping(columns, self.date_format)

    def problems(self, header: list[str]) -> list[str]:
        found = []
        for name in self.columns:
            if name not in FIELDS:
                found.append(f"{name!r} is not a field; map one of: {', '.join(FIELDS)}")
        for name in REQUIRED:
            if name not in self.columns:
                found.append(f"no column is mapped to {name!r} (use --map {name}=COLUMN)")
        for name, column in self.columns.items():
            if column not in header:
                found.append(
                    f"there is no column {column!r} for {name!r}; the columns are: "
                    + ", ".join(repr(h) for h in header)
                )
        return found


def _decode(data: bytes) -> str:
    """UTF-8, or UTF-16/32 by their byte-order mark, else Windows-1252 (what spreadsheets on
    Windows save). Text with NUL bytes and no mark is refused, naming the likely encoding."""
    for bom, encoding in _MARKS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Refused(
                    f"is {encoding.upper()} text that cannot be decoded ({exc.reason} at byte "
                    f"{exc.start}); save it from your spreadsheet as CSV UTF-8"
                ) from None
    if b"\x00" in data[:65536]:
        raise Refused(
            "holds NUL bytes: it looks like UTF-16 or UTF-32 text without a byte-order mark "
            "(or is not text at all); save it from your spreadsheet as CSV UTF-8"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # spreadsheets on Windows save this


# UTF-32 first: its little-endian mark begins with UTF-16's
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _table(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = _decode(data)
    if not text.strip():
        raise Refused("is empty")
    # The header line decides the delimiter: notes may hold commas or semicolons, headers seldom.
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise Refused(f"cannot be read as CSV ({exc})") from exc
    return header, [(n, r) for n, r in rows if any(cell.strip() for cell in r)]


def read_header(path: Path) -> list[str]:
    """The column headers of a CSV file, for a mapping dialog."""
    return _table(read_file(path, MAX_CSV_BYTES))[0]


def guess_mapping(header: list[str]) -> CsvMapping:
    """Columns whose header already names a field (Date, Minutes, Piece, Notes, ...)."""
    lower = {h.strip().lower(): h for h in header}
    columns = {}
    for name in FIELDS:
        for word in SYNONYMS.get(name, (name,)):
            if word in lower:
                columns[name] = lower[word]
                break
    return CsvMapping(columns)


def _number(text: str, what: str) -> float:
    clean = text.strip()
    if "," in clean and "." not in clean:
        clean = clean.replace(",", ".")
    try:
        return float(clean)
    except ValueError:
        raise ValueError(f"the {what} {text!r} is not a number") from None


def _optional(values: dict[str, str], name: str, what: str) -> float | None:
    text = values.get(name, "").strip()
    return _number(text, what) if text else None


def _minutes(text: str) -> float:
    clean = text.strip().lower().removesuffix("min").strip()
    if ":" not in clean:
        return _number(clean, "minutes")
    try:
        parts = [int(p) for p in clean.split(":")]
    except ValueError:
        parts = []
    if len(parts) == 2:
        return parts[0] * 60 + parts[1]
    if len(parts) == 3:
        return parts[0] * 60 + parts[1] + parts[2] / 60
    raise ValueError(f"the time {text!r} is neither minutes nor h:mm")


def _start(text: str) -> time:
    if not text.strip():
        return time(12, 0)  # a day without a time: noon, so the date survives any time zone
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"the start time {text!r} is not a time; write it as HH:MM") from None


def _day_first(values: list[str]) -> bool | None:
    """For d/m/y or m/d/y dates: True if day first, False if month first, None if undecided."""
    firsts, seconds = [], []
    for value in values:
        match = _NUMERIC_DATE.match(value.strip())
        if match and "." not in value:
            firsts.append(int(match.group(1)))
            seconds.append(int(match.group(2)))
    if any(v > 12 for v in firsts):
        return True
    if any(v > 12 for v in seconds):
        return False
    return None


def _date(text: str, mapping: CsvMapping, day_first: bool | None) -> date:
    text = text.strip()
    if mapping.date_format:
        try:
            return datetime.strptime(text, mapping.date_format).date()
        except ValueError:
            raise ValueError(f"the date {text!r} does not match {mapping.date_format}") from None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = _NUMERIC_DATE.match(text)
    if not match:
        raise ValueError(f"the date {text!r} is not a date; write it as YYYY-MM-DD")
    a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    year += 2000 if year < 100 else 0
    if "." in text:
        return date(year, b, a)  # 31.12.2024 is always day first
    if day_first is None:
        if a == b:
            return date(year, a, a)
        raise ValueError(
            f"the date {text!r} could be {a}/{b} or {b}/{a}; say which with "
            "--date-format %d/%m/%Y or --date-format %m/%d/%Y"
        )
    return date(year, b, a) if day_first else date(year, a, b)


def _kind(text: str) -> SessionKind:
    word = text.strip().lower().replace("-", "_").replace(" ", "_")
    if not word:
        return SessionKind.PRACTICE
    kinds = KINDS_BY_DISCIPLINE[Discipline.MUSIC]
    for kind in kinds:
        if word == kind.value:
            return kind
    raise ValueError(
        f"the kind {text!r} is unknown; use one of: {', '.join(k.value for k in kinds)}"
    )


def _session(
    values: dict[str, str], mapping: CsvMapping, day_first: bool | None, tz: tzinfo | None
) -> SessionData:
    day = _date(values["date"], mapping, day_first)
    minutes = _minutes(values["minutes"])
    if not 0 < minutes * 60 <= MAX_SESSION_S:
        raise ValueError(f"{values['minutes']!r} minutes is not a practice session's length")
    start = _start(values.get("start", ""))
    local = datetime.combine(day, start).replace(tzinfo=tz) if tz else datetime.combine(day, start)
    started = local.astimezone(UTC) if tz else local.astimezone().astimezone(UTC)
    piece = values.get("piece", "").strip()
    bpm = _optional(values, "bpm", "tempo")
    rpe, focus = _optional(values, "rpe", "effort (RPE)"), _optional(values, "focus", "focus")
    blocks = [BlockData(label=piece, duration_s=minutes * 60, achieved_bpm=bpm)] if piece else []
    return SessionData(
        discipline=Discipline.MUSIC,
        kind=_kind(values.get("kind", "")),
        started_at=started.replace(tzinfo=None),
        local_date=day,
        duration_s=minutes * 60,
        title=values.get("title", "").strip() or piece,
        notes=values.get("notes", "").strip(),
        rpe=round(rpe) if rpe is not None else None,
        focus=round(focus) if focus is not None else None,
        source=Source.CSV,
        needs_review=True,
        blocks=blocks,
    )


def _reference(values: dict[str, str], seen: Counter[str]) -> str:
    """The row's content, hashed: the same row imported again is found; a repeated row stays two."""
    content = "\x1f".join(f"{k}={values.get(k, '').strip()}" for k in sorted(FIELDS))
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:24]
    seen[digest] += 1
    return f"practice:{digest}#{seen[digest]}"


def parse_music_csv(
    data: bytes, mapping: CsvMapping | None = None, tz: tzinfo | None = None
) -> list[SessionData]:
    """Every row as a music session, or Refused naming the rows that cannot be read.

    Without a mapping, columns named after the fields are used (see `guess_mapping`).
    """
    header, rows = _table(data)
    mapping = mapping.completed(header) if mapping else guess_mapping(header)
    problems = mapping.problems(header)
    if problems:
        raise Refused("cannot be mapped: " + "; ".join(problems))
    index = {name: header.index(column) for name, column in mapping.columns.items()}
    records = [
        (line, {name: (row[i] if i < len(row) else "") for name, i in index.items()})
        for line, row in rows
    ]
    day_first = _day_first([values["date"] for _, values in records])
    sessions, bad, seen = [], [], Counter[str]()
    for line, values in records:
        try:
            session = _session(values, mapping, day_first, tz)
            validate_session(session)
        except ValidationError as exc:
            bad.append(f"line {line}: " + "; ".join(exc.errors.values()))
            continue
        except ValueError as exc:
            bad.append(f"line {line}: {exc}")
            continue
        session.source_ref = _reference(values, seen)
        sessions.append(session)
    if bad:
        shown = "; ".join(bad[:MAX_REPORTED_ROWS])
        more = f" (and {len(bad) - MAX_REPORTED_ROWS} more)" if len(bad) > MAX_REPORTED_ROWS else ""
        raise Refused(
            f"has {counted(len(bad), 'row', 'rows')} Cadence cannot read, so none of it was imported; fix them "
            f"and import again. {shown}{more}"
        )
    if not sessions:
        raise Refused("has a header but no rows to import")
    return sessions
