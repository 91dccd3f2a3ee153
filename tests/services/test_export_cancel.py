"""A cancelled export leaves nothing of itself behind, and nothing of the person's is touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.services.records.journal import save_session
from cadence.services.transfer.export import ExportCancelled, export_csv, export_json


def cancel_after(tables: int):
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > tables

    return cancelled


@pytest.mark.parametrize("tables", [0, 5, 18])  # before the first table, half-way, at the end
def test_a_cancelled_json_export_writes_no_file(journal: Path, tmp_path: Path, tables: int) -> None:
    save_session(make_session(title="Scales"))
    out = tmp_path / "out" / "journal.json"
    out.parent.mkdir()
    (out.parent / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        export_json(out, cancelled=cancel_after(tables))
    assert [p.name for p in out.parent.iterdir()] == ["mine.txt"]  # no file, no temporary one


def test_a_cancelled_csv_export_takes_its_tables_away(journal: Path, tmp_path: Path) -> None:
    save_session(make_session(title="Scales"))
    made = tmp_path / "new-folder"
    with pytest.raises(ExportCancelled):
        export_csv(made, cancelled=cancel_after(6))
    assert not made.exists()  # the folder it made goes too

    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "mine.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        export_csv(kept, cancelled=cancel_after(6))
    assert [p.name for p in kept.iterdir()] == ["mine.csv"]
    summary = export_csv(kept, cancelled=lambda: False)  # not cancelled: every table
    assert len(list(kept.glob("*.csv"))) == len(summary.counts) + 1
