"""Dashed and dotted lines cut into solid dashes in screen space (ui/charts/dashes.py): the cut
follows Qt's pattern and the line's values, and a dense line reads as Qt's own dashed pen draws it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from cadence.ui.charts.dashes import DashedCurve, DashedDataItem, cut, dashes


def pieces(px, py, on) -> list[tuple[float, float, float, float]]:
    """The drawn pieces (x0, y0, x1, y1)."""
    return [(px[i], py[i], px[i + 1], py[i + 1]) for i in np.nonzero(on)[0]]


def test_a_straight_line_is_cut_into_the_pens_dashes_and_gaps() -> None:
    xs, ys = np.array([0.0, 30.0]), np.array([5.0, 5.0])
    px, py, on = cut(xs, ys, np.array([True]), np.array([4.0, 2.0]))
    drawn = pieces(px, py, on)
    assert drawn == [(0, 5, 4, 5), (6, 5, 10, 5), (12, 5, 16, 5), (18, 5, 22, 5), (24, 5, 28, 5)]


def test_the_dashes_run_on_round_corners_and_start_again_after_a_gap() -> None:
    # two runs: (0,0) -> (3,0) -> (3,3), a gap, then (10,0) -> (16,0)
    xs = np.array([0.0, 3.0, 3.0, 10.0, 16.0])
    ys = np.array([0.0, 0.0, 3.0, 0.0, 0.0])
    joined = np.array([True, True, False, True])
    px, py, on = cut(xs, ys, joined, np.array([4.0, 2.0]))
    drawn = pieces(px, py, on)
    # the first dash turns the corner: 3 along, 1 up; the next starts 2 further on
    assert drawn[:2] == [(0, 0, 3, 0), (3, 0, 3, 1)]
    assert not any(p[0] > 3 and p[0] < 10 for p in drawn)  # nothing drawn across the gap
    assert (10, 0, 14, 0) in drawn  # the second run starts with a whole dash
    assert (16, 0, 16, 0) not in drawn


def test_a_dotted_pen_is_cut_by_its_width() -> None:
    pen = pg.mkPen(QColor("#336699"), width=1.5, style=Qt.PenStyle.DotLine)
    px, py, on = dashes(np.array([0.0, 9.0]), np.array([0.0, 0.0]), "all", QTransform(), pen)
    # Qt's dot pattern is 1 on, 2 off, in pen widths
    assert pieces(px, py, on) == [(0, 0, 1.5, 0), (4.5, 0, 6.0, 0)]


def render(item: pg.PlotDataItem, x: np.ndarray, y: np.ndarray, pen) -> np.ndarray:
    """The item drawn alone in a 600 x 300 plot, as a mask of the pixels it inks."""
    widget = pg.PlotWidget()
    widget.resize(600, 300)
    widget.setBackground("w")
    widget.hideAxis("left")
    widget.hideAxis("bottom")
    item.setData(x, y, pen=pen)
    widget.addItem(item)
    widget.setRange(xRange=(x.min(), x.max()), yRange=(y.min(), y.max()), padding=0.02)
    image = QImage(600, 300, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    widget.render(painter)
    painter.end()
    widget.close()
    widget.deleteLater()
    return np.frombuffer(image.constBits(), np.uint32).reshape(300, 600) != 0xFFFFFFFF


def test_a_dense_dashed_line_reads_as_qts_dashed_pen_draws_it(qtbot) -> None:
    rng = np.random.default_rng(3)
    x = np.repeat(np.arange(500.0), 2)  # a pixel column's low and high, as downsampled lines are
    y = np.cumsum(rng.normal(0, 1, x.size)) + rng.normal(0, 8, x.size)
    for style, width in ((Qt.PenStyle.DashLine, 1.7), (Qt.PenStyle.DotLine, 1.5)):
        pen = pg.mkPen(QColor("#336699"), width=width, style=style)
        ours = DashedDataItem()
        assert isinstance(ours.curve, DashedCurve)
        mine = render(ours, x, y, pen)
        assert ours.curve.cuts() and ours.curve._dashes is not None  # drawn as cut dashes
        qts = render(pg.PlotDataItem(), x, y, pen)
        solid = render(pg.PlotDataItem(), x, y, pg.mkPen(QColor("#336699"), width=width))
        assert qts.sum() > 1000
        # the same pixels, but for the corners inside a dash (a cap there, not a join)
        assert (mine & qts).sum() / (mine | qts).sum() > 0.95
        assert mine.sum() < solid.sum()  # gaps: less ink than the solid line
        assert abs(int(mine.sum()) - int(qts.sum())) < 0.05 * qts.sum()


def test_a_solid_pen_is_left_to_pyqtgraph(qtbot) -> None:
    item = DashedDataItem()
    item.setData([0.0, 1.0, 2.0], [0.0, 1.0, 0.0], pen=pg.mkPen("k", width=2))
    assert not item.curve.cuts()
    item.setData([0.0, 1.0, 2.0], [0.0, 1.0, 0.0], pen=pg.mkPen("k", style=Qt.PenStyle.DashLine))
    assert item.curve.cuts()


def _chart_line(qtbot, ys: np.ndarray, plain: bool = False):
    """A chart with one line of `ys` (a day apart), fitted; `plain`: pyqtgraph's own item with
    the same options, in place of ours."""
    from cadence.ui.charts.chart import Chart
    from cadence.ui.charts.lines import PEAK_SAMPLES_PER_PIXEL, line

    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(700, 260)
    chart.show()
    xs = np.arange(len(ys), dtype=float) * 86_400
    chart.reset("load", "Load")
    chart.view_box.setXRange(xs[0], xs[-1], padding=0)
    if plain:
        item = chart.add("fitness", pg.PlotDataItem())
        item.opts.update(
            autoDownsampleFactor=PEAK_SAMPLES_PER_PIXEL,
            autoDownsample=True,
            downsampleMethod="peak",
        )
        item.setData(xs, ys, pen=pg.mkPen("#336699"), connect="all")
    else:
        item = line(chart, "fitness", xs, ys, "#336699")
    chart.settle()
    return chart, item


def test_a_change_of_the_y_range_alone_does_not_make_the_line_again(qtbot) -> None:
    chart, item = _chart_line(qtbot, np.sin(np.arange(3000) / 50) * 100)
    shown, drawn = item._getDisplayDataset(), item.curve.xData
    assert len(shown.x) < 3000  # downsampled to the plot's width
    chart.set_y_range(-300, 300)
    assert item._getDisplayDataset() is shown  # the same display data, not taken again
    assert item.curve.xData is drawn  # nor the curve given them again
    chart.view_box.setXRange(0, 1000 * 86_400, padding=0)  # x changed: taken again
    assert item._getDisplayDataset() is not shown


def test_the_y_range_clips_far_values_as_pyqtgraphs_own_line_does(qtbot) -> None:
    """pyqtgraph clips values more than a million view heights off the plot (its dynamic range
    limit); ours takes the display data again wherever that clips, now or before."""
    ys = np.zeros(3000)
    ys[1500] = 1e9
    seen = []
    for plain in (True, False):
        chart, item = _chart_line(qtbot, ys, plain)
        highs = [float(np.max(item.curve.yData))]
        for low, high in ((-1, 1), (-2, 2), (-1e9, 1e9), (-1, 1), (-3, 3), (-1e3, 1e3)):
            chart.set_y_range(low, high)
            highs.append(float(np.max(item.curve.yData)))
        seen.append(highs)
    assert any(high < 1e9 for high in seen[0])  # pyqtgraph clipped at some range
    assert seen[1] == seen[0]


def test_a_lines_bounds_are_pyqtgraphs_own(qtbot) -> None:
    """The bounds a curve gives the view (taken without pyqtgraph's warning catch) equal
    pyqtgraph's, to the bit: NaN gaps, all NaN, infinities, a part of the x range or none of
    it, cosmetic or wide pens, a fill level; and they are kept for the same question."""
    rng = np.random.default_rng(19)
    xs = np.arange(400, dtype=float) * 86_400
    gappy = rng.normal(size=400) * 50
    gappy[rng.random(400) < 0.3] = np.nan
    with_inf = rng.normal(size=400)
    with_inf[[3, 200]] = [np.inf, -np.inf]
    tails = np.full(400, np.nan)
    tails[100:110] = [-0.0, 0.0, 2.5, -3.0, 1e300, -1e-300, 7.0, np.nan, 0.0, -0.0]
    ys_cases = [gappy, with_inf, tails, np.full(400, np.nan), rng.normal(size=400)]
    pens = [pg.mkPen("k"), pg.mkPen("k", width=2), pg.mkPen("k", width=3, cosmetic=False), None]
    ranges = [None, (xs[0], xs[-1]), (xs[50], xs[120]), (xs[-1] + 1, xs[-1] + 9), (-5.0, 5.0)]
    for ys in ys_cases:
        for pen in pens:
            for fill in (None, 0.0):
                ours, theirs = DashedCurve(), pg.PlotCurveItem()
                for item in (ours, theirs):
                    item.setData(xs, ys, pen=pen, fillLevel=fill)
                for ax in (0, 1):
                    for ortho in ranges:
                        got = ours.dataBounds(ax, 1.0, ortho)
                        want = theirs.dataBounds(ax, 1.0, ortho)
                        assert repr(got) == repr(want), (ax, ortho, pen, fill)
                        assert ours.dataBounds(ax, 1.0, ortho) is got or got == (None, None)
                assert repr(ours.dataBounds(1, 0.9)) == repr(theirs.dataBounds(1, 0.9))
