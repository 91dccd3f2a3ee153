"""pyqtgraph's bars, less the ones that draw nothing.

A bar with per-bar brushes or pens (a stacked layer whose edge weeks are hatched) is recorded
into a QPicture one rectangle at a time and the picture replayed on every paint. Thirty years of
weeks stacked by eight stop reasons are 12,500 such bars, nearly all of height 0: with no
outline, they draw nothing, but cost a recorded call each (a third of the Stop-points tab's
switch to "all"). They are left out of the picture; the item's data (`opts`) keep every bar,
so its readers (the readout, the tests) see one bar a week as before.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt


class SparseBarGraphItem(pg.BarGraphItem):
    # bars drawn even at height 0 (they have an outline): set by the code that gives the pens,
    # which knows; None means "look at the pens"
    outlined: np.ndarray | None = None

    def _drawn(self, count: int) -> np.ndarray:
        heights = self._rectarray.ndarray()[:count, 3]
        if self.outlined is not None and len(self.outlined) == count:
            outlined = self.outlined
        elif self._pens is not None:
            outlined = np.array([p.style() != Qt.PenStyle.NoPen for p in self._pens], dtype=bool)
        else:
            outlined = np.full(count, self._sharedPen.style() != Qt.PenStyle.NoPen)
        return np.flatnonzero((heights != 0) | outlined)

    def _render(self, painter) -> None:  # pyqtgraph's own, over the bars that draw something
        multi_pen = self._pens is not None
        multi_brush = self._brushes is not None
        if not multi_pen and not multi_brush:
            super()._render(painter)
            return
        rects = self._rectarray.instances()
        drawn = self._drawn(len(rects)).tolist()
        if not multi_pen and self._sharedPen.style() == Qt.PenStyle.NoPen:
            for idx in drawn:
                painter.fillRect(rects[idx], self._brushes[idx])
            return
        if not multi_pen:
            painter.setPen(self._sharedPen)
        if not multi_brush:
            painter.setBrush(self._sharedBrush)
        for idx in drawn:
            if multi_pen:
                painter.setPen(self._pens[idx])
            if multi_brush:
                painter.setBrush(self._brushes[idx])
            painter.drawRect(rects[idx])
