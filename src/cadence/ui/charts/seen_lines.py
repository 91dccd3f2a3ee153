"""A solid line's segments drawn only where the painter's clip can show them.

pyqtgraph draws a solid, opaque, unsmoothed line wider than a pixel (the 2-px week lines of the
Quality tab) as one `drawLines` of every segment, and Qt's raster engine sets each segment up
and cuts it to the clip one by one: a chart scrolled half out of the page paid for its hidden
half as for the shown one (~2 ms a line of thirty years of weeks). Such a line is the union of
its segments (one opaque colour, no smoothing: a pixel is the pen's colour or untouched), and
Qt never paints outside the clip, so a segment whose pixels all lie outside it adds nothing. Here
the segments are mapped to device pixels and those wholly outside the clip, by a margin of
several pen widths (a segment's pixels lie within its square caps: half a width beyond its ends
and to its sides), are left out; the others are drawn as pyqtgraph draws them, in the item's
own coordinates under the same transform, so each lands on the same pixels.

Any other case (smoothing, a fill, a shadow pen, steps, a composition mode, an export, a device
other than the raster engine, a transform that is not affine) is drawn by pyqtgraph.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPaintEngine, QPainter

# device pixels around the clip, on top of the pen's reach: wide of anything rounding can move
MARGIN_PX = 8.0


def _clip(p: QPainter) -> QRectF | None:
    """The painter's clip in device pixels (a rectangle holding it), or None: nowhere known."""
    engine = p.paintEngine()
    shown: QRectF | None = None
    system = engine.systemClip() if engine is not None else None
    if system is not None and not system.isEmpty():
        shown = QRectF(system.boundingRect())
    if p.hasClipping():
        own = p.deviceTransform().mapRect(p.clipBoundingRect())
        shown = own if shown is None else shown.intersected(own)
    return shown


def draw_seen_segments(curve: pg.PlotCurveItem, p: QPainter) -> bool:
    """Paint `curve` as pyqtgraph would, leaving out the segments the clip hides; False (nothing
    painted) where the segments are not drawn one by one in one opaque colour."""
    opts = curve.opts
    pen = opts["pen"]
    engine = p.paintEngine()
    if (
        engine is None
        or engine.type() != QPaintEngine.Type.Raster
        or curve._exportOpts is not False
        or opts["antialias"]
        or opts["fillLevel"] is not None
        or opts["shadowPen"] is not None
        or opts["compositionMode"] is not None
        or opts["stepMode"]
        or pen is None
        or not curve._shouldUseDrawLineSegments(pen)
        or curve.xData is None
        or len(curve.xData) == 0
    ):
        return False
    to_device = p.deviceTransform()
    if not to_device.isAffine():
        return False
    shown = _clip(p)
    curve._getLineSegments()  # pyqtgraph's own segments, kept while the data stay
    lines = curve._lineSegments
    if shown is not None:
        reach = MARGIN_PX + 4.0 * max(pen.widthF(), 1.0) * p.device().devicePixelRatio()
        seen = shown.adjusted(-reach, -reach, reach, reach)
        whole = to_device.mapRect(curve.boundingRect())
        if not seen.contains(whole):
            kept = seen_segments(curve._lineSegments.ndarray(), to_device, seen)
            if kept is not None:
                lines = kept
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(pen)
    # the array's memory and count, as pyqtgraph draws its segments (the stub knows only lists)
    p.drawLines(*lines.drawargs())  # pyright: ignore[reportCallIssue, reportArgumentType]
    return True


def seen_segments(segments: np.ndarray, to_device, seen: QRectF) -> PrimitiveArray | None:
    """The segments (rows x1, y1, x2, y2 in item units) whose device box meets `seen`, as Qt
    lines; None when every one does."""
    if len(segments) == 0:
        return None
    m11, m12, m21, m22 = to_device.m11(), to_device.m12(), to_device.m21(), to_device.m22()
    dx, dy = to_device.dx(), to_device.dy()
    x1, y1, x2, y2 = segments[:, 0], segments[:, 1], segments[:, 2], segments[:, 3]
    dx1, dx2 = m11 * x1 + m21 * y1 + dx, m11 * x2 + m21 * y2 + dx
    dy1, dy2 = m12 * x1 + m22 * y1 + dy, m12 * x2 + m22 * y2 + dy
    left, right = np.minimum(dx1, dx2), np.maximum(dx1, dx2)
    top, bottom = np.minimum(dy1, dy2), np.maximum(dy1, dy2)
    # NaN (none left by pyqtgraph's finite check) compares false: such a segment is kept
    hidden = (
        (right < seen.left())
        | (left > seen.right())
        | (bottom < seen.top())
        | (top > seen.bottom())
    )
    if not hidden.any():
        return None
    rows = segments[~hidden]
    out = PrimitiveArray(QLineF, 4)
    out.resize(len(rows))
    if len(rows):
        out.ndarray()[:] = rows
    return out
