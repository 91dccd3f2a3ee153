"""The phase bands behind a chart (ui/charts/cycles.py): each band's colour over its days,
overlapping bands composed one over the other, the row kept while the view stays."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QTransform

from cadence.ui.charts.axes import ChartTheme, colour
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


class PenRecorder:
    """Stands in for a painter: keeps every line, box and text drawn with the pen it was drawn
    with (its colour, width and style), as a person would see them."""

    def __init__(self) -> None:
        self.pen: tuple = ()
        self.drawn: list[tuple] = []

    def setPen(self, pen) -> None:
        pen = QPen(pen)
        self.pen = (pen.color().rgba(), pen.widthF(), pen.style())

    def fillRect(self, box, brush) -> None:
        self.drawn.append(("fill", box.getRect(), QColor(brush).rgba()))

    def drawRect(self, box) -> None:
        self.drawn.append(("rect", box.getRect(), self.pen))

    def drawText(self, box, flags, text: str) -> None:
        self.drawn.append(("text", box.getRect(), flags, text, self.pen))

    def drawLine(self, start, end) -> None:
        self.drawn.append(("line", start.x(), start.y(), end.x(), end.y(), self.pen))


def plain_band_names(labels, painter, to_pixels, metrics, top, x_min, x_max) -> None:
    """The names laid out band by band, as before they were taken at once."""
    painter.setPen(labels.theme.faint(0.65))
    veil = colour(labels.theme.background.name(), 150)
    last_right = -1e9
    for band in labels.source.bands:
        band_left = to_pixels.m11() * band.left + to_pixels.dx()
        right = to_pixels.m11() * band.right + to_pixels.dx()
        x = max(band_left, x_min) + 3.0
        width = metrics.horizontalAdvance(band.name) + 2 * 3.0
        if x + width > min(right, x_max) or x < last_right:
            continue
        box = QRectF(x, top + 3.0, width, metrics.height() + 3.0)
        painter.fillRect(box, veil)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, band.name)
        last_right = x + width


def plain_events(labels, painter, to_pixels, metrics, top, bottom, x_min, x_max) -> None:
    """The events drawn one by one with a pen set for each, as before."""
    fill = colour(labels.theme.background.name(), 225)
    last_right = -1e9
    height = metrics.height() + 3.0
    for event in labels.source.events:
        x = to_pixels.m11() * event.x + to_pixels.dx()
        if not x_min <= x <= x_max:
            continue
        painter.setPen(QPen(event.colour, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        if x < last_right + 3.0:
            continue
        width = metrics.horizontalAdvance(event.name) + 2 * 3.0
        left = x - width if x - width >= x_min else x
        if left < last_right + 3.0:
            continue
        last_right = left + width
        box = QRectF(left, top + height + 3 * 3.0, width, height)
        painter.fillRect(box, fill)
        painter.setPen(QPen(event.colour, 1))
        painter.drawRect(box)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, event.name)


def test_names_and_events_laid_out_at_once_are_those_laid_out_one_by_one(qtbot) -> None:
    """The quick layout (all marks at once, edges, widths and pens kept per list) draws the very
    boxes, lines and texts, with the same pens, as the plain one, over crowded and sparse marks,
    scales, shifts and plot edges; again with the kept arrays, and for another list."""
    rng = np.random.default_rng(19)
    theme = ChartTheme(QColor("white"), QColor("black"))
    font = QFont()
    metrics = QFontMetricsF(font)
    names = ["Base", "Build", "Peak", "Taper", "Recovery", "Spring recital", "Race", "A"]
    hues = [QColor("#7C3AED"), QColor("#059669"), QColor("#0EA5E9")]
    compared = named = 0
    for _ in range(60):
        n = int(rng.integers(0, 40))
        starts = np.sort(rng.uniform(0, 2000, n))
        ends = starts + rng.choice([2.0, 30.0, 300.0], n) * rng.uniform(0.1, 1.5, n)
        bands = CycleBands(theme)
        bands.bands = [
            Band(float(a), float(b), QColor(0, 0, 0, PHASE_ALPHA), str(rng.choice(names)), "")
            for a, b in zip(starts, ends, strict=True)
        ]
        bands.events = [
            EventLine(float(x), hues[int(rng.integers(0, 3))], str(rng.choice(names)))
            for x in np.sort(rng.uniform(-100, 2100, int(rng.integers(0, 80))))
        ]
        labels = CycleLabels(bands)
        for _ in range(3):
            scale, shift = float(rng.uniform(0.05, 3.0)), float(rng.uniform(-300, 300))
            to_pixels = QTransform(scale, 0, 0, 1, shift, 0)
            x_min, x_max = float(rng.uniform(-50, 200)), float(rng.uniform(300, 1200))
            for font_key in (font.key(), font.key(), None):
                quick, plain = PenRecorder(), PenRecorder()
                labels._paint_band_names(quick, to_pixels, metrics, 4.0, x_min, x_max, font_key)
                plain_band_names(labels, plain, to_pixels, metrics, 4.0, x_min, x_max)
                assert quick.drawn == plain.drawn
                named += len(quick.drawn)
                quick, plain = PenRecorder(), PenRecorder()
                labels._paint_events(
                    quick, to_pixels, metrics, 4.0, 180.0, x_min, x_max, metrics.horizontalAdvance
                )
                plain_events(labels, plain, to_pixels, metrics, 4.0, 180.0, x_min, x_max)
                assert quick.drawn == plain.drawn
                compared += len(quick.drawn)
    assert named > 100 and compared > 1000  # (the cases drew names, lines and boxes)
    # a name that fills its band to the pixel is shown; a hair more and it is not
    width = metrics.horizontalAdvance("Taper")
    bands = CycleBands(theme)
    grey = QColor(0, 0, 0, PHASE_ALPHA)
    bands.bands = [
        Band(100, 109 + width, grey, "Taper", ""),
        Band(300, 308.5 + width, grey, "Taper", ""),
    ]
    quick = PenRecorder()
    CycleLabels(bands)._paint_band_names(quick, QTransform(), metrics, 0, 0, 800, font.key())
    assert [entry[1][0] for entry in quick.drawn if entry[0] == "text"] == [103.0]
