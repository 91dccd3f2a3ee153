"""The import tests that take `journal` run on a journal file and, for the modules below, on a
journal on the test PostgreSQL server too (the same machinery as tests/services/conftest.py)."""

from __future__ import annotations

import pytest
from tests.services.conftest import journal, parametrize_engines

__all__ = ["journal"]

ON_BOTH_ENGINES = {
    "test_export_ics",
    "test_import_dedup",
    "test_import_formats",
    "test_import_music_csv",
    "test_import_strava",
    "test_import_track",
    "test_import_truth",
    "test_practice_csv_batches",
    "test_import_progress",
    "test_import_special_files",
    "test_import_invalid",
    "test_import_fixtures",
    "test_import_hostile_xml",
    "test_import_strava_languages",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_engines(metafunc, ON_BOTH_ENGINES)
