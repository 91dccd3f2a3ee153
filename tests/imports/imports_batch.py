"""One batch holding a file or row of every class the importer refuses, skips, cleans or finds
again (docs/imports.md), with the words its line in the summary must carry: for checking that
`cadence import` and the in-app summary account for each of them."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.imports.imports_fitwriter import run_fit
from tests.imports.imports_gpxwriter import START, gpx, line

from cadence.services.imports import Outcome

FIXTURES = Path(__file__).parents[1] / "fixtures"


@dataclass(frozen=True)
class Expected:
    name: str  # the item's name in the summary
    outcome: Outcome
    words: str  # in its line


def _ride_with_stops() -> list:
    """Two minutes at 9 m/s and two at 3 m/s, five times: a ride's speeds at a runner's average."""
    points, t, m = [], 0.0, 0.0
    for _ in range(5):
        for seconds, speed in ((120, 9.0), (120, 3.0)):
            part = line(seconds, seconds * speed, every_s=5, t0=t, m0=m)
            points += part if not points else part[1:]
            t, m = t + seconds, m + seconds * speed
    return points


def _strava_export(folder: Path) -> Path:
    """A German export: a run with its file, a ride and a workout of an unknown word without
    files, and a run whose file is missing from the export."""
    with (FIXTURES / "strava-headers" / "de.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))

    def row(**by_column: str) -> list[str]:
        values = [""] * len(header)
        for column, value in by_column.items():
            values[int(column.removeprefix("c"))] = value
        return values

    (folder / "activities").mkdir(parents=True)
    shutil.copy(
        FIXTURES / "strava-export" / "activities" / "12866632127.fit.gz", folder / "activities"
    )
    rows = [
        row(c0="1", c1="29.05.2022, 15:53:35", c2="Laufen Landal Park", c3="Lauf",
            c12="activities/12866632127.fit.gz"),
        row(c0="2", c1="22.07.2022, 07:00:00", c2="Zur Arbeit", c3="Radfahrt", c5="1200"),
        row(c0="3", c1="23.07.2022, 07:00:00", c2="Kraft", c3="Ausdauer", c5="1390"),
        row(c0="4", c1="24.07.2022, 07:00:00", c2="Lauf am Morgen", c3="Lauf", c5="1390",
            c12="activities/4.gpx", c16="1380", c17="2810,0"),
    ]  # fmt: skip
    with (folder / "activities.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    return folder


def every_class(folder: Path) -> tuple[list[Path], list[Expected]]:
    """The files to import (in this order) and what the summary must say of each item."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "no-sport-30kmh.gpx": gpx([[line(1800, 15_000)]]),
        "no-sport-commute.gpx": gpx([[_ride_with_stops()]]),
        "one-second.fit": run_fit(START, elapsed_s=0.99, distance_m=1.6),
        "three-km-in-50-s.fit": run_fit(START, elapsed_s=50, distance_m=3000),
        "typed-cycling.gpx": gpx([[line(1800, 5000)]], track_type="cycling"),
        "typed-hiking.gpx": gpx([[line(1800, 5000)]], track_type="hiking"),
    }
    paths = []
    for name, data in made.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    real = [
        "tracks/few-points-timed.gpx",
        "tracks/second-track-untimed.gpx",
        "running/invalid/made-car-drive.gpx",
        "running/invalid/bad-crc.fit",
        "sports/fenix5-bike.fit",
        "sports/fenix5-walk.fit",
        "sports/mapmyride-biking.tcx",
        "sports/fenix2-multisport.fit",
        "running/run.tcx",
    ]
    for name in real:
        shutil.copy(FIXTURES / name, folder / Path(name).name)
        paths.append(folder / Path(name).name)
    shutil.copy(FIXTURES / "running" / "run.tcx", folder / "run-again.tcx")
    paths.append(folder / "run-again.tcx")
    paths.append(_strava_export(folder / "strava"))
    expected = [
        Expected("no-sport-30kmh.gpx", Outcome.REFUSED, "states no sport and averages 30 km/h"),
        Expected("no-sport-commute.gpx", Outcome.REFUSED, "10 of its 20 minutes in motion faster"),
        Expected("one-second.fit", Outcome.REFUSED, "too short to be a run"),
        Expected("three-km-in-50-s.fit", Outcome.REFUSED, "faster than anyone runs"),
        Expected("typed-cycling.gpx", Outcome.SKIPPED, "not a run"),
        Expected("typed-hiking.gpx", Outcome.SKIPPED, "not a run"),
        Expected("few-points-timed.gpx", Outcome.REFUSED, "has a time on only 5 of its 296 points"),
        Expected("second-track-untimed.gpx", Outcome.NEW, "without a time left out"),
        Expected("made-car-drive.gpx", Outcome.REFUSED, "faster than anyone runs"),
        Expected("bad-crc.fit", Outcome.REFUSED, "checksum does not match"),
        Expected("fenix5-bike.fit", Outcome.SKIPPED, "cycling activity, not a run"),
        Expected("fenix5-walk.fit", Outcome.SKIPPED, "walking activity, not a run"),
        Expected("mapmyride-biking.tcx", Outcome.SKIPPED, "Biking activities, not runs"),
        Expected(
            "fenix2-multisport.fit", Outcome.NEW, "5 parts of another sport in this file left out"
        ),
        Expected("run.tcx", Outcome.NEW, "a run on 2016-12-11"),
        Expected("run-again.tcx", Outcome.ALREADY_THERE, "already in the journal"),
        Expected("strava › Laufen Landal Park (row 1)", Outcome.NEW, "a run on 2022-05-29"),
        Expected("strava › Zur Arbeit (row 2)", Outcome.SKIPPED, "is a Radfahrt, not a run"),
        Expected("strava › Kraft (row 3)", Outcome.REFUSED, "'Ausdauer'"),
        Expected("strava › Lauf am Morgen (row 4)", Outcome.NEW, "is not in the export"),
    ]
    return paths, expected
