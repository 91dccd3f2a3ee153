"""How long a year's printed report takes, against two floors measured in the same run.

    .venv/bin/python bench/bench_report.py [--repeat 3]

Builds the demo journal (`cadence demo --years 1 --seed 1 --end 2026-11-01`) in a temporary
folder, then times, best of N interleaved runs:

- floor 1, the measures alone: `compute_stats` for the year (what every report rests on);
- floor 2, Qt alone: a bare QTextDocument holding the very same HTML and chart images, written
  to a PDF by `QTextDocument.print_` (Qt's own pagination, which splits rows, no header/footer);
- the report: `build_report` (content), `ReportPrinter.prepare` (ten charts drawn as images, the
  HTML set) and `write_pdf` (one layout, pages cut between rows, header and footer painted),
  as `cadence report --pdf` does.

It prints each time and the report's ratio to both floors, and exits 1 if the report takes longer
than the budget ("a year's report in a few seconds").
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from cadence.services.demo.generate import generate_demo
from cadence.services.reports.build import ReportSpec, build_report
from cadence.services.reports.html import report_html
from cadence.services.stats.compute import compute_stats
from cadence.store.db import close_journal, open_journal
from cadence.ui.app import create_application
from cadence.ui.printing import MARGINS_MM, ReportPrinter, report_font

BUDGET_S = 5.0
START, END = date(2025, 11, 2), date(2026, 11, 1)
A4 = QPageSize(QPageSize.PageSizeId.A4)


def best(fn: Callable[[], object], runs: list[float]) -> None:
    began = time.perf_counter()
    fn()
    runs.append(time.perf_counter() - began)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    create_application()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        open_journal(db)
        try:
            generate_demo(1, 1, END)
            return run(Path(folder), args.repeat)
        finally:
            close_journal()


def run(folder: Path, repeat: int) -> int:
    spec = ReportSpec(START, END)
    # what the bare document holds: the same HTML and the same images
    sample = ReportPrinter(build_report(spec, today=END))
    sample.prepare()
    html = report_html(sample.content, sample.formats)
    images = {
        name: sample.document.resource(QTextDocument.ResourceType.ImageResource, f"chart:{name}")
        for name in sample.document.chart_names
    }

    def stats() -> None:
        compute_stats(START, END, today=END)

    def bare() -> None:
        doc = QTextDocument()
        doc.setDefaultFont(report_font())
        for name, image in images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, f"chart:{name}", image)
        doc.setHtml(html)
        writer = QPdfWriter(str(folder / "bare.pdf"))
        writer.setPageSize(A4)
        writer.setPageMargins(QMarginsF(MARGINS_MM), QPageLayout.Unit.Millimeter)
        writer.setResolution(600)
        doc.print_(writer)
        del writer

    parts: dict[str, list[float]] = {"content": [], "charts": [], "pdf": []}
    pages = [0]

    def report() -> None:
        began = time.perf_counter()
        content = build_report(spec, today=END)
        built = time.perf_counter()
        printer = ReportPrinter(content)
        printer.prepare()
        drawn = time.perf_counter()
        pages[0] = printer.write_pdf(folder / "report.pdf", A4)
        done = time.perf_counter()
        parts["content"].append(built - began)
        parts["charts"].append(drawn - built)
        parts["pdf"].append(done - drawn)

    runs: dict[str, list[float]] = {"stats": [], "bare": [], "report": []}
    for _ in range(repeat):
        best(stats, runs["stats"])
        best(bare, runs["bare"])
        best(report, runs["report"])
    t = {name: min(values) for name, values in runs.items()}
    sessions = sample.content.session_count
    print(
        f"Year report of the demo journal: {sessions} sessions, {pages[0]} pages, "
        f"{len(sample.content.charts)} charts (best of {repeat})"
    )
    print(f"  floor: compute_stats for the year          {t['stats']:7.3f} s")
    print(f"  floor: bare QTextDocument.print_ to PDF    {t['bare']:7.3f} s")
    print(
        f"  report (cadence report --pdf)              {t['report']:7.3f} s"
        f"   = {t['report'] / t['stats']:.0f}× the measures, "
        f"{t['report'] / t['bare']:.2f}× Qt's bare print"
    )
    print(
        f"    content {min(parts['content']):.3f} s · charts and HTML "
        f"{min(parts['charts']):.3f} s · layout, cutting and painting {min(parts['pdf']):.3f} s"
    )
    if t["report"] > BUDGET_S:
        print(f"over budget: a year's report must take at most {BUDGET_S:.0f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
