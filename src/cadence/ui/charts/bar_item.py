"""pyqtgraph's bars, less the ones that draw nothing.

A bar with per-bar brushes or pens (a stacked layer whose edge weeks are hatched) is recorded
into a QPicture one rectangle at a time and the picture replayed on every paint. Thirty years of
weeks stacked by eight stop reasons are 12,500 such bars, nearly all of height 0: with no
outline, they draw nothing, but cost a recorded call each (a third of the Stop-points tab's
switch to "all"). They are left out of the picture; the item's data (`opts`) keep every bar,
so its readers (the readout, the tests) see one bar a week as before.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPen


class SparseBarGraphItem(pg.BarGraphItem):
    # bars drawn even at height 0 (they have an outline): set by the code that gives the pens,
    # which knows; None means "look at the pens"
    outlined: np.ndarray | None = None

    def _drawn(self, count: int, pens: list[QPen] | None, shared: QPen) -> list[int]:
        heights = self._rectarray.ndarray()[:count, 3]
        if self.outlined is not None and len(self.outlined) == count:
            outlined = self.outlined
        elif pens is not None:
            outlined = np.array([p.style() != Qt.PenStyle.NoPen for p in pens], dtype=bool)
        else:
            outlined = np.full(count, shared.style() != Qt.PenStyle.NoPen)
        return np.flatnonzero((heights != 0) | outlined).tolist()

    def _render(self, painter) -> None:  # pyqtgraph's own, over the bars that draw something
        pens = cast("list[QPen] | None", self._pens)
        brushes = cast("list[QBrush] | None", self._brushes)
        shared = cast(QPen, self._sharedPen)
        if pens is None and brushes is None:
            super()._render(painter)
            return
        rects = self._rectarray.instances()
        drawn = self._drawn(len(rects), pens, shared)
        if pens is None and brushes is not None and shared.style() == Qt.PenStyle.NoPen:
            for idx in drawn:
                painter.fillRect(rects[idx], brushes[idx])
            return
        if pens is None:
            painter.setPen(shared)
        if brushes is None:
            painter.setBrush(self._sharedBrush)
        for idx in drawn:
            if pens is not None:
                painter.setPen(pens[idx])
            if brushes is not None:
                painter.setBrush(brushes[idx])
            painter.drawRect(rects[idx])
