"""A thin table model over the listing service: it knows how many rows match and reads only the
rows the table asks for, so a journal of 100,000 sessions opens and scrolls like one of ten.

Two windowed caches, both least-recently-used and bounded:
- ids, in windows of ID_WINDOW: the ORDER BY (which may compute an aggregate per session, e.g.
  accuracy) runs once per window instead of once per page;
- rows, in pages of ROW_PAGE: the aggregate columns are computed for those sessions only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from cadence.domain.enums import SessionStatus
from cadence.domain.units import Units
from cadence.services.browse import listing
from cadence.services.browse.listing import ListFilter, Row, Sort
from cadence.ui.models.columns import Column
from cadence.ui.safe_text import plain_tooltip

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex

# Qt asks data() for some seven roles of every visible cell on every paint: the roles are
# compared as plain ints (a PySide enum member costs a Python-level lookup each time).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SESSION_ID = int(SESSION_ID_ROLE)
_ROW_ROLES = frozenset({_DISPLAY, _TOOLTIP, _DECORATION, _FOREGROUND, _FONT, _SESSION_ID})


class SessionsModel(QAbstractTableModel):
    ROW_PAGE = 100
    ID_WINDOW = 2000  # a multiple of ROW_PAGE
    MAX_ROW_PAGES = 8
    MAX_ID_WINDOWS = 4

    def __init__(
        self,
        columns: Sequence[Column],
        flt: ListFilter,
        sort: Sort | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._alignments = [_RIGHT if c.numeric else _LEFT for c in self.columns]
        self._filter = flt
        self._sort = sort or Sort()
        self._units = Units.KM
        self._id_windows: OrderedDict[int, list[int]] = OrderedDict()
        self._pages: OrderedDict[int, list[Row | None]] = OrderedDict()
        self._recent: tuple[int, list[Row | None]] | None = None  # the page last used
        self.rows_fetched = 0  # rows read from the service since the last re-query
        self._count = 0  # nothing is read until the first requery(): a hidden view costs nothing

    # --- what the views see ----------------------------------------------------------------------

    @property
    def current_sort(self) -> Sort:
        return self._sort

    @property
    def cached_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

    @property
    def cached_ids(self) -> int:
        return sum(len(window) for window in self._id_windows.values())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Called some seven times per visible cell and paint: roles that need no row are
        # answered first, roles this model does not fill at once.
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        if role not in _ROW_ROLES or not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role in (_FONT, _FOREGROUND):
            if row.status != SessionStatus.PLANNED:
                return None
            if role == _FOREGROUND:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            font = QFont()
            font.setItalic(True)
            return font
        column = self.columns[index.column()]
        if role == _DISPLAY:
            return column.text(row, self._units)
        if role == _DECORATION:
            return column.decoration(row) if column.decoration else None
        if role == _TOOLTIP:
            # tooltips carry what people typed (pieces, intentions): shown as text, never markup
            return plain_tooltip(column.tooltip(row, self._units)) if column.tooltip else None
        return row.id  # SESSION_ID_ROLE

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = Sort(self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort:
            return  # e.g. a table turning sorting on with the order the model already has
        self._sort = sort
        self.requery()

    # --- changing what is listed -----------------------------------------------------------------

    def set_filter(self, flt: ListFilter, requery: bool = True) -> None:
        self._filter = flt
        if requery:
            self.requery()

    def set_units(self, units: Units) -> None:
        if units != self._units:
            self._units = units
            if self._count:
                last = self.index(self._count - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def requery(self) -> None:
        """Count again and forget every cached row (after a filter, a sort or a change)."""
        self.beginResetModel()
        self._id_windows.clear()
        self._pages.clear()
        self._recent = None
        self.rows_fetched = 0
        self._count = listing.count(self._filter)
        self.endResetModel()

    # --- rows and ids, read as needed ------------------------------------------------------------

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < self._count:
            return None
        number = row // self.ROW_PAGE
        recent = self._recent
        if recent is not None and recent[0] == number:
            page = recent[1]  # already the most recently used: its place in the LRU holds
        else:
            page = self._pages.get(number)
            if page is None:
                page = self._fetch_page(number)
            else:
                self._pages.move_to_end(number)
            self._recent = (number, page)
        offset = row - number * self.ROW_PAGE
        return page[offset] if offset < len(page) else None

    def session_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        window = self._window(row // self.ID_WINDOW)
        offset = row % self.ID_WINDOW
        return window[offset] if offset < len(window) else None

    def session_ids(self, rows: Sequence[int]) -> list[int]:
        """The ids of these rows (no aggregate is computed: ids only)."""
        found = (self.session_id(r) for r in sorted(set(rows)))
        return [i for i in found if i is not None]

    def row_of(self, session_id: int) -> int | None:
        return listing.position(self._filter, self._sort, session_id)

    def _window(self, number: int) -> list[int]:
        window = self._id_windows.get(number)
        if window is not None:
            self._id_windows.move_to_end(number)
            return window
        window = listing.ids(self._filter, self._sort, number * self.ID_WINDOW, self.ID_WINDOW)
        self._id_windows[number] = window
        while len(self._id_windows) > self.MAX_ID_WINDOWS:
            self._id_windows.popitem(last=False)
        return window

    def _fetch_page(self, number: int) -> list[Row | None]:
        first = number * self.ROW_PAGE
        window = self._window(first // self.ID_WINDOW)
        start = first % self.ID_WINDOW
        page_ids = window[start : start + self.ROW_PAGE]
        by_id = {r.id: r for r in listing.rows_for(page_ids)}
        # a session trashed since the count leaves a blank row until the refresh that follows
        page: list[Row | None] = [by_id.get(i) for i in page_ids]
        self.rows_fetched += len(by_id)
        self._pages[number] = page
        while len(self._pages) > self.MAX_ROW_PAGES:
            self._pages.popitem(last=False)
        return page
