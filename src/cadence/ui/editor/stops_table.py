"""The stop-points of a session as an editable table: when (time or rep), why, where in the body,
how bad, whether the session stopped or pushed on, and in which block."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import BodyArea, BodySide, StopAction, StopReason, label
from cadence.domain.palette import REASON_COLOURS
from cadence.domain.records import StopPointData
from cadence.domain.units import DURATION_HINT, duration_words
from cadence.ui.editor.fields import (
    format_number,
    parse_number,
    parse_optional_duration,
    select_data,
    show_duration_cell,
)
from cadence.ui.editor.rows_table import EditableRows
from cadence.ui.safe_text import plain_tooltip

HEADERS = ("At (time)", "Rep", "Reason", "Body area", "Side", "Severity", "Action", "Block", "Note")
AT, REP, REASON, BODY, SIDE, SEVERITY, ACTION, BLOCK, NOTE = range(len(HEADERS))
COLUMN_OF = {
    "elapsed_s": AT,
    "planned_s": AT,
    "rep_index": REP,
    "planned_reps": REP,
    "reason": REASON,
    "body_area": BODY,
    "side": SIDE,
    "severity": SEVERITY,
    "action": ACTION,
    "block_position": BLOCK,
    "note": NOTE,
}
_ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 1


class StopsEditor(EditableRows):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(HEADERS), "StopsTable", parent)
        self.craft: object = None  # the session's discipline: how a two-part time reads
        self._block_keys: list[int] = []
        self._block_names: list[str] = []
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        widths = (
            (AT, 80),
            (REP, 50),
            (REASON, 130),
            (BODY, 110),
            (SIDE, 70),
            (SEVERITY, 70),
            (ACTION, 105),
        )
        for col, width in (*widths, (BLOCK, 200)):
            self.table.setColumnWidth(col, width)
        self.table.setToolTip(
            self.tr("Time from the start: {0}; or the repetition it came at").format(
                self.tr(DURATION_HINT)
            )
        )
        self.table.itemChanged.connect(self._on_item_changed)
        self.add_button = QPushButton(self.tr("Add stop-point"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(lambda: self.start_editing(self.add_stop()))
        self.remove_button.clicked.connect(self.remove_stop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    # --- rows --------------------------------------------------------------------------------------

    def _combo(self, enum: type, value: object, colours: dict | None = None) -> QComboBox:
        combo = QComboBox()
        for member in enum:
            combo.addItem(self.tr(label(member)), member)
            if colours and member in colours:
                combo.setItemData(
                    combo.count() - 1, QColor(colours[member]), Qt.ItemDataRole.DecorationRole
                )
        select_data(combo, value)
        return combo

    def add_stop(self, stop: StopPointData | None = None, block_key: int | None = None) -> int:
        stop = stop or StopPointData(reason=StopReason.FORM)
        row = self.table.rowCount()
        self.table.insertRow(row)
        at = QTableWidgetItem(duration_words(stop.elapsed_s) if stop.elapsed_s else "")
        at.setData(_ORIGINAL_ROLE, stop)
        self.table.setItem(row, AT, at)
        self.table.setItem(row, REP, QTableWidgetItem(format_number(stop.rep_index)))
        self.table.setItem(row, NOTE, QTableWidgetItem(stop.note))
        for col in (REASON, BODY, SIDE, SEVERITY, ACTION, BLOCK):
            self.table.setItem(row, col, QTableWidgetItem())
        self.table.setCellWidget(row, REASON, self._combo(StopReason, stop.reason, REASON_COLOURS))
        self.table.setCellWidget(row, BODY, self._combo(BodyArea, stop.body_area))
        self.table.setCellWidget(row, SIDE, self._combo(BodySide, stop.side))
        severity = QSpinBox()
        severity.setRange(1, 5)
        severity.setValue(stop.severity if 1 <= stop.severity <= 5 else 1)
        self.table.setCellWidget(row, SEVERITY, severity)
        self.table.setCellWidget(row, ACTION, self._combo(StopAction, stop.action))
        block = QComboBox()
        self._fill_block_combo(block, block_key)
        self.table.setCellWidget(row, BLOCK, block)
        return row

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == AT and item.data(_ORIGINAL_ROLE) is not None:
            show_duration_cell(item, self.tr("Time"), self.craft, self.error)

    def remove_stop(self) -> None:
        self.remove_current_row()

    # --- blocks the stop-points may point to ---------------------------------------------------

    def _fill_block_combo(self, combo: QComboBox, key: int | None) -> None:
        combo.clear()
        combo.addItem("—", None)
        for block_key, name in zip(self._block_keys, self._block_names, strict=True):
            combo.addItem(name, block_key)
            combo.setItemData(combo.count() - 1, plain_tooltip(name), Qt.ItemDataRole.ToolTipRole)
        select_data(combo, key)

    def set_blocks(self, keys: list[int], names: list[str]) -> None:
        """The session's blocks changed: offer them, keeping each row's choice if still there."""
        self._block_keys, self._block_names = list(keys), list(names)
        for row in range(self.table.rowCount()):
            combo: QComboBox = self.table.cellWidget(row, BLOCK)
            self._fill_block_combo(combo, combo.currentData())

    # --- values ------------------------------------------------------------------------------------

    def set_stops(self, stops: list[StopPointData], block_keys: list[int]) -> None:
        self.table.setRowCount(0)
        for stop in stops:
            key = None
            if stop.block_position is not None and stop.block_position < len(block_keys):
                key = block_keys[stop.block_position]
            self.add_stop(stop, key)

    def stops(self, block_keys: list[int]) -> tuple[list[StopPointData], dict[str, str]]:
        result: list[StopPointData] = []
        errors: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            original: StopPointData = self.table.item(row, AT).data(_ORIGINAL_ROLE)
            at = f"stop_points[{row}]"
            elapsed = rep = None
            try:
                elapsed = parse_optional_duration(
                    self.table.item(row, AT).text(), self.tr("Time"), self.craft
                )
            except ValueError as exc:
                errors[f"{at}.elapsed_s"] = str(exc)
            try:
                rep = parse_number(self.table.item(row, REP).text(), self.tr("Rep"), whole=True)
            except ValueError as exc:
                errors[f"{at}.rep_index"] = str(exc)
            key = self.table.cellWidget(row, BLOCK).currentData()
            result.append(
                replace(
                    original,
                    elapsed_s=elapsed,
                    rep_index=rep,
                    reason=self.table.cellWidget(row, REASON).currentData(),
                    body_area=self.table.cellWidget(row, BODY).currentData(),
                    side=self.table.cellWidget(row, SIDE).currentData(),
                    severity=self.table.cellWidget(row, SEVERITY).value(),
                    action=self.table.cellWidget(row, ACTION).currentData(),
                    note=self.table.item(row, NOTE).text().strip(),
                    block_position=block_keys.index(key) if key in block_keys else None,
                )
            )
        return result, errors

    def state(self) -> tuple:
        cells = []
        for row in range(self.table.rowCount()):
            for col in (AT, REP, NOTE):
                cells.append(self.table.item(row, col).text())
            for col in (REASON, BODY, SIDE, ACTION, BLOCK):
                cells.append(self.table.cellWidget(row, col).currentData())
            cells.append(self.table.cellWidget(row, SEVERITY).value())
        return tuple(cells)

    # --- errors ------------------------------------------------------------------------------------

    def show_error(self, row: int | None, field: str, message: str) -> QWidget:
        col = COLUMN_OF.get(field, AT)
        where = self.tr("Stop-point {n}").format(n=(row or 0) + 1)
        return self.mark_error(row, col, f"{where} · {self.tr(HEADERS[col])}: {message}", message)
