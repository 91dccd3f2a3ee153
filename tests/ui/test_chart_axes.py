"""Dates on the time axis (ui/charts/axes.py): a daily series' days counted on from the first
give the very positions of reading each date; the chart's hidden axes do no work for a range."""

from __future__ import annotations

from datetime import date, timedelta

from cadence.ui.charts.axes import day_stamps, stamps


def test_a_daily_series_days_are_placed_as_each_date_is() -> None:
    first = date(1996, 12, 30)
    days = [first + timedelta(days=i) for i in range(11_000)]  # thirty years, leap days too
    for offset in (0.0, 0.5):
        counted, read = day_stamps(days, offset), stamps(days, offset)
        assert counted.dtype == read.dtype
        assert counted.tolist() == read.tolist()  # to the bit


def test_dates_that_are_not_a_days_run_are_read_one_by_one() -> None:
    weekly = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert day_stamps(weekly, 0.5).tolist() == stamps(weekly, 0.5).tolist()
    assert day_stamps([], 0.5).tolist() == []


def test_a_range_change_typesets_no_label_of_the_hidden_axes(qtbot) -> None:
    from cadence.ui.charts.chart import Chart

    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(600, 240)
    chart.show()
    typeset: list[str] = []
    for name in ("top", "right"):
        axis = chart.plot_item.getAxis(name)
        assert not axis.isVisible()
        axis.label.setHtml = typeset.append  # (pyqtgraph typesets the label through this)
    chart.set_span(date(1996, 12, 30), date(2026, 12, 3))
    chart.set_y_range(0, 2000)
    assert typeset == []
    # the axes shown follow the range
    assert chart.plot_item.getAxis("bottom").range == list(chart.view_box.viewRange()[0])
    assert chart.plot_item.getAxis("left").range == list(chart.view_box.viewRange()[1])


def test_a_value_axis_ticks_are_pyqtgraphs_own(qtbot) -> None:
    """The value axis' tick levels (taken without `np.isclose`) equal pyqtgraph's, to the bit,
    over ranges of every size and sign, reversed, at any axis length and scale."""
    import numpy as np
    import pyqtgraph as pg

    from cadence.ui.charts.axes import ValueAxis, tick_levels

    axis = ValueAxis()
    rng = np.random.default_rng(19)
    cases = [(-251.08, 989.823, 210.0), (0.693, 1.861, 212.0), (2.4, -0.3, 210.0), (0, 1e-9, 90)]
    for _ in range(3000):
        centre = rng.normal() * 10.0 ** rng.integers(-4, 7)
        width = 10 ** rng.uniform(-6, 7)
        low = centre - width * rng.uniform(0, 1)
        cases.append((low, low + width, float(rng.integers(20, 900)) + rng.uniform(0, 1)))
    for scale in (1.0, 100.0, 0.001):
        axis.setScale(scale)
        for low, high, size in cases:
            ours = tick_levels(axis, low, high, size)
            theirs = pg.AxisItem.tickValues(axis, low, high, size)
            assert repr(ours) == repr(theirs), (low, high, size, scale)
    axis.setScale(1.0)
    axis.set_integers(True)
    assert axis.tickValues(0, 2.5, 200) == [(1.0, [0.0, 1.0, 2.0])]


def test_an_axis_pens_are_fresh_copies_of_those_set(qtbot) -> None:
    """Each pen an axis hands out is a copy of the one set (pyqtgraph recolours the tick pen it
    gets for each level), equal to pyqtgraph's own; a percent axis ticks as pyqtgraph does."""
    import pyqtgraph as pg
    from PySide6.QtGui import QColor

    from cadence.ui.charts.axes import CalendarAxis, PercentAxis, ValueAxis

    for axis in (ValueAxis(), PercentAxis("left"), CalendarAxis()):
        for _ in range(2):
            for ours, theirs in (
                (axis.pen(), pg.AxisItem.pen(axis)),
                (axis.tickPen(), pg.AxisItem.tickPen(axis)),
            ):
                assert ours == theirs
                ours.setColor(QColor("#123456"))  # a copy: the axis' own pen stays
                assert axis.pen() == pg.AxisItem.pen(axis) != ours
            axis.setPen(pg.mkPen("#7C4DFF", width=2))
        axis.setTickPen(pg.mkPen("#00AA00"))
        assert axis.tickPen() == pg.AxisItem.tickPen(axis) != axis.pen()
        tick = axis.tickPen()
        tick.setWidth(5)
        assert axis.tickPen().width() != 5
    percent = PercentAxis("left")
    for low, high, size in ((0.0, 1.0, 200), (0.137, 0.91, 170.5), (-0.02, 0.04, 300)):
        assert repr(percent.tickValues(low, high, size)) == repr(
            pg.AxisItem.tickValues(percent, low, high, size)
        )
