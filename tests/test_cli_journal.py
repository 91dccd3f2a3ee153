"""The journal commands end to end: demo, export, restore, check, backup, backups, restore-backup."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.cli import main
from cadence.services.records.journal import save_session
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Session

END = "2026-03-01"


def _demo(path: Path, years: str = "0.5", seed: str = "2") -> int:
    return main(["demo", "--years", years, "--seed", seed, "--end", END, "--db", str(path)])


def _sessions(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM session").fetchone()[0]
    finally:
        conn.close()


def test_demo_writes_a_journal_and_refuses_to_write_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    assert _demo(path) == 0
    out = capsys.readouterr().out
    assert str(path) in out and "sessions" in out
    n = _sessions(path)
    assert 250 <= n <= 500
    assert _demo(path) == 1
    err = capsys.readouterr().err
    assert "already holds" in err and "--db" in err
    assert _sessions(path) == n


def test_demo_rejects_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--years", "0"], ["--years", "many"], ["--end", "1 March"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["demo", *args, "--db", str(tmp_path / "x.sqlite")])
        assert exit_info.value.code == 2
        assert "cadence demo: error:" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_export_and_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "demo.sqlite"
    assert _demo(journal) == 0
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert main(["export", "--format", "json", "--out", str(first), "--db", str(journal)]) == 0
    assert "rows from" in capsys.readouterr().out
    restored = tmp_path / "restored.sqlite"
    assert main(["restore", str(first), "--db", str(restored)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["export", "--out", str(second), "--db", str(restored)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert main(["restore", str(first), "--db", str(restored)]) == 1
    assert "already holds" in capsys.readouterr().err


def test_export_csv_and_ics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "demo.sqlite"
    assert _demo(journal) == 0
    folder = tmp_path / "tables"
    assert main(["export", "--format", "csv", "--out", str(folder), "--db", str(journal)]) == 0
    assert (folder / "session.csv").read_text(encoding="utf-8").startswith("id,discipline,kind")
    ics = tmp_path / "goals.ics"
    assert main(["export", "--format", "ics", "--out", str(ics), "--db", str(journal)]) == 0
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    capsys.readouterr()


def test_export_of_a_missing_journal_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["export", "--out", str(tmp_path / "x.json"), "--db", str(missing)]) == 1
    assert "no journal" in capsys.readouterr().err
    assert not missing.exists()


def test_restore_refuses_a_bad_file_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "cadence-journal-export", "format_version": 99}))
    target = tmp_path / "new.sqlite"
    assert main(["restore", str(bad), "--db", str(target)]) == 1
    assert "newer Cadence" in capsys.readouterr().err
    assert not target.exists()


def test_check_reports_ok_problems_and_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal.sqlite"
    open_journal(journal)
    save_session(make_session())
    close_journal()
    assert main(["check", "--db", str(journal)]) == 0
    assert capsys.readouterr().out.strip().endswith(": ok")

    conn = sqlite3.connect(journal)
    conn.execute("UPDATE session SET rpe = 42")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(journal)]) == 1
    assert "1 sessions with RPE outside 0-10" in capsys.readouterr().out

    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)
    assert main(["check", "--db", str(damaged)]) == 2
    assert "damaged or is not a Cadence journal" in capsys.readouterr().err
    assert main(["check", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert not (tmp_path / "missing.sqlite").exists()
    capsys.readouterr()


def test_backup_list_and_restore_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = tmp_path / "journal.sqlite"
    assert main(["backups", "--db", str(journal)]) == 0
    assert "No backups" in capsys.readouterr().out
    open_journal(journal)
    save_session(make_session())
    close_journal()
    assert main(["backup", "--db", str(journal)]) == 0
    made = Path(capsys.readouterr().out.strip().split(" to ")[-1])
    assert made.is_file() and made.parent == tmp_path / "journal.sqlite.backups"
    assert main(["backups", "--db", str(journal)]) == 0
    assert str(made) in capsys.readouterr().out

    open_journal(journal)  # a second session after the backup ...
    save_session(make_session())
    assert Session.select().count() == 2
    close_journal()
    assert main(["restore-backup", str(made), "--db", str(journal)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "pre-restore" in out
    assert _sessions(journal) == 1  # ... is gone with the restore, and kept in pre-restore
    kept = Path(out.strip().split("kept at ")[-1])
    assert _sessions(kept) == 2


def test_restore_backup_refuses_what_is_not_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal.sqlite"
    open_journal(journal)
    save_session(make_session())
    close_journal()
    before = journal.read_bytes()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00" * 512 + b"not sqlite")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).close()
    newer = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("CREATE TABLE session (id INTEGER PRIMARY KEY)")
    conn.close()
    for backup, message in (
        (tmp_path / "missing.sqlite", "does not exist"),
        (junk, "not a readable database"),
        (other, "not a Cadence journal"),
        (newer, "newer Cadence"),
        (journal, "the journal itself"),
    ):
        assert main(["restore-backup", str(backup), "--db", str(journal)]) == 1
        assert message in capsys.readouterr().err
    assert journal.read_bytes() == before
    assert not (tmp_path / "journal.sqlite.backups").exists()


def test_python_dash_m_cadence_runs_the_commands(tmp_path: Path) -> None:
    journal = tmp_path / "demo.sqlite"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    demo = subprocess.run(
        [
            sys.executable,
            "-m",
            "cadence",
            "demo",
            "--years",
            "0.25",
            "--end",
            END,
            "--db",
            str(journal),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert "Wrote a demo journal" in demo.stdout
    check = subprocess.run(
        [sys.executable, "-m", "cadence", "check", "--db", str(journal)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip().endswith(": ok")
