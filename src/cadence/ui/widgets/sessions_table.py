"""The view half of the session tables (Music, Running): a QTableView over `SessionsModel` that
opens a session on double-click or Enter and moves the selection to the trash on Delete (with
undo), and a panel that shows an explanation instead of an empty grid."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.units import Units
from cadence.services.browse.listing import ListFilter
from cadence.services.records import journal
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.icons import icon
from cadence.ui.models.columns import Column
from cadence.ui.models.sessions_model import SessionsModel
from cadence.ui.weak import held


class SessionsTable(QTableView):
    open_requested = Signal(int)  # a session id
    trash_requested = Signal(list)  # session ids

    def __init__(self, model: SessionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SessionsTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed heights: Qt never measures rows, so it never reads rows that are not shown.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        self.set_columns(model.columns)
        self.setSortingEnabled(True)

        self.act_open = QAction(icon("journal"), self.tr("&Open session"), self)
        self.act_open.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.act_trash = QAction(icon("trash"), self.tr("Move to the &trash"), self)
        self.act_trash.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action in (self.act_open, self.act_trash):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.act_open.triggered.connect(self._open_current)
        self.act_trash.triggered.connect(self._trash_selected)
        self.doubleClicked.connect(lambda index: self._open_row(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The actions' shortcuts serve while the window is active; keys that reach the table
        # directly (its window not active yet, e.g. just after a dialog closed) do the same.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self._open_current()
        elif event.matches(QKeySequence.StandardKey.Delete):
            self._trash_selected()
        else:
            super().keyPressEvent(event)

    def sessions_model(self) -> SessionsModel:
        model = self.model()
        assert isinstance(model, SessionsModel)  # (the one the table was made with)
        return model

    def set_columns(self, columns: Sequence[Column]) -> None:
        header = self.horizontalHeader()
        text = self.fontMetrics()
        bold = header.fontMetrics()
        for i, column in enumerate(columns):
            chip = 22 if column.decoration else 0
            cell = text.horizontalAdvance(column.sample) + chip + 14
            title = bold.horizontalAdvance(column.header) + 22  # and the sort arrow
            self.setColumnWidth(i, max(cell, title))
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(i, mode)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedRows()})

    def selected_session_ids(self) -> list[int]:
        return self.sessions_model().session_ids(self.selected_rows())

    def _open_current(self) -> None:
        index = self.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        session_id = self.sessions_model().session_id(row)
        if session_id is not None:
            self.open_requested.emit(session_id)

    def _trash_selected(self) -> None:
        ids = self.selected_session_ids()
        if ids:
            self.trash_requested.emit(ids)


class SessionsPanel(QWidget):
    """The table, a line that counts what is listed, and an explanation when nothing is."""

    def __init__(
        self,
        bus: AppBus,
        columns: Sequence[Column],
        flt: ListFilter,
        empty_text: str,
        nothing_matches: str,
        count_text: Callable[[int, bool], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.editor: QWidget | None = None
        self._filtered = False
        self.model = SessionsModel(columns, flt, parent=self)
        self.table = SessionsTable(self.model)
        self.table.open_requested.connect(self.open_session)
        self.table.trash_requested.connect(self.trash_sessions)

        self.empty_label = QLabel(empty_text)
        self.empty_label.setObjectName("EmptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_text, self._nothing_matches = empty_text, nothing_matches
        self._count_text = held(count_text)  # (the view's method: ui/weak.py)
        self.new_button = QPushButton(icon("new-session"), self.tr("Record a session in Today"))
        self.new_button.clicked.connect(lambda: bus.command.emit("new-session"))
        self.demo_button = QPushButton(self.tr("Open a demo journal"))
        self.demo_button.clicked.connect(lambda: bus.command.emit("open-demo"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.demo_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addSpacing(12)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)
        self.count_label = QLabel()
        self.count_label.setObjectName("SessionCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_filter(self, flt: ListFilter, filtered: bool) -> None:
        """A new filter: list from the top."""
        self._filtered = filtered
        self.model.set_filter(flt)
        self.table.scrollToTop()
        self._update_state()

    def refresh(self, flt: ListFilter, filtered: bool, units: Units) -> None:
        """Read again after a change, keeping the scroll position and the current row."""
        self._filtered = filtered
        bar = self.table.verticalScrollBar()
        position, current = bar.value(), self.table.currentIndex()
        row, column = current.row(), max(current.column(), 0)
        self.model.set_units(units)
        self.model.set_filter(flt, requery=False)
        self.model.requery()
        self._update_state()
        if row >= 0 and self.model.rowCount():
            # after a deletion the next session takes the deleted one's place
            row = min(row, self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(row, column))
        bar.setValue(position)

    def select_session(self, session_id: int, clear_filters: Callable[[], None]) -> bool:
        """Show and select a session asked for elsewhere; clears the filters if they hide it."""
        row = self.model.row_of(session_id)
        if row is None and self._filtered:
            clear_filters()
            row = self.model.row_of(session_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _update_state(self) -> None:
        n = self.model.rowCount()
        self.stack.setCurrentIndex(0 if n else 1)
        self.empty_label.setText(self._nothing_matches if self._filtered else self._empty_text)
        for button in (self.new_button, self.demo_button):
            button.setVisible(not self._filtered)
        self.clear_button.setVisible(self._filtered)
        count_text = self._count_text()
        if count_text is not None:
            self.count_label.setText(count_text(n, self._filtered))
        self.count_label.setVisible(bool(n))  # the empty state says it better

    # --- actions -----------------------------------------------------------------------------------

    def open_session(self, session_id: int) -> None:
        from cadence.ui.dialogs.session_editor import SessionEditor

        editor = SessionEditor(self.bus, session_id, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.destroyed.connect(lambda _obj=None: setattr(self, "editor", None))
        self.editor = editor
        editor.open()

    def trash_sessions(self, ids: list[int]) -> None:
        n = len(ids)
        if n == 1:
            description = self.tr("Move 1 session to the trash")
            done = self.tr("Moved 1 session to the trash. Undo with Ctrl+Z.")
        else:
            description = self.tr("Move {n} sessions to the trash").format(n=n)
            done = self.tr("Moved {n} sessions to the trash. Undo with Ctrl+Z.").format(n=n)
        self.bus.run(
            lambda: journal.trash_sessions(ids),
            UndoStep(description, lambda: journal.restore_sessions(ids)),
        )
        self.bus.status_message.emit(done)
