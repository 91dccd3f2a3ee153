"""Peak memory of the app with a journal open and every view visited once, against the bare
PySide6 + pyqtgraph window of bench_startup.

    .venv/bin/python bench/bench_memory.py [--years 1 10 30] [--repeat 3]

Both are fresh child processes; the figure is the child's peak resident set size (ru_maxrss from
wait4, i.e. getrusage(RUSAGE_CHILDREN) of that child alone). The app child runs
`cadence --db JOURNAL` as the launcher does (on a private copy, today's backup already made),
and once the main window has painted it shows each view in turn, as a person clicking down the
sidebar would, letting each load and paint, then exits. The floor is the bare window at its
first paint.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import StartupBench
from common import Figure, PartResult, column_name, compile_sources, median

ROW = "peak RSS, every view visited"

VISIT_ALL = """
import json, os, sys
if len(sys.argv) > 2:  # the tracemalloc run: Python's own allocations, by file
    import tracemalloc
    tracemalloc.start()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import cadence.cli
import cadence.ui.main_window as main_window
WINDOWS = []
def visit_all():
    import resource
    window, app = WINDOWS[0], QApplication.instance()
    def peak_now():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    after = {"(first paint)": peak_now()}
    for name in window.view_names:
        window.show_view(name)
        app.processEvents()  # the view reloads as it is shown, then paints
        app.processEvents()
        after[name] = peak_now()
    out = {"visited": list(window.view_names), "rss_mb": peak_now(), "after": after}
    if len(sys.argv) > 2:
        snapshot = tracemalloc.take_snapshot()
        out["traced_mb"] = tracemalloc.get_traced_memory()[0] / 1e6
        out["by_file"] = [
            (str(s.traceback[0].filename), s.size / 1e6)
            for s in snapshot.statistics("filename")[: int(sys.argv[2])]
        ]
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
    os._exit(0)
class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, visit_all)
        return False
WATCH = FirstPaint()
_init = main_window.MainWindow.__init__
def watched_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    WINDOWS.append(self)
    self.installEventFilter(WATCH)
main_window.MainWindow.__init__ = watched_init
sys.exit(cadence.cli.main(["--db", sys.argv[1]]))
"""


def measure(years: list[float], repeat: int, folder: Path) -> PartResult:
    """Median peak RSS (MB) of `repeat` runs of each side, per journal size."""
    compile_sources()
    bench = StartupBench(folder)
    result = PartResult()
    for size in years:
        path = bench.journal(size)
        bare, app, after = [], [], {}
        for _ in range(repeat):
            bare.append(bench.bare().maxrss_mb)
            run = bench.app(path, first_of_day=False, script=VISIT_ALL)
            app.append(run.maxrss_mb)
            result.details["views visited"] = run.marks["visited"]
            for view, mb in run.marks["after"].items():
                after.setdefault(view, []).append(mb)
        result.add(ROW, column_name(size), Figure(median(app), median(bare), unit="MB"))
        steps = result.details.setdefault(AFTER_EACH, {})
        for view, values in after.items():
            steps.setdefault(view, {})[column_name(size)] = median(values)
        traced = bench.app(path, first_of_day=False, script=VISIT_ALL, extra=[str(TOP_FILES)])
        sites = result.details.setdefault(TRACED, {})
        sites.setdefault("all Python allocations", {})[column_name(size)] = traced.marks[
            "traced_mb"
        ]
        for filename, mb in traced.marks["by_file"]:
            sites.setdefault(short_name(filename), {})[column_name(size)] = mb
    return result


AFTER_EACH = "peak RSS once each view has been shown, in turn (median MB; bare window: the floor)"
TOP_FILES = 12
TRACED = "tracemalloc after every view, a run of its own (MB held, by file)"


def short_name(filename: str) -> str:
    """A source file named from its package down (site-packages/, src/ and the like cut)."""
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[1, 10, 30])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        result = measure(args.years, args.repeat, Path(folder))
    for column, figure in result.rows[ROW].items():
        print(
            f"{ROW} {column:>4}: {figure.value:6.1f} MB, bare window {figure.floor:6.1f} MB,"
            f" ratio {figure.ratio:5.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
