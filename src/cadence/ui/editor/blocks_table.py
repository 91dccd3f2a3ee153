"""The blocks of a session as an editable table: label, passage, reps, time, distance, tempo/pace.

Columns that do not belong to the discipline are hidden, not dropped, so switching back and forth
loses nothing; fields the table does not show (notes, heart rate) travel with the row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import count

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QPushButton, QTableWidgetItem, QWidget

from cadence.domain.enums import Discipline
from cadence.domain.records import BlockData
from cadence.domain.units import METRES_PER_MILE, Units, duration_words, pace_text, parse_pace
from cadence.services.records.library import repertoire_passages
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.new_passage import NEW_PASSAGE, offer_new_passage
from cadence.ui.editor.table_base import RowsEditor
from cadence.ui.widgets.fields import (
    format_number,
    parse_number,
    parse_optional_duration,
    select_data,
    show_duration_cell,
)


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str  # text, passage, reps, duration, distance, bpm, pace
    music: bool
    running: bool


COLUMNS = (
    Column("label", "Label", "text", True, True),
    Column("passage_id", "Passage", "passage", True, False),
    Column("planned_reps", "Planned reps", "reps", True, True),
    Column("done_reps", "Done reps", "reps", True, True),
    Column("clean_reps", "Clean reps", "reps", True, False),
    Column("duration_s", "Duration", "duration", True, True),
    Column("distance_m", "Distance", "distance", False, True),
    Column("target_bpm", "Target BPM", "bpm", True, False),
    Column("achieved_bpm", "Best BPM", "bpm", True, False),
    Column("target_pace_s_per_km", "Target pace", "pace", False, True),
    Column("achieved_pace_s_per_km", "Pace", "pace", False, True),
)
COLUMN_OF = {c.field: i for i, c in enumerate(COLUMNS)}
_KEY_ROLE = Qt.ItemDataRole.UserRole
_ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1
_keys = count(1)


class BlocksEditor(RowsEditor):
    HEADERS = tuple(c.header for c in COLUMNS)
    COLUMN_OF = COLUMN_OF
    ROW_NAME = "Block {n}"
    blocksChanged = Signal()

    def __init__(self, units: Units, parent: QWidget | None = None) -> None:
        super().__init__("BlocksTable", "Add block", 0, parent)
        layout = self.layout()
        assert layout is not None  # (the rows' layout, made by RowsEditor)
        layout.setContentsMargins(-1, -1, -1, -1)  # the style's margins, unlike the others
        self.units = units
        self.per_unit = METRES_PER_MILE if units == "mi" else 1000.0
        self.discipline = Discipline.MUSIC
        self._passages: list[tuple[int | None, str]] | None = None
        self._kept_passages: set[int] = set()  # shelved pieces' passages the blocks hold

        self.table.setHorizontalHeaderLabels([self._header(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(72)
        for col, column in enumerate(COLUMNS):
            if column.kind not in ("text", "passage"):  # numbers: as wide as their header
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(COLUMN_OF["passage_id"], 230)
        self.table.itemChanged.connect(self._on_item_changed)

        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.bus: AppBus | None = None  # the app bus, set by the session editor
        self.new_passage_button = QPushButton(self.tr(NEW_PASSAGE))
        self.new_passage_button.setToolTip(
            self.tr("Add a piece and a passage to the repertoire (Music) for this block")
        )
        self.new_passage_button.clicked.connect(self.add_passage)
        self.add_button.clicked.connect(lambda: self.start_editing(self.add_block()))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.buttons.insertWidget(2, self.up_button)
        self.buttons.insertWidget(3, self.down_button)
        self.buttons.addWidget(self.new_passage_button)
        self.set_discipline(Discipline.MUSIC)

    def _header(self, column: Column) -> str:
        text = self.tr(column.header)
        if column.kind == "distance":
            return f"{text} ({self.units})"
        if column.kind == "pace":
            return f"{text} (/{self.units})"
        return text

    # --- rows --------------------------------------------------------------------------------------

    def passage_choices(self) -> list[tuple[int | None, str]]:
        if self._passages is None:
            self._passages = [(None, "—")]
            for passage in repertoire_passages(self._kept_passages):
                text = f"{passage.piece} · {passage.label}"
                if passage.bars and passage.bars not in passage.label:
                    text += f" ({passage.bars})"
                self._passages.append((passage.passage_id, text))
        return self._passages

    def add_passage(self) -> None:
        """The Music view's Add piece/passage dialogs; the new passage goes on the current block
        (a new block when there is none) and is offered in every row."""
        if self.bus is None:
            return
        offer_new_passage(self.bus, self, self._passage_added)

    def _passage_added(self, passage_id: int) -> None:
        self._passages = None
        column = COLUMN_OF["passage_id"]
        for row in range(self.table.rowCount()):
            combo = self.cell_combo(row, column)
            keep = combo.currentData()
            combo.clear()
            for choice_id, text in self.passage_choices():
                combo.addItem(text, choice_id)
            select_data(combo, keep)
        row = self.table.currentRow()
        if row < 0:
            row = self.add_block(BlockData())
        select_data(self.cell_combo(row, column), passage_id)

    def add_block(self, block: BlockData | None = None) -> int:
        block = block or BlockData()
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for col, column in enumerate(COLUMNS):
            if column.kind == "passage":
                self.table.setItem(row, col, QTableWidgetItem())
                combo = QComboBox()
                for passage_id, text in self.passage_choices():
                    combo.addItem(text, passage_id)
                select_data(combo, block.passage_id)
                self.table.setCellWidget(row, col, combo)
                continue
            item = QTableWidgetItem(self._display(column, getattr(block, column.field)))
            if column.kind != "text":
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, col, item)
        first = self.cell_item(row, 0)
        first.setData(_KEY_ROLE, next(_keys))
        first.setData(_ORIGINAL_ROLE, block)
        self.table.blockSignals(False)
        self.blocksChanged.emit()
        return row

    def remove_row(self) -> bool:
        removed = super().remove_row()
        if removed:
            self.blocksChanged.emit()
        return removed

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        blocks, _ = self.blocks(strict=False)
        keys = self.block_keys()
        blocks[row], blocks[target] = blocks[target], blocks[row]
        keys[row], keys[target] = keys[target], keys[row]
        self.set_blocks(blocks, keys)
        self.table.setCurrentCell(target, 0)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self.blocksChanged.emit()
        column = COLUMNS[item.column()]
        if column.kind == "duration":
            show_duration_cell(item, self.tr(column.header), self.discipline, self.error)

    # --- discipline --------------------------------------------------------------------------------

    def set_discipline(self, discipline: Discipline) -> None:
        self.discipline = discipline
        for col, column in enumerate(COLUMNS):
            shown = column.music if discipline == Discipline.MUSIC else column.running
            self.table.setColumnHidden(col, not shown)
        self.new_passage_button.setVisible(discipline == Discipline.MUSIC)

    # --- values ------------------------------------------------------------------------------------

    def _display(self, column: Column, value: object) -> str:
        if value is None:
            return ""
        if column.kind == "text":
            return str(value)
        assert isinstance(value, int | float)  # the other columns hold numbers (BlockData)
        if column.kind == "duration":
            return duration_words(value)
        if column.kind == "distance":
            return format_number(value / self.per_unit, 2)
        if column.kind == "pace":
            return pace_text(value, self.units)
        return format_number(value)

    def _parse(self, column: Column, text: str) -> object:
        what = self.tr(column.header)
        if column.kind == "text":
            return text.strip()
        if column.kind == "reps":
            return parse_number(text, what, whole=True)
        if column.kind == "duration":
            return parse_optional_duration(text, what, self.discipline)
        if column.kind == "distance":
            value = parse_number(text, what)
            return None if value is None else value * self.per_unit
        if column.kind == "pace":
            try:
                return parse_pace(text, self.units)
            except ValueError as exc:
                raise ValueError(f"{what}: {exc}") from None
        return parse_number(text, what)

    def set_blocks(self, blocks: list[BlockData], keys: list[int] | None = None) -> None:
        # a shelved piece is not offered, but a block that holds one of its passages keeps it
        self._kept_passages = {b.passage_id for b in blocks if b.passage_id is not None}
        self._passages = None
        self.table.setRowCount(0)
        for i, block in enumerate(blocks):
            row = self.add_block(block)
            if keys is not None:
                self.cell_item(row, 0).setData(_KEY_ROLE, keys[i])
        self.blocksChanged.emit()

    def blocks(self, strict: bool = True) -> tuple[list[BlockData], dict[str, str]]:
        """The rows as blocks, and what could not be read ('blocks[1].done_reps': message)."""
        result: list[BlockData] = []
        errors: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            block: BlockData = self.cell_item(row, 0).data(_ORIGINAL_ROLE) or BlockData()
            values: dict[str, object] = {}
            for col, column in enumerate(COLUMNS):
                if column.kind == "passage":
                    values[column.field] = self.cell_combo(row, col).currentData()
                    continue
                item = self.table.item(row, col)
                try:
                    values[column.field] = self._parse(column, item.text() if item else "")
                except ValueError as exc:
                    errors[f"blocks[{row}].{column.field}"] = str(exc)
                    if not strict:
                        values[column.field] = getattr(block, column.field)
            result.append(replace(block, **values))
        return result, errors

    def block_keys(self) -> list[int]:
        return [self.cell_item(r, 0).data(_KEY_ROLE) for r in range(self.table.rowCount())]

    def block_names(self) -> list[str]:
        names = []
        for row in range(self.table.rowCount()):
            text = self.cell_item(row, 0).text().strip()
            names.append(self.tr("Block {n}").format(n=row + 1) + (f" · {text}" if text else ""))
        return names

    def state(self) -> tuple:
        cells = []
        for row in range(self.table.rowCount()):
            for col, column in enumerate(COLUMNS):
                if column.kind == "passage":
                    cells.append(self.cell_combo(row, col).currentData())
                else:
                    item = self.table.item(row, col)
                    cells.append(item.text() if item else "")
        return tuple(cells)

    # --- errors ------------------------------------------------------------------------------------

    def show_error(self, row: int | None, field: str, message: str) -> QWidget:
        """Mark the cell at fault, say what is wrong under the table, and put the cursor there."""
        col = COLUMN_OF.get(field, 0)
        where = self.tr("Block {n}").format(n=(row or 0) + 1)
        if field in COLUMN_OF:
            where += f" · {self._header(COLUMNS[col])}"
        return self.mark_error(row, col, f"{where}: {message}", message)
