"""`LabelledLine`: pyqtgraph's infinite line with a label, freed as soon as it is let go."""

from __future__ import annotations

import weakref

import pyqtgraph as pg


class LabelledLine(pg.InfiniteLine):
    """pyqtgraph's line holds its label (`label`) and the label its line (`line`): a cycle, so
    every line a chart removed waited for Python's cyclic collector, which then destroys the
    label's text item at any later moment, even inside a signal's disconnect where Qt's lock is
    held. The label reaches its line through a weak proxy instead (it only calls the line's
    methods; the line stays its parent item in the scene), and the pair is freed at once."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label = getattr(self, "label", None)  # (only when a label was asked for)
        if label is not None:
            label.line = weakref.proxy(self)
