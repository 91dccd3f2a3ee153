"""What every plot widget of ours sets on its pyqtgraph view (`Chart`, the tempo chart)."""

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
