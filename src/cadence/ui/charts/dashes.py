"""Dashed and dotted lines drawn as solid dashes cut in screen space.

Qt strokes a dashed or dotted path wider than one pixel and fills the outline, which over a
dense line (thirty years of days, a pixel column's highest and lowest value each) costs 60-130 ms
a line. `DashedCurve` cuts the line itself, in device pixels, into the very dashes Qt's pattern
would give (`QPen.dashPattern()` in pen widths, restarting at each unbroken run, as Qt does),
and draws them as single lines with the same pen made solid (about 2 ms). The cut is kept until
the data, the pen or the painter's transform (the view's range, the plot's size) changes. Solid
pens are drawn by pyqtgraph as ever.
"""

from __future__ import annotations

import math
from typing import Literal, cast

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen, QTransform

CUT_STYLES = (
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
    Qt.PenStyle.CustomDashLine,
)


def joins(n: int, connect, finite: np.ndarray) -> np.ndarray:
    """Whether point i is joined to point i + 1 (n - 1 values), as pyqtgraph reads `connect`."""
    if isinstance(connect, np.ndarray):
        joined = np.asarray(connect[: n - 1], bool).copy()
    elif connect == "pairs":
        joined = np.zeros(n - 1, bool)
        joined[0::2] = True
    else:  # "all" and "finite": never across a missing value
        joined = np.ones(n - 1, bool)
    return joined & finite[:-1] & finite[1:]


def cut(
    xs: np.ndarray, ys: np.ndarray, joined: np.ndarray, pattern: np.ndarray, offset: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut a polyline (device pixels) into dashes: `pattern` is on, off, on, off … lengths in
    pixels, starting again at the start of each unbroken run (`joined[i]`: point i to i + 1).

    Returns the points (the line's own and the dash ends on it, in order) and which of them is
    joined to the next: only the "on" parts of the pattern.
    """
    n = len(xs)
    if n < 2:
        return xs[:0], ys[:0], np.zeros(0, bool)
    period = float(pattern.sum())
    edges = np.concatenate([[0.0], np.cumsum(pattern)[:-1]])  # where each part starts
    m = len(pattern)
    lengths = np.where(joined, np.hypot(np.diff(xs), np.diff(ys)), 0.0)
    total = np.concatenate([[0.0], np.cumsum(lengths)])
    starts = np.concatenate([[True], ~joined])  # a point that no line reaches starts a run
    at = total - np.maximum.accumulate(np.where(starts, total, 0.0)) + offset
    s0, s1 = at[:-1], np.where(joined, at[1:], at[:-1])

    def edges_up_to(s: np.ndarray, side: Literal["left", "right"]) -> np.ndarray:
        whole = np.floor(s / period)
        return (whole * m + np.searchsorted(edges, s - whole * period, side=side)).astype(np.int64)

    first = edges_up_to(s0, "right")  # the first dash edge after a segment's start
    count = np.maximum(edges_up_to(s1, "left") - first, 0)  # edges strictly inside it
    slots = np.concatenate([count + 1, [1]])  # each point, then the edges of its segment
    out = int(slots.sum())
    owner = np.repeat(np.arange(n), slots)
    place = np.arange(out) - np.repeat(np.cumsum(slots) - slots, slots)  # 0: the point itself
    edge = np.repeat(np.concatenate([first, [0]]), slots) + place - 1
    edge_at = (edge // m) * period + edges[edge % m]
    inner = place > 0
    seg = np.minimum(owner, n - 2)
    span = np.where(inner, s1[seg] - s0[seg], 1.0)
    t = np.where(inner, (edge_at - s0[seg]) / np.where(span > 0, span, 1.0), 0.0)
    nxt = np.minimum(owner + 1, n - 1)
    px = np.where(inner, xs[owner] + t * (xs[nxt] - xs[owner]), xs[owner])
    py = np.where(inner, ys[owner] + t * (ys[nxt] - ys[owner]), ys[owner])
    ps = np.where(inner, edge_at, at[owner])
    # the piece from one output point to the next lies in its owner's segment: drawn if that
    # segment is joined and the pattern is "on" halfway along the piece
    middle = (ps[:-1] + ps[1:]) / 2
    phase = np.searchsorted(edges, middle - np.floor(middle / period) * period, side="right") - 1
    own = owner[:-1]
    on = np.concatenate([(own < n - 1) & joined[seg[:-1]] & (phase % 2 == 0), [False]])
    return px, py, on


def dashes(
    xs: np.ndarray, ys: np.ndarray, connect, transform: QTransform, pen: QPen
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The dashes `pen` would draw along the data (xs, ys) under `transform`, in device pixels:
    the points (those a dash touches) and which is joined to the next (see `cut`)."""
    x = transform.m11() * xs + transform.m21() * ys + transform.dx()
    y = transform.m12() * xs + transform.m22() * ys + transform.dy()
    if len(x) < 2:
        return x[:0], y[:0], np.zeros(0, bool)
    finite = np.isfinite(x) & np.isfinite(y)
    width = max(pen.widthF(), 1.0)  # Qt scales the pattern by the width, a hairline by 1
    pattern = np.asarray(pen.dashPattern(), float) * width
    if len(pattern) < 2 or len(pattern) % 2 or not (pattern > 0).all():
        pattern = np.array([4.0, 2.0]) * width
    px, py, on = cut(x, y, joins(len(x), connect, finite), pattern, pen.dashOffset() * width)
    keep = on | np.concatenate([[False], on[:-1]])
    return px[keep], py[keep], on[keep]


class DashedCurve(pg.PlotCurveItem):
    """A curve whose dashed or dotted cosmetic pen is drawn as cut solid dashes (see the module's
    text); any other pen, a fill or steps are drawn by pyqtgraph."""

    def __init__(self, *args, **kwargs) -> None:
        self._dashes: tuple[tuple, PrimitiveArray] | None = None
        super().__init__(*args, **kwargs)

    def updateData(self, *args, **kwargs):
        self._dashes = None
        return super().updateData(*args, **kwargs)

    def dataBounds(self, ax, frac=1.0, orthoRange=None):  # pyqtgraph's name
        """pyqtgraph's bounds of the data, the same numbers taken with less around them.

        A switch of range asks each line for its bounds ~5 times (both axes, linked charts, the
        y range fitted): pyqtgraph's own (~22 µs) catches numpy's all-NaN warning each time and
        takes `nanmin`, which for a float array is `fmin.reduce` and a test for that warning.
        The usual case (the whole data, a cosmetic pen, no fill or steps, no shadow) is taken
        here as those reductions; any other case, and infinite bounds, go to pyqtgraph."""
        kept = cast(list, self._boundsCache)
        cache = kept[ax]
        if cache is not None and cache[0] == (frac, orthoRange):
            return cache[1]
        x, y = self.getData()
        opts = self.opts
        pen = opts["pen"]
        if (
            frac < 1.0
            or ax not in (0, 1)
            or x is None
            or len(x) == 0
            or opts.get("stepMode")
            or opts["fillLevel"] is not None
            or opts["shadowPen"] is not None
            or not (pen is None or pen.isCosmetic() or pen.style() == Qt.PenStyle.NoPen)
        ):
            return super().dataBounds(ax, frac, orthoRange)
        d, d2 = cast(tuple[np.ndarray, np.ndarray], (x, y) if ax == 0 else (y, x))
        if orthoRange is not None:
            d = d[(d2 >= orthoRange[0]) & (d2 <= orthoRange[1])]
        if len(d) == 0 or d.dtype.kind != "f":
            return super().dataBounds(ax, frac, orthoRange)
        bounds = (float(np.fmin.reduce(d)), float(np.fmax.reduce(d)))
        if math.isinf(bounds[0]) or math.isinf(bounds[1]):
            return super().dataBounds(ax, frac, orthoRange)
        kept[ax] = [(frac, orthoRange), bounds]
        return bounds

    def cuts(self) -> bool:
        """Whether this curve's pen is drawn as cut dashes."""
        pen = self.opts.get("pen")
        return (
            pen is not None
            and pen.style() in CUT_STYLES
            and pen.isCosmetic()
            and self.opts.get("fillLevel") is None
            and not self.opts.get("stepMode")
            and self.opts.get("shadowPen") is None
            and self.xData is not None
            and len(self.xData) > 1
        )

    def dashes(self, transform: QTransform) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The dashes drawn under `transform` (device pixels; see `dashes`)."""
        x, y = self.getData()
        return dashes(
            np.asarray(x, float),
            np.asarray(y, float),
            self.opts["connect"],
            transform,
            self.opts["pen"],
        )

    def _lines(self, transform: QTransform) -> PrimitiveArray:
        """The dashes as Qt lines for `drawLines`, kept while nothing changes."""
        pen = self.opts["pen"]
        key = (
            transform.m11(),
            transform.m12(),
            transform.m21(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            pen.widthF(),
            tuple(pen.dashPattern()),
            pen.dashOffset(),
        )
        if self._dashes is None or self._dashes[0] != key:
            px, py, on = self.dashes(transform)
            lines = arrayToLineSegments(px, py, on.astype(np.int32), finiteCheck=False)
            self._dashes = (key, lines)
        return self._dashes[1]

    def paint(self, p: QPainter, opt, widget) -> None:
        transform = p.transform()
        if not self.cuts() or not transform.isAffine():
            super().paint(p, opt, widget)
            return
        export = self._exportOpts  # False, or the exporter's options
        aa = export.get("antialias", True) if isinstance(export, dict) else self.opts["antialias"]
        # Each dash is a few solid lines: Qt draws lines one by one (the quick way pyqtgraph
        # takes for solid pens), where a dashed path goes through its stroker and a fill.
        lines = self._lines(transform)
        solid = QPen(self.opts["pen"])
        solid.setStyle(Qt.PenStyle.SolidLine)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        p.setPen(solid)
        # pyqtgraph's untyped drawargs() is inferred as maybe None; it gives the (lines, count)
        # or (list,) that drawLines takes, as pyqtgraph's own curves use it
        p.drawLines(*lines.drawargs())  # pyright: ignore[reportCallIssue, reportArgumentType]
        p.restore()


class DashedDataItem(pg.PlotDataItem):
    """pyqtgraph's PlotDataItem with a `DashedCurve` for its line.

    A change of the y range alone does not make the line again when it changes nothing drawn.
    pyqtgraph takes the line's display data again (its downsampling too) on every change of the
    y range, for its dynamic range limit: values more than `dynamicRangeLimit` view heights
    off the plot are clipped. Where nothing was clipped and nothing would be at the new range,
    the display data stay the same, and so does the line (a range switch fitted each chart's
    y range to its new data and so made every line twice)."""

    def __init__(self, *args, **kwargs) -> None:
        self._clipped = False  # whether the display data were last taken with values clipped
        super().__init__(*args, **kwargs)
        old = self.curve
        old.sigClicked.disconnect()
        old.setParentItem(None)
        if old.scene() is not None:
            old.scene().removeItem(old)
        self.curve = DashedCurve()
        self.curve.setParentItem(self)
        self.curve.sigClicked.connect(self.sigClicked)
        if args or kwargs:
            self.setData(*args, **kwargs)

    def _clips(self) -> bool:
        """Whether pyqtgraph's dynamic range limit clips the data at the view's range now (its
        own test, in `PlotDataItem._getDisplayDataset`)."""
        limit = self.opts["dynamicRangeLimit"]
        mapped = self._datasetMapped
        view = self.getViewBox()
        if limit is None or mapped is None or view is None:
            return limit is not None  # (unknown: take the display data again, as pyqtgraph does)
        data, shown = mapped.dataRect(), view.viewRect()
        if data is None:
            return False
        height = shown.height()
        return (
            height > 0
            and not data.bottom() < shown.top()
            and not data.top() > shown.bottom()
            and data.height() > 2 * self.opts["dynamicRangeHyst"] * limit * height
        )

    def _getDisplayDataset(self):  # pyqtgraph's name
        kept = self._datasetDisplay
        dataset = super()._getDisplayDataset()
        if dataset is not kept:  # taken again: remember whether this view clipped it
            self._clipped = self._clips()
        return dataset

    def viewRangeChanged(self, vb=None, ranges=None, changed=None):  # pyqtgraph's name
        y_alone = changed is not None and not changed[0] and changed[1]
        if y_alone and self._datasetDisplay is not None and not self._clipped and not self._clips():
            return  # the same display data as now: nothing to make again
        super().viewRangeChanged(vb, ranges, changed)
