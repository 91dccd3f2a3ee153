"""PySide6 reads the source of every module imported after it, and keeps it.

To know whether a module uses PySide6's `__feature__` switches, shiboken asks
`"PySide6" in inspect.getsource(module)` on each import (`PySide6.support.feature
._mod_uses_pyside`). `inspect.getsource` goes through `linecache`, which keeps every line of
every file it read: numpy, pyqtgraph, peewee and Cadence itself, about 19 MB of Python strings
once every view has been shown (tracemalloc, bench/bench_memory.py), a tenth of the window's
peak memory. The test is left as it is; what it read is dropped from the cache afterwards (a
traceback reads the lines it needs again). So is what it read before the wrap was installed,
when PySide6 was imported before this package (a launcher or a script that imports Qt first;
the bench did: 4 MB of the standard library's and peewee's lines).
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType


def forget_sources_read_on_import() -> bool:
    """Wrap shiboken's per-import test so that the source it read leaves `linecache` again.
    True when installed (False on a PySide6 without that test: nothing to do)."""
    feature = sys.modules.get("PySide6.support.feature")
    test = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or test is None or getattr(test, "_cadence_wrapped", False):
        return False
    uses_pyside: Callable[[ModuleType], bool] = test

    def without_keeping(module: ModuleType) -> bool:
        before = set(linecache.cache)
        try:
            return uses_pyside(module)
        finally:
            for filename in set(linecache.cache) - before:
                linecache.cache.pop(filename, None)

    setattr(without_keeping, "_cadence_wrapped", True)  # noqa: B010
    setattr(feature, "_mod_uses_pyside", without_keeping)  # noqa: B010  (a library's global)
    forget_files_read()
    return True


def forget_files_read() -> None:
    """Drop the lines `linecache` read from files, which it can read again when asked. Entries
    without a file's time (source registered by a program, e.g. code made with `exec`) stay:
    nothing could read them again."""
    for filename, entry in list(linecache.cache.items()):
        if len(entry) == 4 and entry[1] is not None:  # (size, mtime, lines, fullname)
            linecache.cache.pop(filename, None)
