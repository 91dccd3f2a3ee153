"""A chart's range fitted to its data (ui/charts/chart.py, `ChartViewBox.childrenBounds`): the
same bounds and range as pyqtgraph's own fit, with the items moved to the new range once."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg

from cadence.ui.charts.axes import stamp
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.lines import line, reference


def _drawn(qtbot, plain: bool) -> tuple[Chart, list[int]]:
    """A chart drawn for a year, then for thirty years of days; `plain`: fitted by pyqtgraph's
    own `childrenBounds`. Returns the chart and how often each fit moved its items."""
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(700, 260)
    chart.show()
    qtbot.waitExposed(chart)
    vb = chart.view_box
    if plain:
        vb.childrenBounds = lambda *args, **kwargs: pg.ViewBox.childrenBounds(vb, *args, **kwargs)
    moves = [0]
    group = vb.childGroup
    set_transform = group.setTransform

    def counted(*args) -> None:
        moves[0] += 1
        set_transform(*args)

    group.setTransform = counted  # (what pyqtgraph calls to move the items to a new range)
    fits = []
    rng = np.random.default_rng(7)
    for first in (date(2026, 1, 1), date(1996, 12, 2)):
        days = np.arange(stamp(first), stamp(date(2026, 12, 3)), 86_400, dtype=float)
        chart.reset("load", "Load")
        chart.set_span(first, date(2026, 12, 3))
        line(chart, "fitness", days, rng.gamma(2.0, 40.0, len(days)), "#336699")
        line(chart, "fatigue", days, rng.normal(0, 60, len(days)), "#994433")
        weeks = days[::7]
        chart.bar_item("weekly").setOpts(
            x=weeks, height=rng.uniform(0, 300, len(weeks)), width=6 * 86_400, brush="#22C55E"
        )
        reference(chart, "one", 1.0, "#888888", "1", kept=True)
        moves[0] = 0
        chart.settle()
        fits.append(moves[0])
    return chart, fits


def test_a_fit_moves_the_items_once_to_the_same_range_as_pyqtgraphs_fit(qtbot) -> None:
    ours, fits = _drawn(qtbot, plain=False)
    theirs, plain_fits = _drawn(qtbot, plain=True)
    assert ours.view_box.viewRange() == theirs.view_box.viewRange()
    assert ours.view_box.childGroup.transform() == theirs.view_box.childGroup.transform()
    for frac in (None, (1.0, 0.5)):
        assert ours.view_box.childrenBounds(frac) == theirs.view_box.childrenBounds(frac)
    # after the x range changed, pyqtgraph's fit moved the items to the new x (and the old y)
    # before fitting y, then again to the fitted y; ours moves them once
    assert plain_fits == [2, 2]
    assert fits == [1, 1]


def test_an_item_placed_elsewhere_is_fitted_by_pyqtgraphs_own_way(qtbot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(700, 260)
    chart.show()
    vb = chart.view_box
    inner = pg.PlotDataItem([0.0, 1.0], [0.0, 2.0])
    holder = pg.ItemGroup()
    vb.addItem(holder, ignoreBounds=True)
    inner.setParentItem(holder)
    holder.setPos(10, 5)
    vb.addedItems.append(inner)  # an item of the view, but not placed directly in it
    vb.setXRange(0, 100, padding=0)  # a range change pending
    assert vb._matrixNeedsUpdate
    bounds = vb.childrenBounds()
    assert bounds == pg.ViewBox.childrenBounds(vb)
    # its place in the view counted (and the line's pixel of padding)
    assert np.allclose(bounds, [[10.0, 11.0], [5.0, 7.0]], atol=0.01)
