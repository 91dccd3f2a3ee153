"""The Music view: every music session in a table that stays quick at any size, filtered by dates,
piece and words; beside it the repertoire, each passage with its tempo history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, PieceStatus, label
from cadence.services.browse import listing
from cadence.services.browse.listing import ListFilter, PassageSummary, PieceSummary
from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.ui.bus import AppBus
from cadence.ui.charts.tempo import TempoChart
from cadence.ui.dialogs.repertoire import PassageDialog, PieceDialog
from cadence.ui.icons import icon
from cadence.ui.models.columns import format_day, music_columns, outcome_legend_html
from cadence.ui.safe_text import plain_tooltip
from cadence.ui.views.session_list import SessionListView
from cadence.ui.widgets.cells import child_items, item_at, top_level_items
from cadence.ui.widgets.filter_bar import FilterBar
from cadence.ui.widgets.sessions_table import SessionsPanel

_PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
HISTORY_ROWS = 50  # sessions listed under the tempo chart
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _bpm(value: float | None) -> str:
    return "" if value is None else QLocale().toString(float(value), "f", 0)


class _PassageItem(QTreeWidgetItem):
    """A passage's row; its tempo's tooltip (with how many blocks reached a clean tempo) is
    read when it is shown, not for every passage when the tree is filled."""

    def __init__(self, texts: list[str], passage: PassageSummary, tr: Callable[[str], str]) -> None:
        super().__init__(texts)
        self.passage, self._tr = passage, tr

    def data(self, column: int, role: int) -> object:
        if column == 2 and role == Qt.ItemDataRole.ToolTipRole:
            passage = self.passage
            return self._tr(
                "Start {start}, best clean {best}, target {target} BPM\n"
                "practised at a clean tempo in {n} blocks"
            ).format(
                start=_bpm(passage.start_bpm) or "–",
                best=_bpm(passage.best_bpm) or "–",
                target=_bpm(passage.target_bpm) or "–",
                n=listing.clean_blocks(passage.id),
            )
        return super().data(column, role)


class MusicView(SessionListView):
    NAME = "music"
    DISCIPLINE = Discipline.MUSIC
    CHOICE_FIELD = "piece_id"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.filter_bar = FilterBar(self.tr("Piece"), self.tr("All pieces"))
        self.panel = SessionsPanel(
            bus,
            music_columns(),
            ListFilter(Discipline.MUSIC),
            self.tr(
                "<h3>No music sessions yet</h3><p>Each practice, lesson or rehearsal you record "
                "appears here: what you worked on, how it went, where you stopped.</p>"
                "<p>Record one from Today (Ctrl+N), or open the demo journal to look around.</p>"
            ),
            self.tr("<h3>No music sessions match these filters</h3>"),
            self._count_text,
        )
        self.repertoire = RepertoirePanel(bus, self.panel.open_session)
        self._lay_out(self.repertoire, (3, 2), [740, 360])

    def _count_text(self, n: int, filtered: bool) -> str:
        """The count, and what the intention dots mean (rich text: the dots in colour)."""
        number = QLocale().toString(n)
        if filtered:
            count = self.tr("{n} music sessions match").format(n=number)
        elif n == 1:
            count = self.tr("1 music session")
        else:
            count = self.tr("{n} music sessions").format(n=number)
        return f"<span>{count} &nbsp;·&nbsp; {outcome_legend_html()}</span>"

    # --- View --------------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.sessions or changes.repertoire or changes.preferences

    def reload(self) -> None:
        pieces = listing.repertoire()
        self.filter_bar.set_choices([(p.title, p.id) for p in pieces])
        # "last 30 days" moves with the calendar: build the filter again on every reload
        self.panel.refresh(self._filter(), self.filter_bar.is_active(), load_preferences().units)
        self.repertoire.show_pieces(pieces)


class RepertoirePanel(QWidget):
    """Pieces and their passages (start, best clean and target tempo); the chosen passage's
    tempo history as a chart and a list.

    When the view is shown, the history (a query over the passage's sessions, the chart's items)
    is read and drawn just after the first paint, so the sessions table and the tree appear
    without waiting for it; a passage chosen later is drawn at once."""

    def __init__(
        self, bus: AppBus, open_session: Callable[[int], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.dialog: QDialog | None = None
        self._open_session = open_session
        self._pieces: list[PieceSummary] = []
        self._painted = False  # the chart painted since the panel was last shown
        self._history_due = False  # the chosen passage's history waits for that paint
        title = QLabel(self.tr("Repertoire"))
        title.setObjectName("PanelTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.add_piece_button = QPushButton(icon("new-session"), self.tr("Add piece…"))
        self.add_passage_button = QPushButton(self.tr("Add passage…"))
        self.add_piece_button.clicked.connect(self.add_piece)
        self.add_passage_button.clicked.connect(self.add_passage)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.add_piece_button)
        header.addWidget(self.add_passage_button)

        self.tree = QTreeWidget()
        self.tree.setObjectName("RepertoireTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(
            [self.tr("Piece / passage"), self.tr("Bars"), self.tr("Best / target")]
        )
        self.tree.headerItem().setTextAlignment(2, _RIGHT)
        self.tree.headerItem().setToolTip(
            2, self.tr("Best clean tempo reached, and the target (BPM)")
        )
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(False)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in ((1, "182–210"), (2, "Best / target")):
            tree_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(lambda _now, _before: self._show_selected())
        self.empty = QLabel(
            self.tr(
                "<p><b>No pieces yet.</b></p><p>Add a piece, then break it into passages, each "
                "with a start and a target tempo. Every block you log on a passage with clean "
                "reps and the tempo reached draws its progress here.</p>"
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(8, 8, 8, 8)
        self.tree_stack = QStackedWidget()
        self.tree_stack.addWidget(self.tree)
        self.tree_stack.addWidget(self.empty)

        self.chart = TempoChart()
        self.chart.viewport().installEventFilter(self)
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("TempoHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Session"), self.tr("Best clean BPM"), self.tr("Of target")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setShowGrid(False)
        self.history.setAlternatingRowColors(True)
        self.history.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history.setToolTip(self.tr("Double-click a session to open it"))
        self.history.itemDoubleClicked.connect(self._history_opened)
        self.history_caption = QLabel()
        self.history_caption.setObjectName("TempoHistoryCaption")
        self.history_box = history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 4, 0, 0)
        history_layout.setSpacing(4)
        history_layout.addWidget(self.history_caption)
        history_layout.addWidget(self.history, 1)
        detail = QSplitter(Qt.Orientation.Vertical)
        detail.setChildrenCollapsible(False)
        detail.addWidget(self.tree_stack)
        detail.addWidget(self.chart)
        detail.addWidget(history_box)
        detail.setSizes([260, 200, 160])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(detail, 1)

    # --- showing -----------------------------------------------------------------------------------

    def show_pieces(self, pieces: list[PieceSummary]) -> None:
        chosen = self.current_passage()
        chosen_id = chosen.id if chosen else None
        self._pieces = pieces
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        select: QTreeWidgetItem | None = None
        row_height = self.tree.fontMetrics().height() + 10
        tops: list[QTreeWidgetItem] = []
        for piece in pieces:
            top = QTreeWidgetItem([piece.title])
            top.setSizeHint(0, QSize(0, row_height))
            top.setFont(0, bold)
            top.setData(0, Qt.ItemDataRole.UserRole, piece.id)
            composer = f" — {piece.composer}" if piece.composer else ""
            known = piece.status in {s.value for s in PieceStatus}  # else it reads as it is
            status = self.tr(label(PieceStatus(piece.status))) if known else piece.status
            top.setToolTip(0, plain_tooltip(f"{piece.title}{composer}\n{status}"))
            if piece.composer:
                top.setText(0, f"{piece.title}  ·  {piece.composer}")
            for passage in piece.passages:
                tempo = f"{_bpm(passage.best_bpm) or '–'} / {_bpm(passage.target_bpm) or '–'}"
                child = _PassageItem([passage.label, passage.bars, tempo], passage, self.tr)
                child.setTextAlignment(2, _RIGHT)
                child.setData(0, _PASSAGE_ROLE, passage.id)
                child.setSizeHint(0, QSize(0, row_height))
                child.setToolTip(0, plain_tooltip(passage.label))
                top.addChild(child)
                if passage.id == chosen_id:
                    select = child
            tops.append(top)
        self.tree.addTopLevelItems(tops)  # (one insertion, not one per piece)
        for top in tops:
            top.setFirstColumnSpanned(True)  # a piece's title may use the whole row
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.tree_stack.setCurrentIndex(0 if pieces else 1)
        for widget in (self.chart, self.history_box):  # no tempo to show without a piece
            widget.setVisible(bool(pieces))
        self.add_passage_button.setEnabled(bool(pieces))
        if select is None:
            select = self._first_practised_passage()
        if select is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(select)
            self.tree.blockSignals(False)
        if self._painted or not pieces:
            self._show_selected()
        else:  # just shown: the history follows the first paint (eventFilter)
            self._history_due = True

    def showEvent(self, event) -> None:
        self._painted = False  # (a child's show event comes before its view's reload)
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            if self._history_due:  # once this paint is on screen
                QTimer.singleShot(0, self, self._show_due)
        return False

    def _show_due(self) -> None:
        if self._history_due and self.isVisible():
            self._show_selected()

    def _first_practised_passage(self) -> QTreeWidgetItem | None:
        """What to show before a choice is made: a passage with a tempo history, if any."""
        best = next(
            (pa.id for p in self._pieces for pa in p.passages if pa.best_bpm is not None), None
        )
        for top in top_level_items(self.tree):
            for child in child_items(top):
                if child.data(0, _PASSAGE_ROLE) == best:
                    return child
        return None

    def current_piece_id(self) -> int | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def current_passage(self) -> PassageSummary | None:
        item = self.tree.currentItem()
        passage_id = None if item is None else item.data(0, _PASSAGE_ROLE)
        for piece in self._pieces:
            for passage in piece.passages:
                if passage.id == passage_id:
                    return passage
        return None

    def select_passage(self, passage_id: int) -> None:
        for top in top_level_items(self.tree):
            for child in child_items(top):
                if child.data(0, _PASSAGE_ROLE) == passage_id:
                    self.tree.setCurrentItem(child)
                    return

    def _show_selected(self) -> None:
        self._history_due = False
        passage = self.current_passage()
        self.history.setRowCount(0)
        self.history_caption.setText("")
        if passage is None:
            self.chart.show_hint(self.tr("Choose a passage to see its tempo history"))
            return
        entries = listing.tempo_history(passage.id)
        self.chart.show_passage(passage, entries)
        latest = entries[::-1][:HISTORY_ROWS]  # newest first; the chart shows them all
        if len(entries) > HISTORY_ROWS:
            self.history_caption.setText(
                self.tr("Best clean tempo: the latest {n} of {total} sessions").format(
                    n=HISTORY_ROWS, total=QLocale().toString(len(entries))
                )
            )
        else:
            self.history_caption.setText(self.tr("Best clean tempo per session"))
        self.history.setRowCount(len(latest))
        for row, entry in enumerate(latest):
            day = QTableWidgetItem(format_day(entry.day))
            day.setData(Qt.ItemDataRole.UserRole, entry.session_id)
            bpm = QTableWidgetItem(_bpm(entry.best_bpm))
            share = ""
            if passage.target_bpm:
                share = f"{QLocale().toString(100 * entry.best_bpm / passage.target_bpm, 'f', 0)}%"
            of_target = QTableWidgetItem(share)
            for column, item in enumerate((day, bpm, of_target)):
                if column:
                    item.setTextAlignment(_RIGHT)
                self.history.setItem(row, column, item)

    def _history_opened(self, item: QTableWidgetItem) -> None:
        session_id = item_at(self.history, item.row(), 0).data(Qt.ItemDataRole.UserRole)
        self._open_session(session_id)

    # --- adding ------------------------------------------------------------------------------------

    def add_piece(self) -> None:
        self.dialog = PieceDialog(self.bus, self)
        self.dialog.open()

    def add_passage(self) -> None:
        pieces = [(p.id, p.title) for p in self._pieces]
        dialog = PassageDialog(self.bus, pieces, self.current_piece_id(), self)
        dialog.saved.connect(self.select_passage)
        self.dialog = dialog
        dialog.open()
