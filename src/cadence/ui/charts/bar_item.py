"""pyqtgraph's bars, one brush per layer, and the few edge bars hatched on top.

A stacked layer whose edge weeks (partly inside the range) are hatched and outlined used to give
pyqtgraph one brush and one pen per bar: it converted them one by one on every redraw and
recorded every bar into a QPicture with its own `setPen`/`setBrush`/`drawRect` (thirty years of
weeks × eight stop reasons are 12,500 bars, nearly all of height 0). Here a layer keeps one
shared brush and no pen: its bars of some height, then the edge bars (`set_edges`: a mask, their
brush and outline), each with its outline, even at height 0. The item's data (`opts`) keep every
bar, so its readers (the readout, the tests) see one bar a week; `bar_brushes` says how each bar
is filled.

Where the bars land: a QPicture keeps each rectangle as a path, and Qt fills a path unlike a
rectangle (a thin bar drawn straight with `drawRects` lands a pixel aside now and then). Qt's
raster engine fills an unsmoothed path on the pixels whose centres lie inside its edges taken to
1/64 of a pixel (`pixel_edges`), so on a raster device (the screen, a grab, an image) the filled
bars are those pixels, worked out for the whole layer in numpy and filled as whole-pixel
rectangles in one call: the same pixels as the picture, without recording and replaying it. On
any other device (a PDF, an SVG), or under a rotation or with smoothing on, the picture is played
as before.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPaintEngine, QPainter, QPainterPath, QPen, QPicture, QTransform

_FAR = float(2**20)  # device pixels: far outside any window, and still a small integer


def pixel_edges(device: np.ndarray) -> np.ndarray:
    """The pixel boundary Qt's raster engine puts an unsmoothed path's edge at, from the edge's
    device coordinate: taken to 1/64 of a pixel (halves up), then the pixels whose centres lie
    past it. An edge at 10.49 covers pixel 10's centre (10.5); one at 10.4922 (10.5 at 1/64) no
    longer does. Clipped far outside the device, where no pixel is seen."""
    on_grid = np.floor(np.clip(device, -_FAR, _FAR) * 64.0 + 0.5) / 64.0
    return np.floor(on_grid + 0.5)


def _scales(transform: QTransform) -> bool:
    """Whether `transform` only scales and moves (no rotation, no shear)."""
    kinds = QTransform.TransformationType
    return transform.type() in (kinds.TxNone, kinds.TxTranslate, kinds.TxScale)


class SparseBarGraphItem(pg.BarGraphItem):
    _edges: tuple[np.ndarray, QBrush, QPen] | None = None
    _recorded: QPicture | None = None  # the bars as a picture, recorded when one is played
    _bounds: tuple[tuple, QRectF] | None = None  # the last bounding rectangle, and what made it

    def boundingRect(self) -> QRectF:
        """pyqtgraph's bounding rectangle, kept while what it is made of stays: the data's
        bounds, the pen widths and the size of a device pixel in the item's units (the view's
        scale: pyqtgraph's `pixelVectors` is a function of the linear part of the transform to
        the device alone). Qt asks each layer ~4 times a paint, and pyqtgraph works the pixel's
        size out as new `Point`s every time (a third of a layer's paint)."""
        to_device = self.deviceTransform_()
        if to_device is None:
            return super().boundingRect()
        key = (
            to_device.m11(),
            to_device.m21(),
            to_device.m12(),
            to_device.m22(),
            self._dataBounds,
            tuple(self._penWidth),
        )
        kept = self._bounds
        if kept is not None and kept[0] == key:
            return QRectF(kept[1])
        rect = super().boundingRect()
        self._bounds = (key, QRectF(rect))
        return rect

    def set_edges(self, mask: np.ndarray | None, brush: QBrush, pen: QPen) -> None:
        """Bars where `mask` is true are drawn with `brush` and `pen` (even at height 0) instead
        of the shared brush; None: every bar with the shared brush. Call before `setOpts`."""
        marked = None if mask is None else np.asarray(mask, dtype=bool)
        self._edges = (marked, brush, pen) if marked is not None and marked.any() else None

    def setOpts(self, **opts) -> None:
        self._recorded = None
        super().setOpts(**opts)
        if self._edges is not None:  # the edge outline counts in the item's bounds, as it did
            mask, _brush, pen = self._edges  # (pyqtgraph took the width of the last bar's pen)
            if len(mask) and mask[-1]:
                self._updatePenWidth(pen)

    def bar_brushes(self) -> list[QBrush]:
        """How each bar is filled (the edge bars' brush where they are marked)."""
        shared = cast(QBrush, self._sharedBrush)
        count = len(self._rectarray.instances())
        if self._edges is None or len(self._edges[0]) != count:
            return [shared] * count
        mask, brush, _pen = self._edges
        return [brush if m else shared for m in mask]

    def _marked(self) -> np.ndarray:
        """Which bars are edge bars (none when the mask does not fit the data)."""
        count = len(self._rectarray.ndarray())
        mask = self._edges[0] if self._edges is not None else None
        if mask is None or len(mask) != count:
            return np.zeros(count, dtype=bool)
        return mask

    def _picture(self) -> QPicture:
        """The layer recorded once per `setOpts` (pyqtgraph's way): the shared brush set once
        for its bars of some height, then the edge bars."""
        if self._recorded is None:
            rects = self._rectarray.instances()
            mask = self._marked()
            heights = self._rectarray.ndarray()[: len(rects), 3]
            picture = QPicture()
            painter = QPainter(picture)
            painter.setPen(cast(QPen, self._sharedPen))
            painter.setBrush(cast(QBrush, self._sharedBrush))
            filled = [rects[i] for i in np.flatnonzero((heights != 0) & ~mask).tolist()]
            if filled:  # one call; the picture keeps one rectangle each, as drawRect did
                painter.drawRects(filled)
            if self._edges is not None:
                _mask, brush, pen = self._edges
                painter.setPen(pen)
                painter.setBrush(brush)
                for i in np.flatnonzero(mask).tolist():
                    painter.drawRect(rects[i])
            painter.end()
            self._recorded = picture
        return self._recorded

    def _paint_pixels(self, p: QPainter) -> bool:
        """Paint the layer as its picture would land on a raster device; False (nothing
        painted) where that rule does not hold."""
        engine = p.paintEngine()
        if engine is None or engine.type() != QPaintEngine.Type.Raster:
            return False
        if p.testRenderHint(QPainter.RenderHint.Antialiasing):
            return False
        pen, brush = cast(QPen, self._sharedPen), cast(QBrush, self._sharedBrush)
        if pen.style() != Qt.PenStyle.NoPen or brush.style() != Qt.BrushStyle.SolidPattern:
            return False
        world, to_device = p.worldTransform(), p.deviceTransform()
        if not _scales(to_device):
            return False
        p.save()
        p.resetTransform()  # what is left (pixel ratio, offset) must scale x and y alike
        base = p.deviceTransform()
        if not _scales(base) or base.m11() != base.m22():
            p.restore()
            return False
        data = self._rectarray.ndarray()
        bars = data[(data[:, 3] != 0) & ~self._marked()]
        xs = np.stack((bars[:, 0], bars[:, 0] + bars[:, 2])) * to_device.m11() + to_device.m31()
        ys = np.stack((bars[:, 1], bars[:, 1] + bars[:, 3])) * to_device.m22() + to_device.m32()
        seen = np.isfinite(xs).all(axis=0) & np.isfinite(ys).all(axis=0)
        xs, ys = (
            pixel_edges(np.sort(xs[:, seen], axis=0)),
            pixel_edges(np.sort(ys[:, seen], axis=0)),
        )
        pixels = PrimitiveArray(QRectF, 4)
        pixels.resize(xs.shape[1])
        whole = pixels.ndarray()  # whole-pixel rectangles, in the painter's units
        whole[:, 0], whole[:, 2] = xs[0], xs[1] - xs[0]
        whole[:, 1], whole[:, 3] = ys[0], ys[1] - ys[0]
        whole[:, :2] -= (base.m31(), base.m32())  # back to the painter's units, where the
        whole /= base.m11()  # pixel ratio and a widget's offset in its window still apply
        p.setPen(pen)
        p.setBrush(brush)
        if len(whole):  # the array's memory and count, as pyqtgraph draws its bars (the stub
            # knows only a list of rectangles)
            p.drawRects(*pixels.drawargs())  # pyright: ignore[reportCallIssue, reportArgumentType]
        p.setWorldTransform(world)
        if self._edges is not None:  # the few edge bars as the picture had them: paths
            _mask, hatch, outline = self._edges
            p.setPen(outline)
            p.setBrush(hatch)
            rects = self._rectarray.instances()
            for i in np.flatnonzero(self._marked()).tolist():
                path = QPainterPath()
                path.addRect(rects[i])
                p.drawPath(path)
        p.restore()
        return True

    def paint(self, p: QPainter, *args) -> None:
        if self._edges is None or self._pens is not None or self._brushes is not None:
            super().paint(p, *args)
            return
        if not self._paint_pixels(p):
            self._picture().play(p)
