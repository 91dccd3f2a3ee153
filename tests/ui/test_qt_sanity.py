"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0 drops a reference
to None on every processEvents() under Python 3.11 and crashes after a few thousand calls)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def test_process_events_keeps_none_alive(qapp) -> None:
    if sys.version_info >= (3, 12):
        return  # None is immortal from 3.12 on; the refcount says nothing there
    before = sys.getrefcount(None)
    for _ in range(200):
        QApplication.processEvents()
    assert sys.getrefcount(None) > before - 50
