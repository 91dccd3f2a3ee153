"""The phase bands behind a chart (ui/charts/cycles.py): each band's colour over its days,
overlapping bands composed one over the other, the row kept while the view stays."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTransform

from cadence.ui.charts.axes import ChartTheme
from cadence.ui.charts.cycles import PHASE_ALPHA, Band, CycleBands, CycleLabels, EventLine


def painted(widget: pg.PlotWidget) -> np.ndarray:
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    widget.render(painter)
    painter.end()
    bgra = np.frombuffer(image.constBits(), np.uint8).reshape(200, 400, 4)
    return bgra[:, :, [2, 1, 0]].copy()  # red, green, blue


def test_bands_are_painted_over_their_days_and_overlaps_show_both(qtbot) -> None:
    red, blue = QColor(255, 0, 0, PHASE_ALPHA), QColor(0, 0, 255, PHASE_ALPHA)
    bands = CycleBands(ChartTheme(QColor("white"), QColor("black")))
    bands.bands = [Band(0, 60, red, "a", "a"), Band(40, 100, blue, "b", "b")]
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 200)
    widget.setBackground("w")
    widget.hideAxis("left")
    widget.hideAxis("bottom")
    widget.addItem(bands)
    widget.setRange(xRange=(0, 100), yRange=(0, 1), padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    pixels = painted(widget)

    def at(x: float) -> np.ndarray:  # the colour at data x, half-way up
        point = widget.mapFromScene(widget.plotItem.vb.mapViewToScene(QPointF(x, 0.5)))
        return pixels[point.y(), point.x()].astype(int)

    a = PHASE_ALPHA / 255
    only_red = np.array([255, 255 * (1 - a), 255 * (1 - a)])
    only_blue = np.array([255 * (1 - a), 255 * (1 - a), 255])
    both = only_red * (1 - a) + np.array([0, 0, 255]) * a  # blue over red over white
    np.testing.assert_allclose(at(20), only_red, atol=2)
    np.testing.assert_allclose(at(80), only_blue, atol=2)
    np.testing.assert_allclose(at(50), both, atol=2)
    kept = bands._row
    assert kept is not None
    assert (painted(widget) == pixels).all() and bands._row is kept  # the same view: kept
    widget.setRange(xRange=(0, 50), yRange=(0, 1), padding=0)
    painted(widget)
    assert bands._row is not kept  # another scale: painted again


class Recorder:
    """Stands in for a painter: keeps the texts drawn and where."""

    def __init__(self) -> None:
        self.texts: list[tuple[float, str]] = []

    def setPen(self, *_args) -> None:
        pass

    def fillRect(self, *_args) -> None:
        pass

    def drawText(self, box, _flags, text: str) -> None:
        self.texts.append((box.left(), text))


def test_a_phase_name_shows_only_where_it_fits_in_its_band(qtbot) -> None:
    bands = CycleBands(ChartTheme(QColor("white"), QColor("black")))
    grey = QColor(0, 0, 0, PHASE_ALPHA)
    bands.bands = [
        Band(0, 300, grey, "Learning", "a"),  # wide: named
        Band(300, 305, grey, "Polishing", "b"),  # five pixels: no room for its name
        Band(305, 600, grey, "Taper", "c"),
    ]
    labels = CycleLabels(bands)
    painter = Recorder()
    metrics = QFontMetricsF(QFont())
    # one data unit a pixel, shifted 10 px right; the plot from 10 to 560 px
    labels._paint_band_names(painter, QTransform(1, 0, 0, 1, 10, 0), metrics, 0, 10, 560)
    assert [text for _x, text in painter.texts] == ["Learning", "Taper"]
    assert [x for x, _t in painter.texts] == [10 + 3, 315 + 3]  # 3 px in from the band's start


def test_charts_showing_the_same_bands_at_the_same_scale_share_one_row(qtbot) -> None:
    red = QColor(255, 0, 0, PHASE_ALPHA)
    shared = [Band(0, 60, red, "a", "a")]  # every chart of a view holds the same list
    rows, pictures = [], []
    for _ in range(2):
        bands = CycleBands(ChartTheme(QColor("white"), QColor("black")))
        bands.bands = shared
        widget = pg.PlotWidget()
        qtbot.addWidget(widget)
        widget.resize(400, 200)
        widget.setBackground("w")
        widget.hideAxis("left")
        widget.hideAxis("bottom")
        widget.addItem(bands)
        widget.setRange(xRange=(0, 100), yRange=(0, 1), padding=0)
        widget.show()
        qtbot.waitExposed(widget)
        pictures.append(painted(widget))
        rows.append(bands._row)
    assert rows[0] is not None and rows[1] is rows[0]  # made once
    assert (pictures[0] == pictures[1]).all()
    other = CycleBands(ChartTheme(QColor("white"), QColor("black")))
    other.bands = [Band(0, 60, red, "a", "a")]  # equal bands, another list: its own row
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 200)
    widget.hideAxis("left")
    widget.hideAxis("bottom")
    widget.addItem(other)
    widget.setRange(xRange=(0, 100), yRange=(0, 1), padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    painted(widget)
    assert other._row is not None and other._row is not rows[0]


class LineRecorder(Recorder):
    """A painter that also keeps the lines drawn (their x) and takes boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[float] = []

    def drawLine(self, start, _end) -> None:
        self.lines.append(start.x())

    def drawRect(self, *_args) -> None:
        pass


def test_crowded_events_keep_their_lines_and_only_names_with_room_are_measured(qtbot) -> None:
    bands = CycleBands(ChartTheme(QColor("white"), QColor("black")))
    blue = QColor("#0EA5E9")
    bands.events = [EventLine(x, blue, f"Race {x:.0f}") for x in (100.0, 102.0, 110.0, 300.0)]
    labels = CycleLabels(bands)
    painter = LineRecorder()
    measured: list[str] = []

    def measure(text: str) -> float:
        measured.append(text)
        return 40.0

    metrics = QFontMetricsF(QFont())
    labels._paint_events(painter, QTransform(), metrics, 0, 200, 10, 560, measure)
    assert painter.lines == [100.0, 102.0, 110.0, 300.0]  # every event's line
    # a name ends at its line (46 px wide with its padding): 102 and 110 find no room
    assert [text for _x, text in painter.texts] == ["Race 100", "Race 300"]
    assert [x for x, _t in painter.texts] == [54.0, 254.0]
    # 102 lies within the last name's end and its gap: not measured, whatever its width
    assert measured == ["Race 100", "Race 110", "Race 300"]
