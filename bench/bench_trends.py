"""How quickly Trends and Compare redraw on ten years of the demo journal, against a floor.

    .venv/bin/python bench/bench_trends.py [--db demo10.sqlite] [--repeat 5]

Without --db it writes the demo journal first, with the command line itself:
`cadence demo --years 10 --seed 1 --db <tmp>/demo10.sqlite`. It works on a private copy either
way (the "after a change" cases write to it).

For each case it times, in the same run:

- the view: from choosing the range or discipline in its box to the charts painted
  (the measures from the stats service, the charts refilled, Qt's paint of the window);
- the measures alone: what the stats service takes for the tab's measures (LazyStats on the
  journal's kept facts, as the view has them), so the rest of the view's time is drawing and
  painting;
- the floor: the same aggregates the tab draws, as raw SQL GROUP BY queries on the same file,
  with no Python around them.

The cases: each Trends tab with the range switched to 3 months, a year and all (both crafts, and
music alone); each tab with the discipline switched (both -> music -> running) on a year and on
all; Compare with the range switched. Then, apart, the first draw of "all" after a change to the
journal (one session row updated), when the view must read the journal's facts again.

It prints the medians and the view's ratio to the floor, and exits 1 if a switch of range or
discipline takes 0.1 s or more.
"""

from __future__ import annotations

import argparse
import os
import shutil
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

from cadence.domain.ranges import preset_range
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
    from cadence.services.stats.journal import journal_facts
    from cadence.services.stats.lazy import LazyStats

    measures = LazyStats(start, end, discipline, week_start, journal=journal_facts())
    for name in names:
        getattr(measures, name)


def run_floor(queries: list[str]) -> None:
    for sql in queries:
        database.execute_sql(sql).fetchall()


def report(name: str, view_ms: float, stats_ms: float, floor_ms: float) -> None:
    print(
        f"{name:44} {view_ms:7.1f}ms {stats_ms:7.1f}ms {floor_ms:7.1f}ms {view_ms / floor_ms:10.1f}x"
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


def time_switch(
    app, box, craft, preset: str, discipline: str | None, repeat: int, before=None
) -> float:
    """Median ms from choosing `preset` (and the discipline) to the window painted. Each run
    starts from "last 4 weeks", so every timed switch really changes what is shown; `before()`
    runs just before the timed choice (it may change the journal)."""
    return time_switch_cpu(app, box, craft, preset, discipline, repeat, before)[0]


def time_switch_cpu(
    app, box, craft, preset: str, discipline: str | None, repeat: int, before=None
) -> tuple[float, float]:
    """`time_switch`'s median wall ms, and the median CPU ms of the process in the same runs
    (which other load on the machine disturbs far less)."""
    times, cpu = [], []
    for _ in range(repeat):
        box.setCurrentIndex(box.findData("4w"))
        if craft is not None:
            craft.set_discipline(discipline)
        settle(app)
        if before is not None:
            before()
        began, began_cpu = time.perf_counter(), time.process_time()
        box.setCurrentIndex(box.findData(preset))
        settle(app)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return 1000 * statistics.median(times), 1000 * statistics.median(cpu)


def time_discipline(app, box, craft, preset: str, first, then, repeat: int) -> float:
    """Median ms from choosing the discipline `then` (after `first`, on `preset`) to painted."""
    box.setCurrentIndex(box.findData(preset))
    times = []
    for _ in range(repeat):
        craft.set_discipline(first)
        settle(app)
        began = time.perf_counter()
        craft.set_discipline(then)
        settle(app)
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def touch_a_session() -> None:
    """A real change to the journal: one session row written (to the same values)."""
    database.execute_sql(
        "UPDATE session SET notes = notes WHERE id = (SELECT min(id) FROM session)"
    )


def bench(path: Path, repeat: int) -> int:
    from cadence.services.records.preferences import load_preferences
    from cadence.services.stats.lazy import journal_span
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
        print(f"{'case':44} {'view':>9} {'measures':>9} {'floor':>9} {'view/floor':>11}")
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
                    worst = max(worst, view_ms)
                    measure(
                        f"Trends {tab}, {preset}, {discipline or 'both'}",
                        view_ms,
                        tab,
                        start,
                        end,
                        discipline,
                        week_start,
                        repeat,
                    )
            for preset in ("1y", "all"):
                start, end = preset_range(preset, today, week_start, span)
                for first, then in ((None, "music"), ("music", "running")):
                    view_ms = time_discipline(app, box, craft, preset, first, then, repeat)
                    worst = max(worst, view_ms)
                    measure(
                        f"Trends {tab}, {preset}, {first or 'both'} -> {then}",
                        view_ms,
                        tab,
                        start,
                        end,
                        then,
                        week_start,
                        repeat,
                    )
        after_change = {}
        for tab in ("volume", "load", "quality", "stops", "music", "consistency"):
            trends.show_tab(tab)
            settle(app)
            after_change[tab] = time_switch(app, box, craft, "all", None, repeat, touch_a_session)
        trends.close()

        compare = CompareView(AppBus())
        compare.setMinimumSize(1110, 740)
        compare.show()
        settle(app)
        cbox = compare.range_chooser.preset_box
        for preset in ("3m", "1y", "all"):
            start, end = preset_range(preset, today, week_start, span)
            view_ms = time_switch(app, cbox, None, preset, None, repeat)
            worst = max(worst, view_ms)
            measure(f"Compare, {preset}", view_ms, "compare", start, end, None, week_start, repeat)
        compare_after = time_switch(app, cbox, None, "all", None, repeat, touch_a_session)
        compare.close()
    finally:
        close_journal()
    verdict = "met" if worst < BUDGET_S * 1000 else "MISSED"
    print(
        f"budget {BUDGET_S * 1000:.0f} ms for a switch of range or discipline "
        f"(worst {worst:.1f} ms): {verdict}"
    )
    print("the first draw of 'all' after a change to the journal (its facts read again):")
    for tab, ms in after_change.items():
        print(f"  Trends {tab:12} {ms:7.1f}ms")
    print(f"  Compare             {compare_after:7.1f}ms")
    return 0 if worst < BUDGET_S * 1000 else 1


def measure(name, view_ms, tab, start, end, discipline, week_start, repeat) -> None:
    """Print a case: the view's time, with its measures and its floor timed now."""
    if tab == "compare":
        queries = [
            q
            for t in ("volume", "quality", "stops", "load")
            for q in floor_queries(t, start, end, None)
        ]
        names = COMPARE_MEASURES
    else:
        queries, names = floor_queries(tab, start, end, discipline), TAB_MEASURES[tab]
    floor_ms = median_ms(lambda: run_floor(queries), repeat)
    stats_ms = median_ms(lambda: run_measures(start, end, discipline, names, week_start), repeat)
    report(name, view_ms, stats_ms, floor_ms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a 10-year demo journal (default: write one)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.db is not None:
            path = Path(folder) / "journal.sqlite"
            shutil.copy(args.db, path)
        else:
            began = time.perf_counter()
            path = make_demo(Path(folder))
            print(
                f"demo journal written by `cadence demo --years 10` in "
                f"{time.perf_counter() - began:.1f} s"
            )
        return bench(path, args.repeat)


if __name__ == "__main__":
    raise SystemExit(main())
