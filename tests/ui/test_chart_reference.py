"""A chart's reference line (ui/charts/lines.py `reference`) kept between drawings: the same item
shown again while it shows the same, drawn above the lines as a line made last in each drawing
was, hidden when a drawing has none, and made again when what it shows changes."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPainter

from cadence.ui.charts.chart import Chart
from cadence.ui.charts.lines import line, reference

XS = np.arange(200, dtype=float) * 86_400


def draw(chart: Chart, names: list[str], kept: bool, text: str = "7 d = 28 d"):
    chart.reset("acute_chronic", "Acute:chronic")
    for i, name in enumerate(names):
        line(chart, name, XS, 1 + np.sin(np.arange(200) / (7 + i)), "#0EA5E9")
    item = reference(chart, "equal", 1.0, "#888888", text, kept=kept)
    chart.settle()
    return item


def picture(chart: Chart) -> np.ndarray:
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    chart.render(painter)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint8).copy()


def a_chart(qtbot) -> Chart:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(600, 240)
    chart.show()
    return chart


def test_a_kept_reference_line_is_shown_again_and_drawn_above_new_lines(qtbot) -> None:
    kept, made = a_chart(qtbot), a_chart(qtbot)
    first = draw(kept, ["music"], kept=True)
    draw(made, ["music"], kept=False)
    assert (picture(kept) == picture(made)).all()
    # a later drawing with a line made after the reference line: the same line, still on top
    again = draw(kept, ["music", "running"], kept=True)
    draw(made, ["music", "running"], kept=False)
    assert again is first and again.isVisible() and kept.series["equal"] is first
    assert (picture(kept) == picture(made)).all()
    scene = kept.scene()
    assert scene is not None
    order = scene.items()  # topmost first
    assert order.index(first) < order.index(kept.series["running"].curve)


def test_a_kept_reference_line_is_hidden_without_one_and_made_again_for_another(qtbot) -> None:
    chart = a_chart(qtbot)
    first = draw(chart, ["music"], kept=True)
    chart.reset("acute_chronic", "Acute:chronic")  # a drawing without it
    assert not first.isVisible() and "equal" not in chart.series
    other = draw(chart, ["music"], kept=True, text="another label")
    assert other is not first and first.scene() is None  # the old one taken away
