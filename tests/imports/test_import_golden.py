"""Every fixture imports to exactly the values it imported to before the importer was made
faster: each session's stored fields, its laps and the bytes of its kept track points (a hash),
and each file's line in the summary. Floats are compared exactly, not within a tolerance.

After a change that is meant to alter imported values, write the snapshot again with
`CADENCE_WRITE_GOLDEN=1` and say in the commit which values changed and why.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from imports_helpers import FIXTURES

from cadence.services.imports import import_paths
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Block, Session, Track

GOLDEN = Path(__file__).parent / "golden" / "imported-values.json"
NOW = datetime(2026, 1, 1, tzinfo=UTC)  # the refusals of "a start in the future" stay put
SKIP_SESSION = {"id", "created_at", "updated_at"}
SKIP_BLOCK = {"id", "session"}


def _items() -> list[Path]:
    """Every file under the run fixtures' folders, and the Strava export as a whole."""
    items = [
        path
        for folder in ("running", "sports", "tracks")
        for path in sorted((FIXTURES / folder).rglob("*"))
        if path.is_file()
    ]
    return [*items, FIXTURES / "strava-export"]


def _plain(value: Any) -> Any:
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return str(value)


def _snapshot(path: Path, tmp: Path) -> dict[str, Any]:
    open_journal(tmp / "journal.sqlite", quick_check=False)
    try:
        summary = import_paths([path], local_tz=UTC, now=NOW)
        sessions = []
        for session in Session.select().order_by(Session.started_at):
            row = {k: _plain(v) for k, v in session.__data__.items() if k not in SKIP_SESSION}
            row["blocks"] = [
                {k: _plain(v) for k, v in block.__data__.items() if k not in SKIP_BLOCK}
                for block in Block.select().where(Block.session == session).order_by(Block.position)
            ]
            track = Track.get_or_none(Track.session == session)
            row["track"] = (
                None
                if track is None
                else [track.points, hashlib.sha256(bytes(track.data)).hexdigest()]
            )
            sessions.append(row)
        lines = [result.line() for result in summary.results]
    finally:
        close_journal()
    return {"lines": lines, "sessions": sessions}


ITEMS = _items()


def _key(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


@pytest.mark.parametrize("path", ITEMS, ids=[_key(p) for p in ITEMS])
def test_imported_values_are_unchanged(path: Path, tmp_path: Path) -> None:
    got = _snapshot(path, tmp_path)
    if os.environ.get("CADENCE_WRITE_GOLDEN"):
        golden = json.loads(GOLDEN.read_text()) if GOLDEN.exists() else {}
        golden[_key(path)] = got
        GOLDEN.write_text(json.dumps(golden, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        pytest.skip("snapshot written")
    golden = json.loads(GOLDEN.read_text())
    assert got == golden[_key(path)]


def test_the_snapshot_covers_every_fixture() -> None:
    assert sorted(json.loads(GOLDEN.read_text())) == sorted(_key(p) for p in ITEMS)
