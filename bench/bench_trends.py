"""How quickly Trends and Compare redraw on ten years of the demo journal, against a floor.

    .venv/bin/python bench/bench_trends.py [--db demo10.sqlite] [--repeat 5]

Without --db it writes the demo journal first, with the command line itself:
`cadence demo --years 10 --seed 1 --db <tmp>/demo10.sqlite`.

For each case (a tab, a range preset, a discipline) it times, in the same run:

- the view: from choosing the range or discipline in its box to the charts painted
  (the measures from the stats service, the charts refilled, Qt's paint of the window);
- the measures alone: what the stats service takes for the tab's measures (LazyStats, the same
  functions compute_stats calls), so the rest of the view's time is drawing and painting;
- the floor: the same aggregates the tab draws, as raw SQL GROUP BY queries on the same file,
  with no Python around them.

It prints the medians and the view's ratio to the floor, and exits 1 if a Trends switch takes
0.1 s or more.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from cadence.services.trends import preset_range
from cadence.store.db import close_journal, open_journal
from cadence.store.models import database

BUDGET_S = 0.1
# The measures each tab reads (attributes of LazyStats / StatsReport).
TAB_MEASURES = {
    "volume": ("weekly",),
    "load": ("load", "weekly_load"),
    "quality": ("weekly", "intention_rate", "completion"),
    "stops": ("stop_points",),
    "music": ("tempo", "accuracy"),
    "consistency": ("daily", "consistency"),
}
COMPARE_MEASURES = ("weekly", "intention_rate", "completion", "stop_points", "summary", "crossover")
WEEK = "date(s.local_date, '-' || ((CAST(strftime('%w', s.local_date) AS INTEGER) + 6) % 7) || ' days')"
DONE = "s.deleted_at IS NULL AND s.status = 'done'"


def floor_queries(tab: str, start: date, end: date, discipline: str | None) -> list[str]:
    """The aggregates a tab draws, as plain SQL (for the floor)."""
    where = f"{DONE} AND s.local_date BETWEEN '{start}' AND '{end}'"
    if discipline:
        where += f" AND s.discipline = '{discipline}'"
    weekly = f"""SELECT {WEEK} AS w, s.discipline, count(*), total(s.duration_s),
                 total(s.distance_m), avg(s.focus), avg(s.rpe)
                 FROM session s WHERE {where} GROUP BY w, s.discipline"""
    queries = {
        "volume": [weekly],
        "load": [
            f"""SELECT s.local_date, total(s.rpe * s.duration_s) FROM session s
            WHERE {DONE} AND s.local_date <= '{end}'
            {f"AND s.discipline = '{discipline}'" if discipline else ""}
            GROUP BY s.local_date"""
        ],
        "quality": [
            weekly,
            f"""SELECT {WEEK} AS w, s.discipline, sum(i.outcome = 'achieved'),
            sum(i.outcome = 'partly'), sum(i.outcome <> 'not_rated')
            FROM intention i JOIN session s ON s.id = i.session_id WHERE {where}
            GROUP BY w, s.discipline""",
            f"""SELECT {WEEK} AS w, s.discipline, total(b.done_reps), total(b.planned_reps)
            FROM block b JOIN session s ON s.id = b.session_id
            WHERE {where} AND b.planned_reps > 0 GROUP BY w, s.discipline""",
        ],
        "stops": [
            f"""SELECT {WEEK} AS w, s.discipline, sp.reason, count(*)
            FROM stop_point sp JOIN session s ON s.id = sp.session_id WHERE {where}
            GROUP BY w, s.discipline, sp.reason"""
        ],
        "music": [
            f"""SELECT b.passage_id, s.id, max(b.achieved_bpm) FROM block b
            JOIN session s ON s.id = b.session_id
            WHERE {where} AND b.clean_reps > 0 AND b.achieved_bpm IS NOT NULL
            GROUP BY b.passage_id, s.id""",
            f"""SELECT {WEEK} AS w, total(b.clean_reps), total(b.done_reps) FROM block b
            JOIN session s ON s.id = b.session_id
            WHERE {where} AND b.done_reps > 0 AND b.clean_reps IS NOT NULL GROUP BY w""",
        ],
        "consistency": [
            f"""SELECT s.local_date, total(s.duration_s) FROM session s WHERE {where}
            GROUP BY s.local_date"""
        ],
    }
    return queries[tab]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def run_measures(start: date, end: date, discipline: str | None, names, week_start: int) -> None:
    from cadence.services.stats_journal import journal_facts
    from cadence.services.trends import LazyStats

    measures = LazyStats(start, end, discipline, week_start, journal=journal_facts())
    for name in names:
        getattr(measures, name)


def run_floor(queries: list[str]) -> None:
    for sql in queries:
        database.execute_sql(sql).fetchall()


def report(name: str, view_ms: float, stats_ms: float, floor_ms: float) -> None:
    print(
        f"{name:36} {view_ms:7.1f}ms {stats_ms:7.1f}ms {floor_ms:7.1f}ms {view_ms / floor_ms:10.1f}x"
    )


def make_demo(folder: Path) -> Path:
    path = folder / "demo10.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cadence",
            "demo",
            "--years",
            "10",
            "--seed",
            "1",
            "--db",
            str(path),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return path


def settle(app: QApplication) -> None:
    """Let Qt paint what changed (the offscreen platform paints into a real backing store)."""
    app.processEvents()
    app.processEvents()


def time_switch(app, box, craft, preset: str, discipline: str | None, repeat: int) -> float:
    """Median ms from choosing `preset` (and the discipline) to the window painted. Each run
    starts from "last 4 weeks", so every timed switch really changes what is shown."""
    times = []
    for _ in range(repeat):
        box.setCurrentIndex(box.findData("4w"))
        if craft is not None:
            craft.set_discipline(discipline)
        settle(app)
        began = time.perf_counter()
        box.setCurrentIndex(box.findData(preset))
        settle(app)
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def bench(path: Path, repeat: int) -> int:
    from cadence.services.preferences import load_preferences
    from cadence.services.trends import journal_span
    from cadence.ui.bus import AppBus
    from cadence.ui.views.compare import CompareView
    from cadence.ui.views.trends import TrendsView

    app = QApplication.instance() or QApplication([])
    open_journal(path)
    try:
        week_start = load_preferences().week_start
        span = journal_span()
        today = date.today()
        print(f"journal: {path} ({span[0]} .. {span[1]})")
        print(f"{'case':36} {'view':>9} {'measures':>9} {'floor':>9} {'view/floor':>11}")
        worst = 0.0
        trends = TrendsView(AppBus())
        trends.setMinimumSize(1110, 740)
        trends.show()
        settle(app)
        box = trends.range_chooser.preset_box
        craft = trends.discipline_chooser
        for tab in ("volume", "load", "quality", "stops", "music", "consistency"):
            trends.show_tab(tab)
            settle(app)
            for preset in ("3m", "1y", "all"):
                for discipline in (None, "music"):
                    start, end = preset_range(preset, today, week_start, span)
                    view_ms = time_switch(app, box, craft, preset, discipline, repeat)
                    queries = floor_queries(tab, start, end, discipline)
                    floor_ms = median_ms(lambda q=queries: run_floor(q), repeat)
                    args = (start, end, discipline, TAB_MEASURES[tab], week_start)
                    stats_ms = median_ms(lambda a=args: run_measures(*a), repeat)
                    worst = max(worst, view_ms)
                    report(
                        f"Trends {tab}, {preset}, {discipline or 'both'}",
                        view_ms,
                        stats_ms,
                        floor_ms,
                    )
        trends.close()

        compare = CompareView(AppBus())
        compare.setMinimumSize(1110, 740)
        compare.show()
        settle(app)
        cbox = compare.range_chooser.preset_box
        for preset in ("3m", "1y", "all"):
            start, end = preset_range(preset, today, week_start, span)
            view_ms = time_switch(app, cbox, None, preset, None, repeat)
            queries = [
                q
                for tab in ("volume", "quality", "stops", "load")
                for q in floor_queries(tab, start, end, None)
            ]
            floor_ms = median_ms(lambda q=queries: run_floor(q), repeat)
            args = (start, end, None, COMPARE_MEASURES, week_start)
            stats_ms = median_ms(lambda a=args: run_measures(*a), repeat)
            report(f"Compare, {preset}", view_ms, stats_ms, floor_ms)
        compare.close()
    finally:
        close_journal()
    verdict = "met" if worst < BUDGET_S * 1000 else "MISSED"
    print(f"budget {BUDGET_S * 1000:.0f} ms for a Trends switch (worst {worst:.1f} ms): {verdict}")
    return 0 if worst < BUDGET_S * 1000 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a 10-year demo journal (default: write one)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.db is not None:
        return bench(args.db, args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        path = make_demo(Path(folder))
        print(
            f"demo journal written by `cadence demo --years 10` in {time.perf_counter() - began:.1f} s"
        )
        return bench(path, args.repeat)


if __name__ == "__main__":
    raise SystemExit(main())
