"""The cross-over chart: a day's running load against the next day's music focus, with Pearson's
r and its n. A scatter shows a relation; it never shows a cause."""

from __future__ import annotations

import numpy as np

from cadence.domain.palette import BOTH
from cadence.services.stats.types import CrossOver
from cadence.ui.charts.axes import tr
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import day_label, number_text
from cadence.ui.charts.lines import points


def crossover_caption(cross: CrossOver) -> str:
    if cross.r is None:
        return tr("r needs at least 3 pairs of days (n = {n})").format(n=cross.n)
    return tr("r = {r:.2f}, n = {n} pairs of days").format(r=cross.r, n=cross.n)


def draw_crossover(chart: Chart, cross: CrossOver) -> None:
    chart.reset(
        "crossover",
        tr("Running load (RPE × min) → next day's music focus"),
        [(BOTH, crossover_caption(cross))],
    )
    chart.plot_item.setLabel("bottom", tr("Running load on a day (0: no run)"))
    chart.plot_item.setLabel("left", tr("Focus next day"))
    if not cross.n:
        chart.view_box.setXRange(0, 1, padding=0)
        chart.show_message(tr("No music session with a focus rating the day after a day in range"))
        return
    xs = np.array(cross.run_load, dtype=float)
    ys = np.array(cross.next_day_focus, dtype=float)
    points(chart, "pairs", xs, ys, BOTH, size=7)
    chart.view_box.setXRange(0, max(1.0, float(xs.max())), padding=0.04)
    chart.set_y_range(1, 5)
    chart.read_out(
        xs,
        lambda i: "\n".join(
            [
                day_label(cross.days[i]),
                tr("Running load: {v}").format(v=number_text(cross.run_load[i], 0)),
                tr("Focus next day: {v}").format(v=number_text(cross.next_day_focus[i])),
            ]
        ),
        ys=ys,
    )
