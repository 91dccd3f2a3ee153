"""Every benchmark of issue 8 in one run: a table of ratios against floors measured in the same
run, on journals written by `cadence demo` (1, 10 and 30 years), and bench/results.json.

    .venv/bin/python bench/run_all.py [--quick] [--parts startup trends ...] [--out FILE]

`make bench` runs it offscreen. --quick: 1 and 10 years, fewer repeats (about two minutes once
the journals are cached). No figure is checked against a time: ratios are printed, and the
reader compares them across journal sizes (start-up and redraws should stay flat).

Parts that need a process of their own (start-up, peak memory) run as child processes; the
others run here, each on a private copy of the cached journal. What each floor is, and why it is
fair, is in docs/performance.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from common import (
    Figure,
    PartResult,
    column_name,
    demo_journal,
    details_text,
    goals_text,
    interleaved_medians,
    machine_load,
    median,
    prune_cache,
    source_digest,
    stopwatch_ms,
    table,
    working_copy,
)

RESULTS = Path(__file__).resolve().parent / "results.json"
TAB_GOAL_MS = 50  # issue 19: every Trends tab within 50 ms on 30 years, range -> all


@dataclass(frozen=True)
class Plan:
    years: list[float]
    repeat: int
    quick: bool


def startup_part(plan: Plan, folder: Path) -> PartResult:
    import bench_startup

    return bench_startup.measure(plan.years, plan.repeat, folder / "startup")


def first_view_part(plan: Plan, folder: Path) -> PartResult:
    """The first switch to Trends in a fresh app (bench_first_view): a time, no floor."""
    import bench_first_view

    result = PartResult()
    found = bench_first_view.measure(plan.years, plan.repeat, folder / "first-view")
    result.details["first switch to Trends, fresh app (median ms)"] = found
    return result


def open_part(plan: Plan, folder: Path) -> PartResult:
    import bench_startup

    return bench_startup.open_costs(plan.years, plan.repeat, folder / "open")


def memory_part(plan: Plan, folder: Path) -> PartResult:
    import bench_memory

    return bench_memory.measure(plan.years, 1 if plan.quick else 3, folder / "memory")


def trends(plan: Plan, folder: Path) -> PartResult:
    """Choosing a range in Trends (each of its six tabs in front) until painted, against the
    same aggregates as raw SQL (bench_trends.floor_queries) on the same connection."""
    import bench_trends as bt
    from switch_profile import SwitchProfiler

    from cadence.domain.ranges import preset_range
    from cadence.services.records.preferences import load_preferences
    from cadence.services.stats.lazy import journal_span
    from cadence.store.db import close_journal, open_journal
    from cadence.ui.app import create_application
    from cadence.ui.bus import AppBus
    from cadence.ui.views.trends import TAB_CHARTS, TrendsView

    app = create_application()
    result = PartResult()
    profiler = SwitchProfiler()  # off until a tab misses its goal (see where_a_switch_goes)
    for size in plan.years:
        column = column_name(size)
        open_journal(working_copy(demo_journal(size), folder / column), quick_check=False)
        try:
            week_start, span, today = load_preferences().week_start, journal_span(), date.today()
            view = TrendsView(AppBus())
            view.setMinimumSize(1110, 740)
            view.show()
            bt.settle(app)
            box, craft = view.range_chooser.preset_box, view.discipline_chooser
            for tab in TAB_CHARTS:  # warm: each tab's charts drawn once, in every range
                view.show_tab(tab)
                bt.time_switch(app, box, craft, "all", None, 1)
            for preset, label in (("1y", "last year"), ("all", "all years")):
                start, end = preset_range(preset, today, week_start, span)
                tabs, cpu = {}, {}
                for tab in TAB_CHARTS:
                    view.show_tab(tab)
                    bt.settle(app)
                    queries = bt.floor_queries(tab, start, end, None)
                    wall, cpu[tab] = bt.time_switch_cpu(app, box, craft, preset, None, plan.repeat)
                    tabs[tab] = Figure(
                        wall, bt.median_ms(lambda q=queries: bt.run_floor(q), plan.repeat)
                    )
                total = Figure(
                    sum(f.value for f in tabs.values()), sum(f.floor for f in tabs.values())
                )
                result.add(f"Trends: range -> {label} (6 tabs)", column, total)
                result.details[f"Trends per tab, range -> {label}, {column}"] = {
                    tab: {
                        "view ms": f.value,
                        "view CPU ms": cpu[tab],
                        "SQL ms": f.floor,
                        "ratio": f.ratio,
                    }
                    for tab, f in tabs.items()
                }
                over = [tab for tab, f in tabs.items() if preset == "all" and f.value > TAB_GOAL_MS]
                where: dict[str, dict[str, float]] = {}
                for tab in over:  # the profile that explains a goal not met, timers on
                    view.show_tab(tab)
                    bt.settle(app)
                    where[tab] = profiler.where_a_switch_goes(
                        app, box, craft, preset, plan.repeat, bt.settle
                    )
                if where:
                    result.details[f"Trends, where a switch to all years goes, {column}"] = where
            view.close()
            view.deleteLater()
            app.processEvents()
        finally:
            close_journal()
    profiler.close()
    return result


def table_journal(sessions: int) -> Path:
    """bench_tables' journal of `sessions` music sessions, cached beside the demo journals."""
    import bench_tables as bt

    from cadence.store.db import close_journal, open_journal

    digest = hashlib.sha256((source_digest() + Path(bt.__file__).read_text()).encode())
    target = common.CACHE_DIR / f"tables-{sessions}-{digest.hexdigest()[:10]}.sqlite"
    if not target.exists():
        partial = target.with_name(target.stem + ".partial.sqlite")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        open_journal(partial)
        try:
            bt.build(sessions)
        finally:
            close_journal()
        os.replace(partial, target)
        prune_cache(f"tables-{sessions}-", keep=target)
    return target


def tables(plan: Plan, folder: Path, sessions: int) -> PartResult:
    """The Music view opened until its table has painted, and the table scrolled to its end,
    against one page of sessions by raw SQL (bench_tables.floor_ms: top, and the last page)."""
    import bench_tables as bt

    from cadence.store.db import close_journal, open_journal
    from cadence.store.models import database
    from cadence.ui.app import create_application
    from cadence.ui.bus import AppBus
    from cadence.ui.views.music import MusicView

    app = create_application()
    result = PartResult()
    journals = [(column_name(y), demo_journal(y)) for y in plan.years]
    journals.append((f"{sessions // 1000}k", table_journal(sessions)))
    for column, source in journals:
        path = working_copy(source, folder / column)
        open_journal(path, quick_check=False)
        try:
            music = database.execute_sql(
                "SELECT count(*) FROM session WHERE discipline = 'music' AND deleted_at IS NULL"
            ).fetchone()[0]
            top = bt.floor_ms(path, 0, plan.repeat * 4)
            end = bt.floor_ms(path, max(0, music - bt.PAGE), plan.repeat * 4)
            opened, scrolled = [], []
            for _ in range(plan.repeat):
                view = MusicView(AppBus())
                view.resize(*bt.SIZE)
                started = time.perf_counter()
                view.show()
                bt.painted(app, view.panel.table)
                opened.append((time.perf_counter() - started) * 1000)
                table_view, model = view.panel.table, view.panel.model
                model.requery()  # forget the cache: the end is read afresh
                bt.painted(app, table_view)
                started = time.perf_counter()
                table_view.scrollToBottom()
                bt.painted(app, table_view)
                scrolled.append((time.perf_counter() - started) * 1000)
                view.close()
                view.deleteLater()
                app.processEvents()
            result.add("Music table: open", column, Figure(median(opened), top))
            after_write = []
            for _ in range(plan.repeat):  # the kept repertoire tempo is read again after a write
                database.execute_sql(
                    "UPDATE session SET title = title WHERE id = (SELECT max(id) FROM session)"
                )
                view = MusicView(AppBus())
                view.resize(*bt.SIZE)
                started = time.perf_counter()
                view.show()
                bt.painted(app, view.panel.table)
                after_write.append((time.perf_counter() - started) * 1000)
                view.close()
                view.deleteLater()
                app.processEvents()
            result.add(
                "Music table: open, first after a write", column, Figure(median(after_write), top)
            )
            result.add("Music table: scroll to the end", column, Figure(median(scrolled), end))
        finally:
            close_journal()
    return result


def report(plan: Plan, folder: Path) -> PartResult:
    """A one-year PDF report (both crafts, for oneself) as `cadence report --pdf` writes it,
    against bench_report's floor "Qt alone": a bare QTextDocument holding the very same HTML and
    chart images, written by QTextDocument.print_ to a QPdfWriter of the same page and resolution.
    (bench_report.run only prints, so its two floors are measured here the same way; the other
    one, compute_stats for the year, goes into the details.)"""
    from PySide6.QtGui import QTextDocument

    from cadence.services.reports.build import ReportSpec, build_report, report_html
    from cadence.services.stats.compute import compute_stats
    from cadence.store.db import close_journal, open_journal
    from cadence.ui.app import create_application
    from cadence.ui.printing import ReportPrinter

    create_application()
    result = PartResult()
    today = date.today()
    spec = ReportSpec(today - timedelta(days=364), today)
    for size in plan.years:
        column = column_name(size)
        open_journal(working_copy(demo_journal(size), folder / column), quick_check=False)
        try:
            sample = ReportPrinter(build_report(spec, today=today))
            sample.prepare()
            html = report_html(sample.content, sample.formats)
            images = {
                name: sample.document.resource(
                    QTextDocument.ResourceType.ImageResource, f"chart:{name}"
                )
                for name in sample.document.chart_names
            }
            steps: dict[str, list[float]] = {"build_report": [], "charts and text": [], "pdf": []}
            app_pdf, floor_pdf = folder / "app.pdf", folder / "floor.pdf"
            times = interleaved_medians(
                {
                    "app": partial(app_report, spec, today, app_pdf, steps),
                    "floor": partial(qt_alone, html, images, floor_pdf),
                    "stats": partial(stopwatch_ms, partial(compute_stats, spec.start, today)),
                },
                plan.repeat,
            )
            result.add("PDF report, one year", column, Figure(times["app"], times["floor"]))
            details = {step: median(values) for step, values in steps.items()}
            details["compute_stats for the year"] = times["stats"]
            details["charts drawn"] = float(len(images))
            result.details[f"PDF report steps, {column} (median ms)"] = details
        finally:
            close_journal()
    return result


def app_report(spec, today: date, out: Path, steps: dict[str, list[float]]) -> float:
    """The report as `cadence report` writes it; ms, and each step's ms added to `steps`."""
    from PySide6.QtGui import QPageSize

    from cadence.services.reports.build import build_report
    from cadence.ui.printing import ReportPrinter

    began = time.perf_counter()
    content = build_report(spec, today=today)
    built = time.perf_counter()
    printer = ReportPrinter(content)
    printer.prepare()
    drawn = time.perf_counter()
    printer.write_pdf(out, QPageSize(QPageSize.PageSizeId.A4))
    done = time.perf_counter()
    for step, seconds in zip(steps, (built - began, drawn - built, done - drawn), strict=True):
        steps[step].append(seconds * 1000)
    return (done - began) * 1000


def qt_alone(html: str, images: dict[str, object], out: Path) -> float:
    """The floor: Qt laying out and printing the same HTML and images by itself; ms."""
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from cadence.ui.printing import MARGINS_MM, report_font

    began = time.perf_counter()
    document = QTextDocument()
    document.setDefaultFont(report_font())
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, f"chart:{name}", image)
    document.setHtml(html)
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setResolution(600)
    document.print_(writer)
    del writer  # closes the file
    return (time.perf_counter() - began) * 1000


def imports(plan: Plan, folder: Path) -> PartResult:
    """bench_import's corpus imported into a copy of each demo journal (bench_import.time_import),
    against the bare parsers on the same files (bench_import.time_floor), interleaved."""
    import bench_import as bi

    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    paths = bi.build_corpus(corpus, copies=3)
    bi.time_floor(paths)  # warm: imports and the page cache
    result = PartResult()
    for size in plan.years:
        column = column_name(size)
        rounds = folder / column
        floors, imported = [], []
        for n in range(plan.repeat):
            copy = working_copy(demo_journal(size), rounds, f"journal-{n}.sqlite")
            floors.append(bi.time_floor(paths) * 1000)
            imported.append(bi.time_import(paths, rounds, n) * 1000)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
        row = f"import {len(paths)} GPX/FIT/TCX files"
        result.add(row, column, Figure(median(imported), median(floors)))
    return result


def studio(plan: Plan, folder: Path) -> PartResult:
    """A journal on PostgreSQL against the same file (`cadence stats`, the Trends switch), and a
    teacher's overview of 30 students × 3 years (bench_studio); the journals up to 10 years."""
    import bench_studio

    years = [y for y in plan.years if y <= 10] or plan.years[:1]
    return bench_studio.measure(years, 30, 3, plan.repeat, folder)


PARTS: dict[str, Callable[[Plan, Path], PartResult]] = {
    "startup": startup_part,
    "memory": memory_part,
    "open": open_part,
    "first-view": first_view_part,
    "trends": lambda plan, folder: trends(plan, folder / "trends"),
    "tables": lambda plan, folder: tables(plan, folder / "tables", sessions=100_000),
    "report": lambda plan, folder: report(plan, folder / "report"),
    "import": lambda plan, folder: imports(plan, folder / "import"),
    "studio": lambda plan, folder: studio(plan, folder / "studio"),
}


def run(parts: list[str], plan: Plan, progress: Callable[[str], None] = print) -> dict:
    """Run the parts in order; returns what results.json holds."""
    began = time.perf_counter()
    load_before = machine_load()
    rows: dict[str, dict[str, dict]] = {}
    details: dict[str, object] = {}
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cadence-bench-") as tmp:
        for name in parts:
            progress(f"[{time.perf_counter() - began:6.0f} s] {name} ...")
            started = time.perf_counter()
            result = PARTS[name](plan, Path(tmp))
            seconds[name] = round(time.perf_counter() - started, 1)
            for row, columns in result.rows.items():
                rows[row] = {column: figure.as_dict() for column, figure in columns.items()}
            details.update(result.details)
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "mode": "quick" if plan.quick else "full",
        "years": plan.years,
        "repeat": plan.repeat,
        "machine": {
            "load_before": load_before,
            "load_after": machine_load(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "qt_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        },
        "seconds": seconds,
        "rows": rows,
        "details": details,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 and 10 years, fewer repeats")
    parser.add_argument("--parts", nargs="+", choices=list(PARTS), default=list(PARTS))
    parser.add_argument("--years", type=float, nargs="+", help="journal sizes (default 1 10 30)")
    parser.add_argument("--repeat", type=int, help="runs per figure (default 7, quick 3)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (JSON)")
    args = parser.parse_args(argv)
    plan = Plan(
        years=args.years or ([1, 10] if args.quick else [1, 10, 30]),
        repeat=args.repeat or (3 if args.quick else 7),
        quick=args.quick,
    )
    results = run(args.parts, plan)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print()
    print(details_text(results["details"]))
    print()
    print(goals_text(results))
    machine = results["machine"]
    print(f"\nmachine: {machine['load_before']} before, {machine['load_after']} after")
    print(f"parts took (s): {results['seconds']}; written to {args.out}")
    return 0


def quiet_offscreen_plugin() -> None:
    """The offscreen platform warns on every top-level window that it cannot propagate size
    hints; that says nothing about Cadence, so it is kept out of the table's way (only when run
    as a script: under pytest, pytest-qt's own message handler must stay in place)."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if message != "This plugin does not support propagateSizeHints()":
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


if __name__ == "__main__":
    quiet_offscreen_plugin()
    sys.exit(main())
