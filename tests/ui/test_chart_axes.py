"""Dates on the time axis (ui/charts/axes.py): a daily series' days counted on from the first
give the very positions of reading each date; the chart's hidden axes do no work for a range."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

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


def _specs_as_values(specs) -> Any:
    """An axis' draw specs as plain values: pens (Qt compares them whole), points, rectangles,
    flags and strings."""
    if specs is None:
        return None
    from cadence.ui.charts.axes import TickLines

    (pen, a, b), levels, texts = specs
    ticks = []
    for level in levels:  # a level of ours as (pen, start, end) per tick
        ticks += level.as_specs() if isinstance(level, TickLines) else [level]
    return (
        (pen, a.x(), a.y(), b.x(), b.y()),
        [(pen, a.x(), a.y(), b.x(), b.y()) for pen, a, b in ticks],
        [(r.x(), r.y(), r.width(), r.height(), int(flags), s) for r, flags, s in texts],
    )


def _both_specs(axis, pyqtgraphs) -> tuple[Any, Any]:
    from PySide6.QtGui import QPainter, QPicture

    out = []
    for generate in (pyqtgraphs, type(axis).generateDrawSpecs):
        picture = QPicture()
        painter = QPainter(picture)
        try:
            if axis.style["tickFont"]:
                painter.setFont(axis.style["tickFont"])
            out.append(_specs_as_values(generate(axis, painter)))
            out.append((axis.textWidth, axis.textHeight))
        finally:
            painter.end()
    return out[0:2], out[2:4]


def test_an_axis_draw_specs_are_pyqtgraphs_own(qtbot) -> None:
    """Our axes lay out their ticks and labels as pyqtgraph does, to the bit: the same pens,
    tick lines, label rectangles, flags and strings (and the text room kept), over many ranges
    of dates and values, chart widths, whole-number and percent axes, a tick font, given ticks,
    tick alphas, labels hidden; and a right axis or a grid (left to pyqtgraph) as before."""
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtGui import QFont

    from cadence.ui.charts.axes import CalendarAxis, PercentAxis, ValueAxis
    from cadence.ui.charts.chart import Chart

    rng = np.random.default_rng(9)
    charts = [Chart(), Chart(percent=True)]
    for chart in charts:
        qtbot.addWidget(chart)
        chart.show()
    compared = 0
    for width in (180, 420, 640, 1012, 1300):
        for chart in charts:
            chart.resize(width, 240)
        qtbot.wait(1)  # the layout places the axes
        for chart in charts:
            bottom, left = chart.plot_item.getAxis("bottom"), chart.plot_item.getAxis("left")
            assert isinstance(bottom, CalendarAxis)
            assert isinstance(left, PercentAxis if chart is charts[1] else ValueAxis)
            for _ in range(25):
                first = date(1990, 1, 1) + timedelta(days=int(rng.integers(0, 13_000)))
                last = first + timedelta(days=int(10 ** rng.uniform(0.5, 4.1)))
                bottom.week_start = int(rng.integers(0, 7))
                bottom.setRange(stamp_of(first), stamp_of(last))
                theirs, ours = _both_specs(bottom, pg.DateAxisItem.generateDrawSpecs)
                assert ours == theirs, (width, first, last)
                centre = rng.normal() * 10.0 ** rng.integers(-3, 5)
                span = 10 ** rng.uniform(-3, 5)
                low = centre - span * rng.uniform(0, 1)
                left.setRange(low, low + span)
                if isinstance(left, ValueAxis):
                    left.set_integers(bool(rng.integers(0, 2)))
                theirs, ours = _both_specs(left, pg.AxisItem.generateDrawSpecs)
                assert ours == theirs, (width, low, span)
                compared += 2
    assert compared == 500
    # a tick font, given ticks, tick alphas, hidden labels; a right axis and a grid
    chart = charts[0]
    left = chart.plot_item.getAxis("left")
    left.setRange(-3.5, 12.25)
    font = QFont()
    font.setPointSize(15)
    for style in (
        {"tickFont": font},
        {"tickAlpha": 0.3},
        {"tickAlpha": 90},
        {"tickLength": -7, "tickTextOffset": 9},
        {"showValues": False},
    ):
        left.setStyle(**style)
        theirs, ours = _both_specs(left, pg.AxisItem.generateDrawSpecs)
        assert ours == theirs, style
        left.setStyle(tickFont=None, tickAlpha=None, tickLength=5, showValues=True)
    left.setTicks([[(0.0, "none"), (5.0, "five")], [(2.5, "½ five"), (40.0, "far")]])
    theirs, ours = _both_specs(left, pg.AxisItem.generateDrawSpecs)
    assert ours == theirs and len(ours[0][2]) == 3  # "far" is out of range
    left.setTicks(None)
    left.setGrid(80)
    theirs, ours = _both_specs(left, pg.AxisItem.generateDrawSpecs)
    assert ours == theirs
    left.setGrid(False)
    right = ValueAxis("right")
    chart.plot_item.setAxisItems({"right": right})
    chart.plot_item.showAxis("right")
    qtbot.wait(1)
    right.setRange(0, 7)
    theirs, ours = _both_specs(right, pg.AxisItem.generateDrawSpecs)
    assert ours == theirs and ours[0] is not None


def stamp_of(day: date) -> float:
    from cadence.ui.charts.axes import stamp

    return stamp(day)


def test_a_plot_without_given_axes_shows_our_value_axes_as_pyqtgraph_would(qtbot) -> None:
    """A chart of no dates (the Stop-points tab's hours) and the tempo chart's left axis are
    our value axis, laid out as pyqtgraph's own axis was; the hidden top and right stay."""
    import pyqtgraph as pg

    from cadence.ui.charts.axes import ValueAxis
    from cadence.ui.charts.chart import Chart
    from cadence.ui.charts.plot_view import PlainPlotItem

    chart = Chart(time_axis=False)
    qtbot.addWidget(chart)
    chart.resize(700, 240)
    chart.show()
    qtbot.wait(1)
    bottom = chart.plot_item.getAxis("bottom")
    assert type(bottom) is ValueAxis and bottom.isVisible()
    for low, high in ((-1.0, 11.0), (-0.5, 23.5), (0.0, 3.25)):
        bottom.setRange(low, high)
        theirs, ours = _both_specs(bottom, pg.AxisItem.generateDrawSpecs)
        assert ours == theirs and len(ours[0][2]) > 2, (low, high)
    plot = PlainPlotItem()
    assert [type(plot.getAxis(name)) for name in ("left", "bottom", "top", "right")] == [
        ValueAxis,
        ValueAxis,
        pg.AxisItem,
        pg.AxisItem,
    ]
    assert [
        plot.getAxis(name).isVisibleTo(plot) for name in ("left", "bottom", "top", "right")
    ] == [
        True,
        True,
        False,
        False,
    ]


def test_an_axis_draws_its_specs_as_pyqtgraph_does(qtbot) -> None:
    """A level's ticks drawn in one call under its pen give the very pixels of pyqtgraph's
    tick-by-tick drawing (fainter levels over each other too), recorded and played back as an
    axis paints."""
    import pyqtgraph as pg
    from PySide6.QtGui import QColor, QImage, QPainter, QPicture

    from cadence.ui.charts.axes import TickLines
    from cadence.ui.charts.chart import Chart

    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(900, 240)
    chart.show()
    qtbot.wait(1)

    def drawn(axis, draw, specs) -> bytes:
        picture = QPicture()
        painter = QPainter(picture)
        draw(axis, painter, *specs)
        painter.end()
        image = QImage(chart.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.setTransform(axis.sceneTransform())
        picture.play(painter)
        painter.end()
        return bytes(image.constBits())

    left, bottom = chart.plot_item.getAxis("left"), chart.plot_item.getAxis("bottom")
    cases = [(left, (-3.5, 12.25)), (left, (0.0, 2231.9)), (bottom, (8.4e8, 1.806e9))]
    cases += [(bottom, (1.7e9, 1.7e9 + 40 * 86_400.0))]
    for axis, (low, high) in cases:
        axis.setRange(low, high)
        picture = QPicture()
        painter = QPainter(picture)
        specs = type(axis).generateDrawSpecs(axis, painter)
        painter.end()
        axis_spec, levels, texts = specs
        assert levels and all(isinstance(level, TickLines) for level in levels)
        ticks = [tick for level in levels for tick in level.as_specs()]
        theirs = drawn(axis, pg.AxisItem.drawPicture, (axis_spec, ticks, texts))
        assert drawn(axis, type(axis).drawPicture, specs) == theirs, (low, high)
        white = drawn(axis, pg.AxisItem.drawPicture, (axis_spec, [], []))
        assert theirs != white  # ticks were drawn
