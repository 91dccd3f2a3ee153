"""Charts as images for printed reports: `render_chart_image(kind, report)` on a demo journal gives
a QImage of the size asked, black on white, with the series in their colours."""

from __future__ import annotations

import html
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from tests.ui.test_trends import (
    RANGE,
    demo,  # noqa: F401 (a fixture)
    demo_file,  # noqa: F401 (a fixture)
)

from cadence.domain.enums import StopReason
from cadence.domain.palette import BOTH, MUSIC, REASON_COLOURS, RUNNING
from cadence.services.stats.compute import compute_stats
from cadence.services.stats.lazy import LazyStats, cycle_marks
from cadence.store.models import Focus
from cadence.ui.charts.axes import ChartTheme, print_theme
from cadence.ui.charts.heatmap import heatmap_legend
from cadence.ui.charts.images import CHART_KINDS, build_chart, render_chart_image

REQUIRED = (
    "minutes_per_week",
    "load",
    "stop_points_by_reason",
    "tempo_progress",
    "distance_per_week",
    "intention_rate",
    "heatmap",
)


def pixels(image: QImage) -> np.ndarray:
    """The image as an (height, width, 3) array of RGB."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    stride = rgb.bytesPerLine()
    raw = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * rgb.height())
    return raw.reshape(rgb.height(), stride)[:, : rgb.width() * 3].reshape(rgb.height(), -1, 3)


def share_of(image: QImage, hex_colour: str, tolerance: int = 6) -> float:
    """The share of the image's pixels in this colour."""
    c = QColor(hex_colour)
    target = np.array([c.red(), c.green(), c.blue()])
    close = np.abs(pixels(image).astype(int) - target).max(axis=2) <= tolerance
    return float(close.mean())


@pytest.mark.parametrize("kind", REQUIRED)
def test_each_chart_a_report_needs_renders_at_the_size_asked(qapp, demo, kind) -> None:  # noqa: F811
    report = compute_stats(*RANGE)
    image = render_chart_image(kind, report, size=(900, 320), marks=cycle_marks(*RANGE))
    assert (image.width(), image.height()) == (900, 320)
    assert tuple(pixels(image)[3, 3]) == (255, 255, 255)  # on white paper
    data = pixels(image)
    assert len(np.unique(data.reshape(-1, 3), axis=0)) > 20  # drawn, not blank


def test_series_keep_their_colours(qapp, demo) -> None:  # noqa: F811
    both = compute_stats(*RANGE)
    minutes = render_chart_image("minutes_per_week", both)
    assert share_of(minutes, MUSIC) > 0.05 and share_of(minutes, RUNNING) > 0.02
    distance = render_chart_image("distance_per_week", both)
    assert share_of(distance, RUNNING) > 0.02 and share_of(distance, MUSIC) < 0.001
    stops = render_chart_image("stop_points_by_reason", both, size=(1000, 400))
    assert (stops.width(), stops.height()) == (1000, 400)
    drawn = [r for r, counts in both.stop_points.per_reason["all"].items() if sum(counts)]
    assert drawn
    for reason in drawn:
        assert share_of(stops, REASON_COLOURS[StopReason(reason)]) > 0.0005, reason
    music_only = compute_stats(*RANGE, "music")
    assert share_of(render_chart_image("minutes_per_week", music_only), RUNNING) < 0.001
    heat = render_chart_image("heatmap", both)
    assert share_of(heat, BOTH) > 0.01  # the busiest days in the neutral colour of "both"


def test_tempo_progress_draws_the_passage_asked(qapp, demo) -> None:  # noqa: F811
    report = LazyStats(*RANGE)  # the lazily computed measures draw the same
    first, second = report.tempo[0], report.tempo[1]
    a = render_chart_image("tempo_progress", report)
    b = render_chart_image("tempo_progress", report, passage_id=second.passage_id)
    c = render_chart_image("tempo_progress", report, passage_id=first.passage_id)
    assert a == c and a != b
    assert share_of(b, MUSIC) > 0.002
    with pytest.raises(ValueError, match="passages with points"):
        render_chart_image("tempo_progress", report, passage_id=99_999)


def test_every_kind_renders_and_bad_requests_say_what_to_do(qapp, demo) -> None:  # noqa: F811
    report = compute_stats(*RANGE)
    focus_id = Focus.select(Focus.id).order_by(Focus.id).scalar()  # the demo's first target
    for kind in CHART_KINDS:
        image = render_chart_image(kind, report, size=(600, 240), focus_id=focus_id)
        assert (image.width(), image.height()) == (600, 240), kind
    with pytest.raises(ValueError, match="needs the focus target's id"):
        render_chart_image("focus_target", report)
    with pytest.raises(ValueError, match="choose one of: minutes_per_week"):
        render_chart_image("pie", report)
    with pytest.raises(ValueError, match="200x120 to 4000x4000"):
        render_chart_image("load", report, size=(50, 50))


def test_an_empty_range_renders_its_explanation(qapp, demo) -> None:  # noqa: F811
    report = compute_stats(date(2019, 1, 7), date(2019, 2, 3))
    image = render_chart_image("minutes_per_week", report)
    assert (image.width(), image.height()) == (900, 320)
    assert share_of(image, MUSIC) < 0.001  # the legend's mark only: no bars
    # the message is grey text in the middle
    middle = pixels(image)[140:180, 250:650]
    assert (middle.astype(int).sum(axis=2) < 600).any()


# --- what is drawn, read back: whole-number counts, and a title row clear of the plot ---------------

COUNT_KINDS = ("sessions_per_week", "stop_points_by_reason", "stop_position", "days_practised")
SHORT = (date(2026, 2, 9), date(2026, 2, 22))  # two weeks: a handful of stops, sessions, days


def left_ticks(chart) -> list[float]:
    """The values the left axis ticks for the range shown, at its height on screen."""
    axis = chart.plot_item.getAxis("left")
    low, high = chart.plot_item.vb.viewRange()[1]
    levels = axis.tickValues(low, high, axis.geometry().height())
    return [v for _spacing, ticks in levels for v in ticks]


@pytest.mark.parametrize("kind", COUNT_KINDS)
@pytest.mark.parametrize("dates", [SHORT, RANGE])
def test_count_axes_tick_whole_numbers_only(qapp, demo, kind, dates) -> None:  # noqa: F811
    chart = build_chart(kind, LazyStats(*dates), (600, 300))
    try:
        ticks = left_ticks(chart)
        assert ticks, "an axis without ticks"
        assert all(float(v).is_integer() for v in ticks), ticks
    finally:
        chart.close()


def test_other_axes_keep_their_fractions(qapp, demo) -> None:  # noqa: F811
    chart = build_chart("focus", LazyStats(*SHORT), (600, 300))
    try:
        assert not all(float(v).is_integer() for v in left_ticks(chart))  # focus 1–5: 3.5 is real
    finally:
        chart.close()


def title_row_rects(chart) -> tuple[list[QRectF], list[QRectF], QRectF]:
    """In scene coordinates, line by line of the wrapped title row: the rectangles of the title's
    text and of the legend's (the rest of the row); then the plot's data rectangle."""
    label = chart.plot_item.titleLabel
    item = label.item
    title_length = len(html.unescape(label.text.split("</b>")[0].split("<b>")[1]))
    block = item.document().firstBlock()
    layout = block.layout()
    offset = item.document().documentLayout().blockBoundingRect(block).topLeft()
    end = block.length() - 1
    title: list[QRectF] = []
    legend: list[QRectF] = []
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        a, b = line.textStart(), line.textStart() + line.textLength()
        for first, last, into in (
            (a, min(b, title_length), title),
            (max(a, title_length), b, legend),
        ):
            text = block.text()[first:last].strip("\xa0 ")
            if not text:
                continue
            first = block.text().index(text, first)
            last = first + len(text)
            x0, _ = line.cursorToX(first)
            x1, _ = line.cursorToX(min(last, end))
            rect = QRectF(min(x0, x1), line.y(), abs(x1 - x0), line.height())
            into.append(item.mapRectToScene(rect.translated(offset)))
    return title, legend, chart.plot_item.vb.sceneBoundingRect()


@pytest.mark.parametrize("width", [400, 600, 1200])
@pytest.mark.parametrize(
    "kind", ["stop_points_by_reason", "stop_position", "load", "minutes_per_week"]
)
def test_the_legend_never_covers_the_title_or_the_data(qapp, demo, kind, width) -> None:  # noqa: F811
    chart = build_chart(kind, LazyStats(*RANGE), (width, 300))
    try:
        title, legend, plot = title_row_rects(chart)
        assert title and legend
        for t in title:
            assert not any(t.intersects(entry) for entry in legend), (t, legend)
        for rect in title + legend:
            assert rect.bottom() <= plot.top(), (rect, plot)  # above the data, never on it
            assert rect.left() >= 0 and rect.right() <= width  # nor cut at the sides
    finally:
        chart.close()


def lightness(hex_colour: str) -> float:
    """CIE L* (0 black .. 100 white) of a colour."""
    c = QColor(hex_colour)

    def linear(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    y = 0.2126 * linear(c.red()) + 0.7152 * linear(c.green()) + 0.0722 * linear(c.blue())
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


@pytest.mark.parametrize(
    "theme",
    [print_theme(), ChartTheme(QColor("#1E1E1E"), QColor("#E6E6E6"))],
    ids=["light", "dark"],
)
@pytest.mark.parametrize("hue", [MUSIC, RUNNING, BOTH])
def test_the_heat_map_steps_read_apart_from_no_practice_up(qapp, theme, hue) -> None:
    legend = heatmap_legend(hue, theme)
    assert [text for _c, text in legend] == [
        "no practice",
        "under 20 min",
        "20–45",
        "45–90",
        "90+ min",
    ]
    steps = [lightness(c) for c, _t in legend]
    # one direction, away from the background, each step clearly apart (in grey too)
    gaps = np.diff(steps) * (1 if theme.background.lightness() < 128 else -1)
    assert (gaps >= 6).all(), steps


def test_the_heat_map_draws_the_legends_colours(qapp, demo) -> None:  # noqa: F811
    chart = build_chart("heatmap", LazyStats(*RANGE), (900, 260))
    try:
        legend = {QColor(c).name() for c, _t in heatmap_legend(BOTH, chart.theme)}
        cells = chart.series["heatmap"].image.reshape(-1, 4)
        drawn = {QColor(*map(int, rgba[:3])).name() for rgba in cells if rgba[3]}
        assert drawn <= legend and len(drawn) == len(legend)  # every step, "none" included
        assert "no practice" in chart.plot_item.titleLabel.item.toPlainText()
    finally:
        chart.close()
