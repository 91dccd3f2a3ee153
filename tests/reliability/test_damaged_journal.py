"""A damaged journal is found out when it is opened, is not changed, and the message names the
latest backup (the app then offers to restore it: test_restore_offer.py)."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from peewee import DatabaseError
from tests.conftest import make_session
from tests.reliability.children.payload import session_for
from tests.reliability.damage import ANY, STRUCTURAL, damage
from tests.reliability.harness import record, scale

from cadence.domain.records import BlockData
from cadence.services.records.journal import load_session, save_session
from cadence.store.backup import backup_now, daily_backup
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.errors import CorruptJournalError
from cadence.store.models import Session


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A journal of 120 sessions (about 2 MB) with a daily and a newer manual backup."""
    path = tmp_path_factory.mktemp("healthy") / "journal.sqlite"
    open_journal(path)
    try:
        for number in range(120):
            save_session(session_for(number, 0))
        daily_backup(path)
        latest = backup_now(path, "manual")
    finally:
        close_journal()  # the last connection checkpoints: everything is in the main file
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the refused open wrote to its WAL"
    return path, latest


def _copy(healthy: tuple[Path, Path], target: Path) -> Path:
    path, _ = healthy
    target.write_bytes(path.read_bytes())
    backups = Path(f"{path}.backups")
    copied = Path(f"{target}.backups")
    copied.mkdir()
    for b in sorted(backups.iterdir(), key=lambda p: p.stat().st_mtime):
        (copied / b.name).write_bytes(b.read_bytes())
    return target


@pytest.mark.parametrize("kind", list(STRUCTURAL))
def test_structural_damage_is_refused_untouched_naming_the_latest_backup(
    tmp_path: Path, healthy: tuple[Path, Path], kind: str
) -> None:
    path = _copy(healthy, tmp_path / "journal.sqlite")
    latest = Path(f"{path}.backups") / healthy[1].name
    damaged = damage(path, STRUCTURAL[kind], random.Random(kind))
    with pytest.raises(CorruptJournalError) as info:
        open_journal(path)
    assert info.value.latest_backup == latest
    assert str(latest) in str(info.value) and "It has not been changed" in str(info.value)
    assert path.read_bytes() == damaged
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the refused open wrote to its WAL"


@pytest.mark.soak
def test_random_damage_is_refused_or_found_never_a_crash(
    tmp_path: Path, healthy: tuple[Path, Path]
) -> None:
    """Any damage: opening either refuses the file (unchanged) with CorruptJournalError, or opens
    it; then the integrity report or reading the sessions finds what is wrong, or the damage fell
    where SQLite cannot see it (inside a text, in free space), which no check without checksums
    can find. Never another exception from open_journal."""
    trials = scale(60, 2000)
    rng = random.Random(11)
    outcome: Counter[str] = Counter()
    template = _copy(healthy, tmp_path / "template.sqlite")
    for trial in range(trials):
        kind = rng.choice(list(ANY))
        path = tmp_path / f"t{trial}.sqlite"
        path.write_bytes(template.read_bytes())
        damaged = damage(path, ANY[kind], rng)
        try:
            open_journal(path)
        except CorruptJournalError:
            assert path.read_bytes() == damaged
            outcome["refused at open"] += 1
            path.unlink()
            continue
        try:
            try:
                found = integrity_report()
            except (sqlite3.DatabaseError, DatabaseError):
                # a bug kept by test_damage_only_the_full_check_finds_is_reported_not_raised
                outcome["opened; integrity check raises"] += 1
                continue
            if found:
                outcome["opened; integrity report names the damage"] += 1
                continue
            try:
                for row in Session.select(Session.id):
                    load_session(row.id)
            except (sqlite3.DatabaseError, ValueError, KeyError) as exc:
                outcome[f"opened; reading fails ({type(exc).__name__})"] += 1
            else:
                outcome["opened; damage not visible to SQLite"] += 1
        finally:
            close_journal()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    record(
        "damaged_journal",
        damaged_files=trials,
        damage_kinds=sorted(ANY),
        **{k.replace(" ", "_").replace(";", ""): v for k, v in sorted(outcome.items())},
        other_exceptions_at_open=0,
    )


def _index_damage_only_the_full_check_sees(path: Path) -> bytes:
    """`path`'s bytes with one bit flipped inside an index record, chosen so that quick_check
    (what opening runs) passes and the full integrity_check fails: as the random campaign met."""
    data = path.read_bytes()
    conn = sqlite3.connect(path)
    try:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'block_passage_id'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    page = (root - 1) * page_size
    assert data[page] == 0x0A, "the index should fit in one leaf page"
    content = page + int.from_bytes(data[page + 5 : page + 7], "big")
    probe = path.with_name("probe.sqlite")
    for offset in range(content, page + page_size):
        for bit in range(8):
            flipped = bytearray(data)
            flipped[offset] ^= 1 << bit
            probe.write_bytes(flipped)
            conn = sqlite3.connect(probe)
            try:
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    continue
                conn.execute("PRAGMA integrity_check").fetchall()
            except sqlite3.DatabaseError:
                if conn.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                    return bytes(flipped)
            finally:
                conn.close()
    raise AssertionError("no such damage found")


def test_damage_only_the_full_check_finds_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    open_journal(path)
    try:
        for _ in range(40):
            save_session(make_session(blocks=[BlockData(f"b{i}") for i in range(3)]))
    finally:
        close_journal()
    path.write_bytes(_index_damage_only_the_full_check_sees(path))
    open_journal(path)  # quick_check does not decode index records: it opens
    try:
        problems = integrity_report()
    finally:
        close_journal()
    assert problems, "the damage the full check meets must be reported as a problem"
