"""When the journal is damaged, the app says so, names the latest backup and offers to restore it;
restoring keeps the damaged file's bytes and opens the backup (src/cadence/ui/app.py)."""

from __future__ import annotations

import random
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.reliability.children.payload import session_for
from tests.reliability.damage import garbage_pages

from cadence.services.records.journal import save_session
from cadence.store.backup import backup_now
from cadence.store.db import close_journal, current_path
from cadence.store.db import open_journal as open_store
from cadence.store.models import Session, database
from cadence.ui.app import open_or_explain

RESTORE = "Restore latest backup"
# The offscreen platform cannot pass a message box's size hints on; harmless, and not the app's.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _journal_with_backup(path: Path, sessions: int, in_backup: int) -> Path:
    open_store(path)
    try:
        for number in range(sessions):
            save_session(session_for(number, 0))
            if number + 1 == in_backup:
                backup = backup_now(path, "manual")
    finally:
        close_journal()
    return backup


def _answer(qtbot, choose: Callable[[QMessageBox], object], seen: list[QMessageBox]) -> None:
    """When the message box is up, remember it and press the button `choose` picks. Should no
    box come within 20 s, every modal window is closed, so the test fails instead of hanging."""
    deadline = time.monotonic() + 20

    def press() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        if boxes:
            seen.append(boxes[-1])
            choose(boxes[-1]).click()
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, press)
        else:
            while (modal := QApplication.activeModalWidget()) is not None:
                modal.close()

    QTimer.singleShot(0, press)


def _button(text: str) -> Callable[[QMessageBox], object]:
    def pick(box: QMessageBox) -> object:
        matches = [b for b in box.buttons() if b.text() == text]
        assert matches, f"no button {text!r}: {[b.text() for b in box.buttons()]}"
        return matches[0]

    return pick


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, Path, bytes]:
    path = tmp_path / "journal.sqlite"
    backup = _journal_with_backup(path, sessions=60, in_backup=40)
    data = garbage_pages(path.read_bytes(), random.Random(3))
    path.write_bytes(data)
    return path, backup, data


def test_restore_latest_backup_opens_it_and_keeps_the_damaged_bytes(qtbot, damaged) -> None:
    path, backup, data = damaged
    seen: list[QMessageBox] = []
    _answer(qtbot, _button(RESTORE), seen)
    try:
        assert open_or_explain(path)
        assert current_path() == path.resolve() and not database.is_closed()
        assert Session.select().count() == 40  # what the backup held
    finally:
        close_journal()
    (box,) = seen
    assert "damaged" in box.text() and str(backup) in box.text()
    (kept,) = [p for p in Path(f"{path}.backups").iterdir() if p.name.startswith("pre-restore")]
    # kept page by page (SQLite's backup copies even damaged pages); only the header's change
    # counter differs
    assert len(kept.read_bytes()) == len(data) and kept.read_bytes()[100:] == data[100:]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_closing_the_message_leaves_the_damaged_file_alone(qtbot, damaged) -> None:
    path, _, data = damaged
    seen: list[QMessageBox] = []
    _answer(qtbot, lambda box: box.button(QMessageBox.StandardButton.Close), seen)
    assert not open_or_explain(path)
    assert len(seen) == 1 and path.read_bytes() == data
    assert not any(p.name.startswith("pre-restore") for p in Path(f"{path}.backups").iterdir())


def test_without_a_backup_the_message_says_so_and_offers_none(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    seen: list[QMessageBox] = []
    _answer(qtbot, lambda box: box.button(QMessageBox.StandardButton.Close), seen)
    assert not open_or_explain(path)
    (box,) = seen
    assert "No backup was found" in box.text()
    assert RESTORE not in [b.text() for b in box.buttons()]


def test_a_file_sqlite_cannot_read_at_all_is_kept_byte_for_byte(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    _journal_with_backup(path, sessions=10, in_backup=10)
    data = random.Random(5).randbytes(100) + path.read_bytes()[100:]  # header gone
    path.write_bytes(data)
    _answer(qtbot, _button(RESTORE), [])
    try:
        assert open_or_explain(path)
        assert Session.select().count() == 10
    finally:
        close_journal()
    folder = Path(f"{path}.backups")
    (kept,) = [p for p in folder.iterdir() if p.name.startswith("pre-restore-raw-")]
    assert kept.read_bytes() == data
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_failed_copy_leaves_no_partial_file_among_the_backups(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    _journal_with_backup(path, sessions=3, in_backup=3)
    path.write_bytes(b"not a database at all" * 500)
    _answer(qtbot, _button(RESTORE), [])
    try:
        assert open_or_explain(path)
    finally:
        close_journal()
    names = [p.name for p in Path(f"{path}.backups").iterdir()]
    assert not [n for n in names if n.endswith(".partial")], names


def test_an_emptied_journal_is_not_started_afresh_but_its_backup_offered(
    qtbot, tmp_path: Path
) -> None:
    """A journal cut to 0 bytes (a full disk, a bad copy) with backups beside it: the app says
    so and offers the newest backup, instead of opening an empty journal in its place."""
    path = tmp_path / "journal.sqlite"
    backup = _journal_with_backup(path, sessions=12, in_backup=12)
    path.write_bytes(b"")
    seen: list[QMessageBox] = []
    _answer(qtbot, _button(RESTORE), seen)
    try:
        assert open_or_explain(path)
        assert Session.select().count() == 12
    finally:
        close_journal()
    (box,) = seen
    assert "empty" in box.text() and str(backup) in box.text()
