"""A print preview that holds only what is on screen.

Qt's QPrintPreviewWidget paints every page up front into a QPicture kept for as long as the
preview shows (each with its own decoded copy of every image on it), and caches each page it
has shown as a pixmap. `PagePreview` looks and behaves like the embedded one (pages one under
another on grey, each with its shadow, fitted to the width; the scroll bar, the wheel, the
keyboard's arrows and Page Up/Down, dragging with the hand) but paints a page only where it
is exposed, at the preview's scale, straight from the document: nothing of a page is kept once
it is painted, so pages scrolled away hold no memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QLinearGradient,
    QMouseEvent,
    QPagedPaintDevice,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from cadence.ui.weak import held

# (painter, page number from 1, the exposed part in the page's pixels): paints the page with the
# origin at the corner of its printable area, in the device's pixels
PaintPage = Callable[[QPainter, int, QRectF], None]

BACKGROUND = QColor(Qt.GlobalColor.gray)
WASH = QColor(255, 255, 255, 180)  # over anything in the margins, as Qt's preview does


class PagePreview(QAbstractScrollArea):
    """Pages of `device`'s paper, one under another, fitted to the width."""

    def __init__(self, device: QPagedPaintDevice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self._count = 0
        self._paint_page: Callable[[], PaintPage | None] | None = None  # (held: ui/weak.py)
        self._paper = QSizeF()
        self._page = QRectF()  # the printable area on the paper
        self._scale = 1.0  # screen pixels per device pixel
        self._place: float | None = None  # the device's y at the top of the view (None: top)
        self._fitting = False
        self._drag: QPoint | None = None
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    # --- what it shows ----------------------------------------------------------------------

    def show_pages(self, count: int, paint: PaintPage | None) -> None:
        """Show `count` pages, each painted by `paint` when it comes into view (0: none)."""
        layout = self.device.pageLayout()
        resolution = self.device.logicalDpiX()
        self._paper = QSizeF(layout.fullRectPixels(resolution).size())
        self._page = QRectF(layout.paintRectPixels(resolution))
        self._count = count if paint is not None else 0
        self._paint_page = None if paint is None else held(paint)
        self._fit(keep_place=False)
        self.viewport().update()

    def page_count(self) -> int:
        return self._count

    def pages_in_view(self) -> list[int]:
        """The numbers of the pages that show, wholly or in part."""
        return self._pages_in(QRectF(self.viewport().rect()))

    # --- geometry: the device's pixels ("scene") and the screen's ----------------------------

    def _border(self) -> float:
        return max(self._paper.width(), self._paper.height()) / 25

    def _pitch(self) -> float:
        """From one page's top to the next's."""
        return self._paper.height() + 2 * self._border()

    def _scene_top(self) -> float:
        return -self._border()

    def _scene_height(self) -> float:
        return self._count * self._pitch()

    def _fit(self, keep_place: bool = True) -> None:
        """Scale the pages to the viewport's width; what was at its top stays there (or the
        top of the first page, for new pages)."""
        if self._count == 0 or self._paper.isEmpty():
            self.verticalScrollBar().setRange(0, 0)
            return
        bar = self.verticalScrollBar()
        width, height = self.viewport().width(), self.viewport().height()
        if not keep_place:
            self._place = None
        self._scale = width / (self._paper.width() + 2 * self._border())
        top = int(self._scene_top() * self._scale)
        bottom = int((self._scene_top() + self._scene_height()) * self._scale - height)
        self._fitting = True
        try:
            bar.setRange(top, max(top, bottom))
            if self.viewport().width() != width:  # the scroll bar came or went: fitted again
                return
            bar.setPageStep(height)
            bar.setSingleStep(height // 20)
            place = self._place
            bar.setValue(top if place is None else round(place * self._scale))
        finally:
            self._fitting = False

    def _to_scene(self, rect: QRectF) -> QRectF:
        s = self._scale
        x0 = self._scene_top()  # the border left of the pages, as above them
        return QRectF(
            rect.x() / s + x0,
            (rect.y() + self.verticalScrollBar().value()) / s,
            rect.width() / s,
            rect.height() / s,
        )

    def _pages_in(self, rect: QRectF) -> list[int]:
        if self._count == 0:
            return []
        scene = self._to_scene(rect)
        pitch, border = self._pitch(), self._border()
        first = max(1, int((scene.top() + border) // pitch) + 1)
        last = min(self._count, int((scene.bottom() + border) // pitch) + 1)
        return list(range(first, last + 1))

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        exposed = QRectF(event.rect())
        painter.fillRect(exposed, BACKGROUND)
        paint = None if self._paint_page is None else self._paint_page()
        if paint is None:
            return
        painter.setRenderHints(QPainter.RenderHint.TextAntialiasing)  # as Qt's preview paints
        for number in self._pages_in(exposed):
            painter.save()
            painter.translate(-self._scene_top() * self._scale, -self.verticalScrollBar().value())
            painter.scale(self._scale, self._scale)
            painter.translate(0, (number - 1) * self._pitch())
            shown = painter.transform().inverted()[0].mapRect(exposed)
            self._paint_sheet(painter, number, shown, paint)
            painter.restore()

    def _paint_sheet(
        self, painter: QPainter, number: int, exposed: QRectF, paint: PaintPage
    ) -> None:
        """One sheet of paper at (0, 0) with its shadow; `exposed` in the same coordinates."""
        paper = QRectF(QPointF(0, 0), self._paper)
        shadow = paper.width() / 100
        black, clear = QColor(0, 0, 0, 255), QColor(0, 0, 0, 0)
        right = QRectF(
            paper.topRight() + QPointF(0, shadow), paper.bottomRight() + QPointF(shadow, 0)
        )
        gradient = QLinearGradient(right.topLeft(), right.topRight())
        gradient.setColorAt(0.0, black)
        gradient.setColorAt(1.0, clear)
        painter.fillRect(right, QBrush(gradient))
        below = QRectF(
            paper.bottomLeft() + QPointF(shadow, 0), paper.bottomRight() + QPointF(0, shadow)
        )
        gradient = QLinearGradient(below.topLeft(), below.bottomLeft())
        gradient.setColorAt(0.0, black)
        gradient.setColorAt(1.0, clear)
        painter.fillRect(below, QBrush(gradient))
        corner = QRectF(paper.bottomRight(), paper.bottomRight() + QPointF(shadow, shadow))
        radial = QRadialGradient(corner.topLeft(), shadow, corner.topLeft())
        radial.setColorAt(0.0, black)
        radial.setColorAt(1.0, clear)
        painter.fillRect(corner, QBrush(radial))

        shown = paper & exposed
        if shown.isEmpty():
            return
        painter.setClipRect(shown)
        painter.fillRect(paper, Qt.GlobalColor.white)
        painter.save()
        painter.translate(self._page.topLeft())
        paint(painter, number, shown.translated(-self._page.topLeft()))
        painter.restore()
        margins = QPainterPath()
        margins.addRect(paper)
        margins.addRect(self._page)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(WASH)
        painter.drawPath(margins)

    # --- scrolling --------------------------------------------------------------------------

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().scroll(dx, dy)  # only the strip that comes into view is painted
        if not self._fitting:  # moved by the person: keep this place when the width changes
            bar = self.verticalScrollBar()
            self._place = bar.value() / self._scale if bar.value() > bar.minimum() else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        point = event.position().toPoint()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() - (point.y() - self._drag.y()))
        self._drag = point
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)
