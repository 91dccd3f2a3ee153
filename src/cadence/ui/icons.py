"""QIcons built from the bundled SVG icons, cached by name.

Each UI icon is a 24x24 line drawing in one mid-tone colour (slate grey; the discipline icons in
their discipline colour) chosen to read on both light and dark palettes. Only on a selection
highlight is a mid tone too weak, so there the drawing is recoloured to the palette's
highlighted-text colour, read when painting so that it follows a change of system scheme.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from cadence.resources import app_icon_path, icon_path

_COLOUR = re.compile(rb'(?:stroke|fill)="(#[0-9A-Fa-f]{6})"')
_DISABLED_OPACITY = 0.4


class _SvgLineIconEngine(QIconEngine):
    """Draws a one-colour SVG, in the highlighted-text colour when the icon is selected."""

    def __init__(self, svg: bytes, colour: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._colour = colour
        self._renderers: dict[bytes, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = self._colour
        if mode == QIcon.Mode.Selected:
            highlighted = QGuiApplication.palette().color(QPalette.ColorRole.HighlightedText)
            colour = highlighted.name().encode()
        renderer = self._renderers.get(colour)
        if renderer is None:
            renderer = QSvgRenderer(QByteArray(self._svg.replace(self._colour, colour)))
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        # Render at device pixels so icons stay sharp on high-density screens.
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(pixmap.rect()))
        if mode == QIcon.Mode.Disabled:
            # Fade the finished drawing as a whole, so crossing strokes do not add up.
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
            painter.fillRect(pixmap.rect(), QColor(0, 0, 0, round(255 * _DISABLED_OPACITY)))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def clone(self) -> QIconEngine:
        return _SvgLineIconEngine(self._svg, self._colour)


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name`` (e.g. ``"start"``); FileNotFoundError if Cadence has no such icon.

    Call only once a QGuiApplication exists.
    """
    svg = icon_path(name).read_bytes()
    colours = set(_COLOUR.findall(svg))
    if len(colours) != 1:
        # Not a one-colour line icon: let Qt draw it as it is.
        return QIcon(str(icon_path(name)))
    return QIcon(_SvgLineIconEngine(svg, colours.pop()))


@cache
def app_icon() -> QIcon:
    """The application icon, for the window and the About box."""
    return QIcon(str(app_icon_path()))
