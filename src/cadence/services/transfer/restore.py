"""Rebuilding a journal from a JSON export (see export.py).

The file is read and checked completely before the database is touched: wrong JSON, another
format, a newer export format or schema, unknown tables or columns, or a cell of the wrong type
are refused with a message that names the place. The rows then go in in one transaction, in
dependency order, into a journal that must be empty; any failure rolls everything back, and a
journal file created for the restore is removed again.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import cast

from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    Model,
)

from cadence.domain.track import Track, TrackError, encode
from cadence.services.experiment.experiments import experiment_rows_problem
from cadence.services.records.days import load_day_entry, validate_day_entry
from cadence.services.records.journal import load_all_sessions, validate_session
from cadence.services.studio.notes import note_rows_problem, untaught_students
from cadence.services.transfer.export import FORMAT_NAME, FORMAT_VERSION, describe_rows, row_counts
from cadence.services.transfer.restore_server import MissingReference, insert_remapped
from cadence.store.db import close_journal, open_journal
from cadence.store.fields import EnumField, JSONField, JSONText
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import ALL_MODELS, DayEntry, database
from cadence.store.paths import is_server_url
from cadence.store.server import is_server

MODELS_BY_TABLE: dict[str, type[Model]] = {m._meta.table_name: m for m in ALL_MODELS}


# tables whose enum columns the editor's validation checks once the rows are in (its messages name
# the field: services/record_rows.py reads them strictly); every other one is checked as it is read
EDITOR_CHECKED = frozenset({"session", "stop_point"})


class RestoreError(ValueError):
    """The export cannot be restored; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class ExportData:
    app_version: str
    schema_version: int
    # table -> (model fields in the file's column order, rows of converted values)
    tables: dict[str, tuple[list[Field], list[tuple]]]

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, (_, rows) in self.tables.items()}


def read_export(path: str | os.PathLike[str]) -> ExportData:
    """Read and check a JSON export; raises RestoreError. Touches no database."""
    source = Path(path)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise RestoreError(
            f"{source} does not exist; give the path of a Cadence JSON export."
        ) from None
    except OSError as exc:
        raise RestoreError(f"{source} cannot be read ({exc.strerror or exc}).") from None
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise RestoreError(
            f"{source} nests its values too deeply to be a Cadence JSON export."
        ) from None
    except UnicodeDecodeError:
        raise RestoreError(
            f"{source} is not UTF-8 text, so it is not a Cadence JSON export."
        ) from None
    except json.JSONDecodeError as exc:
        raise RestoreError(
            f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "is it a Cadence JSON export (`cadence export --format json`)?"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise RestoreError(
            f'{source} is JSON but not a Cadence journal export (its "format" is not '
            f"{FORMAT_NAME!r}). Export one with `cadence export --format json`."
        )
    version = _whole(document.get("format_version"), f"{source}: format_version")
    if version > FORMAT_VERSION:
        raise RestoreError(
            f"{source} was written by a newer Cadence (export format {version}; this version "
            f"reads up to {FORMAT_VERSION}). Update Cadence to restore it."
        )
    if version < 1:
        raise RestoreError(f"{source}: format_version {version} does not exist.")
    schema = _whole(document.get("schema_version"), f"{source}: schema_version")
    if schema > SCHEMA_VERSION:
        raise RestoreError(
            f"{source} comes from a newer Cadence (journal format {schema}; this version reads up "
            f"to {SCHEMA_VERSION}). Update Cadence to restore it."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise RestoreError(f'{source} has no "tables" object; the file is incomplete.')
    checked = {}
    for name, table in tables.items():
        checked[name] = _read_table(source, name, table)
    return ExportData(str(document.get("app_version", "")), schema, checked)


def _no_constant(name: str) -> object:
    raise RestoreError(
        f"the file holds {name}, which is not a number a Cadence export can hold; it was not "
        "written by Cadence, or was changed since. Nothing was restored."
    )


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RestoreError(f"{what} should be a whole number, not {value!r}.")
    return value


def _read_table(source: Path, name: str, table: object) -> tuple[list[Field], list[tuple]]:
    model = MODELS_BY_TABLE.get(name)
    if model is None:
        raise RestoreError(
            f"{source} holds a table {name!r} that this Cadence does not know; it was probably "
            "written by a newer version. Update Cadence to restore it."
        )
    if not isinstance(table, dict):
        raise RestoreError(f"{source}: table {name!r} should be an object with columns and rows.")
    columns, rows = table.get("columns"), table.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise RestoreError(f'{source}: table {name!r} needs a "columns" list and a "rows" list.')
    by_column = {f.column_name: f for f in model._meta.sorted_fields}
    fields = []
    for column in columns:
        if column not in by_column:
            raise RestoreError(
                f"{source}: table {name!r} has a column {column!r} that this Cadence does not know."
            )
        fields.append(by_column[column])
    if len(set(columns)) != len(columns):
        raise RestoreError(f"{source}: table {name!r} names a column twice.")
    key = cast(Field, model._meta.primary_key).column_name
    if key not in columns:  # (compare names: a peewee Field's == builds a query expression)
        raise RestoreError(f"{source}: table {name!r} has no {key!r} column.")
    converters = [_converter(f) for f in fields]
    converted = []
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(fields):
            raise RestoreError(
                f"{source}: table {name!r}, row {i} should be a list of {len(fields)} values."
            )
        values = []
        for field, convert, value in zip(fields, converters, row, strict=True):
            if value is None:
                if not field.null:
                    raise RestoreError(
                        f"{source}: table {name!r}, row {i}: {field.column_name} cannot be empty."
                    )
                values.append(None)
                continue
            try:
                values.append(convert(value))
            except (TypeError, ValueError) as exc:
                raise RestoreError(
                    f"{source}: table {name!r}, row {i}: {field.column_name} {exc}."
                ) from None
        converted.append(tuple(values))
    return fields, converted


def _converter(field: Field) -> Callable[[object], object]:
    """A function that checks a JSON value for this column and returns the Python value."""
    if isinstance(field, ForeignKeyField):
        return _converter(field.rel_field)
    if isinstance(field, BooleanField):
        return _expect(bool, "should be true or false")
    if isinstance(field, IntegerField):
        return _integer
    if isinstance(field, FloatField):
        return _number
    if isinstance(field, DateTimeField):
        return _parsed(datetime.fromisoformat, "should be a date and time like 2026-03-01T07:30:00")
    if isinstance(field, DateField):
        return _parsed(date.fromisoformat, "should be a date like 2026-03-01")
    if isinstance(field, BlobField):
        return _track
    if isinstance(field, EnumField) and field.model._meta.table_name not in EDITOR_CHECKED:
        return _one_of(field.enum)
    if isinstance(field, JSONField):  # stored as the export holds it, byte for byte
        return lambda value: JSONText(_text(value))
    return _text


def _integer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"should be a whole number, not {value!r}")
    if not -(2**63) <= value < 2**63:
        raise ValueError(f"is a whole number too large for a journal ({value})")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"should be text, not {value!r}")
    if "\x00" in value:
        raise ValueError("holds a NUL character, which no text in a journal can hold")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("holds a lone surrogate (half of a character), not text") from None
    return value


def _one_of(enum: type[StrEnum]) -> Callable[[object], object]:
    allowed = {e.value for e in enum}

    def convert(value: object) -> object:
        if value not in allowed:
            raise ValueError(
                f"{value!r} is unknown; it should be one of: {', '.join(sorted(allowed))}"
            )
        return value

    return convert


def _expect(kind: type, message: str) -> Callable[[object], object]:
    def convert(value: object) -> object:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"{message}, not {value!r}")
        return value

    return convert


def _track(value: object) -> bytes:
    try:
        return encode(Track.from_json(value))
    except TrackError as exc:
        raise ValueError(f"is not a run's track points ({exc})") from None


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"should be a number, not {value!r}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"is a number too large for a journal ({value})") from None
    if not math.isfinite(number):
        raise ValueError(f"should be a finite number, not {value!r}")
    return number


def _parsed(parse: Callable[[str], object], message: str) -> Callable[[object], object]:
    def convert(value: object) -> object:
        if not isinstance(value, str):
            raise ValueError(f"{message}, not {value!r}")
        try:
            return parse(value)
        except ValueError:
            raise ValueError(f"{message}, not {value!r}") from None

    return convert


def restore_into_open_journal(data: ExportData) -> dict[str, int]:
    """Insert everything into the open journal, which must be empty, in one transaction."""
    counts = row_counts()
    if any(counts.values()):
        raise RestoreError(
            f"This journal already holds {describe_rows(counts)}; nothing was restored. "
            "Restore into a new file with --db."
        )
    limit = 32_766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999
    if is_server(database.obj):
        return _restore_on_server(data)
    try:
        with database.atomic():
            for model in ALL_MODELS:
                name = model._meta.table_name
                if name not in data.tables:
                    continue
                fields, rows = data.tables[name]
                fields, rows = _with_defaults(model, fields, rows)
                step = max(1, limit // len(fields))
                for i in range(0, len(rows), step):
                    model.insert_many(rows[i : i + step], fields=fields).execute()
            broken = database.obj.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                table, rowid, parent, _ = broken[0]
                raise RestoreError(
                    f"Row {rowid} of {table} points to a missing {parent}; the export is "
                    "inconsistent and nothing was restored."
                )
            _validate_restored()
    except IntegrityError as exc:
        raise RestoreError(
            f"The export contradicts itself ({exc}); nothing was restored."
        ) from None
    return data.counts


def _restore_on_server(data: ExportData) -> dict[str, int]:
    """On a server, in one transaction: rows get new ids (restore_server.py), and the server
    checks every foreign key as the rows go in."""
    tables = {
        name: _with_defaults(MODELS_BY_TABLE[name], fields, rows)
        for name, (fields, rows) in data.tables.items()
    }
    if "studio_note" in tables:
        fields, rows = tables["studio_note"]
        at = [f.name for f in fields].index("student")
        untaught = untaught_students({row[at] for row in rows})
        if untaught:
            raise RestoreError(
                f"The export holds notes you wrote to {', '.join(untaught)}, whom you do not "
                "teach in this studio; ask its admin to add them (cadence studio add NAME "
                "--role student), or restore into a file. Nothing was restored."
            )
    try:
        with database.atomic():
            insert_remapped(tables)
            _validate_restored()
    except MissingReference as exc:
        raise RestoreError(f"{exc}; the export is inconsistent and nothing was restored.") from None
    except IntegrityError as exc:
        raise RestoreError(
            f"The export contradicts itself ({exc}); nothing was restored."
        ) from None
    return data.counts


def _validate_restored() -> None:
    """Every session and day entry restored passes the checks the editor makes (one validator:
    what could not be typed cannot be restored either)."""
    session = None
    try:
        for session in load_all_sessions():
            validate_session(session)
    except ValueError as exc:  # ValidationError, or a value no enum holds
        where = f"Session {session.id}" if session is not None else "A session"
        raise RestoreError(
            f"{where} in the export is not valid ({exc}); nothing was restored."
        ) from None
    problem = experiment_rows_problem() or note_rows_problem()
    if problem:
        raise RestoreError(f"{problem}; nothing was restored.")
    for (entry_id,) in DayEntry.select(DayEntry.id).tuples().iterator():
        try:
            validate_day_entry(load_day_entry(entry_id))
        except ValueError as exc:
            raise RestoreError(
                f"The day entry {entry_id} in the export is not valid ({exc}); nothing was "
                "restored."
            ) from None


def _with_defaults(
    model: type[Model], fields: list[Field], rows: list[tuple]
) -> tuple[list[Field], list[tuple]]:
    """Columns an older export lacks get their defaults."""
    present = {f.name for f in fields}
    missing = [f for f in model._meta.sorted_fields if f.name not in present]
    if not missing:
        return fields, rows
    extra = []
    for field in missing:
        default = field.default() if callable(field.default) else field.default
        extra.append(default)
    return fields + missing, [row + tuple(extra) for row in rows]


@dataclass(frozen=True)
class RestoreSummary:
    source: Path
    target: Path | str  # a server journal: its URL without the password
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def restore_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> RestoreSummary:
    """Restore the export at `source` into the journal file `target` (created if need be; it must
    hold no data). The journal is closed again afterwards. Raises RestoreError or JournalError.
    A `postgresql://` target is a journal on a server: the rows become the connecting person's,
    who must have none yet."""
    if is_server_url(target):
        return _restore_to_server(source, str(target))
    target_path = Path(target).expanduser()
    existed = target_path.exists() and target_path.stat().st_size > 0
    if existed:  # said before a large file is read
        open_journal(target_path)
        try:
            counts = row_counts()
        finally:
            close_journal()
        if any(counts.values()):
            raise RestoreError(
                f"{target_path} already holds {describe_rows(counts)}; nothing was restored. "
                "Restore into a new file with --db."
            )
    data = read_export(source)
    opened = open_journal(target_path)
    try:
        counts = restore_into_open_journal(data)
    except BaseException:
        close_journal()
        if not existed:
            for suffix in ("", "-wal", "-shm"):
                Path(str(opened.path) + suffix).unlink(missing_ok=True)
        raise
    close_journal()
    return RestoreSummary(Path(source), opened.path, counts)


def _restore_to_server(source: str | os.PathLike[str], url: str) -> RestoreSummary:
    data = read_export(source)
    opened = open_journal(url)
    try:
        counts = row_counts()
        if any(counts.values()):
            raise RestoreError(
                f"You already have {describe_rows(counts)} in {opened.path}; nothing was "
                "restored. Restore into a new database, or as another person."
            )
        counts = restore_into_open_journal(data)
    finally:
        close_journal()
    return RestoreSummary(Path(source), opened.path, counts)
