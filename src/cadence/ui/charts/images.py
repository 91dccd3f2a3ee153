"""Charts as images for printed reports: `render_chart_image(kind, report)` builds a chart offscreen
in black on white and exports its plot with pyqtgraph's ImageExporter (its PrintExporter is broken).

It needs a QApplication (the chart is a widget, never shown on screen).
"""

from __future__ import annotations

import pyqtgraph.exporters
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from cadence.domain.units import Units
from cadence.services.stats.lazy import CycleMarks, Measures
from cadence.ui.charts.axes import print_theme
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.registry import CHARTS, Where, draw_chart, keys_of

# every kind a report can show, with its drawing and axes (ui/charts/registry.py)
CHART_KINDS = CHARTS


def build_chart(
    kind: str,
    report: Measures,
    size: tuple[int, int],
    *,
    passage_id: int | None = None,
    units: Units = Units.KM,
    marks: CycleMarks | None = None,
    focus_id: int | None = None,
) -> Chart:
    """The chart of a report image, drawn and laid out offscreen at `size` (the caller closes
    it); render_chart_image's arguments, checked there."""
    chart_kind = CHART_KINDS[kind]
    chart = Chart(
        time_axis=chart_kind.time_axis,
        percent=chart_kind.percent,
        theme=print_theme(),
        height=0,
    )
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(*size)
    chart.show()
    try:
        draw_chart(
            kind, chart, report, Where(keys_of(report), units, passage_id, focus_id=focus_id)
        )
        if chart_kind.time_axis:
            chart.set_marks(marks)
        QApplication.processEvents()
    except BaseException:
        chart.close()
        chart.deleteLater()
        raise
    return chart


def render_chart_image(
    kind: str,
    report: Measures,
    size: tuple[int, int] = (900, 320),
    *,
    passage_id: int | None = None,
    units: Units = Units.KM,
    marks: CycleMarks | None = None,
    focus_id: int | None = None,
) -> QImage:
    """One chart of the report as a `size` image, black on white.

    kind: one of CHART_KINDS ("minutes_per_week", "load", "stop_points_by_reason",
    "tempo_progress", "distance_per_week", "intention_rate", "heatmap", …). tempo_progress draws
    `passage_id` (default: the first passage with points); distance_per_week uses `units` (km or
    mi); `marks` (cycles and events from cadence.services.stats.lazy.cycle_marks) shade time charts.
    Raises ValueError for an unknown kind or passage, or a size outside 200x120..4000x4000.
    """
    if kind not in CHART_KINDS:
        raise ValueError(f"unknown chart {kind!r}; choose one of: {', '.join(CHART_KINDS)}")
    width, height = size
    if not (200 <= width <= 4000 and 120 <= height <= 4000):
        raise ValueError(f"a chart image is 200x120 to 4000x4000 pixels, not {width}x{height}")
    if QApplication.instance() is None:
        raise RuntimeError("render_chart_image needs a QApplication; create one first")
    if kind == "focus_target" and focus_id is None:
        raise ValueError("a focus_target chart needs the focus target's id (focus_id)")
    chart = build_chart(
        kind, report, size, passage_id=passage_id, units=units, marks=marks, focus_id=focus_id
    )
    try:
        exporter = pyqtgraph.exporters.ImageExporter(chart.plot_item)
        params = exporter.parameters()
        params.param("width").setValue(width, blockSignal=exporter.widthChanged)
        params.param("height").setValue(height, blockSignal=exporter.heightChanged)
        image = exporter.export(toBytes=True)
        # pyqtgraph's parameters hold their group and it holds them: a cycle, left to Python's
        # cyclic collector unless broken here (docs/architecture.md, "Charts' lifetime")
        params.clearChildren()
    finally:
        chart.close()
        # gone now, not when the event loop next runs: a report draws all its charts in one go,
        # and each offscreen chart (its plot, its scene, a window's backing store) held ~1.5 MB
        chart.deleteLater()
        QCoreApplication.sendPostedEvents(chart, QEvent.Type.DeferredDelete.value)
    if not isinstance(image, QImage) or image.isNull():
        raise RuntimeError(f"the {kind} chart could not be drawn as an image")
    return image
