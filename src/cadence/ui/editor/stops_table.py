"""The stop-points of a session as an editable table: when (time or rep), why, where in the body,
how bad, whether the session stopped or pushed on, and in which block."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QSpinBox, QTableWidgetItem, QWidget

from cadence.domain.enums import BodyArea, BodySide, StopAction, StopReason, label
from cadence.domain.palette import REASON_COLOURS
from cadence.domain.records import StopPointData
from cadence.domain.units import DURATION_HINT, duration_words
from cadence.ui.editor.table_base import ORIGINAL_ROLE, TimedRowsEditor
from cadence.ui.safe_text import plain_tooltip
from cadence.ui.widgets.fields import (
    format_number,
    parse_number,
    parse_optional_duration,
    select_data,
)

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


class StopsEditor(TimedRowsEditor):
    HEADERS = HEADERS
    COLUMN_OF = COLUMN_OF
    ROW_NAME = "Stop-point {n}"
    FIRST_COLUMN = AT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("StopsTable", "Add stop-point", NOTE, parent)
        self._block_keys: list[int] = []
        self._block_names: list[str] = []
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
        self.add_button.clicked.connect(lambda: self.start_editing(self.add_stop()))

    # --- rows --------------------------------------------------------------------------------------

    def _combo(self, enum: type[StrEnum], value: object, colours: dict | None = None) -> QComboBox:
        combo = QComboBox()
        for member in enum:
            combo.addItem(self.tr(label(member)), member)
            if colours and member in colours:
                combo.setItemData(
                    combo.count() - 1, QColor(colours[member]), Qt.ItemDataRole.DecorationRole
                )
        select_data(combo, value, keep_unknown=True)
        return combo

    def add_stop(self, stop: StopPointData | None = None, block_key: int | None = None) -> int:
        stop = stop or StopPointData(reason=StopReason.FORM)
        row = self.table.rowCount()
        self.table.insertRow(row)
        at = QTableWidgetItem(duration_words(stop.elapsed_s) if stop.elapsed_s else "")
        at.setData(ORIGINAL_ROLE, stop)
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
            combo = self.cell_combo(row, BLOCK)
            self._fill_block_combo(combo, combo.currentData())

    # --- values ------------------------------------------------------------------------------------

    def set_stops(self, stops: list[StopPointData], block_keys: list[int]) -> None:
        self.table.setRowCount(0)
        for stop in stops:
            self.add_stop(stop, self.block_key(stop.block_position, block_keys))

    def stops(self, block_keys: list[int]) -> tuple[list[StopPointData], dict[str, str]]:
        result: list[StopPointData] = []
        errors: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            original: StopPointData = self.cell_item(row, AT).data(ORIGINAL_ROLE)
            at = f"stop_points[{row}]"
            elapsed = rep = None
            try:
                elapsed = parse_optional_duration(
                    self.cell_item(row, AT).text(), self.tr("Time"), self.craft
                )
            except ValueError as exc:
                errors[f"{at}.elapsed_s"] = str(exc)
            try:
                rep = parse_number(self.cell_item(row, REP).text(), self.tr("Rep"), whole=True)
            except ValueError as exc:
                errors[f"{at}.rep_index"] = str(exc)
            key = self.cell_combo(row, BLOCK).currentData()
            result.append(
                replace(
                    original,
                    elapsed_s=elapsed,
                    rep_index=rep,
                    reason=self.cell_combo(row, REASON).currentData(),
                    body_area=self.cell_combo(row, BODY).currentData(),
                    side=self.cell_combo(row, SIDE).currentData(),
                    severity=self.cell_spin(row, SEVERITY).value(),
                    action=self.cell_combo(row, ACTION).currentData(),
                    note=self.cell_item(row, NOTE).text().strip(),
                    block_position=block_keys.index(key) if key in block_keys else None,
                )
            )
        return result, errors

    def state(self) -> tuple:
        cells = []
        for row in range(self.table.rowCount()):
            for col in (AT, REP, NOTE):
                cells.append(self.cell_item(row, col).text())
            for col in (REASON, BODY, SIDE, ACTION, BLOCK):
                cells.append(self.cell_combo(row, col).currentData())
            cells.append(self.cell_spin(row, SEVERITY).value())
        return tuple(cells)
