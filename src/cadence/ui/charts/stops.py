"""Stop-points: how many per week, stacked by reason (the same reasons for both crafts), and
where in the plan they fall (a histogram of the fraction of the plan done when stopping)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cadence.domain.enums import StopReason
from cadence.domain.palette import REASON_COLOURS, discipline_colour
from cadence.services.stats.lazy import Measures
from cadence.services.stats.types import StopPointStats
from cadence.ui.charts.axes import WEEK_S, tr
from cadence.ui.charts.bars import category_axis, stacked_bars
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import key_name, range_label, reason_name
from cadence.ui.charts.volume import _weekly_stack, partial_weeks, week_centres, week_heading


def reason_colour(reason: str) -> str:
    try:
        return REASON_COLOURS[StopReason(reason)]
    except ValueError:
        return REASON_COLOURS[StopReason.OTHER]


def draw_stop_reasons(chart: Chart, report: Measures, key: str) -> None:
    """Stop-points per week of one key (a discipline, or ALL for the chosen ones together)."""
    stops: StopPointStats = report.stop_points
    per_reason = stops.per_reason[key]
    reasons = list(per_reason)  # every StopReason, in the shared order
    chart.reset(
        "stop_points_by_reason",
        tr("Stop-points per week, by reason"),
        [(reason_colour(r), reason_name(r)) for r in reasons],
    )
    chart.set_span(report.start, report.end, report.week_start)
    if not stops.total[key]:
        chart.show_message(
            tr("No stop-points between {range}").format(range=range_label(report.start, report.end))
        )
        return
    xs = week_centres(stops.weeks)
    partial = partial_weeks(stops.weeks, report.start, report.end)
    layers = [(r, per_reason[r], reason_colour(r)) for r in reasons]
    stacked_bars(chart, xs, layers, WEEK_S, partial)

    def describe(i: int) -> str:
        rows = [week_heading(stops.weeks[i], report.start, report.end)]
        rows += [f"{reason_name(r)}: {per_reason[r][i]}" for r in reasons if per_reason[r][i]]
        if len(rows) == 1:
            rows.append(tr("No stop-points"))
        return "\n".join(rows)

    chart.read_out(xs, describe, tolerance=WEEK_S / 2)


def draw_stop_position(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    """How many stops fell in each tenth of the plan, stacked by discipline."""
    stops = report.stop_points
    chart.reset(
        "stop_position",
        tr("Where in the plan stops fall (share of the plan done)"),
        [(discipline_colour(k), key_name(k)) for k in keys],
    )
    bins = stops.position_bins
    xs = np.arange(len(bins), dtype=float)
    category_axis(chart, bins)
    chart.view_box.setXRange(-0.6, len(bins) - 0.4, padding=0)
    if not any(sum(stops.position[k]) for k in keys):
        chart.show_message(
            tr("No stop-points placed in a plan (reps or time) between {range}").format(
                range=range_label(report.start, report.end)
            )
        )
        return
    layers = [(k, [float(v) for v in stops.position[k]], discipline_colour(k)) for k in keys]
    stacked_bars(chart, xs, layers, 1.0)

    def describe(i: int) -> str:
        rows = [tr("{bin} of the plan done").format(bin=bins[i])]
        rows += [f"{key_name(k)}: {stops.position[k][i]}" for k in keys]
        return "\n".join(rows)

    chart.read_out(xs, describe, tolerance=0.5)


def draw_slips(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    """Slips logged per week (services/stats/slips.py), stacked by discipline."""
    by_key = report.slips.by_key
    per_key = {k: [float(v) for v in by_key[k].per_week] for k in keys}
    _weekly_stack(
        chart,
        report,
        keys,
        per_key,
        "slips_per_week",
        tr("Slips per week (wrong notes, reps far too fast)"),
        lambda v: f"{v:.0f}",
        tr("No slips logged between {range} (Ctrl+L logs one during a session)"),
        weeks=report.slips.weeks,  # the same weeks as the volume's, without working it out
    )
