"""A small tempo chart for the repertoire panel: one passage's best clean BPM per session, with its
start tempo and its target as dashed lines.

Dates go on the axis as UTC-midnight timestamps read back in UTC, so a date never slides by a day
across time zones (the convention of the other charts)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from cadence.domain.palette import BOTH, MUSIC
from cadence.services.browse.listing import PassageSummary, TempoEntry
from cadence.ui.charts.labelled_line import LabelledLine
from cadence.ui.charts.plot_view import PlainPlotItem, without_background_cache

_DAY_S = 86_400
_EPOCH = date(1970, 1, 1)
_MARGIN_DAYS = 5
SYMBOLS_UP_TO = 300  # sessions on the chart


def _tr(text: str) -> str:
    return QCoreApplication.translate("TempoChart", text)


def _stamp(day: date) -> float:
    return float((day - _EPOCH).days * _DAY_S)


class TempoChart(pg.PlotWidget):
    """`show_passage` draws a passage; `show_hint` says what goes here when nothing is chosen.
    `series` holds what is drawn by name (for tests), `message` the hint shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        palette = QApplication.palette()
        self._fg = palette.color(QPalette.ColorRole.Text)
        background = palette.color(QPalette.ColorRole.Base)
        axes = {"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        super().__init__(parent=parent, plotItem=PlainPlotItem(axisItems=axes))
        self.setBackground(background)  # (typed as a str in the constructor)
        without_background_cache(self)
        self.setObjectName("TempoChart")
        self.passage_id: int | None = None
        self.series: dict[str, pg.GraphicsObject] = {}
        self.message = ""
        item = self.plot_item
        item.hideButtons()
        item.setMenuEnabled(False)
        item.getViewBox().setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.15)
        faint = QColor(self._fg)
        faint.setAlphaF(0.45)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(faint))
            axis.setTextPen(pg.mkPen(self._fg))
        item.getAxis("left").setWidth(36)
        self.setMinimumSize(160, 150)
        self._blank()  # until a passage or a hint is shown

    @property
    def plot_item(self) -> pg.PlotItem:
        item = self.getPlotItem()
        assert item is not None  # (None only once the chart is closed)
        return item

    def _clear(self) -> None:
        self.plot_item.clear()
        self.series.clear()
        self.message = ""

    def _blank(self) -> None:
        self._clear()
        self.passage_id = None
        item = self.plot_item
        item.setTitle(None)
        item.hideAxis("left")
        item.hideAxis("bottom")

    def show_hint(self, text: str) -> None:
        self._blank()
        item = self.plot_item
        hint = pg.TextItem(text, color=self._fg, anchor=(0.5, 0.5))
        hint.setTextWidth(max(140, self.width() - 40))
        hint.setPos(0.5, 0.5)
        item.addItem(hint)
        item.getViewBox().setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.message = text

    def show_passage(self, passage: PassageSummary, history: Sequence[TempoEntry]) -> None:
        if not history:
            self.show_hint(
                _tr(
                    "No clean tempo on “{passage}” yet: log a block on it with clean reps and "
                    "the tempo reached."
                ).format(passage=passage.label)
            )
            self.passage_id = passage.id
            return
        self._clear()
        self.passage_id = passage.id
        item = self.plot_item
        item.showAxis("left")
        item.showAxis("bottom")
        item.setTitle(
            f"<span style='color:{self._fg.name()}'><b>{html.escape(passage.label)}</b> &nbsp;"
            f"<span style='color:{MUSIC}'>●</span> {_tr('best clean BPM')}</span>",
            size="9pt",
        )
        xs = np.array([_stamp(e.day) + _DAY_S / 2 for e in history], dtype=float)
        ys = np.array([e.best_bpm for e in history], dtype=float)
        self.series["best"] = item.plot(
            xs,
            ys,
            pen=pg.mkPen(MUSIC, width=2),
            # a dot per session while they can be told apart; thousands of dots on a panel this
            # size are one smear, and pyqtgraph paints each (~20 µs a point)
            symbol="o" if len(xs) <= SYMBOLS_UP_TO else None,
            symbolSize=6,
            symbolBrush=QColor(MUSIC),
            symbolPen=pg.mkPen(None),
        )
        marks = [
            (name, bpm, hue, at)
            for name, bpm, hue, at in (
                ("target", passage.target_bpm, MUSIC, 0.02),
                ("start", passage.start_bpm, BOTH, 0.98),
            )
            if bpm is not None
        ]
        levels = list(ys) + [bpm for _n, bpm, _h, _a in marks]
        low, high = min(levels), max(levels)
        for name, bpm, hue, at in marks:
            # the name on the side of its line toward the middle: a line at the top of the
            # range takes its name below it, so no edge of the plot cuts it
            self.series[name] = self._level(name, bpm, hue, at, below=bpm > (low + high) / 2)
        pad = max(4.0, (high - low) * 0.12)
        first, last = _stamp(history[0].day), _stamp(history[-1].day) + _DAY_S
        margin = _MARGIN_DAYS * _DAY_S
        item.getViewBox().setRange(
            xRange=(first - margin, last + margin), yRange=(low - pad, high + pad), padding=0
        )

    def _level(
        self, name: str, bpm: float, hue: str, at: float, below: bool = False
    ) -> pg.InfiniteLine:
        """A dashed horizontal line with its name at one end (`at`: 0 left .. 1 right), above
        the line or `below` it, wholly inside the plot."""
        anchor = (0.0 if at < 0.5 else 1.0, 0.0 if below else 1.0)
        text = _tr("{name} {bpm}").format(name=_tr(name), bpm=f"{bpm:.0f}")
        line = LabelledLine(
            pos=bpm,
            angle=0,
            movable=False,
            pen=pg.mkPen(hue, width=1.2, style=Qt.PenStyle.DashLine),
            label=text,
            labelOpts={"position": at, "color": QColor(hue), "anchors": [anchor, anchor]},
        )
        self.plot_item.addItem(line, ignoreBounds=True)
        return line
