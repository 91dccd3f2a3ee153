"""Layout pieces the chart views share: a scrolling page of charts, and the panel that explains
an empty range instead of showing blank charts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsView,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, label
from cadence.ui.charts.labels import format_day, range_label


class ChartPage(QScrollArea):
    """Charts one under the other, scrolling when they do not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(4, 8, 12, 8)
        self.column.setSpacing(14)
        self.setWidget(body)
        self._stretch_added = False

    def add(self, widget: QWidget) -> QWidget:
        self.column.addWidget(widget)
        return widget

    def settle(self, charts: Sequence[QGraphicsView]) -> None:
        """Lay the page out now when what was just drawn changed it (a note under a chart that
        now wraps to another line), so that each chart is painted once.

        Qt lays the page out after the charts' scenes have painted their new items, and the
        page, resized or with charts moved, is then painted again: Stop-points painted every
        chart twice a switch. Laid out here, with the scenes' pending updates taken in while the
        page's updates are off, turning them on paints the page, charts and all, once. When the
        layout stays as it was, nothing changes: each scene paints its chart."""
        body = self.widget()
        if body is None:  # (a page always has its body; the type allows none)
            return
        before = [body.geometry(), *(chart.geometry() for chart in charts)]
        # the body lays out its column, then asks the scroll area (through its viewport) for
        # its new height
        for widget in (body, self.viewport(), self):
            QCoreApplication.sendPostedEvents(widget, QEvent.Type.LayoutRequest.value)
        if [body.geometry(), *(chart.geometry() for chart in charts)] == before:
            return
        self.setUpdatesEnabled(False)
        try:
            for chart in charts:
                QCoreApplication.sendPostedEvents(chart.scene(), QEvent.Type.MetaCall.value)
        finally:
            self.setUpdatesEnabled(True)

    def finish(self) -> None:
        """Keep the charts together at the top when the page is taller than they are."""
        if not self._stretch_added:
            self.column.addStretch(1)
            self._stretch_added = True


def note_label(object_name: str) -> QLabel:
    """A line of text under a chart (an insight, a streak, a caveat)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setContentsMargins(8, 0, 8, 0)
    return label


class EmptyRange(QWidget):
    """What to do when the range holds no session: a longer range, or the demo journal."""

    show_all = Signal()
    open_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setObjectName("EmptyRangeText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.all_button = QPushButton(self.tr("Show the whole journal"))
        self.all_button.setObjectName("ShowAll")
        self.demo_button = QPushButton(self.tr("Open the demo journal"))
        self.demo_button.setObjectName("OpenDemo")
        self.all_button.clicked.connect(self.show_all)
        self.demo_button.clicked.connect(self.open_demo)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        for button in (self.all_button, self.demo_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def explain(self, message: str, journal_has_sessions: bool) -> None:
        self.text.setText(message)
        self.all_button.setVisible(journal_has_sessions)

    def explain_range(
        self,
        start: date,
        end: date,
        span: tuple[date, date] | None,
        craft: Discipline | None = None,
    ) -> None:
        """Nothing (of `craft`) between the dates: say so, the next step, and the dates the
        journal does hold (`span`, None for an empty journal)."""
        what = (
            self.tr("No {craft} sessions").format(craft=label(craft).lower())
            if craft
            else self.tr("No sessions")
        )
        text = self.tr("{what} between {range}: choose a longer range or open the demo journal.")
        text = text.format(what=what, range=range_label(start, end))
        if span is not None:
            text += "\n" + self.tr("This journal has sessions from {first} to {last}.").format(
                first=format_day(span[0]), last=format_day(span[1])
            )
        self.explain(text, span is not None)


def chart_view_body(
    view: QWidget,
    controls: QLayout,
    charts: QWidget,
    show_all: Callable[[], object],
    open_demo: Callable[[], object],
) -> tuple[EmptyRange, QStackedWidget]:
    """The body the chart views share: their controls on top, then the charts, or in their
    place the panel that explains an empty range (its buttons call `show_all` and `open_demo`)."""
    empty = EmptyRange()
    empty.show_all.connect(show_all)
    empty.open_demo.connect(open_demo)
    stack = QStackedWidget()
    stack.addWidget(charts)
    stack.addWidget(empty)
    layout = QVBoxLayout(view)
    layout.setContentsMargins(12, 10, 12, 6)
    layout.setSpacing(8)
    layout.addLayout(controls)
    layout.addWidget(stack, 1)
    return empty, stack
