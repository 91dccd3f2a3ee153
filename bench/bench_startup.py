"""Cold start to the first painted main window, against a bare PySide6 + pyqtgraph window.

    .venv/bin/python bench/bench_startup.py [--years 1 10 30] [--repeat 7]

Both sides are fresh child processes (`python -c SCRIPT`), timed by the parent as the wall-clock
time from spawning the child to the child's exit; the child exits (os._exit) as soon as its main
window has had its first paint, so the figure is interpreter start + imports + building the
window + the first paint, with nothing subtracted and no teardown added.

- floor: a QMainWindow with a menu, a status bar and a pyqtgraph PlotWidget holding one curve,
  1280x820, shown on the same platform (offscreen);
- the app: `cadence --db JOURNAL` through `cadence.cli.main`, exactly as the launcher runs it
  (logging, single-instance lock, opening the journal, the main window, the daily backup
  thread), on a private copy of the demo journal closed cleanly by the last window (so its
  page check is skipped, store/clean_close.py). Two cases:
  "second start of the day" (today's backup exists, as on most starts) and "first start of the
  day" (no backup yet: the backup thread copies the journal while the window paints).

"First paint" is the first QEvent.Paint the main window receives; the child leaves from a
zero-delay timer after it, i.e. once the whole window has been painted in that pass. Runs of the
floor and the app alternate so that other load on the machine slows both alike; medians.
The child's CPU time (user + system, from wait4) is reported too: on a busy machine it moves far
less than wall-clock time. The app child also records when it finished importing, opening the journal and building the
window (for finding what grows), and its peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    Figure,
    PartResult,
    child_env,
    column_name,
    compile_sources,
    demo_journal,
    interleaved_medians,
    median,
    stopwatch_ms,
    working_copy,
)

TIMEOUT_S = 180.0

# Shared by both children: marks in ms since the script began, and the exit after the first
# paint of the watched window.
WATCH = """
import json, os, sys, time
T0 = time.perf_counter()
MARKS = {}
def mark(name):
    MARKS.setdefault(name, round((time.perf_counter() - T0) * 1000, 2))
from PySide6.QtCore import QEvent, QObject, QTimer
def finish():
    import resource
    mark("painted")
    MARKS["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    sys.stdout.write(json.dumps(MARKS) + "\\n")
    sys.stdout.flush()
    os._exit(0)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in MARKS:
            mark("paint")
            QTimer.singleShot(0, finish)
        return False
WATCH = FirstPaint()
"""

BARE = (
    WATCH
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
mark("imported")
app = QApplication([sys.argv[0]])
window = QMainWindow()
window.menuBar().addMenu("&File")
plot = pg.PlotWidget()
plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
window.setCentralWidget(plot)
window.statusBar().showMessage("ready")
window.resize(1280, 820)
window.installEventFilter(WATCH)
mark("window_built")
window.show()
app.exec()
"""
)

# The launcher's own path; the two wrappers only take times and watch the window.
APP = (
    WATCH
    + """
import cadence.cli
import cadence.ui.app as app_module
import cadence.ui.main_window as main_window
mark("imported")
_open = app_module.open_journal
def timed_open(*args, **kwargs):
    mark("open_start")
    result = _open(*args, **kwargs)
    mark("opened")
    return result
app_module.open_journal = timed_open
_init = main_window.MainWindow.__init__
def timed_init(self, *args, **kwargs):
    mark("window_start")
    _init(self, *args, **kwargs)
    mark("window_built")
    self.installEventFilter(WATCH)
main_window.MainWindow.__init__ = timed_init
sys.exit(cadence.cli.main(["--db", sys.argv[1]]))
"""
)


@dataclass(frozen=True)
class ChildRun:
    wall_ms: float
    marks: dict[str, float]
    maxrss_mb: float  # the child's peak resident set, from wait4
    cpu_ms: float  # the child's user + system CPU time, from wait4


def run_child(script: str, args: list[str], env: dict[str, str]) -> ChildRun:
    """Run `python -c script args`, wall-clock from spawn to exit; its own rusage via wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=out, stderr=err, env=env
        )
        timer = threading.Timer(TIMEOUT_S, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall_ms = (time.perf_counter() - started) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode(errors="replace").strip().splitlines()
        if process.returncode != 0 or not lines:
            raise RuntimeError(
                f"the child exited with {process.returncode} before painting a window:\n"
                + err.read().decode(errors="replace")[-2000:]
            )
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
    return ChildRun(wall_ms, json.loads(lines[-1]), usage.ru_maxrss / 1024, cpu_ms)


class StartupBench:
    """A private home for the children and a working copy of each journal."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = child_env(folder / "home")

    def journal(self, years: float) -> Path:
        return working_copy(demo_journal(years), self.folder / f"{years:g}y")

    def bare(self) -> ChildRun:
        return run_child(BARE, [], self.env)

    def app(
        self, path: Path, first_of_day: bool, script: str = APP, extra: list[str] | None = None
    ) -> ChildRun:
        backups = path.with_name(path.name + ".backups")
        if first_of_day:
            for daily in backups.glob("daily-*.sqlite"):
                daily.unlink()
        elif not any(backups.glob("daily-*.sqlite")):
            from cadence.store.backup import daily_backup

            daily_backup(path)  # as the day's first start left it
        closed_cleanly(path)
        return run_child(script, [str(path), *(extra or [])], self.env)


def closed_cleanly(path: Path) -> None:
    """The journal as the last window left it: closed, its WAL folded in, and marked (the child
    leaves by os._exit after its first paint, so it never closes the journal itself). A start
    after a crash or another program's write checks every page instead: the details' quick_check
    row is that cost."""
    from cadence.store import clean_close
    from cadence.store.db import close_journal, open_journal

    if not clean_close.matches(path):
        open_journal(path, quick_check=False)
        close_journal()
        clean_close.record(path)


SECOND = "start-up (second start of the day)"
FIRST = "start-up (first start: daily backup)"
CPU = "start-up, CPU time (second start)"


def measure(years: list[float], repeat: int, folder: Path) -> PartResult:
    """Medians of `repeat` interleaved runs per journal size; details: the app's steps."""
    compile_sources()
    bench = StartupBench(folder)
    bench.bare()  # the first run of anything fills the OS caches; not counted
    result = PartResult()
    paths = {size: bench.journal(size) for size in years}
    for path in paths.values():
        bench.app(path, first_of_day=False)  # warm: the journal's pages in the OS cache
    bare: dict[float, list[ChildRun]] = {size: [] for size in years}
    again: dict[float, list[ChildRun]] = {size: [] for size in years}
    first: dict[float, list[ChildRun]] = {size: [] for size in years}
    # Every size in every round (bare, app, app first of the day; then the next size), so a
    # machine that slows down or speeds up during the run moves every column alike: the
    # "30 years against 1" goal compares app runs made side by side, not minutes apart.
    for _ in range(repeat):
        for size, path in paths.items():
            bare[size].append(bench.bare())
            again[size].append(bench.app(path, first_of_day=False))
            first[size].append(bench.app(path, first_of_day=True))
    for size in years:
        column = column_name(size)
        floor = median(r.wall_ms for r in bare[size])
        result.add(SECOND, column, Figure(median(r.wall_ms for r in again[size]), floor))
        result.add(FIRST, column, Figure(median(r.wall_ms for r in first[size]), floor))
        # CPU time is less disturbed by other work on a shared machine than wall-clock time
        cpu_floor = median(r.cpu_ms for r in bare[size])
        result.add(CPU, column, Figure(median(r.cpu_ms for r in again[size]), cpu_floor))
        result.details[f"start-up steps, {column} (median ms)"] = phases(again[size], bare[size])
    return result


def open_costs(years: list[float], repeat: int, folder: Path) -> PartResult:
    """What opening a journal costs in proportion to its size (a detail, not a ratio): SQLite's
    quick_check that open_journal runs, the open itself, the status bar's line, the daily backup."""
    import sqlite3

    from cadence.store.backup import daily_backup
    from cadence.store.db import close_journal, open_journal
    from cadence.store.paths import backup_dir_for
    from cadence.ui.status import week_summary_text

    result, steps = PartResult(), {}
    for size in years:
        path = working_copy(demo_journal(size), folder / column_name(size))

        def quick_check(path: Path = path) -> None:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                connection.execute("PRAGMA quick_check").fetchone()
            finally:
                connection.close()

        def backup(path: Path = path) -> None:
            shutil.rmtree(backup_dir_for(path), ignore_errors=True)
            daily_backup(path)

        def cold_quick_check(path: Path = path) -> None:
            evict_from_page_cache(path)
            quick_check(path)

        jobs = {
            "PRAGMA quick_check": quick_check,
            "PRAGMA quick_check, file not in the page cache": cold_quick_check,
            "open_journal(quick_check=True)": lambda path=path: open_then_close(path, True),
            "open_journal(quick_check=False)": lambda path=path: open_then_close(path, False),
            "daily backup (on a worker thread)": backup,
        }
        times = interleaved_medians(
            {name: lambda job=job: stopwatch_ms(job) for name, job in jobs.items()}, repeat
        )
        open_journal(path, quick_check=False)
        try:
            week_summary_text()  # warm
            times["status bar line (week totals, streak)"] = median(
                stopwatch_ms(week_summary_text) for _ in range(repeat)
            )
        finally:
            close_journal()
        times["file size (MB)"] = path.stat().st_size / 1_048_576
        for name, value in times.items():
            steps.setdefault(name, {})[column_name(size)] = value
    result.details["work at open that grows with the journal (median ms)"] = steps
    return result


def evict_from_page_cache(path: Path) -> None:
    """Drop this file's pages from the OS cache (as after a reboot); no-op where unsupported."""
    if not hasattr(os, "posix_fadvise"):
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)


def open_then_close(path: Path, quick_check: bool) -> None:
    from cadence.store.db import close_journal, open_journal

    open_journal(path, quick_check=quick_check)
    close_journal()


def phases(app: list[ChildRun], bare: list[ChildRun]) -> dict[str, float]:
    """Median ms of each step of the app's start (from the child's own marks)."""

    def step(runs: list[ChildRun], later: str, earlier: str | None) -> float:
        return median(r.marks[later] - (r.marks[earlier] if earlier else 0.0) for r in runs)

    return {
        "bare: imports": step(bare, "imported", None),
        "bare: window to painted": step(bare, "painted", "imported"),
        "app: imports": step(app, "imported", None),
        "app: until the journal is open": step(app, "opened", "imported"),
        "app: open_journal": step(app, "opened", "open_start"),
        "app: MainWindow()": step(app, "window_built", "window_start"),
        "app: show to painted": step(app, "painted", "window_built"),
        "app: interpreter start to painted (child)": step(app, "painted", None),
        "app: peak RSS at first paint (MB)": median(r.maxrss_mb for r in app),
        "bare: peak RSS at first paint (MB)": median(r.maxrss_mb for r in bare),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[1, 10, 30])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        result = measure(args.years, args.repeat, Path(folder))
    for case, columns in result.rows.items():
        for column, figure in columns.items():
            print(
                f"{case:38} {column:>4}: {figure.value:6.0f} ms, bare window {figure.floor:5.0f} ms,"
                f" ratio {figure.ratio:5.2f}"
            )
    for title, steps in result.details.items():
        print(f"\n{title}:")
        for name, value in steps.items():  # type: ignore[attr-defined]
            print(f"  {name:44} {value:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
