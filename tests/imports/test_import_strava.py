"""Strava bulk exports: rows joined to their files, read by position, as a folder or a .zip."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from imports_helpers import INVALID, RUNNING, STRAVA, dump

from cadence.domain.enums import Source
from cadence.services.imports import Outcome, import_paths
from cadence.services.records.journal import load_session

HEADER, REAL_ROW = list(
    csv.reader(io.StringIO((STRAVA / "activities.csv").read_text(encoding="utf-8"), newline=""))
)
COLUMN = {  # by position: the names repeat (Distance is km at 6, metres at 17)
    "id": 0, "date": 1, "name": 2, "type": 3, "description": 4, "elapsed": 5, "km": 6,
    "private_note": 10, "filename": 12, "elapsed_2": 15, "moving": 16, "metres": 17,
    "max_hr": 30, "avg_hr": 31, "rpe": 43,
}  # fmt: skip


def _row(**values: str) -> list[str]:
    row = [""] * len(HEADER)
    for name, value in values.items():
        row[COLUMN[name]] = value
    return row


def _export(folder: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    (folder / "activities").mkdir(parents=True)
    shutil.copy(STRAVA / "activities" / "12866632127.fit.gz", folder / "activities")
    shutil.copy(INVALID / "bad-crc.fit", folder / "activities" / "bad.fit")
    shutil.copy(RUNNING / "polar-m400-run.gpx", folder / "activities" / "polar.gpx")
    with (folder / "activities.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    return folder


MANUAL = _row(
    id="2", date="Jun 1, 2022, 6:00:00 AM", name="Track with Anna", type="Run",
    description="Easy, with a friend", elapsed="1800", km="5,00", metres="5000.0",
    moving="1750.0", rpe="7", private_note="knee ok", avg_hr="141.5", max_hr="160.0",
)  # fmt: skip
ROWS = [
    REAL_ROW,
    _row(id="1", date="Jun 2, 2022, 6:00:00 AM", name="Commute", type="Ride",
         elapsed="1200", filename="activities/999.fit.gz"),
    MANUAL,
    _row(id="3", date="Jun 3, 2022, 6:00:00 AM", name="Lost file", type="Run", elapsed="1500",
         metres="4000.0", filename="activities/404.fit.gz"),
    _row(id="4", date="Jun 4, 2022, 6:00:00 AM", name="Broken", type="Run",
         filename="activities/bad.fit"),
    _row(id="5", date="Oct 26, 2020, 5:07:30 PM", name="Polar", type="Trail Run",
         filename="activities/polar.gpx"),
]  # fmt: skip


def test_each_row_is_imported_skipped_or_refused_on_its_own(journal: Path, tmp_path: Path) -> None:
    summary = import_paths([_export(tmp_path / "export", ROWS)])
    assert [r.outcome for r in summary.results] == [
        Outcome.NEW,
        Outcome.SKIPPED,
        Outcome.NEW,
        Outcome.NEW,
        Outcome.REFUSED,
        Outcome.NEW,
    ]
    assert (summary.new, summary.skipped, summary.refused) == (4, 1, 1)
    assert "is a Ride, not a run" in summary.results[1].message
    assert "activities/bad.fit" in summary.results[4].message
    assert "checksum" in summary.results[4].message
    assert "Broken" in summary.results[4].message  # the row's name says which one


def test_a_row_without_a_file_comes_from_the_row_read_by_position(
    journal: Path, tmp_path: Path
) -> None:
    summary = import_paths([_export(tmp_path / "export", [MANUAL])])
    s = load_session(summary.results[0].new_ids[0])
    assert s.source == Source.STRAVA
    assert s.title == "Track with Anna"
    assert s.started_at == datetime(2022, 6, 1, 6, 0)
    assert s.distance_m == 5000.0  # the second Distance column (metres), not the km one
    assert s.duration_s == 1800 and s.moving_s == 1750
    assert s.rpe == 7
    assert (s.avg_hr, s.max_hr) == (142, 160)
    assert "Easy, with a friend" in s.notes and "Private note: knee ok" in s.notes
    assert s.needs_review is True


def test_a_row_whose_file_is_missing_is_imported_from_the_row_with_a_note(
    journal: Path, tmp_path: Path
) -> None:
    summary = import_paths([_export(tmp_path / "export", [ROWS[3]])])
    assert summary.new == 1
    assert any("404.fit.gz" in n for n in summary.results[0].notes)
    assert load_session(summary.results[0].new_ids[0]).distance_m == 4000.0


def test_the_export_as_downloaded_zip(journal: Path, tmp_path: Path) -> None:
    archive = tmp_path / "export_12345.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(STRAVA / "activities.csv", "export_12345/activities.csv")
        z.write(
            STRAVA / "activities" / "12866632127.fit.gz",
            "export_12345/activities/12866632127.fit.gz",
        )
    summary = import_paths([archive])
    assert summary.ok and summary.new == 1
    s = load_session(summary.results[0].new_ids[0])
    assert s.title == "Laufen Landal Park" and len(s.blocks) == 4
    assert import_paths([archive]).already_there == 1


def test_a_translated_header_is_read_by_position(journal: Path, tmp_path: Path) -> None:
    german = ["Aktivitäts-ID", "Aktivitätsdatum", "Name der Aktivität", "Aktivitätsart"]
    header = german + [f"Feld {n}" for n in range(len(german), len(HEADER))]
    summary = import_paths([_export(tmp_path / "export", [REAL_ROW, MANUAL], header)])
    assert summary.ok and summary.new == 2
    titles = sorted(load_session(r.new_ids[0]).title for r in summary.results)
    assert titles == ["Laufen Landal Park", "Track with Anna"]


def test_an_unknown_layout_is_refused_and_nothing_saved(journal: Path, tmp_path: Path) -> None:
    before = dump()
    short = ["Nummer", "Datum", "Name"]
    summary = import_paths([_export(tmp_path / "export", [["1", "x", "y"]], short)])
    assert summary.refused == 1
    assert "columns Cadence does not recognise" in summary.results[0].message
    assert dump() == before


def test_a_file_name_outside_the_export_is_refused(journal: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.gpx").write_text("<gpx/>", encoding="utf-8")
    row = _row(id="9", date="Jun 1, 2022, 6:00:00 AM", name="Sneaky", type="Run",
               filename="../secret.gpx")  # fmt: skip
    summary = import_paths([_export(tmp_path / "export", [row])])
    assert summary.refused == 1 and "outside the export" in summary.results[0].message


@pytest.mark.parametrize("name", ["activities.csv", "folder"])
def test_the_csv_or_its_folder_both_work(journal: Path, name: str) -> None:
    path = STRAVA / "activities.csv" if name == "activities.csv" else STRAVA
    assert import_paths([path]).new == 1


def test_an_export_inside_a_folder_of_files_keeps_its_rows(journal: Path, tmp_path: Path) -> None:
    shutil.copytree(STRAVA, tmp_path / "downloads" / "export_12345")
    shutil.copy(RUNNING / "run.tcx", tmp_path / "downloads")
    summary = import_paths([tmp_path / "downloads"])
    assert summary.ok and summary.new == 2
    titles = sorted(load_session(r.new_ids[0]).title for r in summary.results)
    assert titles == ["", "Laufen Landal Park"]  # the FIT inside was joined to its row
