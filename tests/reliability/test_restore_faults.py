"""Restoring a backup loses nothing, whatever happens on the way: a kill at any step, a full
disk, another process holding the journal.

The journal restored over holds sessions in its WAL that are not yet in its main file (as after
any day of use), so that a restore which lets go of the WAL before the new file is in place shows
up as lost sessions.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability.children.payload import parse_title, session_for
from tests.reliability.harness import SOAK, child_env, finish, record, spawn, wait_for_line

from cadence.services.records.journal import save_session
from cadence.store.backup import list_backups, restore_backup
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.errors import JournalInUseError
from cadence.store.files import sqlite_uri, sweep_temporaries
from cadence.store.models import Session
from cadence.store.paths import backup_dir_for, lock_file_path

OLD = set(range(50))  # 30 in the main file, 20 only in the WAL
NEW = set(range(100, 110))


def _numbers(path: Path) -> set[int]:
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        return {parse_title(t)[0] for (t,) in conn.execute("SELECT title FROM session")}
    finally:
        conn.close()


def _journal_with_wal(folder: Path) -> Path:
    folder.mkdir(parents=True)
    journal = folder / "journal.sqlite"
    open_journal(journal)
    try:
        for number in range(30):
            save_session(session_for(number, 0))
    finally:
        close_journal()
    finish(spawn("leave_wal.py", str(journal), "sessions", "30", "20"), timeout=60)
    assert Path(f"{journal}-wal").stat().st_size > 0
    return journal


def _backup(path: Path) -> Path:
    open_journal(path)
    try:
        for number in sorted(NEW):
            save_session(session_for(number, 0))
    finally:
        close_journal()
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists()
    return path


def _state_after(journal: Path) -> str:
    """'old' or 'new': the journal as the next start finds it, whole either way. A restored
    journal's previous contents are kept, whole, as a pre-restore backup; nothing but
    recognisable temporary files is left over (and those are swept)."""
    folder = backup_dir_for(journal)
    sweep_temporaries(journal.parent, older_than=0)
    sweep_temporaries(folder, older_than=0)
    open_journal(journal)
    try:
        assert integrity_report() == []
        numbers = {parse_title(t)[0] for (t,) in Session.select(Session.title).tuples()}
    finally:
        close_journal()
    left = sorted(p.name for p in journal.parent.iterdir())
    assert set(left) <= {journal.name, f"{journal.name}-wal", f"{journal.name}-shm", folder.name}
    if folder.exists():
        assert all(p.suffix == ".sqlite" for p in folder.iterdir()), list(folder.iterdir())
    if numbers == OLD:
        return "old"
    assert numbers == NEW, f"neither the old journal nor the backup: {sorted(numbers)}"
    kept = [p for p in list_backups(journal) if p.name.startswith("pre-restore")]
    assert len(kept) == 1 and _numbers(kept[0]) == OLD
    return "new"


@pytest.fixture
def template(tmp_path: Path) -> Path:
    _journal_with_wal(tmp_path / "template")
    return tmp_path / "template"


@pytest.mark.soak
def test_a_kill_at_any_step_of_a_restore_leaves_the_old_journal_or_the_new_one_whole(
    tmp_path: Path, template: Path
) -> None:
    """The restore is killed at every call it makes into C (each file operation, each SQLite
    statement), before it and after it, one trial per step, until a restore finishes."""
    backup = _backup(tmp_path / "backup.sqlite")
    work = tmp_path / "work"
    work.mkdir()
    child = spawn("restore_and_die.py", str(template), str(work), str(backup), "all")
    out, _ = finish(child, timeout=300)
    steps = [json.loads(line) for line in out.splitlines()]
    assert steps[-1]["killed"] is False and all(s["killed"] for s in steps[:-1])
    states = {"old": 0, "new": 0}
    for step in steps:
        states[_state_after(work / f"trial-{step['step']}" / "journal.sqlite")] += 1
    assert states["new"] >= 1 and states["old"] >= 1
    record(
        "restore_kills",
        kill_points=len(steps) - 1,
        old_journal_whole=states["old"],
        restored_whole=states["new"] - 1,
        sessions_lost=0,
        partial_files_left_unrecognised=0,
    )


def _restore_cli(journal: Path, backup: Path, limit: int | None = None):
    def limited() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "cadence", "restore-backup", str(backup), "--db", str(journal)],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limited,
    )


def test_a_restore_that_runs_out_of_space_leaves_the_journal_as_it_was(
    tmp_path: Path, template: Path
) -> None:
    """The files a process may write are capped (RLIMIT_FSIZE: a write past the cap fails, as
    on a full disk) at sizes that stop the restore at each of its writes: it ends with one line
    and a non-zero exit, and the journal is as it was; or it succeeds whole."""
    backup = _backup(tmp_path / "backup.sqlite")
    outcomes = []
    size = backup.stat().st_size
    for limit in (0, 4096, size // 2, size - 1):
        folder = tmp_path / f"limit-{limit}"
        shutil.copytree(template, folder)
        done = _restore_cli(folder / "journal.sqlite", backup, limit)
        if done.returncode:
            assert "Traceback" not in done.stderr, done.stderr
            assert len(done.stderr.strip().splitlines()) == 1, done.stderr
            assert _state_after(folder / "journal.sqlite") == "old"
        else:
            assert _state_after(folder / "journal.sqlite") == "new"
        outcomes.append(done.returncode)
    assert all(outcomes), "every cap is below the size of the new file: all must fail"
    record("restore_out_of_space", caps=4, refused_with_old_journal_whole=len(outcomes))


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


def test_a_restore_onto_a_full_disk_leaves_the_journal_as_it_was(
    tmp_path: Path, template: Path
) -> None:
    """A real full disk (a small tmpfs): the journal and its WAL fill it so that the backup
    cannot be written beside them."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "3m"):
        pytest.skip("cannot mount a tmpfs here (not root, or no mount); the RLIMIT test covers it")
    try:
        shutil.copytree(template, disk / "j")
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"x" * max(0, free - 64 * 1024))
        big = _backup(tmp_path / "backup.sqlite")
        done = _restore_cli(disk / "j" / "journal.sqlite", big)
        assert done.returncode != 0
        assert "disk is full" in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert _state_after(disk / "j" / "journal.sqlite") == "old"
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_journal_another_process_has_open_is_not_replaced(tmp_path: Path, template: Path) -> None:
    """A `cadence import` or another window has the journal open: the restore refuses, names
    who has it, and the other process's later writes land in the journal (not in a file that
    was taken away from under it)."""
    journal = template / "journal.sqlite"
    backup = _backup(tmp_path / "backup.sqlite")
    holder = spawn("hold_open.py", str(journal), talk=True)
    try:
        wait_for_line(holder, "open", timeout=60)
        with pytest.raises(JournalInUseError, match="another program"):
            restore_backup(backup, journal)
        assert holder.stdin is not None
        holder.stdin.write("save 60\n")
        holder.stdin.flush()
        wait_for_line(holder, "saved", timeout=60)
    finally:
        finish(holder, timeout=60)  # its stdin closed: it closes the journal and ends
    assert _numbers_after_open(journal) == OLD | {60}
    assert not [p for p in list_backups(journal) if p.name.startswith("pre-restore")]


def _numbers_after_open(journal: Path) -> set[int]:
    open_journal(journal)
    try:
        return {parse_title(t)[0] for (t,) in Session.select(Session.title).tuples()}
    finally:
        close_journal()


def test_a_journal_open_in_a_window_is_not_replaced(
    tmp_path: Path, template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's single-instance lock names the process: the refusal says which."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    journal = template / "journal.sqlite"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_file_path(journal).write_text(f"{sleeper.pid}\ncadence\nhost\n")
        done = _restore_cli(journal, _backup(tmp_path / "backup.sqlite"))
    finally:
        sleeper.kill()
        sleeper.wait()
    assert done.returncode == 1
    assert f"a Cadence window (process {sleeper.pid})" in done.stderr
    assert _numbers_after_open(journal) == OLD


@pytest.mark.soak
@pytest.mark.skipif(not SOAK, reason="soak only")
def test_a_kill_at_any_step_of_restoring_over_an_unreadable_journal(
    tmp_path: Path, template: Path
) -> None:
    """The journal restored over cannot be read by SQLite at all (its header overwritten): after
    a kill at any step it is still there byte for byte, or the backup is in its place and the
    damaged bytes (and its WAL) are kept among the backups."""
    journal = template / "journal.sqlite"
    open_journal(journal)  # the WAL folded in (a WAL holding page 1 would make it readable)
    close_journal()
    damaged = b"\x00" * 100 + journal.read_bytes()[100:]
    journal.write_bytes(damaged)
    backup = _backup(tmp_path / "backup.sqlite")
    work = tmp_path / "work"
    work.mkdir()
    child = spawn("restore_and_die.py", str(template), str(work), str(backup), "all")
    steps = [json.loads(line) for line in finish(child, timeout=600)[0].splitlines()]
    kept = replaced = 0
    for step in steps:
        path = work / f"trial-{step['step']}" / "journal.sqlite"
        sweep_temporaries(path.parent, older_than=0)
        sweep_temporaries(backup_dir_for(path), older_than=0)
        if path.read_bytes() == damaged:
            kept += 1
            continue
        assert _numbers(path) == NEW
        raw = [p for p in backup_dir_for(path).iterdir() if p.name.startswith("pre-restore-raw")]
        assert any(p.read_bytes() == damaged for p in raw), raw
        replaced += 1
    record("restore_kills_unreadable", kill_points=len(steps) - 1, kept=kept, replaced=replaced)
