"""Nothing to import is said, never met with silence. The Strava fuzzing found an export whose
activities.csv lists no activity answered with no item and no message ("0 new, 0 already there,
0 refused, 0 skipped"); it is now refused with its reason, as an empty folder is."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.reliability.fuzzing import FIXTURES

from cadence.services.imports import Outcome, import_paths


def test_a_folder_with_nothing_to_import_is_refused_with_its_reason(journal: Path, tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (result,) = import_paths([empty]).results
    assert result.outcome == Outcome.REFUSED and "no GPX, TCX or FIT" in result.reason


def test_an_export_listing_no_activity_says_so(journal: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "strava-export", export)
    header = (export / "activities.csv").read_bytes().split(b"\n", 1)[0]
    (export / "activities.csv").write_bytes(header + b"\n")
    summary = import_paths([export])
    assert summary.results, summary.headline()
    assert summary.results[0].outcome == Outcome.REFUSED
