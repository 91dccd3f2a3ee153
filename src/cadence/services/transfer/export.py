"""Exporting the whole journal: JSON (lossless, restorable) and CSV (one file per table).

JSON holds every table, every row and every column, with a header naming the export format, the
journal's schema version and the app version. Rows are ordered by primary key and written one per
line, so the same journal always gives the same bytes (and diffs stay readable). Dates and times
are ISO 8601 strings; times are naive UTC like everywhere in the journal. A run's track points
(the `track` table's BLOB) are written as their channels of whole numbers (domain/track.py), and
a restore encodes them back to the same bytes.

CSV is for spreadsheets, not for restoring: UTF-8 with a header row, one file per table. Text cells
that begin with = + - @, a tab or a carriage return get a leading apostrophe, so a spreadsheet shows
them as text instead of running them as formulas (CSV formula injection).
"""

from __future__ import annotations

import base64
import csv
import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import SQL, Field, Model

from cadence import __version__
from cadence.domain.track import decode
from cadence.store.fields import EnumField, JSONField
from cadence.store.files import UnverifiedWriteError, atomic_text
from cadence.store.migrations import get_version
from cadence.store.models import ALL_MODELS, database
from cadence.store.server import OWNER, is_server

FORMAT_NAME = "cadence-journal-export"
FORMAT_VERSION = 1
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _own(query, model: type[Model]):
    """On a server, only the rows the connected person owns: a person's journal is their rows
    (they may read a few of others', e.g. the notes their teacher wrote to them)."""
    if is_server(model._meta.database.obj):
        return query.where(SQL(f'"{OWNER}" = current_user'))  # one table: no name needed
    return query


def row_counts() -> dict[str, int]:
    """Rows per table of the open journal, in dependency order."""
    return {m._meta.table_name: _own(m.select(), m).count() for m in ALL_MODELS}


def describe_rows(counts: dict[str, int]) -> str:
    """'1,464 sessions and 9,022 other rows', for a message about a journal that holds data."""
    sessions = counts.get("session", 0)
    others = sum(counts.values()) - sessions
    parts = []
    if sessions:
        parts.append(f"{sessions:,} session" + ("s" if sessions != 1 else ""))
    if others:
        parts.append(f"{others:,} {'other ' if sessions else ''}row" + ("s" if others != 1 else ""))
    return " and ".join(parts) or "no rows"


def table_fields(model: type[Model]) -> list[Field]:
    """The columns of a table in their declared order (the order of the export)."""
    return list(model._meta.sorted_fields)


def table_rows(model: type[Model]) -> Iterator[tuple]:
    """Every row of a table as Python values (dates as date, flags as bool), by primary key. An
    enum's column and a JSON column give their text as stored: an export holds the very text."""
    fields = [_stored(f) for f in table_fields(model)]
    query = _own(model.select(*fields), model).order_by(model._meta.primary_key).tuples()
    yield from query.iterator()


def _stored(field: Field) -> Field:
    return field.coerce(False) if isinstance(field, EnumField | JSONField) else field


def json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # the one BLOB: a run's track points
        return decode(bytes(value)).to_json()
    return value


class ExportCancelled(Exception):
    """The export was cancelled before it was complete; nothing of it was left behind."""


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled


def export_json(
    path: str | os.PathLike[str], *, cancelled: Callable[[], bool] | None = None
) -> ExportSummary:
    """Write the whole open journal to `path` (replaced atomically). `cancelled()` is asked before
    each table and once more at the end; when it answers yes, ExportCancelled is raised and no file
    is written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with (
        database.atomic("DEFERRED"),  # one consistent snapshot, read only
        atomic_text(target, newline="\n", verify=_check_json) as out,
    ):
        header = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "schema_version": get_version(database.obj),
        }
        out.write("{\n")
        for key, value in header.items():
            out.write(f" {_dumps(key)}: {_dumps(value)},\n")
        out.write(' "tables": {')
        for t, model in enumerate(ALL_MODELS):
            _check(cancelled)
            name = model._meta.table_name
            columns = [f.column_name for f in table_fields(model)]
            out.write(("," if t else "") + f"\n  {_dumps(name)}: {{\n")
            out.write(f'   "columns": {_dumps(columns)},\n   "rows": [')
            n = 0
            for row in table_rows(model):
                cells = [json_value(v) for v in row]
                out.write(("," if n else "") + "\n    " + _dumps(cells))
                n += 1
            out.write("\n   ]\n  }" if n else "]\n  }")
            counts[name] = n
        _check(cancelled)  # the last word before the file is moved into place
        out.write("\n }\n}\n")
    return ExportSummary(target, counts)


def _check_json(path: Path) -> None:
    """The export reads back as JSON (a full disk or a cut-short write would not)."""
    with path.open(encoding="utf-8") as handle:
        try:
            json.load(handle)
        except ValueError as exc:
            raise UnverifiedWriteError(
                f"what was written does not read back as JSON ({exc})"
            ) from exc


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def neutralise(text: str) -> str:
    """A text cell a spreadsheet would read as a formula, made plain text with a leading '."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bytes | memoryview):  # a run's track points, as stored (base64)
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def export_csv(
    folder: str | os.PathLike[str], *, cancelled: Callable[[], bool] | None = None
) -> ExportSummary:
    """One UTF-8 CSV per table in `folder` (created if needed), each with a header row.
    Every table is written under a temporary name first and all are moved into place together at
    the end, so an export cancelled (`cancelled()` is asked before each table) or failed half-way
    (a full disk) leaves the tables of an earlier export as they were, and no part of a journal
    behind (the folder is removed again if the export made it)."""
    target = Path(folder)
    made = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    try:
        _write_tables(target, counts, cancelled)
    except BaseException:
        if made and not any(target.iterdir()):
            target.rmdir()
        raise
    return ExportSummary(target, counts)


def _write_tables(
    target: Path, counts: dict[str, int], cancelled: Callable[[], bool] | None
) -> None:
    with database.atomic("DEFERRED"), ExitStack() as tables:  # one consistent snapshot
        for model in ALL_MODELS:
            _check(cancelled)
            name = model._meta.table_name
            # renamed into place when the stack closes without an error, all or none
            out = tables.enter_context(atomic_text(target / f"{name}.csv", newline=""))
            writer = csv.writer(out)
            writer.writerow([f.column_name for f in table_fields(model)])
            n = 0
            for row in table_rows(model):
                writer.writerow([csv_value(v) for v in row])
                n += 1
            out.flush()
            counts[name] = n
        _check(cancelled)
