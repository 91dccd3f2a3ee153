"""Strava exports in the account's language: headers, activity types and dates as Strava writes
them, and every row accounted for in the summary."""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from pathlib import Path

from imports_helpers import FIXTURES, STRAVA

from cadence.services.imports import Outcome, import_paths
from cadence.services.records.journal import load_session

HEADERS = FIXTURES / "strava-headers"  # real translated headers (see tests/fixtures/README.md)


def _header(name: str) -> list[str]:
    with (HEADERS / name).open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def _row(header: list[str], **by_column: str) -> list[str]:
    row = [""] * len(header)
    for column, value in by_column.items():
        row[int(column.removeprefix("c"))] = value
    return row


def _export(folder: Path, header: list[str], rows: list[list[str]]) -> Path:
    (folder / "activities").mkdir(parents=True)
    shutil.copy(STRAVA / "activities" / "12866632127.fit.gz", folder / "activities")
    with (folder / "activities.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    return folder


def test_a_german_export_imports_its_runs_with_and_without_files(
    journal: Path, tmp_path: Path
) -> None:
    de = _header("de.csv")
    rows = [
        # c0 id, c1 date, c2 name, c3 type, c5 elapsed, c12 file, c16 moving, c17 metres
        _row(de, c0="1", c1="29.05.2022, 15:53:35", c2="Laufen Landal Park", c3="Lauf",
             c12="activities/12866632127.fit.gz"),
        _row(de, c0="2", c1="21.07.2022, 15:09:27", c2="Lauf am Nachmittag", c3="Lauf",
             c5="1390", c6="2,81", c16="1380", c17="2810,0", c31="148"),
        _row(de, c0="3", c1="22.07.2022, 07:00:00", c2="Zur Arbeit", c3="Radfahrt", c5="1200"),
    ]  # fmt: skip
    summary = import_paths([_export(tmp_path / "export", de, rows)])
    assert [r.outcome for r in summary.results] == [Outcome.NEW, Outcome.NEW, Outcome.SKIPPED]
    assert summary.ok
    manual = load_session(summary.results[1].new_ids[0])
    assert manual.title == "Lauf am Nachmittag"
    assert manual.started_at == datetime(2022, 7, 21, 15, 9, 27)
    assert (manual.duration_s, manual.moving_s, manual.distance_m) == (1390, 1380, 2810)
    assert manual.avg_hr == 148
    assert "is a Radfahrt, not a run" in summary.results[2].message
    assert not any("column order" in n for r in summary.results for n in r.notes)


def test_a_french_export_is_read_by_its_header(journal: Path, tmp_path: Path) -> None:
    fr = _header("fr-first-21.csv")
    rows = [
        _row(fr, c0="1", c1="2022-05-29 15:53:35", c2="Course du soir", c3="Course à pied",
             c12="activities/12866632127.fit.gz"),
        _row(fr, c0="2", c1="2022-05-30 07:00:00", c2="Vélotaf", c3="Vélo", c5="1800"),
    ]  # fmt: skip
    summary = import_paths([_export(tmp_path / "export", fr, rows)])
    assert [r.outcome for r in summary.results] == [Outcome.NEW, Outcome.SKIPPED]
    assert load_session(summary.results[0].new_ids[0]).title == "Course du soir"


def test_an_unknown_language_is_read_by_column_order_and_says_so(
    journal: Path, tmp_path: Path
) -> None:
    unknown = [f"kolumn {n}" for n in range(len(_header("de.csv")))]
    rows = [_row(unknown, c0="1", c1="2022-05-29 15:53:35", c2="Bieg", c3="Bieg",
                 c12="activities/12866632127.fit.gz")]  # fmt: skip
    summary = import_paths([_export(tmp_path / "export", unknown, rows)])
    assert summary.new == 1
    assert any("column order" in n for n in summary.results[0].notes)


def test_an_unknown_type_without_a_file_is_refused_not_dropped(
    journal: Path, tmp_path: Path
) -> None:
    de = _header("de.csv")
    rows = [_row(de, c0="2", c1="21.07.2022, 15:09:27", c2="?", c3="Ausdauer", c5="1390")]
    summary = import_paths([_export(tmp_path / "export", de, rows)])
    assert summary.results[0].outcome == Outcome.REFUSED
    assert "'Ausdauer'" in summary.results[0].message
    assert not summary.ok


def test_a_dutch_export_is_read_by_its_names_and_dates(journal: Path, tmp_path: Path) -> None:
    nl = _header("nl-names.csv")  # c6 "Afstand" in km, c10 "Afstand" in metres
    rows = [
        _row(nl, c0="1", c1="29 mei 2022, 15:53:35", c2="Avondloop", c3="Hardloopsessie",
             c8="activities/12866632127.fit.gz", c13="6"),
        _row(nl, c0="2", c1="21 okt 2022, 07:09:27", c2="Ochtendloop", c3="Hardloopsessie",
             c5="1390", c6="2,81", c9="1380", c10="2810.0", c11="12.0", c12="148"),
        _row(nl, c0="3", c1="22 mrt 2023, 07:00:00", c2="Naar het werk", c3="Fietsrit",
             c5="1200"),
    ]  # fmt: skip
    summary = import_paths([_export(tmp_path / "export", nl, rows)])
    assert [r.outcome for r in summary.results] == [Outcome.NEW, Outcome.NEW, Outcome.SKIPPED]
    run = load_session(summary.results[0].new_ids[0])
    assert (run.title, run.rpe, len(run.blocks)) == ("Avondloop", 6, 4)
    manual = load_session(summary.results[1].new_ids[0])
    assert manual.started_at == datetime(2022, 10, 21, 7, 9, 27)
    assert (manual.duration_s, manual.moving_s, manual.distance_m) == (1390, 1380, 2810)
    assert (manual.avg_hr, manual.elevation_gain_m) == (148, 12)
    assert "is a Fietsrit, not a run" in summary.results[2].message
    assert not any("column order" in n for r in summary.results for n in r.notes)


def test_a_spanish_export_is_read_by_its_names(journal: Path, tmp_path: Path) -> None:
    es = _header("es-names.csv")  # c6 "Distancia" in km, c11 in metres
    rows = [
        _row(es, c0="1", c1="29 may 2022, 15:53:35", c2="Carrera de tarde", c3="Carrera",
             c4="Buenas piernas", c7="Molestia en el gemelo",
             c8="activities/12866632127.fit.gz", c13="5"),
        _row(es, c0="2", c1="30 may 2022, 07:00:00", c2="Pesas", c3="Entrenamiento con pesas",
             c5="1800"),
        _row(es, c0="3", c1="31 ene 2022, 07:00:00", c2="Rodaje", c3="Carrera", c5="1341",
             c6="4,03", c10="1322", c11="4030.5"),
    ]  # fmt: skip
    summary = import_paths([_export(tmp_path / "export", es, rows)])
    outcomes = [r.outcome for r in summary.results]
    assert outcomes == [Outcome.NEW, Outcome.SKIPPED, Outcome.REFUSED]
    run = load_session(summary.results[0].new_ids[0])
    assert (run.title, run.rpe) == ("Carrera de tarde", 5)
    assert run.notes == "Buenas piernas\n\nPrivate note: Molestia en el gemelo"
    # No real Spanish date was found, so a row without a file says its date cannot be read.
    assert "'31 ene 2022, 07:00:00', which Cadence cannot read" in summary.results[2].message
    assert not any("column order" in n for r in summary.results for n in r.notes)


def test_dutch_dates_are_read_for_every_month() -> None:
    from cadence.services.imports.strava_csv import parse_date

    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    for number, month in enumerate(months, start=1):
        found = parse_date(f"4 {month} 2026, 09:28:00")
        assert found is not None and (found.month, found.day, found.hour) == (number, 4, 9)
    assert parse_date("31 feb 2026, 09:28:00") is None
    assert parse_date("4 xyz 2026, 09:28:00") is None
