"""Music practice kept in a spreadsheet, saved as CSV: one row, one practice session.

Which column holds what is a `CsvMapping` (field -> column header), so the UI can offer a mapping
dialog and the command line takes `--map date=Day --map minutes=Mins`. A file imports whole or not
at all: a row Cadence cannot read refuses the file, naming the rows to fix, and nothing is saved.

The file is read as a stream, twice: once to learn its encoding, mapping, date order and repeated
rows, then row by row into sessions handed out in batches (`music_csv_batches`), so a file of a
million rows costs the memory of a batch (and 8 bytes a row to find repeats), not of the file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

import numpy as np

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, SessionKind, Source
from cadence.domain.limits import MAX_SESSION_S
from cadence.domain.records import BlockData, SessionData
from cadence.domain.units import counted
from cadence.services.imports.common import MAX_CSV_BYTES, Refused
from cadence.services.imports.files import open_file
from cadence.services.records.journal import validate_session
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
BATCH_ROWS = 500  # rows read into sessions at a time
Opener = Callable[[], BinaryIO]  # opens the file anew for each reading
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


# UTF-32 first: its little-endian mark begins with UTF-16's
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHUNK = 1024 * 1024


def _encoding(opener: Opener) -> str:
    """UTF-8, or UTF-16/32 by their byte-order mark, else Windows-1252 (what spreadsheets on
    Windows save). Text with NUL bytes and no mark is refused, naming the likely encoding.
    Read in pieces: the file is never held whole."""
    with opener() as handle:
        head = handle.read(65536)
        for bom, encoding in _MARKS:
            if head.startswith(bom):
                return encoding
        if b"\x00" in head:
            raise Refused(
                "holds NUL bytes: it looks like UTF-16 or UTF-32 text without a byte-order mark "
                "(or is not text at all); save it from your spreadsheet as CSV UTF-8"
            )
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = handle.read(_CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"  # spreadsheets on Windows save this
    return "utf-8-sig"


def _open_text(opener: Opener, encoding: str) -> TextIO:
    """The file as text, for one reading (closing it closes the file)."""
    errors = "replace" if encoding == "cp1252" else "strict"
    return io.TextIOWrapper(opener(), encoding=encoding, errors=errors, newline="")


def _lines(text: TextIO, seen: list[bool]) -> Iterator[str]:
    """The text's lines as a CSV reader takes them; `seen[0]` turns True at the first line that is
    not blank."""
    encoding = text.encoding
    try:
        for line in text:
            if not seen[0] and line.strip():
                seen[0] = True
            yield line
    except UnicodeDecodeError as exc:
        raise Refused(
            f"is {encoding.upper()} text that cannot be decoded ({exc.reason}); save it from "
            "your spreadsheet as CSV UTF-8"
        ) from None


def _reader(text: TextIO) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header, and the rows that are not blank with their line numbers, read as they come."""
    seen = [False]
    lines = _lines(text, seen)
    first = next(lines, "")
    # The header line decides the delimiter: notes may hold commas or semicolons, headers seldom.
    delimiter = max((",", ";", "\t"), key=first.lstrip("\ufeff").count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise Refused(f"cannot be read as CSV ({exc})") from exc
    if not seen[0]:
        for _ in lines:  # a blank first line: is there anything at all?
            pass
        if not seen[0]:
            raise Refused("is empty")
        raise Refused("cannot be mapped: its first line, the header, is blank")

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield reader.line_num, row
        except csv.Error as exc:
            raise Refused(f"cannot be read as CSV ({exc})") from exc

    return header, rows()


def preview_rows(path: Path, count: int) -> tuple[list[str], list[list[str]]]:
    """The header and the first `count` rows that are not blank (a mapping dialog's preview)."""
    opener = practice_csv_file(path)
    with _open_text(opener, _encoding(opener)) as text:
        header, rows = _reader(text)
        return header, [row for _line, row in itertools.islice(rows, count)]


def read_header(path: Path) -> list[str]:
    """The column headers of a CSV file, for a mapping dialog."""
    opener = practice_csv_file(path)
    with _open_text(opener, _encoding(opener)) as text:
        return _reader(text)[0]


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


class _DayOrder:
    """For d/m/y or m/d/y dates, seen one at a time: day first (True), month first (False), or
    undecided (None)."""

    def __init__(self) -> None:
        self.first_over_12 = self.second_over_12 = False

    def see(self, value: str) -> None:
        match = _NUMERIC_DATE.match(value.strip())
        if match and "." not in value:
            self.first_over_12 |= int(match.group(1)) > 12
            self.second_over_12 |= int(match.group(2)) > 12

    def day_first(self) -> bool | None:
        if self.first_over_12:
            return True
        if self.second_over_12:
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


def _digest(values: dict[str, str]) -> str:
    """The row's content, hashed: the same row imported again is found."""
    content = "\x1f".join(f"{k}={values.get(k, '').strip()}" for k in sorted(FIELDS))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:24]


@dataclass
class _Plan:
    """What a first reading of the file tells, before any row becomes a session."""

    encoding: str
    mapping: CsvMapping
    index: dict[str, int]  # field -> column number
    day_first: bool | None
    rows: int  # rows that are not blank
    repeated: set[int]  # 64-bit prefixes of the digests that occur more than once


def _values(row: list[str], index: dict[str, int]) -> dict[str, str]:
    return {name: (row[i] if i < len(row) else "") for name, i in index.items()}


def _plan(opener: Opener, mapping: CsvMapping | None) -> _Plan:
    """Reads the file once: its encoding, header and mapping, the order of day and month, how many
    rows, and which rows repeat (8 bytes a row: the file's rows are never held)."""
    encoding = _encoding(opener)
    with _open_text(opener, encoding) as text:
        header, rows = _reader(text)
        mapping = mapping.completed(header) if mapping else guess_mapping(header)
        problems = mapping.problems(header)
        if problems:
            raise Refused("cannot be mapped: " + "; ".join(problems))
        index = {name: header.index(column) for name, column in mapping.columns.items()}
        order, digests = _DayOrder(), array("Q")
        for _line, row in rows:
            values = _values(row, index)
            order.see(values["date"])
            digests.append(int(_digest(values)[:16], 16))
    ordered = np.sort(np.frombuffer(digests, dtype=np.uint64))
    repeated = {int(d) for d in ordered[1:][ordered[1:] == ordered[:-1]]}
    return _Plan(encoding, mapping, index, order.day_first(), len(digests), repeated)


def _read_rows(
    opener: Opener, plan: _Plan, tz: tzinfo | None
) -> Iterator[tuple[int, SessionData | str]]:
    """Each row, read as it comes: its line number and its session, or what is wrong with it."""
    seen: Counter[str] = Counter()  # only rows that repeat are counted
    with _open_text(opener, plan.encoding) as text:
        _header, rows = _reader(text)
        for line, row in rows:
            values = _values(row, plan.index)
            try:
                session = _session(values, plan.mapping, plan.day_first, tz)
                validate_session(session)
            except ValidationError as exc:
                yield line, f"line {line}: " + "; ".join(exc.errors.values())
                continue
            except ValueError as exc:
                yield line, f"line {line}: {exc}"
                continue
            digest = _digest(values)
            number = 1
            if int(digest[:16], 16) in plan.repeated:  # a repeated row stays two sessions
                seen[digest] += 1
                number = seen[digest]
            session.source_ref = f"practice:{digest}#{number}"
            yield line, session


def music_csv_batches(
    opener: Opener,
    mapping: CsvMapping | None = None,
    tz: tzinfo | None = None,
    size: int | None = None,
) -> Iterator[tuple[int, int, list[SessionData]]]:
    """The file's sessions `size` rows at a time, each batch with how many rows are read and how
    many there are: memory holds a batch, never the file. Once every row is read, Refused if any
    row cannot be read (naming the first few) — a caller saving the batches in one transaction
    then saves none of them. Without a mapping, columns named after the fields are used."""
    size = size or BATCH_ROWS
    plan = _plan(opener, mapping)
    batch: list[SessionData] = []
    bad: list[str] = []
    bad_count = sessions = read = 0
    for _line, item in _read_rows(opener, plan, tz):
        read += 1
        if isinstance(item, str):
            bad_count += 1
            if len(bad) < MAX_REPORTED_ROWS:
                bad.append(item)
        elif not bad_count:  # after a bad row the file is refused: nothing more is kept
            batch.append(item)
            sessions += 1
        if read % size == 0:
            yield read, plan.rows, batch
            batch = []
    if read % size:
        yield read, plan.rows, batch
    if bad_count:
        shown = "; ".join(bad)
        more = f" (and {bad_count - len(bad)} more)" if bad_count > len(bad) else ""
        raise Refused(
            f"has {counted(bad_count, 'row', 'rows')} Cadence cannot read, so none of it was "
            f"imported; fix them and import again. {shown}{more}"
        )
    if not sessions:
        raise Refused("has a header but no rows to import")


def practice_csv_file(path: Path) -> Opener:
    """How `music_csv_batches` opens a file (each reading refused if it is not a regular file
    or is too large)."""
    return partial(open_file, path, MAX_CSV_BYTES)


def parse_music_csv(
    data: bytes, mapping: CsvMapping | None = None, tz: tzinfo | None = None
) -> list[SessionData]:
    """Every row of a CSV held in memory as a music session, or Refused naming the rows that
    cannot be read."""
    return [
        session
        for _read, _total, batch in music_csv_batches(partial(io.BytesIO, data), mapping, tz)
        for session in batch
    ]
