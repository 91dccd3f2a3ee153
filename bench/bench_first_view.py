"""The first switch to a chart view in a fresh app: `cadence --db JOURNAL` as the launcher runs it,
and once its window has painted and the person has had a moment to look at Today, Ctrl+5
(Trends) until Trends has painted: building the view, reading the journal's facts, drawing the
tab in front. No floor: the issue's goal is a time (≤ 150 ms on ten years).

    .venv/bin/python bench/bench_first_view.py [--years 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import StartupBench
from common import median

LOOK_MS = 1500  # the moment between the first paint and the switch

FIRST_SWITCH = (
    """
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import cadence.cli
import cadence.ui.main_window as main_window
WINDOWS = []
def switch():
    window, app = WINDOWS[0], QApplication.instance()
    began = time.perf_counter()
    window.show_view("trends")
    app.processEvents()  # the view reloads as it is shown, then paints
    app.processEvents()
    ms = (time.perf_counter() - began) * 1000
    sys.stdout.write(json.dumps({"ms": ms, "built": sorted(window.views)}) + "\\n")
    sys.stdout.flush()
    os._exit(0)
class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot("""
    + str(LOOK_MS)
    + """, switch)
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
)


def measure(years: list[float], repeat: int, folder: Path) -> dict[str, float]:
    """Median ms of the first switch to Trends, per journal size."""
    bench = StartupBench(folder)
    found = {}
    for size in years:
        path = bench.journal(size)
        bench.app(path, first_of_day=False, script=FIRST_SWITCH)  # warm
        runs = [bench.app(path, False, FIRST_SWITCH).marks["ms"] for _ in range(repeat)]
        found[f"{size:g}y"] = median(runs)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[10])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for column, ms in measure(args.years, args.repeat, Path(folder)).items():
            print(f"first switch to Trends, {column}: {ms:.0f} ms (goal: 150 ms on 10 years)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
