"""Reliability tests: crashes, drafts, fuzzed imports, migrations, damaged files, privacy.

`CADENCE_SOAK=1` runs the same tests at soak scale (see harness.py). The `soak` marker names the
tests whose scale follows that switch, so `-m soak` runs just them.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "soak: reliability test that runs longer with CADENCE_SOAK=1 (make soak)"
    )
