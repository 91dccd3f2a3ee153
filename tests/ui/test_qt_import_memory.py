"""Modules imported once the window's package is loaded do not leave their source in
linecache (shiboken reads each one to look for PySide6; ui/qt_import_memory.py)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import linecache, sys
if sys.argv[1] == "wrapped":
    import cadence.ui
else:
    import PySide6.QtCore
import mailbox, wave  # not imported by either before
kept = [name for name in linecache.cache if name.endswith(("mailbox.py", "wave.py"))]
print(len(kept))
"""


def _kept(mode: str) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def test_sources_read_on_import_are_not_kept() -> None:
    assert _kept("plain") == 2  # what PySide6 alone does: both files' lines kept
    assert _kept("wrapped") == 0


PYSIDE_FIRST = """
import linecache, sys
import PySide6.QtCore  # before the window's package, as a launcher may do
import mailbox  # read by shiboken and kept, the wrap not being there yet
linecache.cache["<made>"] = (7, None, ["x = 1\\n"], "<made>")  # source given, no file
import cadence.ui
import wave
kept = [n for n in linecache.cache if n.endswith(("mailbox.py", "wave.py"))]
print(len(kept), "<made>" in linecache.cache)
"""


def test_sources_read_before_the_wrap_are_dropped_when_it_is_installed() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PYSIDE_FIRST], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "True"]


def test_the_wrap_is_installed_once() -> None:
    from cadence.ui.qt_import_memory import forget_sources_read_on_import

    assert forget_sources_read_on_import() is False  # the package did it on import
