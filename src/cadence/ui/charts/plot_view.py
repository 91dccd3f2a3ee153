"""What every plot widget of ours sets on its pyqtgraph view (`Chart`, the tempo chart) and plot."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsView


def without_background_cache(view: pg.GraphicsView) -> None:
    """pyqtgraph's views keep their background as a pixmap the size of the view (Qt's
    CacheBackground), to copy from instead of filling it again. Our backgrounds are one plain
    colour, cheaper to fill than to copy, and each pixmap held about 0.9 MB per chart shown (a
    chart 1,000 pixels wide): twelve charts once every view has been shown. The pictures are the
    same to the pixel (docs/performance.md)."""
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)


def without_hidden_axis_labels(plot: pg.PlotItem) -> None:
    """pyqtgraph's plot makes four axes and shows two (left, bottom). The hidden ones follow
    every change of the range all the same, and each time typeset their label again
    (`QGraphicsTextItem.setHtml`) for pyqtgraph's SI prefix (x1e+03), which is shown only in a
    label with units: eight typesettings of empty labels a switch of the Load tab's range.
    A hidden axis shows no label, so it needs no prefix; the axes shown are left as they are."""
    for name in ("top", "right", "left", "bottom"):
        axis = plot.getAxis(name)
        if not axis.isVisibleTo(plot) and axis.autoSIPrefix:
            axis.enableAutoSIPrefix(False)
