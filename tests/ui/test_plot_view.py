"""Our plot widgets keep no pixmap of their background, and their plot items build no "Plot
Options" form (ui/charts/plot_view.py): the same pictures and behaviour, with less held."""

from __future__ import annotations

import gc
import weakref
from datetime import date, timedelta

import pyqtgraph as pg
import pytest
from pyqtgraph.graphicsItems.PlotItem import plotConfigTemplate_generic as ui_template
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from cadence.services.browse.listing import PassageSummary, TempoEntry
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.plot_view import PlainPlotItem, PlotOptions
from cadence.ui.charts.tempo import TempoChart


def _tempo_chart() -> TempoChart:
    chart = TempoChart()
    passage = PassageSummary(1, "Bars 1-8", "1-8", 60.0, 120.0, 110.0)
    history = [
        TempoEntry(date(2020, 1, 1) + timedelta(days=3 * i), i + 1, 60.0 + i % 40)
        for i in range(40)
    ]
    chart.show_passage(passage, history)
    return chart


def _chart() -> Chart:
    chart = Chart()
    chart.show_message("Nothing to draw in this range")
    return chart


@pytest.mark.parametrize("make", [_chart, _tempo_chart])
def test_a_chart_keeps_no_background_pixmap_and_paints_the_same(qtbot, make) -> None:
    chart = make()
    qtbot.addWidget(chart)
    chart.resize(520, 240)
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.cacheMode() == QGraphicsView.CacheModeFlag.CacheNone
    ours = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    chart.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # pyqtgraph's own
    chart.resetCachedContent()
    cached = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert ours.size() == cached.size() and ours == cached


# --- PlainPlotItem: pyqtgraph's PlotItem without its "Plot Options" form ------------------------


def _widgets_made_by(make) -> int:
    before = len(QApplication.allWidgets())
    made = make()
    count = len(QApplication.allWidgets()) - before
    made.deleteLater()
    return count


@pytest.mark.parametrize("make", [Chart, TempoChart])
def test_a_chart_builds_no_plot_options_form(qtbot, make) -> None:
    # the view, its viewport, scroll bars and their boxes: 7; pyqtgraph's own PlotItem made 104
    # (its options form and menus)
    assert _widgets_made_by(make) <= 8
    chart = make()
    qtbot.addWidget(chart)
    assert isinstance(chart.plot_item.ctrl, PlotOptions)
    assert chart.plot_item.getContextMenus(None) is None


def test_the_options_start_as_pyqtgraphs_form_does(qtbot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    real = ui_template.Ui_Form()
    real.setupUi(form)
    ours = PlotOptions()
    for name, value in vars(ours).items():
        widget = getattr(real, name)
        if hasattr(value, "isChecked"):
            assert value.isChecked() == widget.isChecked(), name
        elif hasattr(value, "maximum"):
            assert (value.value(), value.minimum(), value.maximum()) == (
                widget.value(),
                widget.minimum(),
                widget.maximum(),
            ), name
        else:
            assert value.count() == widget.count() == 0, name
    form_names = {n for n, w in vars(real).items() if isinstance(w, QWidget)}
    used = {"transformGroup", "decimateGroup", "gridGroup"}  # frames: only the menu's pages
    assert form_names - set(vars(ours)) - used == {n for n in form_names if n.startswith("label")}


def test_the_plot_item_holds_what_pyqtgraphs_holds(qtbot) -> None:
    # its __init__ is pyqtgraph's own up to the form: the same attributes, so that a newer
    # pyqtgraph that keeps something more shows here
    theirs, ours = pg.PlotItem(), PlainPlotItem()
    assert set(vars(ours)) == set(vars(theirs))


def _steps(item: pg.PlotItem) -> list[pg.PlotDataItem]:
    """The same calls, in turn, to a plot item; the curves it holds."""
    early = pg.PlotDataItem([1, 2, 3, 4], [1, 10, 100, 1000])
    item.addItem(early)
    item.showGrid(x=True, y=True, alpha=0.3)
    item.setLogMode(x=False, y=True)
    item.setDownsampling(ds=4, auto=True, mode="mean")
    item.setDownsampling(mode="subsample")
    item.setClipToView(True)
    item.ctrl.alphaGroup.setChecked(True)
    item.ctrl.alphaSlider.setValue(500)
    item.ctrl.fftCheck.setChecked(True)
    item.ctrl.fftCheck.setChecked(False)
    item.ctrl.subtractMeanCheck.setChecked(True)
    late = item.plot([1, 2, 3], [3, 2, 1], params={"run": 1})
    item.showGrid(x=False)
    item.setDownsampling(mode="peak")
    item.setDownsampling(ds=False)
    return [early, late]


OPTS = (
    "logMode",
    "downsample",
    "autoDownsample",
    "downsampleMethod",
    "clipToView",
    "alphaHint",
    "alphaMode",
    "fftMode",
    "subtractMeanMode",
)


def test_grid_log_mode_downsampling_and_alpha_work_as_on_pyqtgraphs_plot_item(qtbot) -> None:
    theirs, ours = pg.PlotItem(), PlainPlotItem()
    for a, b in zip(_steps(theirs), _steps(ours), strict=True):
        assert {k: a.opts[k] for k in OPTS} == {k: b.opts[k] for k in OPTS}
    assert ours.getAxis("left").grid == theirs.getAxis("left").grid == int(0.3 * 255)
    assert ours.getAxis("bottom").grid is theirs.getAxis("bottom").grid is False
    assert ours.getAxis("left").logMode == theirs.getAxis("left").logMode
    assert ours.downsampleMode() == theirs.downsampleMode() == (1, False, "peak")
    assert ours.alphaState() == theirs.alphaState()
    assert ours.pointMode() == theirs.pointMode()
    assert ours.ctrl.avgParamList.count() == theirs.ctrl.avgParamList.count() == 1


def test_a_plain_plot_item_closes_as_pyqtgraphs_does(qtbot) -> None:
    plot = PlainPlotItem()
    widget = pg.PlotWidget(plotItem=plot)
    qtbot.addWidget(widget)
    widget.close()
    assert plot.vb is None and plot.ctrlMenu is None  # its view box has left the scene


def test_a_radio_unchecks_the_one_before_and_the_checked_one_stays(qtbot) -> None:
    options = PlotOptions()
    heard: list[tuple[str, bool]] = []
    for name in ("peakRadio", "meanRadio", "subsampleRadio"):
        getattr(options, name).toggled.connect(lambda on, name=name: heard.append((name, on)))
    options.meanRadio.setChecked(True)
    options.meanRadio.setChecked(False)  # as Qt's: an exclusive radio is not unchecked
    assert heard == [("peakRadio", False), ("meanRadio", True)]
    assert [options.peakRadio.isChecked(), options.meanRadio.isChecked()] == [False, True]


def test_a_dropped_chart_frees_its_plot_item_without_the_cyclic_collector(qtbot) -> None:
    """The options hold the plot item's slots weakly: a chart let go is freed at once, not left
    for Python's cyclic collector, which would destroy its Qt items at any later moment (even
    inside a signal's disconnect, where Qt's lock is held: the suite once hung there)."""
    gc.collect()
    gc.disable()
    try:
        chart = Chart()
        plot_item = weakref.ref(chart.plot_item)
        options = weakref.ref(chart.plot_item.ctrl)
        del chart
        assert plot_item() is None
        assert options() is None
    finally:
        gc.enable()


def test_a_slot_of_a_plain_function_stays_connected() -> None:
    seen: list[bool] = []
    options = PlotOptions()
    options.xGridCheck.toggled.connect(lambda checked: seen.append(checked))
    gc.collect()
    options.xGridCheck.setChecked(True)
    assert seen == [True]
