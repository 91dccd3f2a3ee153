"""Where a Trends switch of range goes, stage by stage, for a goal that was not met.

`where_a_switch_goes` repeats the timed switch ("last 4 weeks" -> the preset) with CPU timers
around the stages of the drawing and painting, and returns each stage's median milliseconds.
It runs apart from the timed switches, after them: the timers cost a little themselves, so
the figures that are compared with the goals never carry them.

The stages:

- measures: the range's measures (each `LazyStats` measure at its first read, the journal's kept
  facts, the phases and events of the range);
- chart items filled: the rest of the tab's drawing (`TrendsView._fill_tab`): lines' and bars'
  data set, downsampled, the y ranges fitted, notes laid out;
- painted, by kind of item: axes (ticks, labels, grid), curves (lines and their dashes), bars,
  the phases and events behind the data (bands, names, goal-event lines), images (heat maps);
- the rest: what Qt does around them (the window's layout and backing store, text items, the
  view's background, events).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import cached_property

STAGES = (
    "measures",
    "chart items filled",
    "axes painted",
    "curves painted",
    "bars painted",
    "phases and events painted",
    "images painted",
    "the rest (Qt: layout, view, text)",
)


class _Clock:
    """Top-level CPU time per stage: a stage entered inside another is the outer one's time.
    Off (a plain call through) until `on`."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.depth = 0
        self.on = False

    def wrap(self, stage: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):
            if self.depth or not self.on:
                return fn(*args, **kwargs)
            self.depth += 1
            began = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[stage] += time.process_time() - began
                self.depth -= 1

        return timed


def _classes(base: type) -> list[type]:
    """`base` and every subclass of it (loaded now), each once."""
    seen, todo = [], [base]
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.append(cls)
            todo.extend(cls.__subclasses__())
    return seen


class SwitchProfiler:
    """Timers around the stages of a Trends switch, off until `where_a_switch_goes` runs.

    Made before the view: Qt's bindings look a Python `paint` up once per class and keep it,
    so a timer put on later is never called. Off, each timer is one call through (a few
    hundred a switch, well under 0.1 ms), so the switches timed for the goals barely carry it."""

    def __init__(self) -> None:
        import pyqtgraph as pg

        import cadence.ui.views.trends as trends_module
        from cadence.services.stats.facts import Facts
        from cadence.services.stats.lazy import LazyStats
        from cadence.ui.charts.cycles import CycleBands, CycleLabels

        self.clock, self.inside_fill = _Clock(), _Clock()
        self._undo: list[Callable[[], None]] = []

        def measure(fn: Callable) -> Callable:  # counted apart inside the tab's fill too
            return self.inside_fill.wrap("measures", self.clock.wrap("measures", fn))

        for owner in (LazyStats, Facts):
            for name, attr in list(vars(owner).items()):
                if isinstance(attr, cached_property):
                    timed = cached_property(measure(attr.func))
                    timed.__set_name__(owner, name)
                    self._patch(owner, name, timed)
        self._patch(LazyStats, "__init__", measure(LazyStats.__init__))
        for name in ("journal_facts", "cycle_marks"):
            self._patch(trends_module, name, measure(getattr(trends_module, name)))
        fill = trends_module.TrendsView._fill_tab
        self._patch(
            trends_module.TrendsView, "_fill_tab", self.clock.wrap("chart items filled", fill)
        )
        painted = (
            (pg.AxisItem, "axes painted"),
            (pg.PlotCurveItem, "curves painted"),
            (pg.ScatterPlotItem, "curves painted"),
            (pg.BarGraphItem, "bars painted"),
            (pg.ImageItem, "images painted"),
            (CycleBands, "phases and events painted"),
            (CycleLabels, "phases and events painted"),
        )
        for base, stage in painted:
            for cls in _classes(base):
                if "paint" in vars(cls):
                    self._patch(cls, "paint", self.clock.wrap(stage, vars(cls)["paint"]))

    def _patch(self, owner, name: str, value) -> None:
        had, old = name in vars(owner), vars(owner).get(name)
        setattr(owner, name, value)
        self._undo.append(lambda: setattr(owner, name, old) if had else delattr(owner, name))

    def close(self) -> None:
        """Every timer taken off (for classes and modules; a class's kept `paint` stays)."""
        for step in reversed(self._undo):
            step()
        self._undo.clear()

    def where_a_switch_goes(self, app, box, craft, preset: str, repeat: int, settle) -> dict:
        """Median CPU ms of each stage over `repeat` switches "last 4 weeks" -> `preset` (both
        crafts), and "total" (the whole switch, timers on)."""
        runs: list[dict[str, float]] = []
        clock, inside = self.clock, self.inside_fill
        for _ in range(repeat):
            box.setCurrentIndex(box.findData("4w"))
            if craft is not None:
                craft.set_discipline(None)
            settle(app)
            clock.spent = dict.fromkeys(STAGES, 0.0)
            inside.spent = dict.fromkeys(STAGES, 0.0)
            clock.on = inside.on = True
            try:
                began = time.process_time()
                box.setCurrentIndex(box.findData(preset))
                settle(app)
                total = time.process_time() - began
            finally:
                clock.on = inside.on = False
            spent = dict(clock.spent)
            # the measures read while filling the tab are the measures' time, not the items'
            spent["chart items filled"] -= inside.spent["measures"]
            spent["measures"] += inside.spent["measures"]
            spent["the rest (Qt: layout, view, text)"] = total - sum(spent.values())
            spent["total"] = total
            runs.append(spent)
        return {stage: 1000 * statistics.median(run[stage] for run in runs) for stage in runs[0]}
