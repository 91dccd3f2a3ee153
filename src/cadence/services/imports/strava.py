"""A Strava bulk export (its folder, or the .zip as downloaded): one item per row of activities.csv.

Each row is joined to its file (activities/123.fit.gz, .gpx, .tcx.gz); the file gives the measures,
the row gives what only Strava knows: the name (title), the description and private note (notes),
Perceived Exertion (RPE) and Strava's moving time. A row without a file (an activity typed in by
hand) is imported from the row alone. Rides, swims and other sports are skipped, not refused.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from cadence.domain.enums import Source
from cadence.services.imports.common import (
    MAX_CSV_BYTES,
    MAX_FILE_BYTES,
    Parsed,
    ParsedActivity,
    Refused,
    Skipped,
    WorkItem,
)
from cadence.services.imports.files import read_file, read_member
from cadence.services.imports.formats import parse_activity
from cadence.services.imports.strava_csv import StravaRow, is_run, parse_date, read_rows

CSV_NAME = "activities.csv"


class _Folder:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def read(self, member: str) -> bytes | None:
        path = (self.root / member).resolve()
        if not path.is_relative_to(self.root):
            raise Refused("lies outside the export; Cadence reads only files inside it")
        return read_file(path) if path.is_file() else None


class _Zip:
    def __init__(self, archive: zipfile.ZipFile, prefix: str) -> None:
        self.archive, self.prefix = archive, prefix

    def read(self, member: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
        try:
            info = self.archive.getinfo(self.prefix + member)
        except KeyError:
            return None
        return read_member(self.archive, info, limit)


def zip_csv_prefix(archive: zipfile.ZipFile) -> str | None:
    """The folder inside the zip that holds activities.csv ("" at the top), or None."""
    found = [n for n in archive.namelist() if PurePosixPath(n).name == CSV_NAME]
    if not found:
        return None
    best = min(found, key=lambda n: n.count("/"))
    return best[: -len(CSV_NAME)]


def folder_items(folder: Path) -> list[WorkItem]:
    source = _Folder(folder)
    data = read_file(folder / CSV_NAME, MAX_CSV_BYTES)
    return _items(folder, folder.name, source.read, data)


def zip_items(path: Path, archive: zipfile.ZipFile, prefix: str) -> list[WorkItem]:
    source = _Zip(archive, prefix)
    data = source.read(CSV_NAME, MAX_CSV_BYTES)
    if data is None:  # listed but unreadable
        raise Refused(f"has no readable {CSV_NAME}")
    return _items(path, path.name, source.read, data)


def _items(
    path: Path, export: str, read: Callable[[str], bytes | None], csv_data: bytes
) -> list[WorkItem]:
    rows = read_rows(csv_data)
    if not rows:
        raise Refused(f"its {CSV_NAME} lists no activity; nothing to import")
    items = []
    for row in rows:
        label = row.text("name") or f"activity {row.text('id') or row.number}"
        items.append(
            WorkItem(
                name=f"{export} › {label} (row {row.number})",
                path=path,
                load=lambda row=row: _load(row, read),
            )
        )
    return items


def _load(row: StravaRow, read: Callable[[str], bytes | None]) -> list[Parsed]:
    kind = row.text("type")
    run = is_run(kind)
    if run is False:
        raise Skipped(f"is a {kind}, not a run")
    file_name = row.text("filename")
    activity: ParsedActivity | None = None
    missing = ""
    if file_name:
        try:
            data = read(file_name)
            found = parse_activity(data) if data is not None else None
        except Refused as exc:
            raise Refused(f"points to {file_name}, which {exc}") from exc
        if found is None:
            missing = f"its file {file_name} is not in the export; imported from the row alone"
        else:
            runs = [p for p in found if isinstance(p, ParsedActivity)]
            if not runs:
                raise Refused(f"points to {file_name}, which holds no recorded run")
            activity = runs[0]
    if run is None and activity is None:
        raise Refused(
            f"has the type {kind!r}, a word Cadence does not know, and no file that says its "
            "sport; nothing tells whether it was a run. Import its file, or enter it by hand"
        )
    if activity is None:
        activity = _from_row(row)
    if run:
        activity.sport_stated = True  # the row says Run: the row's word is Strava's
    if missing:
        activity.cleaned.append(missing)
    activity.cleaned.extend(row.notes)
    _overlay(activity, row)
    return [activity]


def _from_row(row: StravaRow) -> ParsedActivity:
    """An activity typed into Strava by hand: only the row's summary exists."""
    started = parse_date(row.text("date"))
    if started is None:
        raise Refused(f"has the date {row.text('date')!r}, which Cadence cannot read")
    distance = row.number_or_none("distance_m")
    if distance is None:
        km = row.number_or_none("distance_km")
        distance = km * 1000 if km is not None else None
    return ParsedActivity(
        source=Source.STRAVA,
        started_at=started,
        elapsed_s=row.number_or_none("elapsed"),
        distance_m=distance,
        avg_hr=row.number_or_none("avg_hr"),
        max_hr=row.number_or_none("max_hr") or row.number_or_none("max_hr_first"),
        elevation_gain_m=row.number_or_none("elevation_gain"),
    )


def _overlay(activity: ParsedActivity, row: StravaRow) -> None:
    """What only Strava knows goes over what the file says."""
    activity.source = Source.STRAVA
    activity.title = row.text("name") or activity.title
    notes = [row.text("description")]
    if row.text("private_note"):
        notes.append("Private note: " + row.text("private_note"))
    activity.notes = "\n\n".join(n for n in notes if n) or activity.notes
    rpe = row.number_or_none("rpe")
    if rpe is not None:
        activity.rpe = rpe
    moving = row.number_or_none("moving")
    if moving is not None:
        activity.moving_s = moving
    if activity.avg_hr is None and activity.max_hr is None:
        activity.avg_hr = row.number_or_none("avg_hr")
        activity.max_hr = row.number_or_none("max_hr") or row.number_or_none("max_hr_first")
    if activity.elevation_gain_m is None:
        activity.elevation_gain_m = row.number_or_none("elevation_gain")
