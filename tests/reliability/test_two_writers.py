"""Two writers at once — two `cadence import` into one journal, or an import while the app
saves — both land whole: a write transaction waits for the other instead of failing with
"database is locked"."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.reliability.harness import finish, record, spawn, wait_for_line

from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.models import Session

FILES, ROWS = 12, 15


def _practice_csvs(folder: Path, first_day: date) -> list[Path]:
    folder.mkdir()
    paths = []
    for f in range(FILES):
        lines = ["Date,Minutes,Piece,Notes"]
        for r in range(ROWS):
            day = first_day + timedelta(days=f * ROWS + r)
            lines.append(f"{day.isoformat()},{20 + r},Etude {folder.name} {f}-{r},row {r}")
        path = folder / f"log-{f}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_two_imports_at_once_both_land_whole(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    open_journal(journal)
    close_journal()
    a = _practice_csvs(tmp_path / "a", date(2020, 1, 1))
    b = _practice_csvs(tmp_path / "b", date(2022, 1, 1))
    children = [
        spawn("import_now.py", str(journal), *map(str, files), talk=True) for files in (a, b)
    ]
    for child in children:
        wait_for_line(child, "ready", timeout=60)
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [json.loads(finish(child, timeout=120)[0].splitlines()[-1]) for child in children]
    assert [r["refused"] for r in results] == [[], []]
    assert [r["new"] for r in results] == [FILES * ROWS, FILES * ROWS]
    open_journal(journal)
    try:
        assert integrity_report() == []
        assert Session.select().count() == 2 * FILES * ROWS
    finally:
        close_journal()
    record("two_writers", imports_at_once=2, files_each=FILES, sessions=2 * FILES * ROWS, lost=0)
