"""Fuzzed imports: truncated, bit-flipped, spliced and random GPX, TCX, FIT, practice CSV and
Strava exports. Each input is imported into a fresh journal: either it is imported whole (every
session validates, has its blocks, and equals what the file holds), or it is refused or skipped
with a message that names it and says why, and the journal is byte-for-byte as it was. Never an
exception, never a hang (each input has a deadline)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.reliability.fuzzing import (
    FIXTURES,
    FUZZ,
    Campaign,
    expected_activities,
    expected_practice,
    seeds,
)
from tests.reliability.harness import record
from tests.reliability.mutations import inputs

from cadence.store.db import close_journal, open_journal

FIT = seeds(
    "running/fenix5-short-run.fit",
    "running/workout-repeat-steps.fit",
    "running/run-8-laps.fit",
    "strava-export/activities/12866632127.fit.gz",
)
GPX = seeds("running/gpx-with-empty-segment.gpx", "running/polar-m400-run.gpx")
TCX = seeds("running/cleaned/made-hr-400.tcx", "running/laps-3-run.tcx")
PRACTICE = seeds("music/practice-log.csv")
STRAVA = FIXTURES / "strava-export"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_journal(path)
    close_journal()
    yield path


def _file(name: str, data: bytes):
    def place(folder: Path) -> Path:
        target = folder / name
        target.write_bytes(data)
        return target

    return place


def _activity(path: Path):
    return expected_activities(path.read_bytes())


def _fuzz_activity(template: Path, name: str, seed_files: list[bytes], label: str) -> None:
    """`seed_files` damaged in every way (FIT: with CRCs recomputed half the time)."""
    fit = name.endswith(".fit")
    strategy = inputs(seed_files, text=not fit, fit=fit)
    campaign = Campaign(template, f"fuzz_{label}")
    tried = 0

    @FUZZ
    @given(data=strategy)
    def one(data: bytes) -> None:
        nonlocal tried
        tried += 1
        campaign.run(_file(name, data), _activity)

    one()
    record(f"fuzz_{label}", seed_files=len(seed_files), **campaign.figures(tried))


@pytest.mark.soak
def test_fuzzed_fit_files(template: Path) -> None:
    _fuzz_activity(template, "fuzz.fit", FIT, "fit")


@pytest.mark.soak
def test_fuzzed_gpx_files(template: Path) -> None:
    _fuzz_activity(template, "fuzz.gpx", GPX, "gpx")


@pytest.mark.soak
def test_fuzzed_tcx_files(template: Path) -> None:
    _fuzz_activity(template, "fuzz.tcx", TCX, "tcx")


CELL = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
ROW = st.tuples(
    st.one_of(st.sampled_from(["2024-03-01", "1.3.2024", "01/03/2024", "13/01/2024"]), CELL),
    st.one_of(st.sampled_from(["45", "1:30", "0", "-5", "9999", "abc"]), CELL),
    CELL,
    CELL,
)


@st.composite
def practice_csv(draw: st.DrawFn) -> bytes:
    """A spreadsheet written from scratch: odd dates, minutes, formulas, quotes, newlines."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.sampled_from([["Date", "Minutes", "Piece", "Notes"], ["a", "b", "c", "d"]]))
    rows = draw(st.lists(ROW, max_size=12))

    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"'

    lines = [delimiter.join(header)] + [delimiter.join(quote(c) for c in r) for r in rows]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return "\n".join(lines).encode(encoding, errors="replace")


@pytest.mark.soak
def test_fuzzed_practice_csv(template: Path) -> None:
    campaign = Campaign(template, "fuzz_practice_csv")
    tried = 0

    @FUZZ
    @given(data=st.one_of(inputs(PRACTICE, text=True), practice_csv()))
    def one(data: bytes) -> None:
        nonlocal tried
        tried += 1
        campaign.run(_file("practice.csv", data), lambda p: expected_practice(p.read_bytes()))

    one()
    record("fuzz_practice_csv", seed_files=1, **campaign.figures(tried))


@pytest.mark.soak
def test_fuzzed_strava_exports(template: Path) -> None:
    """activities.csv damaged (and sometimes the activity file it points to), in an export folder."""
    csv = (STRAVA / "activities.csv").read_bytes()
    fit_gz = STRAVA / "activities" / "12866632127.fit.gz"
    campaign = Campaign(template, "fuzz_strava_export")
    tried = 0

    @FUZZ
    @given(
        table=inputs([csv], text=True),
        activity=st.one_of(st.none(), inputs([fit_gz.read_bytes()], text=False, fit=True)),
    )
    def one(table: bytes, activity: bytes | None) -> None:
        nonlocal tried
        tried += 1

        def place(folder: Path) -> Path:
            export = folder / "export"
            shutil.copytree(STRAVA, export)
            (export / "activities.csv").write_bytes(table)
            if activity is not None:
                (export / "activities" / fit_gz.name).write_bytes(activity)
            return export

        campaign.run(place, None)

    one()
    record("fuzz_strava_export", seed_files=2, **campaign.figures(tried))
