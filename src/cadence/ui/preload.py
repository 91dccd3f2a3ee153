"""The window starts with Today alone and imports no chart code (docs/performance.md). A moment
after its first paint, while the person reads Today, the chart views' modules (pyqtgraph, numpy
and the views that draw with them) are imported from the event loop, one module a turn, so the
first switch to Trends or Music does not pay for them as well as for building the view."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import QTimer

AFTER_MS = 400  # after the first paint: the window is up and Today has drawn
MODULES = (
    "numpy",
    "pyqtgraph",
    "cadence.ui.charts.chart",
    "cadence.ui.views.trends",
    "cadence.ui.views.music",
    "cadence.ui.views.compare",
)


def preload_chart_modules(after_ms: int = AFTER_MS) -> None:
    waiting = list(MODULES)

    def next_one() -> None:
        if waiting:
            import_module(waiting.pop(0))
            QTimer.singleShot(0, next_one)  # events waiting in between are handled first

    QTimer.singleShot(after_ms, next_one)
