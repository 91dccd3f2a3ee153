"""Our plot widgets keep no pixmap of their background (ui/charts/plot_view.py): the same
picture, without a copy of the view's size held by each chart shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsView

from cadence.services.browse.listing import PassageSummary, TempoEntry
from cadence.ui.charts.chart import Chart
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
