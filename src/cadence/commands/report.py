"""`cadence report --from D --to D [--discipline music|running|both] [--audience self|teacher|coach]
--pdf OUT.pdf [--page-size a4|letter] [--db PATH]`: the printable report as a PDF, no window.

`cadence report --cycle NAME_OR_ID [--for self|teacher|coach] --pdf OUT.pdf`: a training cycle's
report (its event and demands, phases, focus targets, rehearsals, reviews, readiness, debrief)
over the cycle's own dates, as the Reports view's "A training cycle" makes it.

The same PDF as the Reports view's "Save PDF": charts are pyqtgraph widgets drawn offscreen, so
this makes a QApplication (on the offscreen platform unless QT_QPA_PLATFORM says otherwise).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from cadence.commands.common import add_person_argument, fitted_range, opened_journal, parse_date
from cadence.store.paths import journal_missing, resolve_db_path

NAME = "report"
HELP = "write a printable report (for yourself, a teacher or a coach) as a PDF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_person_argument(parser)
    parser.add_argument("--from", dest="start", type=parse_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=parse_date, help="last day, YYYY-MM-DD")
    parser.add_argument(
        "--cycle",
        metavar="NAME_OR_ID",
        help="a training cycle's report over its own dates, instead of --from/--to",
    )
    parser.add_argument(
        "--discipline",
        choices=("music", "running", "both"),
        help="which craft (default: both, in two sections; a cycle's report: the cycle's craft)",
    )
    parser.add_argument(
        "--audience",
        "--for",
        dest="audience",
        choices=("self", "teacher", "coach"),
        default="self",
        help="who reads it: the charts and tables follow (default: self)",
    )
    parser.add_argument("--pdf", required=True, type=Path, metavar="OUT.pdf", help="file to write")
    parser.add_argument(
        "--page-size",
        choices=("a4", "letter"),
        help="paper (default: from the locale: Letter in the US and Canada, else A4)",
    )
    parser.add_argument(
        "--today", type=parse_date, help="the day the report is made on (default: today)"
    )


def _fail(message: str) -> int:
    print(f"cadence report: {message}", file=sys.stderr)
    return 2


def find_cycle(wanted: str):
    """The training cycle named (case aside) or numbered `wanted`, or the reason there is none."""
    from cadence.services.reports.build import training_cycles

    cycles = training_cycles()
    if wanted.strip().isdigit():
        found = [c for c in cycles if c.id == int(wanted)]
    else:
        found = [c for c in cycles if c.name.casefold() == wanted.strip().casefold()]
    if len(found) == 1:
        return found[0]
    listed = "; ".join(f"{c.id}: {c.name} ({c.start_date} to {c.end_date})" for c in cycles[:12])
    if not found:
        if not cycles:
            return "this journal has no training cycles yet; make one in the Seasons view"
        return f"there is no training cycle {wanted!r}; choose a name or number from: {listed}"
    numbers = ", ".join(str(c.id) for c in found)
    return f"{len(found)} training cycles are named {wanted!r}; give its number ({numbers})"


def run(args: argparse.Namespace) -> int:
    if args.cycle is not None:
        if args.start is not None or args.end is not None:
            return _fail("--cycle reports over the cycle's own dates; leave out --from and --to")
    elif args.start is None or args.end is None:
        return _fail("give the days with --from and --to (or a training cycle with --cycle)")
    elif args.end < args.start:
        return _fail(f"--to {args.end} comes before --from {args.start}; swap the two dates")
    path = resolve_db_path(getattr(args, "db", None))
    if journal_missing(path):
        return _fail(
            f"there is no journal at {path}; pass --db with the journal file (or set CADENCE_DB)"
        )
    out: Path = args.pdf
    if out.suffix.lower() != ".pdf":
        return _fail(f"{out} does not end in .pdf; name the file you want, e.g. report.pdf")
    if not out.parent.is_dir():
        return _fail(f"the folder {out.parent} does not exist; create it or choose another")

    from cadence.domain.enums import Discipline
    from cadence.services.reports.build import Audience, ReportSpec, build_report
    from cadence.services.stats.lazy import RangeError

    discipline = Discipline(args.discipline) if args.discipline in ("music", "running") else None
    if args.cycle is None:
        assert args.start is not None and args.end is not None  # (without a cycle: checked above)
        try:
            spec = ReportSpec(args.start, args.end, discipline, Audience(args.audience))
        except ValueError as exc:
            return _fail(str(exc))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QPageSize

    from cadence.ui.app import create_application
    from cadence.ui.printing import ReportPrinter, locale_page_size

    create_application()
    sizes = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
    page_size = QPageSize(sizes[args.page_size]) if args.page_size else locale_page_size()
    with opened_journal(args):
        today = args.today or date.today()
        if args.cycle is not None:
            cycle = find_cycle(args.cycle)
            if isinstance(cycle, str):
                return _fail(cycle)
            if args.discipline is None and cycle.discipline:
                discipline = cycle.discipline
            try:
                spec = ReportSpec(
                    cycle.start_date,
                    cycle.end_date,
                    discipline,
                    Audience(args.audience),
                    cycle.name,
                    cycle.id,
                )
            except ValueError as exc:
                return _fail(str(exc))
        else:
            assert args.start is not None and args.end is not None  # (as above)
            try:
                start, end = fitted_range("report", args.start, args.end, today)
            except RangeError as exc:
                return _fail(str(exc))
            spec = ReportSpec(start, end, discipline, spec.audience)
        content = build_report(spec, today=today)
        printer = ReportPrinter(content)
        try:
            pages = printer.write_pdf(out, page_size)
        except OSError as exc:
            return _fail(f"could not write {out} ({exc}); choose a place you can write to")
    sessions, charts = content.session_count, len(content.charts)
    print(
        f"Wrote {out}: {pages} page{'s' * (pages != 1)}, {sessions} session{'s' * (sessions != 1)}, "
        f"{charts} chart{'s' * (charts != 1)}"
    )
    return 0
