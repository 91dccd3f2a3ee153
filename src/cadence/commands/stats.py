"""`cadence stats --from D --to D [--discipline music|running] [--week-start N] [--json]`.

Prints the measures of a date range: with --json, the whole StatsReport (exactly what the Trends
and Compare charts draw); without, a short side-by-side summary to read in a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from cadence.commands.common import add_person_argument, fitted_range, opened_journal, parse_date
from cadence.domain.enums import Discipline
from cadence.services.records.preferences import load_preferences
from cadence.services.stats.compute import compute_stats
from cadence.services.stats.lazy import RangeError
from cadence.services.stats.types import ALL, StatsReport, SummaryStat
from cadence.store.paths import journal_missing, resolve_db_path

NAME = "stats"
HELP = "print the measures (totals, load, completion, stop-points, streaks...) for a date range"

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _week_start(text: str) -> int:
    word = text.strip().lower()
    if word.isdigit() and 0 <= int(word) <= 6:
        return int(word)
    for i, name in enumerate(_DAY_NAMES):
        if len(word) >= 3 and name.startswith(word):
            return i
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a day; write 0 (Monday) to 6 (Sunday), or a day's name"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_person_argument(parser)
    parser.add_argument(
        "--from", dest="start", required=True, type=parse_date, help="first day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--to", dest="end", required=True, type=parse_date, help="last day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--discipline",
        choices=[d.value for d in Discipline],
        help="only this craft (default: both, side by side)",
    )
    parser.add_argument(
        "--week-start",
        type=_week_start,
        help="first day of the week: 0 (Monday) .. 6 (Sunday) or a name "
        "(default: the journal's preference, else Monday)",
    )
    parser.add_argument(
        "--today",
        type=parse_date,
        help="the day the current streak counts back from (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print every measure as JSON")


def run(args: argparse.Namespace) -> int:
    if args.end < args.start:
        print(
            f"cadence stats: --to {args.end} comes before --from {args.start}; swap the two dates",
            file=sys.stderr,
        )
        return 2
    path = resolve_db_path(getattr(args, "db", None))
    if journal_missing(path):
        print(
            f"cadence stats: there is no journal at {path}; pass --db with the journal file "
            "(or set CADENCE_DB)",
            file=sys.stderr,
        )
        return 2
    with opened_journal(args):
        week_start = args.week_start
        if week_start is None:
            week_start = load_preferences().week_start
        today = args.today or date.today()
        try:
            start, end = fitted_range("stats", args.start, args.end, today)
        except RangeError as exc:
            print(f"cadence stats: {exc}", file=sys.stderr)
            return 2
        report = compute_stats(start, end, args.discipline, week_start, today=today)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, allow_nan=False, ensure_ascii=False))
    else:
        print(format_text(report))
    return 0


def format_text(report: StatsReport) -> str:
    """The side-by-side summary, the latest training balance, stop-points and streaks."""
    keys = [d.value for d in report.disciplines] + ([ALL] if len(report.disciplines) > 1 else [])
    lines = [
        f"Cadence stats {report.start.isoformat()} .. {report.end.isoformat()} "
        f"(weeks start on {_DAY_NAMES[report.week_start].capitalize()})",
        "",
        f"{'':26}" + "".join(f"{k:>12}" for k in keys),
    ]

    def row(title: str, cell) -> None:
        lines.append(f"{title:26}" + "".join(f"{cell(report.summary[k]):>12}" for k in keys))

    row("Sessions", lambda s: _num(s.sessions.total, 0))
    row("Sessions per week (mean)", lambda s: _num(s.sessions.mean, 1))
    row("Minutes", lambda s: _num(s.minutes.total, 0))
    row("Minutes per session (med.)", lambda s: _num(s.minutes.median, 0))
    row("Distance (km)", lambda s: _num(s.distance_km.total, 1) if s.distance_km.n else "-")
    row("Load (RPE x min)", lambda s: _num(s.load.total, 0))
    row("Focus 1-5 (mean)", lambda s: _num(s.focus.mean, 1))
    row("RPE 0-10 (mean)", lambda s: _num(s.rpe.mean, 1))
    row("Completion (mean)", lambda s: _pct(s.completion))
    row("Intentions met", lambda s: _pct(s.intention_rate, total=True))
    row("Accuracy (clean/done)", lambda s: _pct(s.accuracy, total=True))
    row("Days practised", lambda s: _num(s.days_practised.total, 0))
    streak = report.consistency.streaks
    lines.append(
        f"{'Streak now / longest':26}"
        + "".join(f"{f'{streak[k].current} / {streak[k].longest}':>12}" for k in keys)
    )
    lines.append("")
    # each craft's own; with both, their sum too, named for what it is
    loads = list(report.load_by_craft.values())
    if len(loads) > 1:
        loads.append(report.load)
    for load in loads:
        if load.days:
            lines.append(
                f"On {load.days[-1].isoformat()}, {load.label}: fitness {load.fitness[-1]:.1f}, "
                f"fatigue {load.fatigue[-1]:.1f}, form {load.form[-1]:.1f} "
                "(RPE x min, 42/7-day averages)"
            )
    stops = report.stop_points
    by_reason = {
        reason: sum(counts) for reason, counts in stops.per_reason[ALL].items() if sum(counts)
    }
    listed = ", ".join(f"{r} {n}" for r, n in sorted(by_reason.items(), key=lambda i: -i[1]))
    lines.append(f"Stop-points: {stops.total[ALL]}" + (f" ({listed})" if listed else ""))
    if stops.insight:
        lines.append(stops.insight.text)
    slips = report.slips.by_key[ALL].sentence  # the reports' sentence, the same numbers
    lines.append(f"Slips: {slips}" if slips else "Slips: none logged.")
    cross = report.crossover
    if cross.r is not None:
        lines.append(
            f"Running load vs next day's music focus: r = {cross.r:.2f} over {cross.n} days"
        )
    lines.append("")
    lines.append("Every measure as JSON: add --json (definitions: docs/measures.md).")
    return "\n".join(lines)


def _num(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pct(stat: SummaryStat, total: bool = False) -> str:
    value = stat.total if total else stat.mean
    return "-" if value is None else f"{100 * value:.0f}%"
