"""pyqtgraph's bars, one brush per layer, and the few edge bars hatched on top.

A stacked layer whose edge weeks (partly inside the range) are hatched and outlined used to give
pyqtgraph one brush and one pen per bar: it converted them one by one on every redraw and
recorded every bar into a QPicture with its own `setPen`/`setBrush`/`drawRect` (thirty years of
weeks × eight stop reasons are 12,500 bars, nearly all of height 0). Here a layer keeps one
shared brush and no pen; its picture holds the bars of some height in one `drawRects` call, then
the edge bars (`set_edges`: a mask, their brush and outline), each with its outline, even at
height 0. It is still a picture replayed on paint: drawn straight through the view's transform,
a few thin bars land one pixel aside. The item's data (`opts`) keep every bar, so its readers
(the readout, the tests) see one bar a week; `bar_brushes` says how each bar is filled.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QBrush, QPainter, QPen, QPicture


class SparseBarGraphItem(pg.BarGraphItem):
    _edges: tuple[np.ndarray, QBrush, QPen] | None = None
    _recorded: QPicture | None = None  # the bars as drawn, recorded once per setOpts

    def set_edges(self, mask: np.ndarray | None, brush: QBrush, pen: QPen) -> None:
        """Bars where `mask` is true are drawn with `brush` and `pen` (even at height 0) instead
        of the shared brush; None: every bar with the shared brush. Call before `setOpts`."""
        marked = None if mask is None else np.asarray(mask, dtype=bool)
        self._edges = (marked, brush, pen) if marked is not None and marked.any() else None

    def setOpts(self, **opts) -> None:
        self._recorded = None
        super().setOpts(**opts)
        if self._edges is not None:  # the edge outline counts in the item's bounds, as it did
            mask, _brush, pen = self._edges  # (pyqtgraph took the width of the last bar's pen)
            if len(mask) and mask[-1]:
                self._updatePenWidth(pen)

    def bar_brushes(self) -> list[QBrush]:
        """How each bar is filled (the edge bars' brush where they are marked)."""
        shared = cast(QBrush, self._sharedBrush)
        count = len(self._rectarray.instances())
        if self._edges is None or len(self._edges[0]) != count:
            return [shared] * count
        mask, brush, _pen = self._edges
        return [brush if m else shared for m in mask]

    def _picture(self) -> QPicture:
        """The layer recorded once per `setOpts` (pyqtgraph's way, so the bars land on the same
        pixels): the shared brush set once for its bars of some height, then the edge bars."""
        if self._recorded is None:
            rects = self._rectarray.instances()
            mask = self._edges[0] if self._edges is not None else None
            if mask is None or len(mask) != len(rects):
                mask = np.zeros(len(rects), dtype=bool)
            heights = self._rectarray.ndarray()[: len(rects), 3]
            picture = QPicture()
            painter = QPainter(picture)
            painter.setPen(cast(QPen, self._sharedPen))
            painter.setBrush(cast(QBrush, self._sharedBrush))
            filled = [rects[i] for i in np.flatnonzero((heights != 0) & ~mask).tolist()]
            if filled:  # one call; the picture keeps one rectangle each, as drawRect did
                painter.drawRects(filled)
            if self._edges is not None:
                _mask, brush, pen = self._edges
                painter.setPen(pen)
                painter.setBrush(brush)
                for i in np.flatnonzero(mask).tolist():
                    painter.drawRect(rects[i])
            painter.end()
            self._recorded = picture
        return self._recorded

    def paint(self, p: QPainter, *args) -> None:
        if self._edges is None or self._pens is not None or self._brushes is not None:
            super().paint(p, *args)
            return
        self._picture().play(p)
