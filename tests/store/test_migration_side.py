"""Schema v5: a stop-point's body area gets a side. Every older journal's stop-points upgrade to
'none' with every other value kept, and a side can be saved in the upgraded file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cadence.domain.enums import BodyArea, BodySide
from cadence.services.records.journal import load_session, save_session
from cadence.store.db import close_journal, open_journal
from cadence.store.models import StopPoint

DATA = Path(__file__).parent.parent / "data"
OLD = "id, session_id, block_id, reason, body_area, severity, action, note, elapsed_s, rep_index"


def _rows(path: Path, columns: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {columns} FROM stop_point ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_an_older_journal_upgrades_its_stop_points_to_no_side(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"journal-v{version}.sqlite", path)
    before = _rows(path, OLD)
    assert before  # the file has stop-points to carry over
    open_journal(path)
    try:
        assert _rows(path, f"{OLD}, side") == [(*row, "none") for row in before]
        stop_row = StopPoint.select().order_by(StopPoint.id).first()
        data = load_session(stop_row.session_id)
        assert all(s.side == BodySide.NONE for s in data.stop_points)
        data.stop_points[0].body_area = BodyArea.WRISTS
        data.stop_points[0].side = BodySide.LEFT
        save_session(data)
        again = load_session(stop_row.session_id)
        assert (again.stop_points[0].body_area, again.stop_points[0].side) == (
            BodyArea.WRISTS,
            BodySide.LEFT,
        )
    finally:
        close_journal()
