"""Bad input is refused with a message naming the file and the reason; nothing of it is written,
and the rest of the batch still imports."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from imports_helpers import INVALID, RUNNING, dump, session_count

from cadence.services.imports import Outcome, import_paths
from cadence.services.imports.common import Refused
from cadence.services.imports.files import gunzip
from cadence.services.records.journal import load_session

INVALID_FILES = sorted(p for p in INVALID.iterdir() if p.is_file())

# What each message must say (lower case), so that a person knows what is wrong.
REASONS = {
    "bad-crc.fit": "checksum",
    "corrupt-header.fit": "header",
    "no-points-bom.gpx": "no recorded track points",
    "made-40-hour-run.tcx": "40 h",
    "made-car-drive.gpx": "faster than anyone runs",
    "made-empty.gpx": "empty",
    "made-future.tcx": "future",
    "made-negative-distance.tcx": "negative distance",
    "made-no-timestamps.gpx": "no timestamps",
    "made-not-xml.gpx": "not a gpx, tcx or fit file",
    "made-png-renamed.fit": "png image",
    "made-single-point.gpx": "no duration",
    "made-truncated.fit": "truncated",
    "made-truncated.tcx": "not well-formed",
    "made-truncated.tcx.gz": "truncated",
    "made-wrong-root.tcx": "<html>",
}


def test_every_invalid_fixture_has_an_expected_reason() -> None:
    assert sorted(p.name for p in INVALID_FILES) == sorted(REASONS)


@pytest.mark.parametrize("path", INVALID_FILES, ids=[p.name for p in INVALID_FILES])
def test_invalid_file_is_refused_and_the_journal_is_unchanged(journal: Path, path: Path) -> None:
    import_paths([RUNNING / "run.tcx"])  # something already there, which must stay as it is
    before = dump()
    summary = import_paths([path])
    assert summary.refused == 1 and summary.new == 0
    result = summary.results[0]
    assert result.outcome == Outcome.REFUSED
    assert path.name in result.message
    assert REASONS[path.name] in result.message.lower()
    assert dump() == before


def test_the_rest_of_the_batch_still_imports(journal: Path) -> None:
    paths = [INVALID / "bad-crc.fit", RUNNING / "run.tcx", INVALID / "made-empty.gpx"]
    summary = import_paths([*paths, RUNNING / "laps-3-run.tcx"])
    assert [r.outcome for r in summary.results] == [
        Outcome.REFUSED,
        Outcome.NEW,
        Outcome.REFUSED,
        Outcome.NEW,
    ]
    assert session_count() == 2


def test_implausible_readings_are_cleaned_with_a_note(journal: Path) -> None:
    summary = import_paths([RUNNING / "cleaned" / "made-hr-400.tcx"])
    assert summary.ok and summary.new == 1
    notes = summary.results[0].notes
    assert any("400 bpm" in n for n in notes)
    s = load_session(summary.results[0].new_ids[0])
    assert (s.avg_hr, s.max_hr) == (150, 160)  # the 400 left out of both
    assert s.blocks[0].avg_hr is None  # the lap said 400
    assert "Cleaned on import" in s.notes and "400" in s.notes


def test_a_missing_path_is_refused_by_name(journal: Path, tmp_path: Path) -> None:
    summary = import_paths([tmp_path / "nowhere.gpx"])
    assert summary.results[0].message.startswith("nowhere.gpx: refused — it does not exist")


def test_a_folder_without_activity_files_is_refused(journal: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    summary = import_paths([tmp_path])
    assert "no GPX, TCX or FIT files" in summary.results[0].message


def test_a_damaged_zip_is_refused(journal: Path, tmp_path: Path) -> None:
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    summary = import_paths([broken])
    assert summary.refused == 1
    assert "not a readable zip file" in summary.results[0].message


def test_gzip_bomb_stops_at_the_limit_with_bounded_memory() -> None:
    bomb = gzip.compress(bytes(8 * 1024 * 1024))  # 8 MB of zeros in about 8 kB
    assert len(bomb) < 64 * 1024
    with pytest.raises(Refused, match="compression bomb"):
        gunzip(bomb, limit=1024 * 1024)


def test_gzip_of_garbage_is_refused() -> None:
    with pytest.raises(Refused, match="not a valid gzip"):
        gunzip(b"\x1f\x8b" + b"\x00" * 40)
