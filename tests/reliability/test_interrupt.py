"""Ctrl-C in the terminal the app was started from closes it cleanly, keeping what was typed."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.reliability.children.interrupt_me import INTENTION
from tests.reliability.harness import finish, spawn, wait_for_line

from cadence.services.records import days
from cadence.store.db import close_journal, open_journal


def test_ctrl_c_closes_the_window_and_keeps_the_draft(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite"
    open_journal(journal)
    close_journal()
    child = spawn("interrupt_me.py", str(journal), str(tmp_path / "window.ini"))
    wait_for_line(child, "typed", timeout=60)
    child.send_signal(signal.SIGINT)
    out, _ = finish(child, timeout=30)  # before: Ctrl-C was ignored, the loop ran on
    assert out.splitlines()[-1] == "closed"
    open_journal(journal)
    try:
        drafts = [days.load_draft(key) for key in days.draft_keys()]
    finally:
        close_journal()
    assert any(INTENTION in str(d) for d in drafts), drafts
