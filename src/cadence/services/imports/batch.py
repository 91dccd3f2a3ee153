"""The batch runner: find what to import in the paths given, then import it item by item.

Each item (a file, a row of a Strava export, a practice CSV) is read, checked and saved in its own
savepoint, committed with the others of a quarter of a second (commits.py): a bad one is refused
with its reason and leaves nothing behind, and the rest of the batch goes on. Progress is reported before each item and cancellation is checked between items,
so a cancelled import keeps what it finished and half-writes nothing.

It writes to the journal this thread's queries go to. On a worker thread, run it inside
`cadence.store.connections.worker_connection`: the worker then owns its connection to that journal
for the whole run, and opening another journal in the window meanwhile cannot redirect it.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, tzinfo
from functools import partial
from pathlib import Path

from peewee import IntegrityError

from cadence.domain.enums import Discipline, SessionStatus
from cadence.domain.records import SessionData
from cadence.domain.track import Track
from cadence.domain.units import counted
from cadence.services.changes import Changes
from cadence.services.imports import strava
from cadence.services.imports.commits import GroupedCommits
from cadence.services.imports.common import (
    CancelCheck,
    ImportProgress,
    ImportSummary,
    ItemResult,
    Outcome,
    ParsedActivity,
    ProgressCallback,
    Refused,
    ResultCallback,
    Skipped,
    WorkItem,
)
from cadence.services.imports.dedup import imported_as, same_run
from cadence.services.imports.files import is_activity_name, read_file, read_member
from cadence.services.imports.formats import parse_activity
from cadence.services.imports.music_csv import (
    CsvMapping,
    music_csv_batches,
    practice_csv_file,
)
from cadence.services.imports.sanity import (
    RUN_SOURCES,
    activity_session,
    check_activity,
    planned_session,
)
from cadence.services.records.journal import save_session
from cadence.services.records.tracks import save_track
from cadence.services.validation import ValidationError
from cadence.store.models import Session, database


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    on_file: ResultCallback | None = None,
    csv_mapping: CsvMapping | None = None,
    local_tz: tzinfo | None = None,
    now: datetime | None = None,
) -> ImportSummary:
    """Import files, folders, Strava exports (folder or .zip) and practice CSVs into the open journal.

    `progress(ImportProgress)` is called before each item and once at the end; `cancelled()` is
    asked between items; `on_file(ItemResult)` gets each result as it is known. `csv_mapping` says
    which columns of a practice CSV hold what (default: columns named date, minutes, piece, notes).
    `local_tz` gives the date of runs whose file has no time zone (default: this machine's).
    """
    now = now or datetime.now(UTC)
    summary = ImportSummary()

    def deliver(result: ItemResult) -> None:
        summary.results.append(result)
        if result.new_ids:
            summary.changes |= Changes(sessions=True, session_ids=frozenset(result.new_ids))
        if on_file is not None:
            on_file(result)

    commits = GroupedCommits(deliver)
    with ExitStack() as stack:
        items = [
            item for path in paths for item in _discover(Path(path), stack, csv_mapping, local_tz)
        ]
        try:
            for done, item in enumerate(items):
                if cancelled is not None and cancelled():
                    summary.cancelled = True
                    summary.not_started = len(items) - done
                    break
                rows = None
                if progress is not None:
                    progress(ImportProgress(done, len(items), item.name))
                    rows = partial(_rows_progress, progress, done, len(items), item.name)
                commits.begin()
                commits.finished(
                    import_item(item, now=now, local_tz=local_tz, rows=rows, cancelled=cancelled)
                )
        finally:
            commits.commit()  # what was finished is kept, also when an error stops the batch
        if cancelled is not None and cancelled():  # also when it stopped an item part-way
            summary.cancelled = True
        if progress is not None:
            progress(ImportProgress(len(summary.results), len(items), ""))
    return summary


def _rows_progress(
    progress: ProgressCallback, done: int, total: int, name: str, rows_done: int, rows_total: int
) -> None:
    progress(ImportProgress(done, total, name, rows_done, rows_total))


def _refusing(path: Path, reason: str) -> WorkItem:
    def load() -> list:
        raise Refused(reason)

    return WorkItem(path.name or str(path), path, load)


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def _discover(
    path: Path, stack: ExitStack, mapping: CsvMapping | None, tz: tzinfo | None
) -> list[WorkItem]:
    path = path.expanduser()
    try:
        if not path.exists():
            return [_refusing(path, "does not exist")]
        if path.is_dir():
            return _folder_items(path)
        lower = path.name.lower()
        if lower.endswith(".zip"):
            return _zip_items(path, stack)
        if lower == strava.CSV_NAME:
            return strava.folder_items(path.parent)
        if lower.endswith(".csv"):
            batches = partial(music_csv_batches, practice_csv_file(path), mapping, tz)
            return [WorkItem(path.name, path, partial(_all, batches), batches)]
        return [_file_item(path, path.name)]
    except Refused as exc:
        return [_refusing(path, str(exc))]


def _folder_items(folder: Path) -> list[WorkItem]:
    """A Strava export folder, or every activity file below, each Strava export in it as such."""
    if (folder / strava.CSV_NAME).is_file():
        return strava.folder_items(folder)
    exports = sorted(
        p.parent for p in folder.rglob(strava.CSV_NAME) if p.is_file() and _visible(p, folder)
    )
    files = sorted(
        p
        for p in folder.rglob("*")
        if not p.is_dir()  # a pipe or a device among them is refused by name, not skipped
        and is_activity_name(p.name)
        and _visible(p, folder)
        and not any(p.is_relative_to(export) for export in exports)
    )
    items = [_file_item(p, str(p.relative_to(folder.parent))) for p in files]
    for export in exports:
        try:
            items.extend(strava.folder_items(export))
        except Refused as exc:
            items.append(_refusing(export, str(exc)))
    if not items:
        raise Refused("is a folder with no GPX, TCX or FIT files in it")
    return items


def _file_item(path: Path, name: str) -> WorkItem:
    return WorkItem(name, path, lambda: parse_activity(read_file(path)))


def _all(batches: Callable[[], Iterator[tuple[int, int, list[SessionData]]]]) -> list:
    return [session for _read, _total, batch in batches() for session in batch]


def _zip_items(path: Path, stack: ExitStack) -> list[WorkItem]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except (zipfile.BadZipFile, OSError) as exc:
        raise Refused(f"is not a readable zip file ({exc})") from exc
    prefix = strava.zip_csv_prefix(archive)
    if prefix is not None:
        return strava.zip_items(path, archive, prefix)
    members = [i for i in archive.infolist() if not i.is_dir() and is_activity_name(i.filename)]
    if not members:
        raise Refused("is a zip with neither a Strava activities.csv nor GPX, TCX or FIT files")
    return [
        WorkItem(f"{path.name} › {m.filename}", path, partial(_zip_member, archive, m))
        for m in members
    ]


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list:
    return parse_activity(read_member(archive, info))


def import_item(
    item: WorkItem,
    *,
    now: datetime,
    local_tz: tzinfo | None = None,
    rows: Callable[[int, int], None] | None = None,
    cancelled: CancelCheck | None = None,
) -> ItemResult:
    """Read, check and save one item in one transaction; never raises for bad input. An item of
    many rows reports `rows(done, total)` after each batch and stops (saving none of it) when
    `cancelled()` turns true."""
    result = ItemResult(item.name, item.path, Outcome.REFUSED)
    try:
        if item.batches is not None:
            _save(_batched(item, rows, cancelled), result)
        else:
            _save(_sessions(item, now, local_tz, result.notes), result)
    except Refused as exc:
        result.outcome, result.reason = Outcome.REFUSED, str(exc)
    except Skipped as exc:
        result.outcome, result.reason = Outcome.SKIPPED, str(exc)
    except ValidationError as exc:
        result.outcome = Outcome.REFUSED
        result.reason = "holds values the journal does not accept: " + "; ".join(
            f"{k}: {v}" for k, v in exc.errors.items()
        )
    except MemoryError:
        result.outcome, result.reason = Outcome.REFUSED, "is too large to read into memory"
    return result


def _sessions(
    item: WorkItem, now: datetime, tz: tzinfo | None, notes: list[str]
) -> list[tuple[SessionData, Track | None]]:
    """Each session to save, with the track points to store with it (runs from a file)."""
    try:
        loaded = item.load()
    except (Refused, Skipped, MemoryError):
        raise
    except Exception as exc:  # a parser tripping over a malformed file in a way it did not foresee
        raise Refused(f"cannot be read ({type(exc).__name__}: {exc}); the file is damaged") from exc
    sessions = []
    for parsed in loaded:
        if isinstance(parsed, SessionData):
            sessions.append((parsed, None))
        elif isinstance(parsed, ParsedActivity):
            check_activity(parsed, now)
            notes.extend(parsed.cleaned)
            sessions.append((activity_session(parsed, tz), parsed.track))
        else:
            sessions.append((planned_session(parsed, now, tz), None))
    return sessions


def _batched(
    item: WorkItem, rows: Callable[[int, int], None] | None, cancelled: CancelCheck | None
) -> Iterator[tuple[SessionData, None]]:
    """The sessions of a file read in batches; `_save` saves each batch before the next is read."""
    assert item.batches is not None
    try:
        for read, total, batch in item.batches():
            for session in batch:
                yield session, None
            if rows is not None:
                rows(read, total)
            if cancelled is not None and cancelled():
                raise Skipped(f"was stopped at row {read:,} of {total:,}; nothing of it was saved")
    except (Refused, Skipped, MemoryError):
        raise
    except Exception as exc:  # as for a parser in `_sessions`
        raise Refused(f"cannot be read ({type(exc).__name__}: {exc}); the file is damaged") from exc


def _existing(session: SessionData) -> int | None:
    """A run is found whichever format brought it first (FIT, GPX, TCX or Strava), by its start
    or, started a little apart on another device, by its time span and distance (dedup.py)."""
    assert session.source_ref is not None
    sources = (
        RUN_SOURCES
        if session.discipline == Discipline.RUNNING and session.status == SessionStatus.DONE
        else (session.source,)
    )
    found = imported_as(sources, session.source_ref)
    if found is not None:
        return found
    return same_run(session, sources) if sources == RUN_SOURCES else None


def _save(sessions: Iterable[tuple[SessionData, Track | None]], result: ItemResult) -> None:
    new_ids: list[int] = []
    first: SessionData | None = None  # the one added, when only one is
    trashed = 0
    try:
        with database.atomic():  # a run and its track points, or nothing
            for session, points in sessions:
                found = _existing(session)
                if found is not None:
                    result.already_there += 1
                    trashed += Session.get_by_id(found).deleted_at is not None
                    continue
                save_session(session)
                if points is not None:
                    save_track(session.id, points)  # pyright: ignore[reportArgumentType]
                new_ids.append(session.id)  # pyright: ignore[reportArgumentType]
                first = first or session
    except IntegrityError as exc:  # another import saved the same run a moment ago
        raise Refused(f"could not be saved ({exc}); import it again") from exc
    result.new_ids = new_ids
    if new_ids:
        result.outcome = Outcome.NEW
        assert first is not None
        result.detail = _describe(first, len(new_ids))
    else:
        result.outcome = Outcome.ALREADY_THERE
        if result.already_there > 1:
            result.detail = f" ({counted(result.already_there, 'session', 'sessions')})"
        if trashed:
            result.detail += " (in its trash; restore it from there)"


def _describe(s: SessionData, added: int) -> str:
    """What was added: a count, or the one session (`s`, the first added)."""
    if added > 1:
        return counted(added, "session", "sessions")
    if s.status == SessionStatus.PLANNED:
        return f"a planned run “{s.title}” with {len(s.blocks)} steps, for {s.local_date}"
    if s.discipline == Discipline.MUSIC:
        return f"a practice session on {s.local_date}"
    minutes, seconds = divmod(round(s.duration_s), 60)
    text = f"a run on {s.local_date}, {minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    if s.distance_m:
        text += f", {s.distance_m / 1000:.2f} km"
    return text
