"""Charts as images for printed reports: `render_chart_image(kind, report)` builds a chart offscreen
in black on white and exports its plot with pyqtgraph's ImageExporter (its PrintExporter is broken).

It needs a QApplication (the chart is a widget, never shown on screen).
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph.exporters
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from cadence.domain.enums import Discipline
from cadence.domain.palette import BOTH, discipline_colour
from cadence.services.focus_progress import focus_timeline
from cadence.services.stats_types import ALL
from cadence.services.trends import CycleMarks, Measures
from cadence.ui.charts.axes import print_theme
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.crossover import draw_crossover
from cadence.ui.charts.focus_target import draw_focus_target
from cadence.ui.charts.heatmap import draw_heatmap
from cadence.ui.charts.labels import key_name
from cadence.ui.charts.load import draw_acute_chronic, draw_load, draw_monotony, draw_strain
from cadence.ui.charts.quality import (
    draw_accuracy,
    draw_completion,
    draw_focus,
    draw_intention_rate,
    draw_rpe,
    draw_tempo,
)
from cadence.ui.charts.stops import draw_stop_position, draw_stop_reasons
from cadence.ui.charts.volume import (
    draw_days_practised,
    draw_distance,
    draw_minutes,
    draw_sessions,
)


def report_colour(report: Measures) -> str:
    """The colour of the report's disciplines together: the discipline's own, or the neutral one."""
    if len(report.disciplines) == 1:
        return discipline_colour(report.disciplines[0])
    return BOTH


def report_who(report: Measures) -> str:
    """The name of the report's disciplines together ("Music", "Music and running")."""
    return key_name(report.disciplines[0].value if len(report.disciplines) == 1 else ALL)


def _keys(report: Measures) -> list[str]:
    return [d.value for d in report.disciplines]


def _tempo(chart: Chart, report: Measures, passage_id: int | None) -> None:
    chosen = [p for p in report.tempo if passage_id is None or p.passage_id == passage_id]
    if passage_id is not None and not chosen:
        known = ", ".join(str(p.passage_id) for p in report.tempo) or "none"
        raise ValueError(
            f"passage {passage_id} has no tempo points in this report; passages with points: {known}"
        )
    passage = chosen[0] if chosen else None
    draw_tempo(chart, passage, report.start, report.end, report.week_start)


def _daily(draw) -> Callable[[Chart, Measures], None]:
    return lambda c, r: draw(
        c, r.load, report_colour(r), r.start, r.end, r.week_start, report_who(r)
    )


def _weekly(draw) -> Callable[[Chart, Measures], None]:
    return lambda c, r: draw(
        c,
        r.weekly_load,
        report_colour(r),
        r.start,
        r.end,
        r.week_start,
        report_who(r),
        running=r.disciplines == [Discipline.RUNNING],
    )


# kind -> (draw from a report, y axis in percent)
CHART_KINDS: dict[str, tuple[Callable[..., None], bool]] = {
    "minutes_per_week": (lambda c, r: draw_minutes(c, r, _keys(r)), False),
    "sessions_per_week": (lambda c, r: draw_sessions(c, r, _keys(r)), False),
    "distance_per_week": (draw_distance, False),
    "days_practised": (draw_days_practised, False),
    "load": (_daily(draw_load), False),
    "acute_chronic": (_daily(draw_acute_chronic), False),
    "monotony": (_weekly(draw_monotony), False),
    "strain": (_weekly(draw_strain), False),
    "focus": (lambda c, r: draw_focus(c, r, _keys(r)), False),
    "rpe": (lambda c, r: draw_rpe(c, r, _keys(r)), False),
    "intention_rate": (lambda c, r: draw_intention_rate(c, r, _keys(r)), True),
    "completion": (lambda c, r: draw_completion(c, r, _keys(r)), True),
    "accuracy": (draw_accuracy, True),
    "stop_points_by_reason": (lambda c, r: draw_stop_reasons(c, r, ALL), False),
    "stop_position": (lambda c, r: draw_stop_position(c, r, _keys(r)), False),
    "tempo_progress": (_tempo, False),
    "heatmap": (draw_heatmap, False),
    "crossover": (lambda c, r: draw_crossover(c, r.crossover), False),
    "focus_target": (None, False),  # one focus target through its cycle: drawn from focus_id
}
_TIMELESS = {"stop_position", "crossover"}


def build_chart(
    kind: str,
    report: Measures,
    size: tuple[int, int],
    *,
    passage_id: int | None = None,
    units: str = "km",
    marks: CycleMarks | None = None,
    focus_id: int | None = None,
) -> Chart:
    """The chart of a report image, drawn and laid out offscreen at `size` (the caller closes
    it); render_chart_image's arguments, checked there."""
    draw, percent = CHART_KINDS[kind]
    chart = Chart(time_axis=kind not in _TIMELESS, percent=percent, theme=print_theme(), height=0)
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(*size)
    chart.show()
    try:
        if kind == "focus_target":
            week_start = getattr(report, "week_start", 0)
            draw_focus_target(chart, focus_timeline(focus_id), week_start, units=units)
        elif kind == "tempo_progress":
            draw(chart, report, passage_id)
        elif kind == "distance_per_week":
            draw(chart, report, units)
        else:
            draw(chart, report)
        if kind not in _TIMELESS:
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
    units: str = "km",
    marks: CycleMarks | None = None,
    focus_id: int | None = None,
) -> QImage:
    """One chart of the report as a `size` image, black on white.

    kind: one of CHART_KINDS ("minutes_per_week", "load", "stop_points_by_reason",
    "tempo_progress", "distance_per_week", "intention_rate", "heatmap", …). tempo_progress draws
    `passage_id` (default: the first passage with points); distance_per_week uses `units` (km or
    mi); `marks` (cycles and events from cadence.services.trends.cycle_marks) shade time charts.
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
    finally:
        chart.close()
        chart.deleteLater()
    if not isinstance(image, QImage) or image.isNull():
        raise RuntimeError(f"the {kind} chart could not be drawn as an image")
    return image
