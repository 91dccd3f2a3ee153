"""What the Music and Running views share: a filter bar over a table of sessions, a panel
beside it, and the filter built from the bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from cadence.domain.enums import Discipline
from cadence.services.browse.listing import ListFilter
from cadence.ui.views.base import View
from cadence.ui.widgets.filter_bar import FilterBar
from cadence.ui.widgets.sessions_table import SessionsPanel


class SessionListView(View):
    """Subclasses set DISCIPLINE and CHOICE_FIELD (the ListFilter field the bar's choice fills),
    create `self.filter_bar` and `self.panel`, then call `_lay_out` with their side panel."""

    DISCIPLINE = Discipline.MUSIC
    CHOICE_FIELD = "piece_id"
    filter_bar: FilterBar
    panel: SessionsPanel

    def _lay_out(self, side: QWidget, stretch: tuple[int, int], sizes: list[int]) -> None:
        self.panel.clear_button.clicked.connect(self.filter_bar.clear)
        self.filter_bar.changed.connect(self._filter_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(10)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.panel, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, stretch[0])
        self.splitter.setStretchFactor(1, stretch[1])
        self.splitter.setSizes(sizes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.addWidget(self.splitter)

    def focus_search(self) -> bool:
        self.filter_bar.focus_text()
        return True

    def open_item(self, payload: object) -> None:
        if isinstance(payload, int):
            self.panel.select_session(payload, self.filter_bar.clear)

    def _filter(self) -> ListFilter:
        start, end = self.filter_bar.date_range()
        # the bar's choice, a piece's id (Music) or a kind (Running), is what CHOICE_FIELD holds
        choice: dict[str, Any] = {self.CHOICE_FIELD: self.filter_bar.choice_value()}
        return ListFilter(
            self.DISCIPLINE,
            start=start,
            end=end,
            text=self.filter_bar.text(),
            **choice,
        )

    def _filter_changed(self) -> None:
        self.panel.set_filter(self._filter(), self.filter_bar.is_active())
