"""Charts as images for printed reports: `render_chart_image(kind, report)` on a demo journal gives
a QImage of the size asked, black on white, with the series in their colours."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from tests.ui.test_trends import (
    RANGE,
    demo,  # noqa: F401 (a fixture)
    demo_file,  # noqa: F401 (a fixture)
)

from cadence.domain.enums import StopReason
from cadence.domain.palette import BOTH, MUSIC, REASON_COLOURS, RUNNING
from cadence.services.stats import compute_stats
from cadence.services.trends import LazyStats, cycle_marks
from cadence.ui.charts.images import CHART_KINDS, render_chart_image

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
    for kind in CHART_KINDS:
        image = render_chart_image(kind, report, size=(600, 240))
        assert (image.width(), image.height()) == (600, 240), kind
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
