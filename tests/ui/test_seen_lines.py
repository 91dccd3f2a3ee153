"""A solid line's segments hidden by the clip are left out (ui/charts/seen_lines.py): the pixels
are those of pyqtgraph's own paint of every segment, under any clip, scale, pen and pixel ratio."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QRegion, QTransform

from cadence.ui.charts import seen_lines
from cadence.ui.charts.dashes import DashedCurve


def _curve(cls, x, y, pen, connect="finite"):
    item = cls()
    item.setData(x, y, pen=pen, connect=connect)
    return item


def _paint(item, transform, clip, ratio=1.0, system=None, device_clip=None) -> np.ndarray:
    image = QImage(int(420 * ratio), int(260 * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    if system is not None:  # a widget's visible part, in device pixels
        engine = image.paintEngine()
        assert engine is not None
        engine.setSystemClip(system)
    painter = QPainter(image)
    if device_clip is not None:  # a clip set before the transform: in device pixels
        painter.setClipRect(device_clip)
    painter.setTransform(transform)
    if clip is not None:  # the plot's own clip, in its units
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
    item.paint(painter, None, None)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1).copy()


def _cases():
    rng = np.random.default_rng(19)
    for n in (3, 40, 1567, 3000):
        x = np.arange(n, dtype=float)
        y = np.cumsum(rng.normal(0, 1, n)) + rng.normal(0, 3, n)
        y[rng.random(n) < 0.08] = np.nan  # weeks without a value: gaps
        sx, sy = 400 / n, -230 / (np.nanmax(y) - np.nanmin(y) + 1)
        transform = QTransform(sx, 0, 0, sy, 10 + rng.random(), 240 + np.nanmin(y) * -sy)
        yield x, y, transform


CLIPS = [
    None,
    QRectF(0, -1e6, 1e9, 2e6),  # everything
    QRectF(-5, 0, 3000, 5),  # a band across
    QRectF(100, -1e6, 50.3, 2e6),  # a strip down the middle
    QRectF(1e6, 1e6, 5, 5),  # nothing at all
]
SYSTEM = [None, QRegion(QRect(0, 150, 420, 40)), QRegion(QRect(200, 0, 37, 260))]


def test_a_solid_line_paints_the_pixels_of_every_segment_whatever_the_clip(qtbot) -> None:
    left_out = 0
    count = 0
    record = seen_lines.seen_segments

    def counting(segments, to_device, seen):
        nonlocal left_out
        kept = record(segments, to_device, seen)
        if kept is not None:
            left_out += len(segments) - len(kept.ndarray())
        return kept

    seen_lines.seen_segments = counting
    try:
        for x, y, transform in _cases():
            for width, hue in ((2.0, "#336699"), (1.5, "#aa3300"), (3.0, "#118811")):
                pen = pg.mkPen(QColor(hue), width=width)
                ours = _curve(DashedCurve, x, y, pen)
                plain = _curve(pg.PlotCurveItem, x, y, pen)
                assert ours._shouldUseDrawLineSegments(pen)
                for ratio in (1.0, 2.0):
                    for system in SYSTEM:
                        for clip in CLIPS:
                            # a clip in the line's own units, under its transform
                            own = None if clip is None else transform.inverted()[0].mapRect(clip)
                            for device in (None, clip):
                                if device is not None and own is not None:
                                    own = None  # this clip set before the transform instead
                                a = _paint(ours, transform, own, ratio, system, device)
                                b = _paint(plain, transform, own, ratio, system, device)
                                count += 1
                                assert np.array_equal(a, b), (len(x), width, ratio, system, clip)
    finally:
        seen_lines.seen_segments = record
    assert count == 4 * 3 * 2 * 3 * 5 * 2
    assert left_out > 10_000  # the clips did hide segments, and they were left out


def test_smoothing_a_fill_or_another_device_go_to_pyqtgraph(qtbot) -> None:
    x, y = np.arange(50.0), np.sin(np.arange(50.0))
    image = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        smooth = _curve(DashedCurve, x, y, pg.mkPen("k", width=2))
        smooth.opts["antialias"] = True
        assert not seen_lines.draw_seen_segments(smooth, painter)
        filled = _curve(DashedCurve, x, y, pg.mkPen("k", width=2))
        filled.setFillLevel(0.0)
        assert not seen_lines.draw_seen_segments(filled, painter)
        hairline = _curve(DashedCurve, x, y, pg.mkPen("k", width=1))
        assert not seen_lines.draw_seen_segments(hairline, painter)
        solid = _curve(DashedCurve, x, y, pg.mkPen("k", width=2))
        assert seen_lines.draw_seen_segments(solid, painter)
    finally:
        painter.end()
