"""How quickly the Music table opens and scrolls on a 100,000-session journal, against a raw SQL
SELECT of one page in the same run.

    .venv/bin/python bench/bench_tables.py [--sessions 100000] [--repeat 5]

The journal (a temporary file) holds N music sessions, each with two blocks on passages (done and
clean reps, tempo), an intention, a reflection on every third and a stop-point on every fifth.
Timed, median of --repeat runs, offscreen:

- floor: sqlite3 on its own connection, `SELECT * FROM session` of one page of 100 rows in the
  table's order (newest first), at the top and at the very end (OFFSET N-100);
- open: a new Music view shown (count, first page with its aggregates, repertoire) until the
  table has painted its rows;
- open, chart drawn: the same, until the chosen passage's tempo history (read and drawn just
  after the first paint) is on the chart;
- open (table only): a new SessionsModel + SessionsTable, shown and painted;
- scroll to end: scrollToBottom() on the open table until the last rows have painted;
- page down x20: twenty PageDown key presses from the top, each painted;
- sort by accuracy: a click's worth of re-query (an aggregate per session, in SQL) and paint.

It prints each median, the ratio to the floor, and how many rows the model read; it exits 1 if
the model read more than a few pages or if scrolling to the end takes longer than SCROLL_BUDGET_MS.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cadence.domain.enums import Discipline
from cadence.services.browse.listing import ListFilter
from cadence.store.db import close_journal, open_journal
from cadence.store.models import database
from cadence.ui.app import create_application
from cadence.ui.bus import AppBus
from cadence.ui.models.columns import music_columns
from cadence.ui.models.sessions_model import SessionsModel
from cadence.ui.views.music import MusicView
from cadence.ui.widgets.sessions_table import SessionsTable

PAGE = 100
SCROLL_BUDGET_MS = 150.0
SIZE = (1110, 740)  # the view's room in a 1280x820 window


def build(n: int) -> None:
    """N music sessions with children, written with executemany in one transaction."""
    end = date(2026, 3, 1)
    stamp = "2026-03-01 12:00:00"
    connection = database.connection()
    with database.atomic():
        connection.executemany(
            "INSERT INTO piece (id, title, composer, status, notes, created_at)"
            " VALUES (?,?,?,?,?,?)",
            [(p, f"Piece {p}", "", "learning", "", stamp) for p in range(1, 21)],
        )
        connection.executemany(
            "INSERT INTO passage (id, piece_id, label, bars, start_bpm, target_bpm, position)"
            " VALUES (?,?,?,?,?,?,?)",
            [(q, (q - 1) // 4 + 1, f"Passage {q}", "1-8", 60, 120, q % 4) for q in range(1, 81)],
        )
        sessions, blocks, intentions, reflections, stops = [], [], [], [], []
        for i in range(1, n + 1):
            day = end - timedelta(days=(i - 1) // 3)
            started = datetime.combine(day, datetime.min.time()) + timedelta(hours=8 + i % 3 * 4)
            sessions.append(
                (i, "music", "practice", "done", f"Session {i}", started.isoformat(" "),
                 day.isoformat(), 1800 + i % 40 * 60, i % 11, 1 + i % 5, "notes", "manual", 0,
                 stamp, stamp)
            )  # fmt: skip
            for position in range(2):
                passage = (i + position * 7) % 80 + 1
                blocks.append(
                    (i, position, "block", passage, 10, (i + position) % 11, 60 + i % 60, "")
                )
            intentions.append((i, 0, f"Bars {i % 64}-{i % 64 + 8} at 96, relaxed", "achieved"))
            if i % 3 == 0:
                reflections.append((i, 0, "went_well", "Calm and clean", 0))
            if i % 5 == 0:
                stops.append((i, "form", 2, "wrists", "stopped", ""))
        connection.executemany(
            "INSERT INTO session (id, discipline, kind, status, title, started_at, local_date,"
            " duration_s, rpe, focus, notes, source, needs_review, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            sessions,
        )
        connection.executemany(
            "INSERT INTO block (session_id, position, label, passage_id, done_reps, clean_reps,"
            " achieved_bpm, notes) VALUES (?,?,?,?,?,?,?,?)",
            blocks,
        )
        connection.executemany(
            "INSERT INTO intention (session_id, position, text, outcome) VALUES (?,?,?,?)",
            intentions,
        )
        connection.executemany(
            "INSERT INTO reflection (session_id, position, prompt, text, share_in_reports)"
            " VALUES (?,?,?,?,?)",
            reflections,
        )
        connection.executemany(
            "INSERT INTO stop_point (session_id, reason, severity, body_area, action, note)"
            " VALUES (?,?,?,?,?,?)",
            stops,
        )


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def floor_ms(path: Path, offset: int, repeat: int) -> float:
    """One page of sessions, newest first, by raw SQL on its own connection."""
    connection = sqlite3.connect(path)
    sql = (
        "SELECT * FROM session WHERE discipline = 'music' AND deleted_at IS NULL"
        " ORDER BY local_date DESC, id DESC LIMIT ? OFFSET ?"
    )
    try:
        connection.execute(sql, (PAGE, offset)).fetchall()  # warm the page cache, as for the app
        return median_ms(lambda: connection.execute(sql, (PAGE, offset)).fetchall(), repeat)
    finally:
        connection.close()


class PaintCounter(QObject):
    """Counts the paint events of a table's viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


COUNTER = PaintCounter()


def painted(app: QApplication, table: SessionsTable) -> None:
    """Let Qt do what it has scheduled (layout, scrolling, painting); paint if it did not."""
    viewport = table.viewport()
    viewport.removeEventFilter(COUNTER)
    viewport.installEventFilter(COUNTER)
    before = COUNTER.paints
    app.processEvents()
    if COUNTER.paints == before:
        viewport.repaint()  # paints now: asks the model for every visible cell


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    n = args.sessions
    app = create_application()
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / "bench.sqlite"
    open_journal(path)
    started = time.perf_counter()
    build(n)
    print(f"journal: {n:,} music sessions written in {time.perf_counter() - started:.1f} s")

    results: dict[str, float] = {}
    results["floor: one page, top"] = floor_ms(path, 0, args.repeat * 4)
    results["floor: one page, end"] = floor_ms(path, n - PAGE, args.repeat * 4)

    bus = AppBus()
    views: list[MusicView] = []

    def open_view() -> None:
        view = MusicView(bus)
        view.resize(*SIZE)
        view.show()
        painted(app, view.panel.table)
        views.append(view)

    results["open Music view"] = median_ms(open_view, args.repeat)
    view = views[-1]

    def open_until_chart() -> None:
        shown = MusicView(bus)
        shown.resize(*SIZE)
        shown.show()
        while shown.repertoire.chart.passage_id is None:
            app.processEvents()
        views.append(shown)

    results["open, chart drawn"] = median_ms(open_until_chart, args.repeat)

    tables: list[SessionsTable] = []

    def open_table() -> None:
        model = SessionsModel(music_columns(), ListFilter(Discipline.MUSIC))
        model.requery()
        table = SessionsTable(model)
        table.resize(800, 700)
        table.show()
        painted(app, table)
        tables.append(table)

    results["open table only"] = median_ms(open_table, args.repeat)

    table, model = view.panel.table, view.panel.model

    def scroll_to_end() -> None:
        table.scrollToTop()
        model.requery()  # forget the cache: every run reads the end afresh
        painted(app, table)
        started = time.perf_counter()
        table.scrollToBottom()
        painted(app, table)
        scroll_times.append((time.perf_counter() - started) * 1000)

    scroll_times: list[float] = []
    for _ in range(args.repeat):
        scroll_to_end()
    results["scroll to end"] = statistics.median(scroll_times)
    last_visible = table.rowAt(table.viewport().height() - 2)
    read_at_end = model.rows_fetched

    def page_down() -> None:
        table.scrollToTop()
        table.setFocus()
        table.setCurrentIndex(model.index(0, 0))
        for _ in range(20):
            QTest.keyClick(table, Qt.Key.Key_PageDown)
            painted(app, table)

    results["page down x20"] = median_ms(page_down, args.repeat)

    def sort_by_accuracy() -> None:
        model.sort([c.key for c in model.columns].index("accuracy"), Qt.SortOrder.DescendingOrder)
        painted(app, table)
        model.sort(0, Qt.SortOrder.DescendingOrder)

    results["sort by accuracy"] = median_ms(sort_by_accuracy, args.repeat)

    top, end = results["floor: one page, top"], results["floor: one page, end"]
    print(f"\n{'step':<24}{'median ms':>11}{'x floor (top)':>15}{'x floor (same page)':>21}")
    for name, ms in results.items():
        same = end if name == "scroll to end" else top
        print(f"{name:<24}{ms:>11.2f}{ms / top:>15.1f}{ms / same:>21.1f}")
    print(
        f"\nrows read by the model to show the end: {read_at_end} of {model.rowCount():,}"
        f" (cached now: {model.cached_rows} rows, {model.cached_ids} ids); last row on screen:"
        f" {last_visible:,}"
    )

    for widget in [*views, *tables]:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    close_journal()
    folder.cleanup()

    failures = []
    if last_visible != n - 1:
        failures.append(f"the last row on screen is {last_visible}, not {n - 1}")
    if read_at_end > 3 * SessionsModel.ROW_PAGE:
        failures.append(f"the model read {read_at_end} rows to show the end (budget: 3 pages)")
    if results["scroll to end"] > SCROLL_BUDGET_MS:
        failures.append(
            f"scrolling to the end took {results['scroll to end']:.0f} ms "
            f"(budget {SCROLL_BUDGET_MS:.0f} ms)"
        )
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
